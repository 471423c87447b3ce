package story

import (
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"reflect"
	"strings"
	"text/template"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/chart"
)

// Story is one force's rendered story, before it is checked and written.
type Story struct {
	Force      foiwire.Authority
	Headline   string
	Standfirst string
	Blocks     []Block
	// HeadlineLinks and StandfirstLinks tie spans of the headline and
	// standfirst to the facts they state (see Link).
	HeadlineLinks, StandfirstLinks []Link
	// ChartTitle and ChartAlt are the chart's title and alt text, carried
	// with the story.
	ChartTitle string
	ChartAlt   string
	// ChartAltLinks tie the alt text's numbers and names to their facts.
	ChartAltLinks []Link
}

// SetChart carries a chart's title and alt text, with the alt text's links,
// into the story.
func (s *Story) SetChart(ch chart.Chart) {
	s.ChartTitle, s.ChartAlt, s.ChartAltLinks = ch.Title, ch.Alt, nil
	for _, sp := range ch.AltSpans {
		f := "num"
		if sp.Label {
			f = "label"
		}
		s.ChartAltLinks = append(s.ChartAltLinks, Link{Start: sp.Start, End: sp.End, Fact: sp.Fact, Format: f})
	}
}

// BlockKind says what a block of a story is.
type BlockKind string

// The kinds of block.
const (
	BlockText        BlockKind = "text"
	BlockQuote       BlockKind = "quote"       // a campaign quote
	BlockBoilerplate BlockKind = "boilerplate" // the campaign's notes to editors
	BlockChart       BlockKind = "chart"
)

// Block is one paragraph, quote, note or the chart's place.
type Block struct {
	Kind  BlockKind
	Name  string // the template paragraph it came from
	Text  string
	Quote foiwire.Quote // for a quote block
	// Links tie spans of Text to the facts they state; a quote or the
	// notes have none.
	Links []Link
}

// Supplied reports whether the block's words come from the campaign (a
// quote or boilerplate) rather than from the facts.
func (b Block) Supplied() bool { return b.Kind == BlockQuote || b.Kind == BlockBoilerplate }

// Render writes the template for one force from the facts (the force's own
// and the national ones). Wording variants are chosen by a seed made from
// the force's id and the block's name, so the same force gets the same text
// every build. It returns an error naming the force and block when a
// template fails (it used a fact the force does not have, or a function was
// given the wrong thing) or when no headline option holds.
func (t *Template) Render(c foiwire.Campaign, a foiwire.Authority, facts []foiwire.Fact) (Story, error) {
	return t.render(c, a, analysis.FactsFor(facts, a.ID), Limits{}, nil)
}

// Limits bound the rendering of one story, so that a runaway template (a
// range over ranges, a block that writes without end) costs one story, not
// the build. Zero values take the defaults.
type Limits struct {
	// Bytes is the most text one story may come to; default 256 KiB.
	Bytes int
	// Time is the longest one story may take to render; default 5 s.
	Time time.Duration
}

// The default limits.
const (
	DefaultMaxStoryBytes = 256 << 10
	DefaultMaxRenderTime = 5 * time.Second
)

// ErrRunaway is wrapped by a render error when a story went over its
// limits.
var ErrRunaway = errors.New("story template ran away")

// render is Render within limits, of facts already narrowed to the force's
// own and the national ones of its convention (analysis.FactsFor).
func (t *Template) render(c foiwire.Campaign, a foiwire.Authority, facts []foiwire.Fact, lim Limits, names *itemNames) (Story, error) {
	lim.Bytes = cmp.Or(lim.Bytes, DefaultMaxStoryBytes)
	lim.Time = cmp.Or(lim.Time, DefaultMaxRenderTime)
	d := newData(a, c, facts, names)
	tm, err := t.root.Clone()
	if err != nil {
		return Story{}, fmt.Errorf("story for %s: %w", a.ID, err)
	}
	tm.Funcs(funcs(d, c.PercentStyle))
	r := renderer{t: tm, d: d, force: a.ID, w: &limitWriter{max: lim.Bytes, deadline: time.Now().Add(lim.Time), maxTime: lim.Time}}
	s := Story{Force: a}
	var text string
	if text, err = r.pick("headline", t.headline); err != nil {
		return s, err
	}
	s.Headline, s.HeadlineLinks = unmark(text)
	if s.Headline == "" {
		return s, fmt.Errorf("story for %s: no headline option holds for this force's facts", a.ID)
	}
	if text, err = r.pick("standfirst", t.standfirst); err != nil {
		return s, err
	}
	s.Standfirst, s.StandfirstLinks = unmark(text)
	chart := false
	for _, p := range t.paragraphs {
		if !p.when.holds(d.vars) {
			continue
		}
		switch {
		case p.chart:
			s.Blocks = append(s.Blocks, Block{Kind: BlockChart, Name: p.name})
			chart = true
		case p.boilerplate:
			if c.Boilerplate != "" {
				s.Blocks = append(s.Blocks, Block{Kind: BlockBoilerplate, Name: p.name, Text: c.Boilerplate})
			}
		case p.quote > 0:
			if p.quote <= len(c.Quotes) {
				q := c.Quotes[p.quote-1]
				s.Blocks = append(s.Blocks, Block{Kind: BlockQuote, Name: p.name, Text: quoteText(q), Quote: q})
			}
		default:
			text, err := r.pick(p.name, p.options)
			if err != nil {
				return s, err
			}
			if text != "" {
				plain, links := unmark(text)
				s.Blocks = append(s.Blocks, Block{Kind: BlockText, Name: p.name, Text: plain, Links: links})
			}
		}
	}
	if !chart {
		// Without a place named for it, the chart goes after the reporting
		// and before the quotes and notes.
		at := len(s.Blocks)
		for i, b := range s.Blocks {
			if b.Supplied() {
				at = i
				break
			}
		}
		s.Blocks = append(s.Blocks[:at], append([]Block{{Kind: BlockChart, Name: "chart"}}, s.Blocks[at:]...)...)
	}
	return s, nil
}

