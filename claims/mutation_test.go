package claims

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/internal/testenv"
)

// mutationSource is an article whose correct claims get mutated.
type mutationSource struct {
	name string
	body string
	opt  Options
	base []foiwire.Check // its correct numeric claims, unmutated
}

// mutable reports whether a claim states one exact number the data can
// speak to. Hedged claims are left alone: "more than 231" is as true of 235
// as "more than 230".
func mutable(k foiwire.Check) bool {
	if k.Value == nil || k.Approx != "" {
		return false
	}
	switch k.Kind {
	case foiwire.ClaimCount, foiwire.ClaimTotal, foiwire.ClaimCharges, foiwire.ClaimChangePct:
		return true
	}
	return false
}

func fixtureSources(t *testing.T, facts []foiwire.Fact) []mutationSource {
	files, err := filepath.Glob(filepath.Join("testdata", "articles", "*-correct.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixture articles: %v", err)
	}
	var out []mutationSource
	for _, fn := range files {
		b, err := os.ReadFile(fn)
		if err != nil {
			t.Fatal(err)
		}
		a := ParseArticle(string(b))
		opt := Options{Published: a.Published, Periods: campaignPeriods}
		src := mutationSource{name: filepath.Base(fn), body: a.Body, opt: opt}
		for _, k := range CheckText(a.Body, facts, opt) {
			if mutable(k) {
				src.base = append(src.base, k)
			}
		}
		out = append(out, src)
	}
	return out
}

// corpusSources takes the corpus articles' claims that expected_claims.csv
// does not mark as errors.
func corpusSources(t *testing.T, shared string, facts []foiwire.Fact) []mutationSource {
	arts := checkCorpus(t, shared, facts)
	want := readExpected(t, filepath.Join(shared, "corpus", "expected_claims.csv"))
	var out []mutationSource
	for _, a := range arts {
		b, err := os.ReadFile(filepath.Join(shared, "corpus", "articles", a.name))
		if err != nil {
			t.Fatal(err)
		}
		pa := ParseArticle(string(b))
		src := mutationSource{name: a.name, body: a.body, opt: Options{Published: pa.Published, Periods: campaignPeriods}}
		for _, e := range want {
			if e.verdict == "error" {
				continue
			}
			k, ok := e.find([]loadedArticle{a})
			if ok && mutable(k) && !slices.ContainsFunc(src.base, func(b foiwire.Check) bool { return b.Offset == k.Offset }) {
				src.base = append(src.base, k)
			}
		}
		if len(src.base) > 0 {
			out = append(out, src)
		}
	}
	return out
}

// numberSpan finds the number in a claim's words: its byte range in the
// article.
func numberSpan(k foiwire.Check) (int, int) {
	ts := tokenize(k.Text, span{0, len(k.Text)})
	for i, t := range ts {
		if _, ok := digits(t.low); ok {
			return k.Offset + t.start, k.Offset + t.end
		}
		if _, n := wordNumber(ts, i); n > 0 {
			return k.Offset + t.start, k.Offset + ts[i+n-1].end
		}
		if t.low == "no" {
			return k.Offset + t.start, k.Offset + t.end
		}
	}
	return -1, -1
}

type mutant struct {
	what string
	body string
	at   int // the claim's offset in the mutated body
}

