package analysis

import (
	"cmp"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
)

// SmallNumber is the count below which a fact carries the "small numbers"
// caveat: a change between small counts says little.
const SmallNumber = 10

// The caveats facts carry.
const (
	CaveatPartYear = "part year"
	CaveatSmall    = "small numbers"
	CaveatReview   = "figure awaiting review"
)

// Derive returns every fact the campaign's figures support, in a
// deterministic order: authorities by id with national facts last, then by
// fact id. Figures of authorities outside the campaign's list (or, for an
// empty list, outside the registry proper) get facts of their own but never
// count in national totals or ranks. It returns an error naming the figure
// when a figure's authority is unknown, a figure marked ok has no value, or
// one authority gives two different numbers for the same thing.
func Derive(c foiwire.Campaign, reg *authority.Registry, figs []foiwire.Figure) ([]foiwire.Fact, error) {
	return DeriveWhere(c, reg, figs, nil)
}

// DeriveWhere is Derive of the figures keep keeps (all when keep is nil),
// without copying the rest: a build leaves out the figures under review
// this way.
func DeriveWhere(c foiwire.Campaign, reg *authority.Registry, figs []foiwire.Figure, keep func(*foiwire.Figure) bool) ([]foiwire.Fact, error) {
	asked, err := askedAuthorities(c, reg)
	if err != nil {
		return nil, err
	}
	// Each authority's figures in one allocation of the size it needs.
	count := map[string]int{}
	for i := range figs {
		if keep == nil || keep(&figs[i]) {
			count[figs[i].Authority]++
		}
	}
	byAuth := make(map[string][]*foiwire.Figure, len(count))
	for id, n := range count {
		byAuth[id] = make([]*foiwire.Figure, 0, n)
	}
	for i := range figs {
		f := &figs[i]
		if keep != nil && !keep(f) {
			continue
		}
		if _, ok := reg.ByID(f.Authority); !ok {
			return nil, fmt.Errorf("figure %s: authority %q is not in the registry", ref(f), f.Authority)
		}
		if f.Status == foiwire.StatusOK && f.Value == nil {
			return nil, fmt.Errorf("figure %s (%s, %q): status ok but no value", ref(f), f.Authority, f.Label)
		}
		byAuth[f.Authority] = append(byAuth[f.Authority], f)
	}
	ids := make([]string, 0, len(byAuth))
	for id := range byAuth {
		ids = append(ids, id)
	}
	slices.Sort(ids)

	blocks, err := eachForce(ids, byAuth)
	if err != nil {
		return nil, err
	}
	forces := map[string][]foiwire.Fact{} // facts of asked authorities, for national sums and ranks
	var refused []string
	for i, id := range ids {
		fs := blocks[i]
		if !asked[id] {
			continue
		}
		if len(fs) > 0 {
			forces[id] = fs
		} else if hasRefusal(byAuth[id]) {
			refused = append(refused, id)
		}
	}
	// Each authority's facts, its ranks among the others included, are
	// sorted on their own and laid end to end in authority order, the
	// national facts last: the order one stable sort of them all gives.
	// The facts are sorted as pointers and copied once, into place.
	national, ranks := nationalFacts(forces, len(asked), refused)
	clear(forces) // the sums and ranks are made: only blocks holds the facts now
	rankAt := map[string][]int32{}
	for i := range ranks {
		rankAt[ranks[i].Authority] = append(rankAt[ranks[i].Authority], int32(i))
	}
	n := len(national) + len(ranks)
	for i := range ids {
		n += len(blocks[i])
	}
	facts := make([]foiwire.Fact, 0, n)
	var order []*foiwire.Fact
	for i, id := range ids {
		order = order[:0]
		for j := range blocks[i] {
			order = append(order, &blocks[i][j])
		}
		for _, j := range rankAt[id] {
			order = append(order, &ranks[j])
		}
		facts = appendSorted(facts, order)
		// Let each block go once copied, so that a campaign's facts are
		// not held twice over while they are laid end to end.
		blocks[i] = nil
		delete(rankAt, id)
	}
	for _, id := range slices.Sorted(maps.Keys(rankAt)) {
		for _, j := range rankAt[id] {
			facts = append(facts, ranks[j])
		}
	}
	order = order[:0]
	for i := range national {
		order = append(order, &national[i])
	}
	facts = appendSorted(facts, order)
	// Should a rank ever name an authority without figures, the check in
	// sortFacts finds the order broken and sorts the whole.
	return sortFacts(facts), nil
}

// appendSorted appends the facts order points to, stably sorted by
// factOrder, to dst. Sorting pointers moves eight bytes where moving a
// fact moves hundreds; ties keep their place in order.
func appendSorted(dst []foiwire.Fact, order []*foiwire.Fact) []foiwire.Fact {
	sorted := true
	for i := 1; i < len(order) && sorted; i++ {
		sorted = factOrder(order[i-1], order[i]) <= 0
	}
	if !sorted {
		type at struct {
			f *foiwire.Fact
			i int
		}
		ats := make([]at, len(order))
		oneAuthority := true
		for i, f := range order {
			ats[i] = at{f, i}
			oneAuthority = oneAuthority && f.Authority == order[0].Authority
		}
		byOrder := func(a, b at) int { return cmp.Or(factOrder(a.f, b.f), cmp.Compare(a.i, b.i)) }
		if oneAuthority {
			// Facts of one authority are in factOrder by id alone.
			byOrder = func(a, b at) int { return cmp.Or(cmp.Compare(a.f.ID, b.f.ID), cmp.Compare(a.i, b.i)) }
		}
		slices.SortFunc(ats, byOrder)
		for i := range ats {
			order[i] = ats[i].f
		}
	}
	for _, f := range order {
		dst = append(dst, *f)
	}
	return dst
}

