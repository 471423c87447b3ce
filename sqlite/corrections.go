package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/foiwire/foiwire"
)

// Correction is what a person said about one figure: that it was read
// right, or what it should be. It is kept beside the figure, which is never
// changed, and applies to whatever figure has the same key when the reply is
// read again.
type Correction struct {
	ID        int64
	Key       string // the figure's Key()
	Authority string
	// Confirm is true when the person confirmed the figure as read; Value
	// and Status then repeat what was read.
	Confirm bool
	Value   *int64 // nil unless Status is ok
	Status  foiwire.Status
	// Was is the figure as read when the correction was made ("14",
	// "suppressed"), so the original survives in the record.
	Was  string
	Note string
	By   string
	At   time.Time
}

// ErrBadCorrection is wrapped by AddCorrection's error for a correction
// that does not make sense: no key, no author, an unknown status, a
// missing, negative or superfluous value.
var ErrBadCorrection = errors.New("bad correction")

// FigureValue writes a figure's value as people read it: the number, or its
// status when it has none.
func FigureValue(v *int64, st foiwire.Status) string {
	if v != nil && st == foiwire.StatusOK {
		return strconv.FormatInt(*v, 10)
	}
	if st == "" {
		return "no value"
	}
	return string(st)
}

// AddCorrection records a correction, stamped with the database clock, and
// returns it with its id and time. It returns an error wrapping
// ErrBadCorrection when the correction does not make sense.
func (db *DB) AddCorrection(ctx context.Context, c Correction) (Correction, error) {
	if err := c.check(); err != nil {
		return Correction{}, fmt.Errorf("correct figure %s: %w", c.Key, err)
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
	err := db.sql.QueryRowContext(ctx, `INSERT INTO corrections (figure_key, authority, action, value, status, was, note, by_user, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		c.Key, c.Authority, action, v, string(c.Status), c.Was, c.Note, c.By, c.At.Format(time.RFC3339)).Scan(&c.ID)
	if err != nil {
		return Correction{}, fmt.Errorf("correct figure %s: %w", c.Key, err)
	}
	return c, nil
}

func (c Correction) check() error {
	switch {
	case c.Key == "":
		return fmt.Errorf("%w: no figure key", ErrBadCorrection)
	case c.By == "":
		return fmt.Errorf("%w: nobody made it", ErrBadCorrection)
	}
	switch c.Status {
	case foiwire.StatusOK:
		if c.Value == nil {
			return fmt.Errorf("%w: status ok needs a value", ErrBadCorrection)
		}
		if *c.Value < 0 {
			return fmt.Errorf("%w: a count cannot be negative (%d)", ErrBadCorrection, *c.Value)
		}
	case foiwire.StatusSuppressed, foiwire.StatusNotHeld, foiwire.StatusRefused:
		if c.Value != nil {
			return fmt.Errorf("%w: status %s takes no value", ErrBadCorrection, c.Status)
		}
	default:
		return fmt.Errorf("%w: unknown status %q", ErrBadCorrection, c.Status)
	}
	return nil
}

// Corrections returns every correction made, of one authority when
// authority is not empty, oldest first.
func (db *DB) Corrections(ctx context.Context, authority string) ([]Correction, error) {
	q := `SELECT id, figure_key, authority, action, value, status, was, note, by_user, at FROM corrections`
	var args []any
	if authority != "" {
		q += ` WHERE authority = ?`
		args = append(args, authority)
	}
	rows, err := db.sql.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read corrections: %w", err)
	}
	defer rows.Close()
	var out []Correction
	for rows.Next() {
		var c Correction
		var action, status, at string
		var v sql.NullInt64
		if err := rows.Scan(&c.ID, &c.Key, &c.Authority, &action, &v, &status, &c.Was, &c.Note, &c.By, &at); err != nil {
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

// ApplyCorrections returns a copy of figs with the latest correction for
// each figure's key applied: the corrected value and status, confidence
// high, and a Reason saying who confirmed or corrected it, when, and what
// was read in the first place. Figures nobody has looked at come back as
// they were. figs itself is not changed. It returns an error only when the
// corrections cannot be read.
func (db *DB) ApplyCorrections(ctx context.Context, figs []foiwire.Figure) ([]foiwire.Figure, error) {
	all, err := db.Corrections(ctx, "")
	if err != nil {
		return nil, err
	}
	latest := make(map[string]Correction, len(all))
	for _, c := range all {
		latest[c.Key] = c // oldest first, so the last one wins
	}
	out := make([]foiwire.Figure, len(figs))
	for i, f := range figs {
		if c, ok := latest[f.Key()]; ok {
			f = c.apply(f)
		}
		out[i] = f
	}
	return out, nil
}

// apply gives the figure as the correction says it is.
func (c Correction) apply(f foiwire.Figure) foiwire.Figure {
	read := FigureValue(f.Value, f.Status)
	when := c.At.UTC().Format("2 Jan 2006 15:04 MST")
	if c.Confirm {
		f.Reason = fmt.Sprintf("confirmed by %s on %s", c.By, when)
		// A confirmation vouches for the value it saw; if the reply has
		// since been read differently, say so rather than vouch for the new one.
		if c.Was != "" && c.Was != read {
			f.Confidence = foiwire.ConfidenceReview
			f.Reason = fmt.Sprintf("%s was confirmed by %s on %s, but the reply now reads %s", c.Was, c.By, when, read)
			return f
		}
	} else {
		f.Value, f.Status = nil, c.Status
		if c.Value != nil {
			f.Value = foiwire.Int64(*c.Value)
		}
		was := c.Was
		if was == "" {
			was = read
		}
		f.Reason = fmt.Sprintf("corrected by %s on %s from %s to %s", c.By, when, was, FigureValue(f.Value, f.Status))
	}
	if c.Note != "" {
		f.Reason += ": " + c.Note
	}
	f.Confidence = foiwire.ConfidenceHigh
	return f
}