func mutants(src mutationSource, k foiwire.Check, others []float64, yearly map[foiwire.Period]float64) []mutant {
	var out []mutant
	from, to := numberSpan(k)
	if from < 0 {
		return nil
	}
	v := *k.Value
	values := []float64{v + 1, v - 1, v * 10}
	if k.Kind != foiwire.ClaimChangePct {
		values = append(values, others...)
	}
	seen := map[float64]bool{v: true}
	for _, nv := range values {
		if nv < 0 || seen[nv] {
			continue
		}
		seen[nv] = true
		body := src.body[:from] + formatNumber(nv) + src.body[to:]
		out = append(out, mutant{what: fmt.Sprintf("%s → %s", k.Text, formatNumber(nv)), body: body, at: k.Offset})
	}
	// Swapped years, for yearly counts: the year nearest the claim printed
	// as another of the campaign's years. A swap to a year with the same
	// count says something true and is no mutant.
	if k.Kind != foiwire.ClaimCount || k.Category != "" {
		return out
	}
	sStart := strings.Index(src.body, k.Sentence)
	if sStart < 0 {
		return out
	}
	var year *token
	ts := tokenize(src.body, span{sStart, sStart + len(k.Sentence)})
	for i, t := range ts {
		y, ok := yearOf(t.low)
		if fy, isFY := financialYearOf(t.low); isFY {
			y, ok = fy, true
		}
		if ok && y == k.Start.Year() && (year == nil || abs(t.start-k.Offset) < abs(year.start-k.Offset)) {
			year = &ts[i]
		}
	}
	if year == nil {
		return out
	}
	_, isFY := financialYearOf(year.low)
	for _, p := range campaignPeriods {
		ny := p.Start.Year()
		if ny == k.Start.Year() || yearly[p] == v {
			continue
		}
		repl := strconv.Itoa(ny)
		if isFY {
			repl += "/" + twoDigits(ny+1)
		}
		body := src.body[:year.start] + repl + src.body[year.end:]
		out = append(out, mutant{what: fmt.Sprintf("%q with %s for %s", k.Text, repl, year.text), body: body, at: k.Offset})
	}
	return out
}

// othersFigures are the values other forces' facts give, for "another
// force's figure" mutants.
func othersFigures(facts []foiwire.Fact, auth string) []float64 {
	var out []float64
	for _, f := range facts {
		if f.Authority == auth || f.Authority == foiwire.National {
			continue
		}
		switch f.Kind {
		case foiwire.FactCount, foiwire.FactTotal, foiwire.FactCharges:
			if !slices.Contains(out, f.Value) {
				out = append(out, f.Value)
			}
		}
	}
	slices.Sort(out)
	return out
}

func TestMutation(t *testing.T) {
	facts := fixtureFacts(t)
	sources := fixtureSources(t, facts)
	if _, ok := testenv.SharedIfPresent(t, "corpus", "articles"); ok {
		sources = append(sources, corpusSources(t, testenv.Shared(t), facts)...)
	}
	base, falseAlarms, total, caught, fixtures := 0, 0, 0, 0, 0
	for _, src := range sources {
		for _, k := range src.base {
			base++
			if k.Verdict == foiwire.Contradicted {
				falseAlarms++
				t.Logf("false alarm: %s %q: %s", src.name, k.Text, k.Reason)
			}
			if k.Verdict != foiwire.Supported {
				continue // nothing in the data to contradict a mutant with
			}
			for _, m := range mutants(src, k, othersFigures(facts, k.Authority), yearlyCounts(facts, k.Authority)) {
				total++
				if strings.HasSuffix(src.name, "-correct.txt") {
					fixtures++
				}
				got, ok := checkAt(CheckText(m.body, facts, src.opt), m.at)
				if ok && got.Verdict == foiwire.Contradicted {
					caught++
					continue
				}
				t.Logf("missed: %s: %s: %s (%s)", src.name, m.what, got.Verdict, got.Reason)
			}
		}
	}
	rate := float64(caught) / math.Max(1, float64(total))
	alarm := float64(falseAlarms) / math.Max(1, float64(base))
	fmt.Printf("mutation: %d sources, %d correct claims, %d mutants (%d from the fixtures), %d contradicted (%.2f%%), %d false alarms on unmutated claims (%.2f%%)\n",
		len(sources), base, total, fixtures, caught, 100*rate, falseAlarms, 100*alarm)
	if total < 1000 {
		t.Errorf("only %d mutants; want at least 1,000", total)
	}
	if rate < 0.99 {
		t.Errorf("%.2f%% of mutants contradicted; want at least 99%%", 100*rate)
	}
	if alarm > 0.01 {
		t.Errorf("%.2f%% false alarms; want at most 1%%", 100*alarm)
	}
}

// yearlyCounts are an authority's counts by year, to tell a swapped year
// that changes nothing.
func yearlyCounts(facts []foiwire.Fact, auth string) map[foiwire.Period]float64 {
	out := map[foiwire.Period]float64{}
	for _, f := range facts {
		if f.Authority == auth && f.Kind == foiwire.FactCount && f.Measure == foiwire.MeasurePeriod {
			out[f.Period] = f.Value
		}
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func checkAt(ks []foiwire.Check, at int) (foiwire.Check, bool) {
	for _, k := range ks {
		if k.Offset == at {
			return k, true
		}
	}
	return foiwire.Check{}, false
}
