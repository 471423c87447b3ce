// Package pgtest gives tests a fresh campaign on a real PostgreSQL server:
// a schema of its own in the database FOIWIRE_TEST_POSTGRES names, dropped
// when the test ends. Without the variable the tests skip, saying so
// loudly; .ci/run starts a server and sets it, so CI never skips.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver "pgx"

	"github.com/foiwire/foiwire/postgres"
)

// Env is the variable holding the test server's postgres:// URL.
const Env = "FOIWIRE_TEST_POSTGRES"

// URL returns a postgres:// URL of a new, empty schema, dropped when the
// test ends. It skips the test when Env is not set.
func URL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		t.Skip("SKIPPING POSTGRESQL: no server to test against. Set " + Env +
			" to a postgres:// URL of a throwaway database (bash .ci/run starts one and sets it)")
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		t.Fatalf("%s: cannot make a schema: %v", Env, err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open opens a new, empty campaign store, closed when the test ends.
func Open(t testing.TB) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), URL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
