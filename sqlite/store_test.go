package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/foiwire/foiwire/internal/storetest"
	"github.com/foiwire/foiwire/sqlite"
)

func open(t testing.TB) storetest.Store {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestStore runs the behaviour suite every store passes.
func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return open(t) })
}

// BenchmarkSaveReply40k saves and reads back a 40,000-figure reply.
func BenchmarkSaveReply40k(b *testing.B) { storetest.BenchmarkSaveReply(b, open, 40000) }

// BenchmarkSaveOutputs200k saves a 200,000-fact build, cold and again.
func BenchmarkSaveOutputs200k(b *testing.B) { storetest.BenchmarkSaveOutputs(b, open, 200000) }
