package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/foiwire/foiwire"
)

// figureRow is a figure with the links the pages give it.
type figureRow struct {
	foiwire.Figure
	Anchor string // "fig-12"
	Key    string
	Source string // where it was read, in words
	Href   string // the reply with the cell picked out; "" for collated figures
	Edit   string // the figure's page
}

// factRow is a fact with its anchor and links to its inputs.
type factRow struct {
	foiwire.Fact
	Anchor string
	Inputs []inputLink
}

type inputLink struct {
	Label string
	Href  string // "" when the input is not a known figure
}

func (snap *snapshot) figureRow(i int) figureRow {
	f := snap.figures[i]
	row := figureRow{Figure: f, Anchor: "fig-" + strconv.Itoa(i), Key: f.Key(), Edit: "/figure?key=" + url.QueryEscape(f.Key()) + "&force=" + url.QueryEscape(f.Authority)}
	src := f.Source
	switch {
	case src.Document != "" && src.Table >= 0:
		row.Source = fmt.Sprintf("%s · table %d, row %d, column %d", src.File, src.Table+1, src.Row+1, src.Col+1)
		row.Href = fmt.Sprintf("/forces/%s/replies/%s?t=%d&r=%d&c=%d#cell", url.PathEscape(f.Authority), src.Document, src.Table, src.Row, src.Col)
	case src.Document != "":
		row.Source = src.File + " · the letter's text"
		row.Href = fmt.Sprintf("/forces/%s/replies/%s", url.PathEscape(f.Authority), src.Document)
	default:
		row.Source = fmt.Sprintf("%s, line %d", src.File, src.Row)
	}
	return row
}

// factRow lays out a fact for a page about the force here: links to its
// own figures stay on the page, others go to their force's page.
func (snap *snapshot) factRow(i int, here string) factRow {
	f := snap.facts[i]
	row := factRow{Fact: f, Anchor: "fact-" + strconv.Itoa(i)}
	for _, in := range f.Inputs {
		link := inputLink{Label: in}
		if fi, ok := snap.byRef[in]; ok {
			fig := snap.figures[fi]
			link.Label = fmt.Sprintf("%s %s", fig.Label, figureValue(fig))
			link.Href = "#fig-" + strconv.Itoa(fi)
			if fig.Authority != here {
				link.Href = "/forces/" + url.PathEscape(fig.Authority) + link.Href
			}
		} else if xi, ok := snap.factIx[in]; ok && snap.facts[xi].Authority != foiwire.National {
			// A national fact is made of the forces' own facts.
			in := snap.facts[xi]
			link.Label = fmt.Sprintf("%s %s", snap.forceOf(in.Authority).ShortName, factValue(in))
			link.Href = "#fact-" + strconv.Itoa(xi)
			if in.Authority != here {
				link.Href = "/forces/" + url.PathEscape(in.Authority) + link.Href
			}
		}
		row.Inputs = append(row.Inputs, link)
	}
	return row
}

// anchorOf returns the page anchor of a fact, "" for an unknown id.
func (snap *snapshot) anchorOf(id string) string {
	if i, ok := snap.factIx[id]; ok {
		return "fact-" + strconv.Itoa(i)
	}
	return ""
}

// forcePage is one force: figures, facts, chart, story.
type forcePage struct {
	page
	Force     *forceView
	Figures   []figureRow
	Facts     []factRow
	National  []factRow
	Story     storyState
	ShowStory bool
	Text      *storyText
	HasChart  bool
	Arrivals  []foiwire.Arrival
}

func (s *Server) forcePage(w http.ResponseWriter, r *http.Request) {
	c := s.cache.Load() // before the snapshot: see renderCache.cached
	snap := s.snap.Load()
	fv, ok := snap.byID[r.PathValue("id")]
	if !ok {
		s.notFound(w, r)
		return
	}
	base := s.page(r, fv.Name)
	base.Section = "overview"
	state := s.storyState(snap, fv)
	show := fv.Story != nil && state.visible(whoFrom(r.Context()))
	key := fmt.Sprintf("%s|%t|%t|%t", fv.ID, base.CanEdit, show, state.Embargoed)
	s.renderWhole(w, r, c, "force", key, base, func() any {
		p := forcePage{page: base, Force: fv, HasChart: fv.ChartSVG != nil, Arrivals: fv.Arrivals, Story: state, ShowStory: show}
		for _, i := range fv.Figures {
			p.Figures = append(p.Figures, snap.figureRow(i))
		}
		for _, i := range fv.Facts {
			p.Facts = append(p.Facts, snap.factRow(i, fv.ID))
		}
		if show {
			p.Text = snap.storyText(fv.Story, "")
			p.National = snap.usedNational(fv.Story, fv.ID)
		}
		return p
	})
}

func (s *Server) forceChart(w http.ResponseWriter, r *http.Request) {
	fv, ok := s.snap.Load().byID[r.PathValue("id")]
	if !ok || fv.ChartSVG == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "private, no-cache")
	w.Write(fv.ChartSVG)
}

// storyText is a story ready for a template: segments with their anchors.
type storyText struct {
	Headline   []linkedSegment
	Standfirst []linkedSegment
	Blocks     []linkedBlock
	ChartAlt   string
	Refusals   []string
}

type linkedSegment struct {
	Text  string
	Href  string // "#fact-3", or "" for plain text
	Loose bool
	Title string
}

type linkedBlock struct {
	Kind  string
	Text  []linkedSegment
	Quote foiwire.Quote
}

// storyText ties each linked number to its fact's anchor; factsAt is the
// page holding the facts ("" for this page).
func (snap *snapshot) storyText(sv *storyView, factsAt string) *storyText {
	link := func(segs []segment) []linkedSegment {
		out := make([]linkedSegment, len(segs))
		for i, sg := range segs {
			out[i] = linkedSegment{Text: sg.Text, Loose: sg.Loose}
			if sg.Fact == "" {
				continue
			}
			if a := snap.anchorOf(sg.Fact); a != "" {
				out[i].Href = factsAt + "#" + a
				f := snap.facts[snap.factIx[sg.Fact]]
				out[i].Title = factName(f) + " = " + factValue(f) + " (" + f.Formula + ")"
			}
		}
		return out
	}
	st := &storyText{Headline: link(sv.Headline), Standfirst: link(sv.Standfirst), ChartAlt: sv.ChartAlt}
	for _, b := range sv.Blocks {
		st.Blocks = append(st.Blocks, linkedBlock{Kind: string(b.Kind), Text: link(b.Text), Quote: b.Quote})
	}
	st.Refusals = sv.Refusals
	return st
}

// usedNational lists the national facts a story's numbers link to.
func (snap *snapshot) usedNational(sv *storyView, here string) []factRow {
	seen := map[string]bool{}
	var out []factRow
	visit := func(segs []segment) {
		for _, sg := range segs {
			i, ok := snap.factIx[sg.Fact]
			if !ok || seen[sg.Fact] || snap.facts[i].Authority != foiwire.National {
				continue
			}
			seen[sg.Fact] = true
			out = append(out, snap.factRow(i, here))
		}
	}
	visit(sv.Headline)
	visit(sv.Standfirst)
	for _, b := range sv.Blocks {
		visit(b.Text)
	}
	return out
}
