package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/foiwire/foiwire"
)

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

const reviewColumns = `authority, approved_hash, approved_by, approved_at, embargo, embargo_by, embargo_at, version`

func scanReview(sc interface{ Scan(...any) error }) (foiwire.StoryReview, error) {
	var r foiwire.StoryReview
	var at, emb, embAt string
	err := sc.Scan(&r.Authority, &r.ApprovedHash, &r.ApprovedBy, &at, &emb, &r.EmbargoBy, &embAt, &r.Version)
	r.ApprovedAt, r.Embargo, r.EmbargoAt = parseTime(at), parseTime(emb), parseTime(embAt)
	return r, err
}

// StoryReviews returns every authority's story review, by authority.
func (db *DB) StoryReviews(ctx context.Context) ([]foiwire.StoryReview, error) {
	rows, err := db.c().query(ctx, `SELECT `+reviewColumns+` FROM story_reviews ORDER BY authority`)
	if err != nil {
		return nil, fmt.Errorf("read story reviews: %w", err)
	}
	defer rows.Close()
	var out []foiwire.StoryReview
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, fmt.Errorf("read story reviews: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SaveStoryReview stores r provided the stored review is still at
// r.Version (0: there is none yet), as one compare-and-set statement, and
// returns it at its new version. When someone changed it meanwhile it
// returns the review as stored now and an error wrapping
// foiwire.ErrConflict.
func (db *DB) SaveStoryReview(ctx context.Context, r foiwire.StoryReview) (foiwire.StoryReview, error) {
	args := []any{r.ApprovedHash, r.ApprovedBy, formatTime(r.ApprovedAt), formatTime(r.Embargo), r.EmbargoBy, formatTime(r.EmbargoAt)}
	var res sql.Result
	var err error
	if r.Version == 0 {
		res, err = db.c().exec(ctx, `INSERT INTO story_reviews (approved_hash, approved_by, approved_at, embargo, embargo_by, embargo_at,
			authority, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (authority) DO NOTHING`, append(args, r.Authority)...)
	} else {
		res, err = db.c().exec(ctx, `UPDATE story_reviews SET approved_hash = ?, approved_by = ?, approved_at = ?, embargo = ?,
			embargo_by = ?, embargo_at = ?, version = version + 1 WHERE authority = ? AND version = ?`, append(args, r.Authority, r.Version)...)
	}
	if err != nil {
		return foiwire.StoryReview{}, fmt.Errorf("save story review of %s: %w", r.Authority, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		r.Version++
		return r, nil
	}
	now, err := scanReview(db.c().queryRow(ctx, `SELECT `+reviewColumns+` FROM story_reviews WHERE authority = ?`, r.Authority))
	if errors.Is(err, sql.ErrNoRows) {
		now, err = foiwire.StoryReview{Authority: r.Authority}, nil
	}
	if err != nil {
		return foiwire.StoryReview{}, fmt.Errorf("save story review of %s: %w", r.Authority, err)
	}
	return now, fmt.Errorf("save story review of %s from version %d (now %d): %w", r.Authority, r.Version, now.Version, foiwire.ErrConflict)
}

// Changes returns the highest correction id and the sum of the story
// reviews' versions: both grow with every change stored.
func (db *DB) Changes(ctx context.Context) (foiwire.Changes, error) {
	var c foiwire.Changes
	err := db.c().queryRow(ctx, `SELECT (SELECT coalesce(max(id), 0) FROM corrections),
		(SELECT coalesce(sum(version), 0) FROM story_reviews)`).Scan(&c.Corrections, &c.Reviews)
	if err != nil {
		return c, fmt.Errorf("read changes: %w", err)
	}
	return c, nil
}

// SaveApprovedFiles keeps the files of version hash of an authority's
// story in one transaction, replacing those kept before for that version.
func (db *DB) SaveApprovedFiles(ctx context.Context, authority, hash string, files []foiwire.StoryFile) error {
	err := db.inTx(ctx, func(tx conn) error {
		if _, err := tx.exec(ctx, `DELETE FROM approved_story_files WHERE authority = ? AND hash = ?`, authority, hash); err != nil {
			return err
		}
		for _, f := range files {
			if _, err := tx.exec(ctx, `INSERT INTO approved_story_files (authority, hash, name, data) VALUES (?, ?, ?, ?)`,
				authority, hash, f.Name, f.Data); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("keep the approved files of %s's story: %w", authority, err)
	}
	return nil
}

// ApprovedFiles returns the files kept for version hash of an authority's
// story, in name order.
func (db *DB) ApprovedFiles(ctx context.Context, authority, hash string) ([]foiwire.StoryFile, error) {
	rows, err := db.c().query(ctx, `SELECT name, data FROM approved_story_files WHERE authority = ? AND hash = ? ORDER BY name`,
		authority, hash)
	if err != nil {
		return nil, fmt.Errorf("read the approved files of %s's story: %w", authority, err)
	}
	defer rows.Close()
	var out []foiwire.StoryFile
	for rows.Next() {
		var f foiwire.StoryFile
		if err := rows.Scan(&f.Name, &f.Data); err != nil {
			return nil, fmt.Errorf("read the approved files of %s's story: %w", authority, err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
