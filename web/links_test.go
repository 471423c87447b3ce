package web

import (
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/story"
)

// TestLinkStoryUsesRenderLinks: numbers the story wrote from facts link to
// those facts as rendered, and digits inside a linked name are not read as
// figures.
func TestLinkStoryUsesRenderLinks(t *testing.T) {
	reg := authority.Police()
	kent, _ := reg.ByID("kent")
	text := "There were seven offences of sexual activity with a child under 13."
	st := story.Story{Force: kent, Headline: "Kent figures", Blocks: []story.Block{{Kind: story.BlockText, Text: text, Links: []story.Link{
		{Start: 11, End: 16, Fact: "kent/count/offence/x", Format: "num"},
		{Start: 29, End: len(text) - 1, Fact: "kent/count/offence/x", Format: "label"},
	}}}}
	facts := []foiwire.Fact{{ID: "kent/count/offence/x", Authority: "kent", Kind: foiwire.FactCount, Measure: foiwire.MeasureOffence, Value: 7, Label: "Sexual activity with a child under 13"}}
	sv := linkStory(st, facts, reg, nil, foiwire.Date{})
	var linked, loose []string
	for _, sg := range sv.Blocks[0].Text {
		if sg.Fact != "" {
			linked = append(linked, sg.Text)
		}
		if sg.Loose {
			loose = append(loose, sg.Text)
		}
	}
	if len(linked) != 1 || linked[0] != "seven" {
		t.Errorf("linked %q, want [seven]", linked)
	}
	if len(loose) != 0 {
		t.Errorf("loose numbers %q, want none", loose)
	}
}
