package taxonomy

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// oracleLabels makes many labels from the vocabularies' own wordings, the
// ways replies vary them: each wording as it is, in lower case, with a code
// in front, with a count after, cut short, with two letters swapped, a
// letter dropped, words shuffled, words of two wordings mixed, a negation
// put in, and words no wording uses.
func oracleLabels(n int) []string {
	v := load()
	var texts []string
	for _, c := range v.offence.cands {
		texts = append(texts, c.text)
	}
	for _, c := range v.outcome.cands {
		texts = append(texts, c.text)
	}
	labels := append([]string(nil), seeds...)
	labels = append(labels, benchLabels...)
	for _, e := range corpusOffences {
		labels = append(labels, e.label)
	}
	for _, e := range corpusOutcomes {
		labels = append(labels, e.label)
	}
	rnd := rand.New(rand.NewPCG(13, 13))
	extra := []string{"TikTok", "online", "app", "2023/24", "not", "no", "suspect", "other", "s.127", "8R", "(6)", "- 12", "&", "under 13", "Facebook"}
	for len(labels) < n {
		t := texts[rnd.IntN(len(texts))]
		ws := strings.Fields(t)
		switch rnd.IntN(10) {
		case 0:
			labels = append(labels, t, strings.ToLower(t), strings.ToUpper(t))
		case 1:
			labels = append(labels, "8R - "+t, "Outcome 15: "+t, t+" (8L)", t+" (6)", "OC"+string(rune('1'+rnd.IntN(9)))+" – "+t)
		case 2:
			if len(ws) > 1 {
				labels = append(labels, strings.Join(ws[:1+rnd.IntN(len(ws)-1)], " "))
			}
		case 3, 4:
			k := rnd.IntN(len(ws))
			if w := ws[k]; len(w) > 3 {
				b := []byte(w)
				p := rnd.IntN(len(b) - 1)
				if rnd.IntN(2) == 0 {
					b[p], b[p+1] = b[p+1], b[p]
				} else {
					b = append(b[:p], b[p+1:]...)
				}
				ws[k] = string(b)
			}
			labels = append(labels, strings.Join(ws, " "))
		case 5:
			rnd.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
			labels = append(labels, strings.Join(ws, " "))
		case 6:
			o := strings.Fields(texts[rnd.IntN(len(texts))])
			labels = append(labels, strings.Join(append(ws[:len(ws)/2+1], o[len(o)/2:]...), " "))
		case 7:
			k := rnd.IntN(len(ws) + 1)
			labels = append(labels, strings.Join(append(ws[:k:k], append([]string{"not"}, ws[k:]...)...), " "))
		case 8:
			labels = append(labels, t+" "+extra[rnd.IntN(len(extra))], extra[rnd.IntN(len(extra))]+" "+t)
		case 9:
			labels = append(labels, t+", "+texts[rnd.IntN(len(texts))]+" and "+texts[rnd.IntN(len(texts))])
		}
	}
	return labels
}

// TestMatcherAgreesWithOracle matches thousands of labels with the cached
// matcher and with the matcher it replaced: every result must be the same,
// score, reason and alternatives included, first time and from the cache.
func TestMatcherAgreesWithOracle(t *testing.T) {
	n := 8000
	if testing.Short() {
		n = 3000
	}
	labels := oracleLabels(n)
	v := load()
	for _, voc := range []struct {
		name string
		m    *matcher
	}{{"offence", v.offence}, {"outcome", v.outcome}} {
		fuzzy := 0
		for pass := range 2 {
			for _, l := range labels {
				want, wantOK := voc.m.oldMatch(l)
				got, gotOK := voc.m.match(l)
				if gotOK != wantOK || !reflect.DeepEqual(got, want) {
					t.Fatalf("%s pass %d: match(%q) = %+v %v; the old matcher gives %+v %v", voc.name, pass, l, got, gotOK, want, wantOK)
				}
				if strings.HasPrefix(got.How, "fuzzy") {
					fuzzy++
				}
			}
		}
		if fuzzy < len(labels)/10 {
			t.Errorf("%s: only %d of %d labels went through fuzzy matching: the comparison proves little", voc.name, fuzzy/2, len(labels))
		}
	}
}

func TestHasDigit(t *testing.T) {
	for _, w := range []string{"", "a", "abc", "a1", "9", "x0y", "٣", "s127", "zz"} {
		if hasDigit(w) != oldHasDigit(w) {
			t.Errorf("hasDigit(%q) = %v", w, hasDigit(w))
		}
	}
}

// BenchmarkMatchRows is the per-row cost of reading a reply's labels: the
// labels of a large synthetic campaign, each matched as an offence and as
// an outcome, by the cached matcher and by the one it replaced.
func BenchmarkMatchRows(b *testing.B) {
	labels := oracleLabels(5000)
	v := load()
	b.Run("old", func(b *testing.B) {
		for b.Loop() {
			for _, l := range labels {
				v.offence.oldMatch(l)
				v.outcome.oldMatch(l)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(labels)), "ns/row")
	})
	// new-cold forgets every label and word before each pass: the cost
	// of labels never seen before.
	b.Run("new-cold", func(b *testing.B) {
		for b.Loop() {
			for _, m := range []*matcher{v.offence, v.outcome} {
				m.labels.reset()
				m.sims.reset()
			}
			for _, l := range labels {
				v.offence.match(l)
				v.outcome.match(l)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(labels)), "ns/row")
	})
	b.Run("new", func(b *testing.B) {
		for b.Loop() {
			for _, l := range labels {
				v.offence.match(l)
				v.outcome.match(l)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(labels)), "ns/row")
	})
}

// FuzzMatcherAgrees checks the cached matcher against the old one on any
// label.
func FuzzMatcherAgrees(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	v := load()
	f.Fuzz(func(t *testing.T, label string) {
		for _, m := range []*matcher{v.offence, v.outcome} {
			want, wantOK := m.oldMatch(label)
			got, gotOK := m.match(label)
			if gotOK != wantOK || !reflect.DeepEqual(got, want) {
				t.Fatalf("match(%q) = %+v %v; the old matcher gives %+v %v", label, got, gotOK, want, wantOK)
			}
		}
	})
}
