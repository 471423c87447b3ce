// Package postgres keeps a campaign in a PostgreSQL database (through
// jackc/pgx), so that a newsroom's editors share one campaign from
// several machines: the same tables, views and behaviour as the sqlite
// store, with changes made from a stale version refused rather than
// overwritten.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver "pgx"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/internal/sqlstore"
	"github.com/foiwire/foiwire/request"
	"github.com/foiwire/foiwire/sqlite"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open campaign database on a PostgreSQL server. It implements
// foiwire.Store and request.Store, and is safe for concurrent use.
type DB struct {
	*sqlstore.DB
	where string
}

var (
	_ foiwire.Store = (*DB)(nil)
	_ request.Store = (*DB)(nil)
)

var dialect = sqlstore.Dialect{
	Name:     "postgres",
	Numbered: true,
	IsUnique: func(err error) bool {
		var e *pgconn.PgError
		return errors.As(err, &e) && e.Code == "23505"
	},
	MaxParams: 65535,
}

// Open connects to the database a postgres:// URL names and brings its
// schema up to date, each migration in its own transaction, recorded in
// schema_migrations. Two servers opening the same database at once take
// turns. It returns an error naming the database (never its password).
func Open(ctx context.Context, dsn string) (*DB, error) {
	where := Redact(dsn)
	sdb, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", where, err)
	}
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open database %s: %w", where, err)
	}
	db := &DB{DB: sqlstore.New(sdb, dialect), where: where}
	// An advisory lock keeps two foiwire processes from migrating at once.
	conn, err := sdb.Conn(ctx)
	if err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open database %s: %w", where, err)
	}
	defer conn.Close()
	const lockID = 0x666f6977 // "foiw"
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, lockID); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("database %s: lock for migrations: %w", where, err)
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, lockID)
	if err := db.Migrate(ctx, migrations, "migrations"); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("database %s: %w", where, err)
	}
	return db, nil
}

// String names the database without its password.
func (db *DB) String() string { return db.where }

// Redact returns a postgres:// URL with any password replaced by "xxxxx".
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres database"
	}
	return u.Redacted()
}

// identityTables are the tables whose ids PostgreSQL numbers itself.
var identityTables = []string{"figures", "withdrawals", "corrections"}

// CopyFrom copies a whole campaign (replies, figures, corrections,
// requests, accounts, reviews and the last build's outputs) from an SQLite
// store into this one, in one transaction. It refuses a database that
// already holds a campaign, returning an error wrapping foiwire.ErrConflict.
func (db *DB) CopyFrom(ctx context.Context, src *sqlite.DB) (sqlstore.CopyReport, error) {
	rep, err := sqlstore.Copy(ctx, db.DB, src.DB, false, func(ctx context.Context, tx *sql.Tx) error {
		for _, t := range identityTables {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), coalesce((SELECT max(id) FROM %s), 0) + 1, false)`, t, t)); err != nil {
				return fmt.Errorf("renumber %s: %w", t, err)
			}
		}
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("copy %s into %s: %w", src.Path(), db.where, err)
	}
	return rep, nil
}

// WriteCopy writes the campaign, without accounts, as a new SQLite file
// at name: the download editors take away.
func (db *DB) WriteCopy(ctx context.Context, name string) error {
	cp, err := sqlite.Open(ctx, name)
	if err != nil {
		return err
	}
	if _, err := sqlstore.Copy(ctx, cp.DB, db.DB, true, nil); err != nil {
		cp.Close()
		return fmt.Errorf("copy database: %w", err)
	}
	return cp.Close()
}
