package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/foiwire/foiwire"
)

// AddCorrection records a correction, stamped with the database clock, and
// returns it with its id, time and version. The version check and the
// insert are one transaction, and a unique index on (authority, key,
// version) stops two transactions storing the same version, so of two
// editors correcting a figure from the same version only the first is
// stored; the other gets an error wrapping foiwire.ErrConflict, with
// Version of the returned correction the latest stored. It returns an
// error wrapping foiwire.ErrBadCorrection when the correction does not
// make sense.
func (db *DB) AddCorrection(ctx context.Context, c foiwire.Correction) (foiwire.Correction, error) {
	if err := c.Check(); err != nil {
		return foiwire.Correction{}, fmt.Errorf("correct figure %s: %w", c.Key, err)
	}
	c.At = db.Now().UTC().Truncate(time.Second)
	action := "correct"
	if c.Confirm {
		action = "confirm"
	}
	var v any
	if c.Value != nil {
		v = *c.Value
	}
	var latest int
	err := db.inTx(ctx, func(tx conn) error {
		if err := tx.queryRow(ctx, `SELECT coalesce(max(version), 0) FROM corrections WHERE authority = ? AND figure_key = ?`,
			c.Authority, c.Key).Scan(&latest); err != nil {
			return err
		}
		if c.Version == 0 {
			c.Version = latest + 1
		}
		if c.Version != latest+1 {
			return foiwire.ErrConflict
		}
		return tx.queryRow(ctx, `INSERT INTO corrections (figure_key, authority, action, value, status, was, note, by_user, at, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			c.Key, c.Authority, action, v, string(c.Status), c.Was, c.Note, c.By, c.At.Format(time.RFC3339), c.Version).Scan(&c.ID)
	})
	if err != nil && db.d.IsUnique(err) {
		err = foiwire.ErrConflict
		latest = c.Version
	}
	if errors.Is(err, foiwire.ErrConflict) {
		return foiwire.Correction{Version: latest}, fmt.Errorf("correct figure %s from version %d: %w", c.Key, c.Version-1, err)
	}
	if err != nil {
		return foiwire.Correction{}, fmt.Errorf("correct figure %s: %w", c.Key, err)
	}
	return c, nil
}

// Corrections returns every correction made, of one authority when
// authority is not empty, oldest first.
func (db *DB) Corrections(ctx context.Context, authority string) ([]foiwire.Correction, error) {
	q := `SELECT id, figure_key, authority, action, value, status, was, note, by_user, at, version FROM corrections`
	var args []any
	if authority != "" {
		q += ` WHERE authority = ?`
		args = append(args, authority)
	}
	rows, err := db.c().query(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read corrections: %w", err)
	}
	defer rows.Close()
	var out []foiwire.Correction
	for rows.Next() {
		var c foiwire.Correction
		var action, status, at string
		var v sql.NullInt64
		if err := rows.Scan(&c.ID, &c.Key, &c.Authority, &action, &v, &status, &c.Was, &c.Note, &c.By, &at, &c.Version); err != nil {
			return nil, fmt.Errorf("read correction: %w", err)
		}
		c.Confirm = action == "confirm"
		c.Status = foiwire.Status(status)
		if v.Valid {
			c.Value = foiwire.Int64(v.Int64)
		}
		if c.At, err = time.Parse(time.RFC3339, at); err != nil {
			return nil, fmt.Errorf("read correction %d: time %q: %w", c.ID, at, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read corrections: %w", err)
	}
	return out, nil
}
