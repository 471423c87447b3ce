package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/foiwire/foiwire/store"
	"github.com/foiwire/foiwire/story"
)

// approvals reads the editors' approvals from the campaign database, for
// the story outputs: a story is approved when an editor approved the very
// words it has now (its story.Hash).
func approvals(ctx context.Context, db *store.DB) (func(force, hash string) story.Approval, error) {
	rows, err := db.SQL().QueryContext(ctx, `SELECT authority, approved_hash, approved_by, approved_at FROM story_reviews`)
	if err != nil {
		return nil, fmt.Errorf("read story approvals: %w", err)
	}
	defer rows.Close()
	type approval struct {
		hash, by string
		at       time.Time
	}
	byForce := map[string]approval{}
	for rows.Next() {
		var id, at string
		var a approval
		if err := rows.Scan(&id, &a.hash, &a.by, &at); err != nil {
			return nil, fmt.Errorf("read story approvals: %w", err)
		}
		a.at, _ = time.Parse(time.RFC3339, at)
		byForce[id] = a
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read story approvals: %w", err)
	}
	return func(force, hash string) story.Approval {
		a, ok := byForce[force]
		if !ok || a.hash == "" || a.hash != hash {
			return story.Approval{}
		}
		return story.Approval{Approved: true, By: a.by, At: a.at}
	}, nil
}
