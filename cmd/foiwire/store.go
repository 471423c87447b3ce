package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/postgres"
	"github.com/foiwire/foiwire/request"
	"github.com/foiwire/foiwire/sqlite"
)

// campaignStore is a campaign's store with its requests.
type campaignStore interface {
	foiwire.Store
	request.Store
	fmt.Stringer // where it is, for messages; never a password
}

// isPostgres reports whether a --db value names a PostgreSQL database
// rather than an SQLite file.
func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// openStore opens the campaign store a --db flag names: a postgres://
// URL, an SQLite file, or (when empty) DIR/foiwire.db.
func openStore(ctx context.Context, db, dir string) (campaignStore, error) {
	if isPostgres(db) {
		return postgres.Open(ctx, db)
	}
	if db == "" {
		db = filepath.Join(dir, "foiwire.db")
	}
	return sqlite.Open(ctx, db)
}
