// Package pipeline runs a campaign end to end: it reads every reply filed
// under the campaign directory into the campaign database, writes the
// dataset and the review list, and hands the figures on to the analysis
// and the stories.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/dataset"
	"github.com/foiwire/foiwire/export"
	"github.com/foiwire/foiwire/sqlite"
)

// MaxReplySize is the largest reply file read; larger ones are reported,
// not read.
const MaxReplySize = 64 << 20

// Options say what to build and where.
type Options struct {
	Dir string // the campaign directory
	Out string // where outputs go; default DIR/out
	DB  string // the campaign database file, when Store is nil; default DIR/foiwire.db
	// Store is the campaign store to build into; nil opens the SQLite
	// file DB. The caller opens and closes it.
	Store foiwire.Store
	// Strict makes any refused story an error.
	Strict bool
	// BaseURI prefixes each story's ninjs uri; empty gives a urn.
	BaseURI string
	// Progress, when set, is called before each reply is read and once at
	// the end with done == total.
	Progress func(done, total int, name string)
	Log      *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// ExcelBOM starts every CSV written with a UTF-8 byte-order mark, so
	// Excel reads curly quotes and accents right.
	ExcelBOM bool
	// Population gives a force's population for the ranking's rate per
	// 100,000 people; nil leaves that column empty.
	Population export.Population
}

// Problem is a reply file that could not be read.
type Problem struct {
	Authority, File, Message string
}

// Result is what a build did.
type Result struct {
	Campaign    *campaign.Dir
	Out         string
	Authorities int // how many the campaign covers
	Replies     int // reply files read
	Figures     []foiwire.Figure
	Review      []foiwire.Figure // figures a person must look at
	NoReply     []string         // authorities with no reply file and no collated figures
	Problems    []Problem
	Facts       []foiwire.Fact
	HeldBack    int // figures under review, kept out of the facts and stories
	Stories     int
	Refused     []string // stories refused by the self-check, one line each
	// StoryRecords are the stories made, written or refused, as stored.
	StoryRecords []foiwire.StoryRecord
	// Withdrawn are the replies taken out because their files are gone
	// from replies/: their figures no longer count.
	Withdrawn []foiwire.Withdrawal
}

// Build reads the campaign's replies into its database and writes the
// outputs. A reply that cannot be read is reported in Result.Problems and
// the rest still build; an error is returned only when the campaign itself
// cannot be read or the outputs cannot be written.
func Build(ctx context.Context, o Options) (*Result, error) {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	dir, err := campaign.Load(ctx, o.Dir)
	if err != nil {
		return nil, err
	}
	if o.Out == "" {
		o.Out = filepath.Join(o.Dir, "out")
	}
	db := o.Store
	if db == nil {
		if o.DB == "" {
			o.DB = filepath.Join(o.Dir, "foiwire.db")
		}
		lite, err := sqlite.Open(ctx, o.DB)
		if err != nil {
			return nil, err
		}
		defer lite.Close()
		db = lite
	}
	res := &Result{Campaign: dir, Out: o.Out, Authorities: len(dir.AuthorityIDs())}
	if err := ingest(ctx, o, dir, db, res); err != nil {
		return res, err
	}
	figs, err := db.Figures(ctx, "")
	if err != nil {
		return res, err
	}
	collated, err := readCollated(dir.Path)
	if err != nil {
		return res, err
	}
	figs = append(figs, collated...)
	cs, err := db.Corrections(ctx, "")
	if err != nil {
		return res, err
	}
	figs = markConflicts(foiwire.ApplyCorrections(figs, cs), vouchedBy(cs))
	res.Figures = figs
	for _, f := range figs {
		if f.Confidence == foiwire.ConfidenceReview {
			res.Review = append(res.Review, f)
		}
	}
	answered := map[string]bool{}
	for _, f := range figs {
		answered[f.Authority] = true
	}
	for _, p := range res.Problems {
		answered[p.Authority] = true
	}
	for _, id := range dir.AuthorityIDs() {
		if !answered[id] {
			res.NoReply = append(res.NoReply, id)
		}
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return res, fmt.Errorf("create output folder: %w", err)
	}
	if err := writeDataset(o.Out, figs, res.Review); err != nil {
		return res, err
	}
	if err := publish(ctx, o, dir, figs, res); err != nil {
		return res, err
	}
	if err := writeOutputs(ctx, o, dir, db, res); err != nil {
		return res, err
	}
	return res, nil
}

// ingest reads every reply file into the database, each all-or-nothing.
func ingest(ctx context.Context, o Options, dir *campaign.Dir, db foiwire.Store, res *Result) error {
	files, err := dir.Replies()
	if err != nil {
		return err
	}
	for i, rf := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if o.Progress != nil {
			o.Progress(i, len(files), rf.Authority+"/"+rf.Name)
		}
		res.Replies++
		if err := ingestOne(ctx, o, dir, db, rf); err != nil {
			var pe *problemError
			if !errors.As(err, &pe) {
				return err
			}
			o.Log.Warn("reply not read", "file", rf.Authority+"/"+rf.Name, "problem", pe.msg)
			res.Problems = append(res.Problems, Problem{Authority: rf.Authority, File: rf.Name, Message: pe.msg})
		}
	}
	if o.Progress != nil {
		o.Progress(len(files), len(files), "")
	}
	return withdrawMissing(ctx, db, files, res)
}

// problemError is a reply that cannot be read: reported, not fatal.
type problemError struct{ msg string }

func (e *problemError) Error() string { return e.msg }

func ingestOne(ctx context.Context, o Options, dir *campaign.Dir, db foiwire.Store, rf campaign.ReplyFile) error {
	st, err := os.Stat(rf.Path)
	if err != nil {
		return &problemError{err.Error()}
	}
	if st.Size() > MaxReplySize {
		return &problemError{fmt.Sprintf("file is %d MB; the limit is %d MB", st.Size()>>20, MaxReplySize>>20)}
	}
	data, err := os.ReadFile(rf.Path)
	if err != nil {
		return &problemError{err.Error()}
	}
	out, rerr := dataset.Read(ctx, dataset.Input{
		Name: rf.Name, Data: data, Authority: rf.Authority, Campaign: &dir.Campaign,
		Registry: dir.Registry, Now: foiwire.DateOf(o.Now()),
	})
	if out == nil {
		return rerr
	}
	out.Document.ReceivedAt = st.ModTime()
	reply := foiwire.Reply{Document: out.Document, Data: data, Figures: out.Figures}
	if rerr != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		reply.Problem = rerr.Error()
		reply.Figures = nil
	}
	if err := db.SaveReply(ctx, reply); err != nil {
		return err
	}
	for _, w := range out.Warnings {
		o.Log.Info("reply warning", "file", rf.Authority+"/"+rf.Name, "warning", w)
	}
	if rerr != nil {
		return &problemError{rerr.Error()}
	}
	return nil
}

// readCollated reads DIR/data/figures.csv when there is one.
func readCollated(dir string) ([]foiwire.Figure, error) {
	name := filepath.Join(dir, "data", "figures.csv")
	f, err := os.Open(name)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return campaign.ReadFigures(f, "data/figures.csv")
}
