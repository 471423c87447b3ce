package export

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/period"
)

// BOM is the UTF-8 byte-order mark. Excel reads a CSV as UTF-8 only when
// it starts with one.
const BOM = "\uFEFF"

// Names says what to call an authority in a chart: its short name, or its
// id when the names do not know it.
type Names func(id string) string

// Population gives an authority's population, for rates per 100,000
// people; ok is false when it is not known. nil leaves the rate column
// empty.
type Population func(id string) (people int64, ok bool)

// yearCounts are the yearly counts of each force, from the facts: the
// facts of kind count for the period question, the national ones left out.
func yearCounts(facts []foiwire.Fact) (byForce map[string]map[string]float64, years []foiwire.Period) {
	byForce = map[string]map[string]float64{}
	seen := map[string]bool{}
	for _, f := range facts {
		if f.Kind != foiwire.FactCount || f.Measure != foiwire.MeasurePeriod || f.Authority == foiwire.National {
			continue
		}
		l := period.Label(f.Period)
		if byForce[f.Authority] == nil {
			byForce[f.Authority] = map[string]float64{}
		}
		byForce[f.Authority][l] = f.Value
		if !seen[l] {
			seen[l] = true
			years = append(years, f.Period)
		}
	}
	slices.SortFunc(years, func(a, b foiwire.Period) int { return a.Start.Time().Compare(b.Start.Time()) })
	return byForce, years
}

// Wide writes the Datawrapper wide table: one row per force (by name), one
// column per year as the forces name it ("2021/22"), the count in each
// cell, empty where the force gave none. It returns the first write error.
func Wide(names Names, facts []foiwire.Fact) ([]byte, error) {
	byForce, years := yearCounts(facts)
	var labels []string
	for _, y := range years {
		if l := period.Label(y); !slices.Contains(labels, l) {
			labels = append(labels, l)
		}
	}
	ids := sortedByName(names, byForce)
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(append([]string{"Force"}, labels...))
	for _, id := range ids {
		row := []string{names(id)}
		for _, l := range labels {
			v, ok := byForce[id][l]
			if ok {
				row = append(row, strconv.FormatFloat(v, 'f', -1, 64))
			} else {
				row = append(row, "")
			}
		}
		w.Write(row)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("write the wide table: %w", err)
	}
	return b.Bytes(), nil
}

// RankingColumns are the columns of the national ranking.
var RankingColumns = []string{"Rank", "Force", "Count", "Year", "Rate per 100,000 people"}

// Ranking writes the national ranking for Datawrapper: every force that
// gave a count for the year most forces gave, highest first, ranked by
// count (equal counts share a rank). The rate per 100,000 people is filled
// in when pop knows the force's population, and left empty otherwise.
func Ranking(names Names, pop Population, facts []foiwire.Fact) ([]byte, error) {
	byForce, years := yearCounts(facts)
	// The year to rank: the one most forces gave, the later on a tie, so
	// one force's part year does not pick it.
	var year string
	best := 0
	for _, y := range years {
		l := period.Label(y)
		n := 0
		for _, counts := range byForce {
			if _, ok := counts[l]; ok {
				n++
			}
		}
		if n >= best {
			year, best = l, n
		}
	}
	type entry struct {
		id    string
		count float64
	}
	var es []entry
	for id, counts := range byForce {
		if v, ok := counts[year]; ok {
			es = append(es, entry{id, v})
		}
	}
	slices.SortFunc(es, func(a, b entry) int {
		return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(names(a.id), names(b.id)))
	})
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(RankingColumns)
	rank := 0
	for i, e := range es {
		if i == 0 || e.count != es[i-1].count {
			rank = i + 1
		}
		rate := ""
		if pop != nil {
			if people, ok := pop(e.id); ok && people > 0 {
				rate = strconv.FormatFloat(math.Round(e.count*100000/float64(people)*10)/10, 'f', -1, 64)
			}
		}
		w.Write([]string{strconv.Itoa(rank), names(e.id), strconv.FormatFloat(e.count, 'f', -1, 64), year, rate})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("write the ranking: %w", err)
	}
	return b.Bytes(), nil
}

func sortedByName[V any](names Names, m map[string]V) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(names(a), names(b)), cmp.Compare(a, b)) })
	return ids
}
