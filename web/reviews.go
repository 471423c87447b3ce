package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/foiwire/foiwire"
)

// storyReview is what editors decided about a force's story.
type storyReview = foiwire.StoryReview

func loadReviews(ctx context.Context, db Store) (map[string]storyReview, error) {
	rs, err := db.StoryReviews(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]storyReview, len(rs))
	for _, r := range rs {
		out[r.Authority] = r
	}
	return out, nil
}

// reviewVersion reads the review version a form was made from. A form
// without one (an older page) is taken to have seen the latest.
func reviewVersion(r *http.Request, latest int) int {
	if v, err := strconv.Atoi(r.PostFormValue("review")); err == nil && v >= 0 {
		return v
	}
	return latest
}

// saveApproval records that by approved the version of a force's story
// whose text hashes to hash, provided the review is still at version. It
// returns an error wrapping foiwire.ErrConflict when another editor
// changed the review since.
func saveApproval(ctx context.Context, db Store, rv storyReview, force, hash, by string, at time.Time, version int) error {
	rv.Authority, rv.ApprovedHash, rv.ApprovedBy, rv.ApprovedAt, rv.Version = force, hash, by, at, version
	if _, err := db.SaveStoryReview(ctx, rv); err != nil {
		return fmt.Errorf("approve story for %s: %w", force, err)
	}
	return nil
}

// saveEmbargo sets (or, with the zero time, clears) a force's embargo,
// provided the review is still at version.
func saveEmbargo(ctx context.Context, db Store, rv storyReview, force string, until time.Time, by string, at time.Time, version int) error {
	rv.Authority, rv.Embargo, rv.EmbargoBy, rv.EmbargoAt, rv.Version = force, until, by, at, version
	if _, err := db.SaveStoryReview(ctx, rv); err != nil {
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
	// Version is the review's version, which the page's forms send back.
	Version int
}

func (s *Server) storyState(snap *snapshot, fv *forceView) storyState {
	rv := (*s.reviews.Load())[fv.ID]
	st := storyState{Embargo: rv.Embargo, Version: rv.Version}
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
