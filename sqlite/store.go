// Package sqlite keeps a campaign's documents, figures and working state in
// SQLite (modernc.org/sqlite, pure Go): one file per campaign that a
// journalist can open in any SQLite tool, with views (figures_readable,
// facts, stories) that read without knowing the schema. It is the default
// store; postgres serves a newsroom sharing one campaign.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"os"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/foiwire/foiwire/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open campaign database. It implements foiwire.Store and
// request.Store, and is safe for concurrent use.
type DB struct {
	*sqlstore.DB
	path string
}

// dialect is how SQLite differs from the queries' SQL.
var dialect = sqlstore.Dialect{
	Name: "sqlite",
	IsUnique: func(err error) bool {
		var e *sqlite.Error
		return errors.As(err, &e) && (e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
	},
	MaxParams: 32766,
}

// Open opens (creating if need be) the SQLite database at path and brings its
// schema up to date, each migration in its own transaction. It returns an
// error naming the file and the migration that failed.
func Open(ctx context.Context, path string) (*DB, error) {
	// Transactions start IMMEDIATE: a transaction that reads and then
	// writes (a correction checked against the latest) waits its turn
	// rather than failing half-way.
	dsn := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	if path == ":memory:" {
		dsn = "file::memory:?_pragma=foreign_keys(1)"
	}
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if path == ":memory:" {
		sdb.SetMaxOpenConns(1)
	}
	db := &DB{DB: sqlstore.New(sdb, dialect), path: path}
	if err := db.Migrate(ctx, migrations, "migrations"); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	return db, nil
}

// Path returns the file the database lives in.
func (db *DB) Path() string { return db.path }

// String returns the file the database lives in.
func (db *DB) String() string { return db.path }

// WriteCopy writes a consistent copy of the database to the file name,
// which must not exist, with the accounts taken out: the data, corrections
// and approvals, but no users, password hashes, sessions or API tokens.
func (db *DB) WriteCopy(ctx context.Context, name string) error {
	if _, err := db.SQL().ExecContext(ctx, `VACUUM INTO ?`, name); err != nil {
		return fmt.Errorf("copy database: %w", err)
	}
	cp, err := Open(ctx, name)
	if err != nil {
		os.Remove(name)
		return err
	}
	// Deleting leaves the rows in free pages; VACUUM rewrites the file
	// without them, and the journal goes back to a single file.
	for _, q := range []string{`DELETE FROM sessions`, `DELETE FROM api_tokens`, `DELETE FROM users`, `PRAGMA journal_mode=DELETE`, `VACUUM`} {
		if _, err := cp.SQL().ExecContext(ctx, q); err != nil {
			cp.Close()
			return fmt.Errorf("copy database: %s: %w", q, err)
		}
	}
	return cp.Close()
}
