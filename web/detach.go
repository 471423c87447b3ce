package web

import (
	"context"
	"time"
)

// writeTimeout bounds a write that outlives its request: a correction and
// the rebuild after it, an approval.
const writeTimeout = 5 * time.Minute

// detached returns a context that keeps the request's values (who is
// signed in) but not its cancellation, so a write a person asked for is
// finished even when their browser disconnects; it ends after
// writeTimeout.
func detached(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), writeTimeout)
}
