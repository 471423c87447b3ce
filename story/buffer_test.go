package story

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/authority"
)

// TestBuildReusingOneBufferIsBuildAfresh builds every force's story with
// one scratch (facts buffer, chart measurer) handed from force to force,
// in both orders (a force with many facts before one with few, and after),
// and checks each result is the one a build with a scratch of its own
// gives: nothing of one force's build may outlive it into the next's.
func TestBuildReusingOneBufferIsBuildAfresh(t *testing.T) {
	c := testCampaign()
	reg := authority.Police()
	figs := articleFigures(t)
	facts := deriveFacts(t, c, figs)
	forces, _ := storyForces(c, reg, figs, facts)
	if len(forces) < 2 {
		t.Fatalf("%d forces with facts; the test needs two or more", len(forces))
	}
	tm := exampleTemplate(t)
	ck := newChecker(c, reg, facts, foiwire.DateOf(buildTime))
	opts := Options{Template: tm}
	fresh := map[string]result{}
	for _, a := range forces {
		fresh[a.ID] = build(tm, c, a, new(scratch), ck, buildTime, opts)
	}
	backward := slices.Clone(forces)
	slices.Reverse(backward)
	for _, order := range [][]foiwire.Authority{forces, backward} {
		// Compared once all are built, so that a result pointing into
		// the buffer would show the facts of the forces after it.
		sc := new(scratch)
		got := map[string]result{}
		for _, a := range order {
			got[a.ID] = build(tm, c, a, sc, ck, buildTime, opts)
		}
		// The facts a reused buffer gives are those the force has.
		var reused []foiwire.Fact
		for _, a := range order {
			reused = ck.factsFor(a.ID, reused)
			if want := analysis.FactsFor(facts, a.ID); !reflect.DeepEqual(reused, want) {
				t.Errorf("%s: factsFor in a reused buffer gives %d facts, not its %d", a.ID, len(reused), len(want))
			}
		}
		for _, a := range order {
			if !reflect.DeepEqual(got[a.ID], fresh[a.ID]) {
				t.Errorf("%s built with other forces in one buffer differs from its build afresh", a.ID)
			}
		}
	}
}

// TestQuoteNamingAForceRefusesTheOthers names a force in a campaign quote,
// whose mentions the checker finds once for every story: each other
// force's story is refused for it, and the named force's is not.
func TestQuoteNamingAForceRefusesTheOthers(t *testing.T) {
	c := testCampaign()
	c.Quotes[0].Text = "Lancashire Constabulary showed what a full answer looks like."
	rep := publishArticles(t, t.TempDir(), c, exampleTemplate(t))
	if len(rep.Written) != 1 || rep.Written[0].Force != "lancashire" {
		t.Errorf("written = %+v, want only lancashire", rep.Written)
	}
	for _, r := range rep.Refused {
		if !strings.Contains(r.Reason, "names another authority (Lancashire") {
			t.Errorf("refused for another reason: %v", r)
		}
	}
}

// TestItemNamesIsItemName asks one itemNames for the name of every offence
// and outcome fact of the article campaign, and of facts that share a
// label but not a category or measure, twice over, against itemName.
func TestItemNamesIsItemName(t *testing.T) {
	facts := deriveFacts(t, testCampaign(), articleFigures(t))
	var fs []foiwire.Fact
	for _, f := range facts {
		if f.Measure == foiwire.MeasureOffence || f.Measure == foiwire.MeasureOutcome {
			fs = append(fs, f)
		}
	}
	for _, f := range fs[:min(len(fs), 20)] {
		g := f
		g.Category = ""
		h := f
		h.Measure = foiwire.MeasureOutcome
		if f.Measure == foiwire.MeasureOutcome {
			h.Measure = foiwire.MeasureOffence
		}
		fs = append(fs, g, h)
	}
	names := &itemNames{}
	for range 2 {
		for i := range fs {
			if got, want := names.of(&fs[i]), itemName(fs[i]); got != want {
				t.Errorf("%s (%q, %q, %s): %q; itemName gives %q", fs[i].ID, fs[i].Label, fs[i].Category, fs[i].Measure, got, want)
			}
		}
	}
}

func FuzzCountWordsIsFields(f *testing.F) {
	for _, s := range []string{"", " ", "one", " two  words\n", "tab\tsep\u00a0nbsp\u2028x", "bad\xffbyte \x85next"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countWords(s), len(strings.Fields(s)); got != want {
			t.Errorf("countWords(%q) = %d; len(strings.Fields) = %d", s, got, want)
		}
	})
}

// TestLinkedFactsIsByID checks linkedFacts against a map of every fact by
// id, for each id the links name: the same fact (the last with the id),
// and no entry where no fact has the id.
func TestLinkedFactsIsByID(t *testing.T) {
	facts := deriveFacts(t, testCampaign(), articleFigures(t))
	facts = append(facts, facts[3]) // an id twice: the last one counts
	facts[len(facts)-1].Value = -1
	all := map[string]*foiwire.Fact{}
	for i := range facts {
		all[facts[i].ID] = &facts[i]
	}
	parts := []part{
		{links: []Link{{Fact: facts[0].ID}, {Fact: facts[3].ID}, {Fact: "kent/no-such-fact"}}},
		{links: []Link{{Fact: facts[len(facts)/2].ID}}},
	}
	more := []Link{{Fact: facts[5].ID}, {Fact: "national/none"}}
	got := linkedFacts(facts, parts, more)
	for _, id := range []string{facts[0].ID, facts[3].ID, "kent/no-such-fact", facts[len(facts)/2].ID, facts[5].ID, "national/none"} {
		f, ok := got[id]
		want, wantOK := all[id]
		if ok != wantOK || f != want {
			t.Errorf("%s: %p, %v; want %p, %v", id, f, ok, want, wantOK)
		}
	}
	if len(got) != 4 {
		t.Errorf("%d facts mapped; want the 4 linked that exist", len(got))
	}
}