// quoteText writes a quote the way copy attributes it.
func quoteText(q foiwire.Quote) string {
	who := q.Name
	if q.Role != "" {
		who += ", " + q.Role + ","
	}
	return fmt.Sprintf("%s said: “%s”", who, strings.Trim(q.Text, "“”\" "))
}

type renderer struct {
	t     *template.Template
	d     *Data
	force string
	w     *limitWriter // shared by every block of the story
}

// limitWriter collects a block's text and fails once the story as a whole
// has written more than max bytes or run past its deadline.
type limitWriter struct {
	b        strings.Builder
	written  int
	max      int
	deadline time.Time
	maxTime  time.Duration
}

func (w *limitWriter) Write(p []byte) (int, error) {
	w.written += len(p)
	if w.written > w.max {
		return 0, fmt.Errorf("%w: more than %d bytes of text", ErrRunaway, w.max)
	}
	if time.Now().After(w.deadline) {
		return 0, fmt.Errorf("%w: still writing after %s", ErrRunaway, w.maxTime)
	}
	return w.b.Write(p)
}

// pick renders the first option whose condition holds, choosing among its
// variants by the force's seed. It returns "" when no option holds.
func (r renderer) pick(block string, opts []option) (string, error) {
	for _, o := range opts {
		if !o.when.holds(r.d.vars) {
			continue
		}
		name := o.variants[seed(r.force, block)%uint64(len(o.variants))]
		r.w.b.Reset()
		if err := r.t.ExecuteTemplate(r.w, name, r.d); err != nil {
			return "", fmt.Errorf("story for %s, %s: %w", r.force, block, err)
		}
		if time.Now().After(r.w.deadline) {
			return "", fmt.Errorf("story for %s, %s: %w: took longer than %s", r.force, block, ErrRunaway, r.w.maxTime)
		}
		return strings.Join(strings.Fields(r.w.b.String()), " "), nil
	}
	return "", nil
}

// seed makes the variant choice for a force and block: stable across
// builds and machines, different between forces.
func seed(force, block string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(force))
	h.Write([]byte{0})
	h.Write([]byte(block))
	return h.Sum64()
}

