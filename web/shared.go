package web

import (
	"context"
	"sync"
	"time"

	"github.com/foiwire/foiwire"
)

// shared is what this server last saw of the changes people make, so
// that when several servers share one store (PostgreSQL, a newsroom) each
// catches up with corrections and approvals made through the others.
type shared struct {
	mu      sync.Mutex
	seen    foiwire.Changes
	checked time.Time // wall-clock time of the last look
}

// catchUp looks, at most once every Config.CatchUpEvery, whether the
// store holds corrections or story reviews this server has not seen, and
// rebuilds or reloads if so. Requests that arrive meanwhile use the
// snapshot they find.
func (s *Server) catchUp(ctx context.Context) error {
	s.shared.mu.Lock()
	every := s.cfg.CatchUpEvery
	if every == 0 {
		every = time.Second
	}
	if every > 0 && time.Since(s.shared.checked) < every {
		s.shared.mu.Unlock()
		return nil
	}
	s.shared.checked = time.Now()
	seen := s.shared.seen
	s.shared.mu.Unlock()
	now, err := s.cfg.DB.Changes(ctx)
	if err != nil {
		return err
	}
	if now.Corrections != seen.Corrections {
		if err := s.rebuild(ctx); err != nil {
			return err
		}
	}
	if now.Reviews != seen.Reviews {
		if err := s.reloadReviews(ctx); err != nil {
			return err
		}
	}
	return nil
}

// sawChanges records the store's changes as of just before a rebuild
// (corrections) or a reload (reviews); a change made during either is
// seen at the next look.
func (s *Server) sawChanges(ctx context.Context, corrections, reviews bool) error {
	now, err := s.cfg.DB.Changes(ctx)
	if err != nil {
		return err
	}
	s.shared.mu.Lock()
	defer s.shared.mu.Unlock()
	if corrections {
		s.shared.seen.Corrections = now.Corrections
	}
	if reviews {
		s.shared.seen.Reviews = now.Reviews
	}
	return nil
}
