package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/export"
	"github.com/foiwire/foiwire/internal/atomicfile"
	"github.com/foiwire/foiwire/story"
)

// vouchedBy lists the figures (by authority and key) a person has
// confirmed or corrected.
func vouchedBy(cs []foiwire.Correction) map[[2]string]bool {
	out := make(map[[2]string]bool, len(cs))
	for _, c := range cs {
		out[[2]string{c.Authority, c.Key}] = true
	}
	return out
}

// storyRecords are the stories Publish wrote and refused, by authority,
// with each written story's Markdown.
func storyRecords(rep story.Report) []foiwire.StoryRecord {
	byID := map[string]*foiwire.StoryRecord{}
	var ids []string
	rec := func(id string) *foiwire.StoryRecord {
		if r, ok := byID[id]; ok {
			return r
		}
		byID[id] = &foiwire.StoryRecord{Authority: id}
		ids = append(ids, id)
		return byID[id]
	}
	for _, w := range rep.Written {
		r := rec(w.Force)
		r.Written, r.Headline, r.Dir = true, w.Headline, w.Dir
		if md, err := os.ReadFile(filepath.Join(w.Dir, "story.md")); err == nil {
			r.Text = string(md)
		}
	}
	for _, x := range rep.Refused {
		r := rec(x.Force)
		if r.Written {
			continue
		}
		r.Refusal = strings.TrimPrefix(x.Error(), "story for "+x.Force+" refused: ")
	}
	slices.Sort(ids)
	out := make([]foiwire.StoryRecord, len(ids))
	for i, id := range ids {
		out[i] = *byID[id]
	}
	return out
}

// writeOutputs keeps the build's facts and stories in the store (for the
// database's views) and writes what journalists open elsewhere:
// OUT/campaign.xlsx (already under way in book, or written here when book
// is nil) and OUT/datawrapper/*.csv; with ExcelBOM it then marks every CSV
// under OUT for Excel. cs are the corrections the figures were read with.
func writeOutputs(ctx context.Context, o Options, dir *campaign.Dir, db foiwire.Store, res *Result, cs []foiwire.Correction, book *workbookJob) error {
	var auths []foiwire.Authority
	for _, id := range dir.AuthorityIDs() {
		if a, ok := dir.Registry.ByID(id); ok {
			auths = append(auths, a)
		}
	}
	// The store and the files are written at once: neither waits on the
	// other, and both are large for a large campaign.
	saved := make(chan error, 1)
	go func() { saved <- db.SaveOutputs(ctx, auths, res.Facts, res.StoryRecords) }()
	if book == nil {
		book = startWorkbook(o, dir, res, cs)
		book.give(res.StoryRecords)
	}
	berr := book.wait()
	ferr := writeExports(o, dir, res)
	if err := <-saved; err != nil {
		return err
	}
	if berr != nil {
		return berr
	}
	return ferr
}

// workbookJob is OUT/campaign.xlsx being written on its own goroutine:
// the figures, review and facts sheets first, then the stories sheet once
// the stories are given.
type workbookJob struct {
	stories chan []foiwire.StoryRecord
	done    chan error
}

// startWorkbook starts writing the workbook of res's figures, review and
// facts, and cs.
func startWorkbook(o Options, dir *campaign.Dir, res *Result, cs []foiwire.Correction) *workbookJob {
	j := &workbookJob{stories: make(chan []foiwire.StoryRecord, 1), done: make(chan error, 1)}
	// The workbook streams to its file: it is the largest output, and
	// never needs to lie in memory whole.
	book := export.Data{Figures: res.Figures, Review: nonNil(res.Review), Facts: nonNil(res.Facts),
		Corrections: nonNil(cs), Names: authorityName(dir),
		AwaitStories: func() ([]foiwire.StoryRecord, bool) {
			s, ok := <-j.stories
			return nonNil(s), ok
		}}
	go func() {
		// The workbook's segments are kept between builds, so that a
		// rebuild deflates only those whose rows changed; without the
		// cache it is written whole, the same bytes.
		kept, err := openBookCache(dir.Path, o.NoCache)
		if err != nil {
			o.Log.Warn("workbook cache", "err", err)
		}
		_, err = atomicfile.WriteStreamIfChanged(filepath.Join(o.Out, "campaign.xlsx"), 0o644, func(w io.Writer) error {
			if kept == nil {
				return export.WriteWorkbook(w, book)
			}
			return export.WriteWorkbookReusing(w, book, kept)
		})
		if err == nil && kept != nil {
			if perr := kept.prune(); perr != nil {
				o.Log.Warn("workbook cache not pruned", "err", perr)
			}
		}
		j.done <- err
	}()
	return j
}

// give hands the workbook its stories.
func (j *workbookJob) give(s []foiwire.StoryRecord) {
	j.stories <- s
	close(j.stories)
}

// stop ends the workbook without its stories, leaving any earlier
// campaign.xlsx as it was, and waits for it.
func (j *workbookJob) stop() {
	close(j.stories)
	<-j.done
}

// wait returns once the workbook is written.
func (j *workbookJob) wait() error { return <-j.done }

// authorityName gives an authority's name for its id.
func authorityName(dir *campaign.Dir) func(id string) string {
	return func(id string) string {
		if a, ok := dir.Registry.ByID(id); ok {
			return a.Name
		}
		return id
	}
}

// writeExports writes OUT/datawrapper/*.csv; with ExcelBOM it then marks
// every CSV under OUT for Excel.
func writeExports(o Options, dir *campaign.Dir, res *Result) error {
	name := authorityName(dir)
	short := func(id string) string {
		if a, ok := dir.Registry.ByID(id); ok && a.ShortName != "" {
			return a.ShortName
		}
		return name(id)
	}
	dw := filepath.Join(o.Out, "datawrapper")
	if err := os.MkdirAll(dw, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dw, err)
	}
	wide, err := export.Wide(short, res.Facts)
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dw, "by-year.csv"), wide); err != nil {
		return err
	}
	rank, err := export.Ranking(short, o.Population, res.Facts)
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dw, "ranking.csv"), rank); err != nil {
		return err
	}
	if o.ExcelBOM {
		return markCSVsForExcel(o.Out)
	}
	return nil
}

// nonNil gives an empty slice for nil, so the workbook keeps the sheet.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// markCSVsForExcel starts every CSV under out (and one folder down) with
// the UTF-8 byte-order mark, once.
func markCSVsForExcel(out string) error {
	var names []string
	for _, pat := range []string{"*.csv", "*/*.csv"} {
		m, err := filepath.Glob(filepath.Join(out, pat))
		if err != nil {
			return err
		}
		names = append(names, m...)
	}
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			return fmt.Errorf("mark %s for Excel: %w", n, err)
		}
		if bytes.HasPrefix(data, []byte(export.BOM)) {
			continue
		}
		if err := writeFile(n, append([]byte(export.BOM), data...)); err != nil {
			return err
		}
	}
	return nil
}