// funcs returns the template functions, bound to one force's data and the
// campaign's percent style:
//
//	num N           house-style number: "three", "98", "1,106"
//	words N         N wholly in words: "ninety-eight"
//	count "2023/24" the force's count for that year, house style
//	plural N "offence" ["offences"]  "one offence", "98 offences"
//	pct X           size of a change or percentage: "48 per cent" / "48%"
//	share X         an offence's share of its year: "a third", "45 per cent"
//	approx N        "more than 500"
//	list ITEMS [N]  the first N names: "stalking, theft and harassment"
//	offences ITEMS N    "80 offences of violence against the person, eight
//	                    crimes against society and six offences of theft"
//	outcomes ITEMS N    what happened to the offences, by Home Office outcome
//	                    group, charges left out: "53 were closed with no
//	                    suspect identified and 34 were dropped ..."
//	forces TOTAL        how many forces a national total covers: "four forces"
//	cap S, lower S  first letter up or down
//
// N may be a number, a Count, Total, Item or Charges (their Value).
func funcs(d *Data, style string) template.FuncMap {
	return template.FuncMap{
		"num": func(n any) (string, error) {
			v, id, err := whole(n)
			return mark(id, "num", Number(v)), err
		},
		"words": func(n any) (string, error) {
			v, id, err := whole(n)
			return mark(id, "words", Words(v)), err
		},
		"count": func(year string) (string, error) {
			for _, y := range d.Years {
				if y.Year == year {
					return mark(y.Fact, "num", Number(y.Value)), nil
				}
			}
			return "", fmt.Errorf("count %q: the force gave no count for that year", year)
		},
		"plural": func(n any, singular string, plural ...string) (string, error) {
			v, id, err := whole(n)
			num, noun, _ := strings.Cut(Plural(v, singular, plural...), " ")
			return mark(id, "num", num) + " " + noun, err
		},
		"pct": func(x any) (string, error) {
			switch x := x.(type) {
			case *Change:
				if x == nil {
					return "", fmt.Errorf("pct: no change for this force")
				}
				return mark(x.Fact, "pct", Percent(x.Pct, style)), nil
			case float64:
				return Percent(x, style), nil
			}
			return "", fmt.Errorf("pct: cannot write %T as a percentage", x)
		},
		"share": func(x any) (string, error) {
			switch x := x.(type) {
			case Item:
				if !x.HasShare {
					return "", fmt.Errorf("share: no year's count to take %q's share of", x.Label)
				}
				return mark(x.ShareFact, "share", Share(x.Share, style)), nil
			case *Charges:
				if x == nil || !x.HasRate {
					return "", fmt.Errorf("share: no charge rate for this force")
				}
				return mark(x.RateFact, "share", Share(x.Rate, style)), nil
			case float64:
				return Share(x, style), nil
			}
			return "", fmt.Errorf("share: cannot write %T as a share", x)
		},
		"approx": func(n any) (string, error) {
			v, id, err := whole(n)
			return mark(id, "approx", Approx(v)), err
		},
		"list": func(items []Item, n ...int) string {
			k := len(items)
			if len(n) > 0 && n[0] < k {
				k = n[0]
			}
			names := make([]string, k)
			for i := range k {
				names[i] = items[i].Named()
			}
			return List(names)
		},
		"offences": func(items []Item, n int) string {
			return tally(items, n, offenceCount)
		},
		"outcomes": func(items []Item, n int) string {
			// The charge count has a paragraph of its own.
			var rest []Item
			for _, it := range items {
				if !strings.Contains(it.Fact, analysis.OutcomeGroupPrefix+"charged-summonsed/") {
					rest = append(rest, it)
				}
			}
			return tally(rest, n, outcomeCount)
		},
		"forces": func(t *Total) (string, error) {
			if t == nil || t.Of == 0 {
				return "", fmt.Errorf("forces: no national total for this force")
			}
			return mark(t.Fact, "of", Number(int64(t.Of))) + " " + Plural(int64(t.Of), "force")[len(Number(int64(t.Of)))+1:], nil
		},
		"cap":   capMarked,
		"lower": lowerMarked,
	}
}

// offenceCount writes an offence's count with its name: "six offences of
// theft", but "eight crimes against society" where the name is itself a
// plural of offences.
func offenceCount(it Item) string {
	n := mark(it.Fact, "num", Number(it.Value))
	if it.Value == 1 && it.Offences() != it.Named() {
		return n + " offence of " + it.Named()
	}
	return n + " " + it.Offences()
}

// outcomeCount writes an outcome group's count with what happened: "53
// closed with no suspect identified".
func outcomeCount(it Item) string {
	return mark(it.Fact, "num", Number(it.Value)) + " " + outcomePhrase(it)
}

// tally lists the first n items with a count, each written by say, the
// British way: "a, b and c". Each count is linked to its fact, so no reader
// needs punctuation to tell which count goes with which item.
func tally(items []Item, n int, say func(Item) string) string {
	parts := make([]string, 0, n)
	for _, it := range items {
		if len(parts) == n {
			break
		}
		if it.Value > 0 { // "zero recorded as ..." says nothing
			parts = append(parts, say(it))
		}
	}
	return List(parts)
}

// whole reads a template argument as a whole number, with the id of the
// fact it came from ("" for a bare number).
func whole(n any) (int64, string, error) {
	switch v := n.(type) {
	case int:
		return int64(v), "", nil
	case int64:
		return v, "", nil
	case float64:
		if v != math.Trunc(v) {
			return 0, "", fmt.Errorf("%v is not a whole number", v)
		}
		return int64(v), "", nil
	case Count:
		return v.Value, v.Fact, nil
	case *Count:
		if v != nil {
			return v.Value, v.Fact, nil
		}
	case *Total:
		if v != nil {
			return v.Value, v.Fact, nil
		}
	case Item:
		return v.Value, v.Fact, nil
	case *Charges:
		if v != nil {
			return v.Value, v.Fact, nil
		}
	default:
		return 0, "", fmt.Errorf("cannot read %T as a number", n)
	}
	return 0, "", fmt.Errorf("no %s for this force", strings.TrimPrefix(reflect.TypeOf(n).String(), "*story."))
}
