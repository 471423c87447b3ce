package sqlite

import (
	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/request"
)

var (
	_ foiwire.Store = (*DB)(nil)
	_ request.Store = (*DB)(nil)
)
