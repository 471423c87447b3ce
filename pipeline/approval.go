package pipeline

import (
	"context"
	"fmt"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/story"
)

// approvals reads the editors' approvals from the campaign store, for the
// story outputs: a story is approved when an editor approved the very
// words it has now (its story.Hash).
func approvals(ctx context.Context, db foiwire.ReviewStore) (func(force, hash string) story.Approval, error) {
	reviews, err := db.StoryReviews(ctx)
	if err != nil {
		return nil, fmt.Errorf("read story approvals: %w", err)
	}
	byForce := make(map[string]foiwire.StoryReview, len(reviews))
	for _, r := range reviews {
		byForce[r.Authority] = r
	}
	return func(force, hash string) story.Approval {
		r, ok := byForce[force]
		if !ok || r.ApprovedHash == "" || r.ApprovedHash != hash {
			return story.Approval{}
		}
		return story.Approval{Approved: true, By: r.ApprovedBy, At: r.ApprovedAt}
	}, nil
}
