package layouts

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/dataset"
	"github.com/foiwire/foiwire/internal/testenv"
	"github.com/foiwire/foiwire/number"
	"github.com/foiwire/foiwire/table"
)

// knownWrongHigh are the layout/format pairs where the reader in place
// when the matrix was written reads figures wrongly at high confidence;
// the value is how many it read wrong. The test fails when a pair not
// listed here reads anything wrong at high confidence, or a listed pair
// reads more wrong than recorded. Tighten it (delete entries) as the
// reader improves.
var knownWrongHigh = map[string]int{}

// minRecall is the share of the matrix's figures the reader must read
// (percent), over the whole matrix and in each layout; it reads them all
// now, and the floor leaves a small margin.
const minRecall = 99.0

// score is what the reader made of some replies.
type score struct {
	replies, expected, read, wrongHigh int
	examples                           []string
}

func (s *score) add(o score) {
	s.replies += o.replies
	s.expected += o.expected
	s.read += o.read
	s.wrongHigh += o.wrongHigh
	if len(s.examples) < 3 {
		s.examples = append(s.examples, o.examples...)
	}
}

func (s score) recall() float64 {
	if s.expected == 0 {
		return 0
	}
	return 100 * float64(s.read) / float64(s.expected)
}

// scoreReply matches figures to expected ones by period and value, each
// expected figure to a figure of its own (two expected figures of one
// period and value need two figures); a figure at high confidence that
// matches none is wrong.
func scoreReply(r Reply, figs []foiwire.Figure) score {
	s := score{replies: 1, expected: len(r.Expected)}
	type key struct {
		start, end string
		v          int64
	}
	want := map[key]int{}
	for _, e := range r.Expected {
		want[key{e.Start, e.End, e.Value}]++
	}
	got := map[key]int{}
	for _, f := range figs {
		v, ok := f.Int()
		if !ok || f.Measure == foiwire.MeasureRefusal {
			continue
		}
		k := key{f.Start.String(), f.End.String(), v}
		if want[k] > 0 {
			if got[k] < want[k] {
				got[k]++
			}
			continue
		}
		if f.Confidence == foiwire.ConfidenceHigh && !f.IsTotal {
			s.wrongHigh++
			s.examples = append(s.examples, fmt.Sprintf("%s: %s %s–%s = %d (%q)", r.Name, f.Label, f.Start, f.End, v, f.Source.Text))
		}
	}
	for _, n := range got {
		s.read += n
	}
	return s
}

var (
	renderOnce sync.Once
	rendered   []Reply
	renderedDS []Dataset
	renderErr  error
)

// matrix renders the corpus's datasets in every layout and format once
// for all the tests; with -short, only the first four datasets.
func matrix(t *testing.T) ([]Dataset, []Reply) {
	t.Helper()
	corpus := testenv.Shared(t, "corpus")
	renderOnce.Do(func() {
		renderedDS, renderErr = Load(corpus)
		if renderErr != nil {
			return
		}
		if testing.Short() {
			renderedDS = renderedDS[:min(4, len(renderedDS))]
		}
		rendered, renderErr = All(renderedDS)
	})
	if renderErr != nil {
		t.Fatal(renderErr)
	}
	return renderedDS, rendered
}

