package web

import (
	"context"
	"fmt"
	"time"

	"github.com/foiwire/foiwire/sqlite"
)

// storyReview is what editors decided about a force's story. It lives in
// the story_reviews table (sqlite/migrations/0202_story_reviews.sql).
type storyReview struct {
	ApprovedHash string // the storyView.Hash approved; "" when never approved
	ApprovedBy   string
	ApprovedAt   time.Time
	Embargo      time.Time // zero when the editors set none
	EmbargoBy    string
}

func loadReviews(ctx context.Context, db *sqlite.DB) (map[string]storyReview, error) {
	rows, err := db.SQL().QueryContext(ctx, `SELECT authority, approved_hash, approved_by, approved_at, embargo, embargo_by FROM story_reviews`)
	if err != nil {
		return nil, fmt.Errorf("read story reviews: %w", err)
	}
	defer rows.Close()
	out := map[string]storyReview{}
	for rows.Next() {
		var id, at, emb string
		var r storyReview
		if err := rows.Scan(&id, &r.ApprovedHash, &r.ApprovedBy, &at, &emb, &r.EmbargoBy); err != nil {
			return nil, fmt.Errorf("read story reviews: %w", err)
		}
		r.ApprovedAt, _ = time.Parse(time.RFC3339, at)
		r.Embargo, _ = time.Parse(time.RFC3339, emb)
		out[id] = r
	}
	return out, rows.Err()
}

// saveApproval records that by approved the version of a force's story
// whose text hashes to hash.
func saveApproval(ctx context.Context, db *sqlite.DB, force, hash, by string, at time.Time) error {
	_, err := db.SQL().ExecContext(ctx, `INSERT INTO story_reviews (authority, approved_hash, approved_by, approved_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(authority) DO UPDATE SET approved_hash = excluded.approved_hash, approved_by = excluded.approved_by,
		approved_at = excluded.approved_at`, force, hash, by, at.UTC().Format(time.RFC3339))
	if err != nil {
		return fmt.Errorf("approve story for %s: %w", force, err)
	}
	return nil
}

// saveEmbargo sets (or, with the zero time, clears) a force's embargo.
func saveEmbargo(ctx context.Context, db *sqlite.DB, force string, until time.Time, by string, at time.Time) error {
	emb := ""
	if !until.IsZero() {
		emb = until.UTC().Format(time.RFC3339)
	}
	_, err := db.SQL().ExecContext(ctx, `INSERT INTO story_reviews (authority, embargo, embargo_by, embargo_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(authority) DO UPDATE SET embargo = excluded.embargo, embargo_by = excluded.embargo_by,
		embargo_at = excluded.embargo_at`, force, emb, by, at.UTC().Format(time.RFC3339))
	if err != nil {
		return fmt.Errorf("set embargo for %s: %w", force, err)
	}
	return nil
}

// storyState is where a force's story stands, for the pages and the API.
type storyState struct {
	Key        string // none, refused, draft, approved, changed
	Label      string
	ApprovedBy string
	ApprovedAt time.Time
	// Embargo is the time the story may be published: the editors' own,
	// or else the campaign's; zero when there is none.
	Embargo time.Time
	// Embargoed is true while Embargo is still to come.
	Embargoed bool
}

func (s *Server) storyState(snap *snapshot, fv *forceView) storyState {
	rv := (*s.reviews.Load())[fv.ID]
	st := storyState{Embargo: rv.Embargo}
	if st.Embargo.IsZero() {
		st.Embargo = snap.campaign.Embargo
	}
	st.Embargoed = !st.Embargo.IsZero() && s.cfg.Now().Before(st.Embargo)
	switch sv := fv.Story; {
	case sv == nil:
		st.Key, st.Label = "none", "No story"
	case len(sv.Refusals) > 0:
		st.Key, st.Label = "refused", "Refused by self-check"
	case rv.ApprovedHash == sv.Hash:
		st.Key, st.Label, st.ApprovedBy, st.ApprovedAt = "approved", "Approved", rv.ApprovedBy, rv.ApprovedAt
	case rv.ApprovedHash != "":
		st.Key, st.Label, st.ApprovedBy, st.ApprovedAt = "changed", "Changed since approval", rv.ApprovedBy, rv.ApprovedAt
	default:
		st.Key, st.Label = "draft", "Awaiting approval"
	}
	return st
}

// visible reports whether the person asking may read the story now.
func (st storyState) visible(u who) bool { return !st.Embargoed || u.SeesEmbargoed() }
