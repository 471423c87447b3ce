package story

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
)

func TestParseTemplateErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"no headline", "standfirst:\n  - say: [x]\n", "no headline"},
		{"unknown field", "headline:\n  - say: [x]\nbody: []\n", "field body not found"},
		{"bad condition", "headline:\n  - when: hihg\n    say: [x]\n", `headline[1]: condition "hihg": unknown name "hihg"`},
		{"bad template", "headline:\n  - say: ['{{.Force.Name']\n", "headline[1], variant 1"},
		{"nothing to say", "headline:\n  - when: high\n", "headline[1]: nothing to say"},
		{"two kinds in a paragraph", "headline:\n  - say: [x]\nparagraphs:\n  - name: p\n    quote: 1\n    say: [y]\n", "paragraphs[1] (p): give exactly one of"},
		{"negative quote", "headline:\n  - say: [x]\nparagraphs:\n  - quote: -1\n", "quotes count from 1"},
		{"bad choose condition", "headline:\n  - say: [x]\nparagraphs:\n  - name: c\n    choose:\n      - when: charges =< 1\n        say: [z]\n", "paragraphs[1] (c): choose[1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseTemplate([]byte(tt.yaml), "story.yaml")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "story.yaml") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestDefaultTemplate(t *testing.T) {
	tm := Default()
	facts := deriveFacts(t, testCampaign(), articleFigures(t))
	for _, id := range []string{"lancashire", "northamptonshire", "cambridgeshire", "dyfed-powys"} {
		a, _ := policeByID(id)
		s, err := tm.Render(testCampaign(), a, facts)
		if err != nil {
			t.Fatal(err)
		}
		if s.Headline == "" || !strings.Contains(bodyText(s), a.Name) && !strings.Contains(s.Headline, a.Name) && !strings.Contains(s.Headline, a.ShortName) {
			t.Errorf("%s: default story names no force: %q", id, s.Headline)
		}
	}
}

func TestLoadTemplate(t *testing.T) {
	dir := t.TempDir()
	tm, err := LoadTemplate(t.Context(), dir)
	if err != nil || tm.name != "default.yaml" {
		t.Fatalf("a directory without story.yaml: %v, %v; want the default", tm, err)
	}
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte("headline: [[["), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadTemplate(t.Context(), dir); err == nil || !strings.Contains(err.Error(), FileName) {
		t.Fatalf("a broken story.yaml: error %v, want one naming the file", err)
	}
}

func TestVariantsAreStablePerForce(t *testing.T) {
	src := "headline:\n  - say: ['A {{.Force.ShortName}}', 'B {{.Force.ShortName}}', 'C {{.Force.ShortName}}', 'D {{.Force.ShortName}}']\n"
	tm, err := ParseTemplate([]byte(src), "v.yaml")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[byte]bool{}
	for _, a := range []foiwire.Authority{{ID: "kent", ShortName: "Kent"}, {ID: "essex", ShortName: "Essex"}, {ID: "dorset", ShortName: "Dorset"}, {ID: "gwent", ShortName: "Gwent"}, {ID: "surrey", ShortName: "Surrey"}, {ID: "sussex", ShortName: "Sussex"}} {
		first, err := tm.Render(foiwire.Campaign{}, a, nil)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := tm.Render(foiwire.Campaign{}, a, nil)
		if first.Headline != again.Headline {
			t.Errorf("%s: %q then %q", a.ID, first.Headline, again.Headline)
		}
		seen[first.Headline[0]] = true
	}
	if len(seen) < 2 {
		t.Errorf("six forces all got the same variant")
	}
}

func TestRenderErrorNamesForceAndBlock(t *testing.T) {
	src := "headline:\n  - say: ['x']\nparagraphs:\n  - name: rise\n    say: ['{{pct .Change}}']\n"
	tm, err := ParseTemplate([]byte(src), "e.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = tm.Render(foiwire.Campaign{}, foiwire.Authority{ID: "kent"}, nil)
	if err == nil || !strings.Contains(err.Error(), "story for kent, rise") || !strings.Contains(err.Error(), "no change for this force") {
		t.Fatalf("error = %v", err)
	}
}

func FuzzParseTemplate(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("..", "examples", "tiktok-2024", FileName))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add(string(defaultYAML))
	f.Add("headline:\n  - when: high\n    say: ['{{num .Total}}']\n")
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseTemplate([]byte(s), "fuzz.yaml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		// A template that parses renders or fails cleanly for a force with
		// no facts at all.
		_, _ = tm.Render(foiwire.Campaign{}, foiwire.Authority{ID: "kent", Name: "Kent Police", ShortName: "Kent"}, nil)
	})
}

// FuzzRenderTemplate renders fuzzed templates against the real facts of
// the forces the printed articles cover: a template that parses either
// renders a story whose self-check holds, or fails with an error naming
// the force; it never panics, and never runs away (the render limits).
func FuzzRenderTemplate(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("..", "examples", "tiktok-2024", FileName))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add(string(defaultYAML))
	f.Add("headline:\n  - when: high\n    say: ['{{num .Total}} offences']\n")
	f.Add("headline:\n  - say: ['{{range .Years}}{{num .Count}} {{end}}']\n")
	c := testCampaign()
	facts := deriveFacts(f, c, articleFigures(f))
	forces := []string{"lancashire", "northamptonshire", "dyfed-powys"}
	k := newChecker(c, authority.Police(), facts, foiwire.DateOf(buildTime))
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseTemplate([]byte(s), "fuzz.yaml")
		if err != nil {
			return
		}
		for _, id := range forces {
			a, ok := policeByID(id)
			if !ok {
				t.Fatalf("no force %s", id)
			}
			st, err := tm.Render(c, a, facts)
			if err != nil {
				if !strings.Contains(err.Error(), id) && !strings.Contains(err.Error(), a.ShortName) && !strings.Contains(err.Error(), "fuzz.yaml") {
					t.Fatalf("render error names neither the force nor the template: %v", err)
				}
				continue
			}
			// The self-check must judge whatever the template wrote, without
			// panicking; a hard-coded or wrong number is its to refuse.
			own := k.factsFor(id, nil)
			_ = k.check(st, own)
		}
	})
}