func TestMatrix(t *testing.T) {
	ds, replies := matrix(t)
	if len(replies) < len(Layouts)*len(Formats) {
		t.Fatalf("only %d replies rendered from %d datasets", len(replies), len(ds))
	}
	byLayout, byFormat, byPair := map[string]*score{}, map[string]*score{}, map[string]*score{}
	var total score
	for _, r := range replies {
		out, err := dataset.Read(context.Background(), dataset.Input{Name: r.Name, Data: r.Data, Authority: r.Dataset.Authority})
		var figs []foiwire.Figure
		if err != nil {
			t.Errorf("%s: %v", r.Name, err)
		} else {
			figs = out.Figures
		}
		s := scoreReply(r, figs)
		for _, m := range []struct {
			m map[string]*score
			k string
		}{{byLayout, r.Layout}, {byFormat, r.Format}, {byPair, r.Layout + "/" + r.Format}} {
			if m.m[m.k] == nil {
				m.m[m.k] = &score{}
			}
			m.m[m.k].add(s)
		}
		total.add(s)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "layout matrix: %d replies from %d datasets; %d of %d figures read (%.1f%%), %d wrong at high confidence\n",
		total.replies, len(ds), total.read, total.expected, total.recall(), total.wrongHigh)
	for _, l := range Layouts {
		if s := byLayout[l]; s != nil {
			fmt.Fprintf(&b, "  layout %-16s recall %5.1f%%  wrong-high %d\n", l, s.recall(), s.wrongHigh)
		}
	}
	for _, f := range Formats {
		if s := byFormat[f]; s != nil {
			fmt.Fprintf(&b, "  format %-16s recall %5.1f%%  wrong-high %d\n", f, s.recall(), s.wrongHigh)
		}
	}
	t.Log(b.String())
	if !testing.Short() && total.recall() < minRecall {
		t.Errorf("layout matrix recall %.1f%%; want at least %.1f%%", total.recall(), minRecall)
	}
	for _, l := range Layouts {
		if s := byLayout[l]; s != nil && !testing.Short() && s.recall() < minRecall {
			t.Errorf("layout %s: recall %.1f%%; want at least %.1f%%", l, s.recall(), minRecall)
		}
	}
	pairs := make([]string, 0, len(byPair))
	for k := range byPair {
		pairs = append(pairs, k)
	}
	slices.Sort(pairs)
	for _, k := range pairs {
		s := byPair[k]
		if s.wrongHigh > knownWrongHigh[k] {
			t.Errorf("%s: %d figures wrong at high confidence (known: %d), e.g. %s", k, s.wrongHigh, knownWrongHigh[k], strings.Join(s.examples, "; "))
		}
	}
	if os.Getenv("LAYOUTS_DUMP") != "" {
		dir := os.Getenv("LAYOUTS_DUMP")
		for _, r := range replies {
			if err := os.WriteFile(filepath.Join(dir, r.Name), r.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestMatrixTables checks the table layer alone: every figure of every
// rendered reply must be in a cell of a table or block table.Read finds
// in it (a sentence block's counts are those number.Counts finds).
func TestMatrixTables(t *testing.T) {
	_, replies := matrix(t)
	type tally struct{ want, have int }
	byPair := map[string]*tally{}
	var total tally
	for _, r := range replies {
		res, err := table.Read(context.Background(), r.Name, r.Data)
		if err != nil {
			t.Errorf("%s: %v", r.Name, err)
			continue
		}
		cells := map[int64]int{}
		for _, tb := range append(append([]foiwire.Table{}, res.Tables...), res.Blocks...) {
			for _, row := range tb.Rows {
				for _, c := range row {
					if tb.Kind == foiwire.KindSentences {
						for _, sp := range number.Counts(c.Text) {
							cells[sp.Count.Value]++
						}
						continue
					}
					if n, err := number.Parse(c.Text); err == nil && n.Status == foiwire.StatusOK {
						cells[n.Value]++
					}
				}
			}
		}
		k := r.Layout + "/" + r.Format
		if byPair[k] == nil {
			byPair[k] = &tally{}
		}
		for _, e := range r.Expected {
			byPair[k].want++
			total.want++
			if cells[e.Value] > 0 {
				cells[e.Value]--
				byPair[k].have++
				total.have++
			}
		}
	}
	t.Logf("table layer: %d of %d figures of %d rendered replies in a cell (%.1f%%)", total.have, total.want, len(replies), 100*float64(total.have)/float64(max(total.want, 1)))
	for _, l := range Layouts {
		var line []string
		for _, f := range Formats {
			if c := byPair[l+"/"+f]; c != nil {
				line = append(line, fmt.Sprintf("%s %5.1f%%", f, 100*float64(c.have)/float64(max(c.want, 1))))
				if c.have < c.want {
					t.Errorf("%s/%s: %d of %d figures in no cell", l, f, c.want-c.have, c.want)
				}
			}
		}
		t.Logf("  %-16s %s", l, strings.Join(line, "  "))
	}
}
