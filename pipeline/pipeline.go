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
	"github.com/foiwire/foiwire/store"
)

// MaxReplySize is the largest reply file read; larger ones are reported,
// not read.
const MaxReplySize = 64 << 20

// Options say what to build and where.
type Options struct {
	Dir string // the campaign directory
	Out string // where outputs go; default DIR/out
	DB  string // the campaign database; default DIR/foiwire.db
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
}

// Problem is a reply file that could not be read, or that needs OCR
// before it can be: the unreadable and file-level review Accounts.
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

	// Accounts say what became of every reply file, in the order read:
	// figures, a refusal, review or unreadable (with why).
	Accounts []Account
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
	if o.DB == "" {
		o.DB = filepath.Join(o.Dir, "foiwire.db")
	}
	db, err := store.Open(ctx, o.DB)
	if err != nil {
		return nil, err
	}
	defer db.Close()
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
	if figs, err = db.ApplyCorrections(ctx, figs); err != nil {
		return res, err
	}
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
	if err := removeStaleTemps(o); err != nil {
		return res, err
	}
	if err := writeDataset(o.Out, figs, res.Review, res.Accounts); err != nil {
		return res, err
	}
	if err := publish(ctx, o, dir, figs, res); err != nil {
		return res, err
	}
	return res, nil
}

// ingest reads every reply file into the database, each all-or-nothing,
// and accounts for each. Only the database failing or ctx being done
// stops it; a file that cannot be read is accounted for and the rest are
// read.
func ingest(ctx context.Context, o Options, dir *campaign.Dir, db *store.DB, res *Result) error {
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
		a, err := ingestOne(ctx, o, dir, db, rf)
		if err != nil {
			return err
		}
		res.Accounts = append(res.Accounts, a)
		if a.Outcome == OutcomeUnreadable || (a.Outcome == OutcomeReview && a.Figures == 0) {
			o.Log.Info("reply not read", "file", rf.Authority+"/"+rf.Name, "problem", a.Message)
			res.Problems = append(res.Problems, Problem{Authority: rf.Authority, File: rf.Name, Message: a.Message})
		}
	}
	if o.Progress != nil {
		o.Progress(len(files), len(files), "")
	}
	return nil
}

// ingestOne reads one reply file and stores what it gave. It returns an
// error only for ctx being done or the database failing.
func ingestOne(ctx context.Context, o Options, dir *campaign.Dir, db *store.DB, rf campaign.ReplyFile) (Account, error) {
	data, st, problem := readReplyFile(rf)
	if problem != "" {
		return refusedAccount(rf, problem), nil
	}
	out, rerr := dataset.Read(ctx, dataset.Input{
		Name: rf.Name, Data: data, Authority: rf.Authority, Campaign: &dir.Campaign,
		Registry: dir.Registry, Now: foiwire.DateOf(o.Now()),
	})
	if err := ctx.Err(); err != nil {
		return Account{}, err
	}
	if out == nil {
		return accountFor(rf, nil, rerr), nil
	}
	a := accountFor(rf, out, rerr)
	out.Document.ReceivedAt = st.ModTime()
	reply := store.Reply{Document: out.Document, Data: data, Figures: out.Figures}
	if rerr != nil {
		reply.Problem = a.Message
		reply.Figures = nil
	}
	if err := db.SaveReply(ctx, reply); err != nil {
		return a, err
	}
	for _, w := range out.Warnings {
		o.Log.Info("reply warning", "file", rf.Authority+"/"+rf.Name, "warning", w)
	}
	return a, nil
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
