// Package sqlstore is the SQL behind the sqlite and postgres stores: one
// set of queries, written with ? placeholders and the SQL both databases
// share (ON CONFLICT, RETURNING), run through a Dialect that says how the
// two differ. Each store keeps its own schema as embedded migrations.
package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Dialect says how one database differs from the SQL the queries are
// written in.
type Dialect struct {
	// Name is the database's name for messages: "sqlite", "postgres".
	Name string
	// Numbered is true when placeholders are $1, $2, ... rather than ?.
	Numbered bool
	// IsUnique reports whether err is a unique-constraint violation.
	IsUnique func(err error) bool
	// MaxParams is the most placeholders one statement may hold.
	MaxParams int
}

// DB is an open campaign database. It is safe for concurrent use.
type DB struct {
	sql *sql.DB
	d   Dialect
	// Now is the clock used for timestamps; tests set it.
	Now func() time.Time
}

// New wraps an open database handle.
func New(sdb *sql.DB, d Dialect) *DB {
	return &DB{sql: sdb, d: d, Now: time.Now}
}

// SetNow sets the clock used for timestamps.
func (db *DB) SetNow(now func() time.Time) { db.Now = now }

// SQL returns the underlying handle, for the store that owns it.
func (db *DB) SQL() *sql.DB { return db.sql }

// Dialect returns how the database speaks.
func (db *DB) Dialect() Dialect { return db.d }

// Close closes the database.
func (db *DB) Close() error { return db.sql.Close() }

// rebind writes q's ? placeholders as the dialect wants them.
func (d Dialect) rebind(q string) string {
	if !d.Numbered || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	inQuote := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
		case c == '?' && !inQuote:
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// querier is a database or a transaction.
type querier interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, q string) (*sql.Stmt, error)
}

// conn runs queries written with ? placeholders on a database or a
// transaction.
type conn struct {
	q querier
	d Dialect
}

func (c conn) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return c.q.ExecContext(ctx, c.d.rebind(q), args...)
}

func (c conn) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return c.q.QueryContext(ctx, c.d.rebind(q), args...)
}

func (c conn) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return c.q.QueryRowContext(ctx, c.d.rebind(q), args...)
}

func (c conn) prepare(ctx context.Context, q string) (*sql.Stmt, error) {
	return c.q.PrepareContext(ctx, c.d.rebind(q))
}

func (db *DB) c() conn { return conn{db.sql, db.d} }

// inTx runs fn in a transaction, committing if it returns nil and rolling
// back otherwise.
func (db *DB) inTx(ctx context.Context, fn func(tx conn) error) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(conn{tx, db.d}); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// appliedMigrations returns the versions schema_migrations holds.
func (db *DB) appliedMigrations(ctx context.Context) (map[int]bool, error) {
	rows, err := db.c().query(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	defer rows.Close()
	out := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("read schema_migrations: %w", err)
		}
		out[v] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	return out, nil
}

// Migrate applies, in order and each in its own transaction, the
// migrations in dir of fsys ("0001_name.sql", ...) not yet recorded in
// schema_migrations, and records each. It returns an error naming the
// migration that failed.
func (db *DB) Migrate(ctx context.Context, fsys fs.FS, dir string) error {
	if _, err := db.c().exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	names, err := fs.Glob(fsys, dir+"/*.sql")
	if err != nil {
		return err
	}
	type mig struct {
		version int
		name    string
	}
	var todo []mig
	for _, n := range names {
		base := path.Base(n)
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", base)
		}
		todo = append(todo, mig{v, base})
	}
	slices.SortFunc(todo, func(a, b mig) int { return a.version - b.version })
	// What is applied is read once: every command opens the store, and a
	// query for each migration cost more than the command's own work.
	applied, err := db.appliedMigrations(ctx)
	if err != nil {
		return err
	}
	for _, m := range todo {
		if applied[m.version] {
			continue
		}
		body, err := fs.ReadFile(fsys, dir+"/"+m.name)
		if err != nil {
			return err
		}
		if err := db.inTx(ctx, func(tx conn) error {
			if _, err := tx.q.ExecContext(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, db.Now().UTC().Format(time.RFC3339))
			return err
		}); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}
