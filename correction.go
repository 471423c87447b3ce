package foiwire

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Correction is what a person said about one figure: that it was read
// right, or what it should be. It is kept beside the figure, which is never
// changed, and applies to whatever figure of the same authority has the
// same key when the reply is read again.
type Correction struct {
	ID        int64
	Key       string // the figure's Key()
	Authority string
	// Confirm is true when the person confirmed the figure as read; Value
	// and Status then repeat what was read.
	Confirm bool
	Value   *int64 // nil unless Status is ok
	Status  Status
	// Was is the figure as read when the correction was made ("14",
	// "suppressed"), so the original survives in the record.
	Was  string
	Note string
	By   string
	At   time.Time
	// Version is the correction's place in the history of its figure,
	// from 1. To add one, set it to the version the person saw plus one:
	// it is stored only if that is still the next, so two people
	// correcting the same figure at once never overwrite each other. 0
	// adds after whatever is there.
	Version int
}

// ErrBadCorrection is wrapped by the error for a correction that does not
// make sense: no key, no author, an unknown status, a missing, negative or
// superfluous value.
var ErrBadCorrection = errors.New("bad correction")

// FigureValue writes a figure's value as people read it: the number, or its
// status when it has none.
func FigureValue(v *int64, st Status) string {
	if v != nil && st == StatusOK {
		return strconv.FormatInt(*v, 10)
	}
	if st == "" {
		return "no value"
	}
	return string(st)
}

// Check returns an error wrapping ErrBadCorrection when the correction
// does not make sense.
func (c Correction) Check() error {
	switch {
	case c.Key == "":
		return fmt.Errorf("%w: no figure key", ErrBadCorrection)
	case c.By == "":
		return fmt.Errorf("%w: nobody made it", ErrBadCorrection)
	case c.Version < 0:
		return fmt.Errorf("%w: version %d", ErrBadCorrection, c.Version)
	}
	switch c.Status {
	case StatusOK:
		if c.Value == nil {
			return fmt.Errorf("%w: status ok needs a value", ErrBadCorrection)
		}
		if *c.Value < 0 {
			return fmt.Errorf("%w: a count cannot be negative (%d)", ErrBadCorrection, *c.Value)
		}
	case StatusSuppressed, StatusNotHeld, StatusRefused:
		if c.Value != nil {
			return fmt.Errorf("%w: status %s takes no value", ErrBadCorrection, c.Status)
		}
	default:
		return fmt.Errorf("%w: unknown status %q", ErrBadCorrection, c.Status)
	}
	return nil
}

// ApplyCorrections returns a copy of figs with the latest correction for
// each figure (by authority and key) applied: the corrected value and
// status, confidence high, and a Reason saying who confirmed or corrected
// it, when, and what was read in the first place. cs must be oldest first,
// as CorrectionStore.Corrections gives them. Figures nobody has looked at
// come back as they were; figs itself is not changed.
func ApplyCorrections(figs []Figure, cs []Correction) []Figure {
	type ak struct{ authority, key string }
	latest := make(map[ak]Correction, len(cs))
	for _, c := range cs {
		latest[ak{c.Authority, c.Key}] = c // oldest first, so the last one wins
	}
	out := make([]Figure, len(figs))
	for i, f := range figs {
		if c, ok := latest[ak{f.Authority, f.Key()}]; ok {
			f = c.Apply(f)
		}
		out[i] = f
	}
	return out
}

// Apply gives the figure as the correction says it is.
func (c Correction) Apply(f Figure) Figure {
	read := FigureValue(f.Value, f.Status)
	when := c.At.UTC().Format("2 Jan 2006 15:04 MST")
	if c.Confirm {
		f.Reason = fmt.Sprintf("confirmed by %s on %s", c.By, when)
		// A confirmation vouches for the value it saw; if the reply has
		// since been read differently, say so rather than vouch for the new one.
		if c.Was != "" && c.Was != read {
			f.Confidence = ConfidenceReview
			f.Reason = fmt.Sprintf("%s was confirmed by %s on %s, but the reply now reads %s", c.Was, c.By, when, read)
			return f
		}
	} else {
		f.Value, f.Status = nil, c.Status
		if c.Value != nil {
			f.Value = Int64(*c.Value)
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
	f.Confidence = ConfidenceHigh
	return f
}
