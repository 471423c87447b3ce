package postgres_test

import (
	"testing"

	"github.com/foiwire/foiwire/internal/pgtest"
	"github.com/foiwire/foiwire/internal/storetest"
)

// TestStore runs the behaviour suite every store passes.
func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return pgtest.Open(t) })
}

// BenchmarkSaveReply40k saves and reads back a 40,000-figure reply.
func BenchmarkSaveReply40k(b *testing.B) {
	storetest.BenchmarkSaveReply(b, func(t testing.TB) storetest.Store { return pgtest.Open(t) }, 40000)
}
