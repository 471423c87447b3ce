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
	// Workers is how many replies are read at once; 0 means one per core.
	Workers int
	// NoCache reads every reply again, even those unchanged since the
	// last build (see readcache.go).
	NoCache bool
	// ExcelBOM starts every CSV written with a UTF-8 byte-order mark, so
	// Excel reads curly quotes and accents right.
	ExcelBOM bool
	// Population gives a force's population for the ranking's rate per
	// 100,000 people; nil leaves that column empty.
	Population export.Population
	// Session, when set, keeps in memory what a build learnt for the next
	// build of the same campaign in this process (build --watch): the
	// figures it loaded, by authority and version. nil keeps nothing.
	Session *Session
}

// Session is what one build keeps in memory for the next in the same
// process. Its zero value is ready; builds that share one must not run at
// once.
type Session struct {
	dir     string // the campaign the figures are of
	figures map[string]authorityFigures
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
	Reused      int // of those, how many were unchanged since the last build and not read again
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
	cache, err := openReadCache(dir.Path, o.NoCache)
	if err != nil {
		return res, err
	}
	led := openLedger(cache, o.DB)
	lap := stopwatch(o.Log)
	kept := openFigureCache(cache)
	if o.Session != nil {
		if o.Session.dir != dir.Path {
			*o.Session = Session{dir: dir.Path}
		}
		kept.mem = o.Session
	}
	kept.readEarly()
	if err := ingest(ctx, o, dir, db, cache, led, res); err != nil {
		return res, err
	}
	lap("read and save replies")
	figs, digests, err := kept.load(ctx, db, o.Log)
	if err != nil {
		return res, err
	}
	lap("load figures")
	if figs, err = resaveChanged(ctx, o, dir, db, cache, kept, led, figs, digests); err != nil {
		return res, err
	}
	// The ledger is for the next build: it is written while this one goes
	// on, and before Build returns.
	ledgerWritten := make(chan struct{})
	go func() {
		defer close(ledgerWritten)
		if err := led.write(); err != nil {
			o.Log.Warn("read cache", "err", err)
		}
	}()
	defer func() { <-ledgerWritten }()
	collated, err := readCollated(dir.Path)
	if err != nil {
		return res, err
	}
	figs = append(figs, collated...)
	cs, err := db.Corrections(ctx, "")
	if err != nil {
		return res, err
	}
	if len(cs) > 0 {
		figs = foiwire.ApplyCorrections(figs, cs)
	}
	figs = markConflicts(figs, vouchedBy(cs))
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
	lap("corrections and conflicts")
	// The dataset is written while the facts and stories are made: both
	// only read the figures, and the dataset's files are not theirs.
	dataset := make(chan error, 1)
	go func() { dataset <- writeDataset(o.Out, figs, res.Review, res.Accounts) }()
	// So is the workbook, from the moment the facts are derived: only
	// its sheet of stories waits for the stories.
	var book *workbookJob
	approved, err := approvals(ctx, db)
	if err == nil {
		err = publish(ctx, o, dir, figs, res, approved, func() { book = startWorkbook(o, dir, res, cs) })
	}
	if book != nil {
		if err == nil {
			book.give(res.StoryRecords)
		} else {
			book.stop()
		}
	}
	if derr := <-dataset; err == nil && derr != nil {
		err = derr
		if book != nil {
			book.wait() // nothing is left writing once Build returns
		}
	}
	if err != nil {
		return res, err
	}
	lap("dataset, facts and stories")
	if err := writeOutputs(ctx, o, dir, db, res, cs, book); err != nil {
		return res, err
	}
	lap("store outputs and write exports")
	return res, nil
}

// stopwatch logs, at debug level, how long each step of a build took: each
// call names the step just finished.
func stopwatch(log *slog.Logger) func(step string) {
	last := time.Now()
	return func(step string) {
		now := time.Now()
		log.Debug("build step done", "step", step, "took", now.Sub(last).Round(time.Millisecond))
		last = now
	}
}

// ingest reads every reply file into the database, each all-or-nothing,
// and accounts for each. Only the database failing or ctx being done
// stops it; a file that cannot be read is accounted for and the rest are
// read.
func ingest(ctx context.Context, o Options, dir *campaign.Dir, db foiwire.Store, cache *readCache, led *savedLedger, res *Result) error {
	files, err := dir.Replies()
	if err != nil {
		return err
	}
	led.forget(files)
	ra := newReadAhead(ctx, o, dir, cache, led.prior(), files)
	defer ra.stop()
	for i, rf := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if o.Progress != nil {
			o.Progress(i, len(files), rf.Authority+"/"+rf.Name)
		}
		res.Replies++
		r, err := ra.take(ctx, i)
		if err != nil {
			return err
		}
		if r.cached {
			res.Reused++
		}
		if r.known != nil && !led.skip(rf, r) {
			// Saved before, but not to be skipped now: read it after all.
			r = readOne(ctx, o, dir, cache, nil, rf)
		}
		var a Account
		switch {
		case r.problem != "":
			a = refusedAccount(rf, r.problem)
		case r.known != nil:
			a = *r.known.Account
		case r.out == nil:
			a = accountFor(rf, nil, r.err)
		default:
			a = accountFor(rf, r.out, r.err)
			if !led.skip(rf, r) {
				if err := ingestOne(ctx, o, db, rf, r, a); err != nil {
					return err
				}
				led.saved(rf, r, a)
			}
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
	if err := cache.prune(); err != nil {
		o.Log.Warn("read cache not pruned", "err", err)
	}
	return withdrawMissing(ctx, db, files, res)
}

// ingestOne stores one reply file as readAhead read it and a accounted
// for it. It returns an error only for ctx being done or the database
// failing.
func ingestOne(ctx context.Context, o Options, db foiwire.Store, rf campaign.ReplyFile, r readResult, a Account) error {
	out, rerr, data := r.out, r.err, r.data
	if err := ctx.Err(); err != nil {
		return err
	}
	out.Document.ReceivedAt = r.modTime
	reply := foiwire.Reply{Document: out.Document, Data: data, Figures: out.Figures}
	if rerr != nil {
		reply.Problem = a.Message
		reply.Figures = nil
	}
	if err := db.SaveReply(ctx, reply); err != nil {
		return err
	}
	for _, w := range out.Warnings {
		o.Log.Info("reply warning", "file", rf.Authority+"/"+rf.Name, "warning", w)
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