// eachForce derives the facts of each authority in ids from its figures,
// on as many goroutines as there are processors: one authority's facts
// depend on its figures alone. It returns the error of the first
// authority, in ids order, whose facts cannot be derived.
func eachForce(ids []string, byAuth map[string][]*foiwire.Figure) ([][]foiwire.Fact, error) {
	blocks := make([][]foiwire.Fact, len(ids))
	errs := make([]error, len(ids))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ids)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(ids); i = int(next.Add(1)) - 1 {
				blocks[i], errs[i] = forceFacts(ids[i], byAuth[ids[i]])
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return blocks, nil
}

// factOrder is the order of Derive's facts: authorities by id with the
// national facts last, then by fact id.
func factOrder(a, b *foiwire.Fact) int {
	if an, bn := a.Authority == foiwire.National, b.Authority == foiwire.National; an != bn {
		if an {
			return 1
		}
		return -1
	}
	return cmp.Or(cmp.Compare(a.Authority, b.Authority), cmp.Compare(a.ID, b.ID))
}

// sortFacts sorts facts stably by factOrder. It sorts positions rather
// than the facts themselves, ties broken by position, and moves each fact
// once: a stable sort of the facts in place moves each many times.
func sortFacts(facts []foiwire.Fact) []foiwire.Fact {
	sorted := true
	for i := 1; i < len(facts) && sorted; i++ {
		sorted = factOrder(&facts[i-1], &facts[i]) <= 0
	}
	if sorted {
		return facts
	}
	at := make([]int32, len(facts))
	for i := range at {
		at[i] = int32(i)
	}
	slices.SortFunc(at, func(i, j int32) int {
		return cmp.Or(factOrder(&facts[i], &facts[j]), cmp.Compare(i, j))
	})
	out := make([]foiwire.Fact, len(facts))
	for k, i := range at {
		out[k] = facts[i]
	}
	return out
}

// askedAuthorities returns the set of authorities the campaign asked and
// whose answers count nationally.
func askedAuthorities(c foiwire.Campaign, reg *authority.Registry) (map[string]bool, error) {
	asked := map[string]bool{}
	if len(c.Authorities) == 0 {
		for _, a := range reg.All() {
			asked[a.ID] = true
		}
		return asked, nil
	}
	for _, id := range c.Authorities {
		a, ok := reg.ByID(id)
		if !ok {
			return nil, fmt.Errorf("campaign %s: authority %q is not in the registry", c.Slug, id)
		}
		if a.InRegistry {
			asked[id] = true
		}
	}
	return asked, nil
}

func hasRefusal(figs []*foiwire.Figure) bool {
	for _, f := range figs {
		if f.Status == foiwire.StatusRefused || f.Measure == foiwire.MeasureRefusal {
			return true
		}
	}
	return false
}

// Ref names the place a figure was read, as a fact's Inputs name it:
// "<document>#<table>/<row>/<col>", or "<file>:<row>" for a collated
// figure, or "(no source)".
func Ref(f foiwire.Figure) string { return ref(&f) }

// ref names the place a figure was read, for a fact's inputs and for errors.
func ref(f *foiwire.Figure) string {
	s := f.Source
	if s.Document != "" {
		return s.Document + "#" + strconv.Itoa(s.Table) + "/" + strconv.Itoa(s.Row) + "/" + strconv.Itoa(s.Col)
	}
	if s.File != "" {
		return s.File + ":" + strconv.Itoa(s.Row)
	}
	return "(no source)"
}

// num writes a whole number for a formula.
func num(v int64) string { return strconv.FormatInt(v, 10) }

// addCaveat appends c to f's caveats once.
func addCaveat(f *foiwire.Fact, c string) {
	if !slices.Contains(f.Caveats, c) {
		f.Caveats = append(f.Caveats, c)
	}
}

// smallWords spells the numbers two to ten for "three-year high".
var smallWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}

func yearsWord(n int) string {
	if n < len(smallWords) {
		return smallWords[n]
	}
	return strconv.Itoa(n)
}

// asRead is the formula of a figure taken as read: as read: "<label>",
// the label quoted as fmt's %q quotes it.
func asRead(label string) string { return "as read: " + strconv.Quote(label) }

// slug turns an authority's wording into an id part: "Stalking and
// harassment" → "stalking-and-harassment". Each rune is lowered as
// strings.ToLower lowers it, without the lowered copy.
func slug(s string) string {
	b := make([]byte, 0, len(s))
	dash := false
	for _, r := range s {
		switch {
		case r >= utf8.RuneSelf:
			r = unicode.ToLower(r)
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b = append(b, byte(r))
			dash = false
		} else if !dash && len(b) > 0 {
			b = append(b, '-')
			dash = true
		}
	}
	if dash {
		b = b[:len(b)-1]
	}
	return string(b)
}
