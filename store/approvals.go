package store

import (
	"context"
	"database/sql"
	"fmt"
)

// StoryFile is one file of a story as written: "story.md" and its bytes.
type StoryFile struct {
	Name string
	Data []byte
}

// SaveApprovedFiles keeps the files of the version hash of a force's story,
// all or none, replacing any kept before for that version. It returns an
// error naming the force when they cannot be written.
func (db *DB) SaveApprovedFiles(ctx context.Context, authority, hash string, files []StoryFile) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM approved_story_files WHERE authority = ? AND hash = ?`, authority, hash); err != nil {
			return err
		}
		for _, f := range files {
			if _, err := tx.ExecContext(ctx, `INSERT INTO approved_story_files (authority, hash, name, data) VALUES (?, ?, ?, ?)`,
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

// ApprovedFiles returns the files kept for version hash of a force's
// story, in name order; none when that version was never approved (or
// was approved before files were kept).
func (db *DB) ApprovedFiles(ctx context.Context, authority, hash string) ([]StoryFile, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT name, data FROM approved_story_files WHERE authority = ? AND hash = ? ORDER BY name`,
		authority, hash)
	if err != nil {
		return nil, fmt.Errorf("read the approved files of %s's story: %w", authority, err)
	}
	defer rows.Close()
	var out []StoryFile
	for rows.Next() {
		var f StoryFile
		if err := rows.Scan(&f.Name, &f.Data); err != nil {
			return nil, fmt.Errorf("read the approved files of %s's story: %w", authority, err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
