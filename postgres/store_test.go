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
