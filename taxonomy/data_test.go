package taxonomy

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func TestOffenceHierarchy(t *testing.T) {
	offs := Offences()
	if len(offs) < 80 {
		t.Fatalf("only %d offence entries", len(offs))
	}
	for _, e := range offs {
		anc := Ancestors(e.Key)
		if e.Level == LevelGroup {
			if len(anc) != 0 {
				t.Errorf("group %s has ancestors %v", e.Key, anc)
			}
			continue
		}
		if len(anc) == 0 {
			t.Errorf("%s %s rolls up to nothing", e.Level, e.Key)
			continue
		}
		top, _ := Offence(anc[len(anc)-1])
		if top.Level != LevelGroup {
			t.Errorf("%s rolls up to %s, a %s, not a group", e.Key, top.Key, top.Level)
		}
		if e.Short == "" || e.Name == "" {
			t.Errorf("%s has no name or short name", e.Key)
		}
	}
	for _, tt := range []struct {
		key  string
		want []string
	}{
		{"8L", []string{"group:stalking-harassment", "group:violence-against-the-person"}},
		{"8R", []string{"group:stalking-harassment", "group:violence-against-the-person"}},
		{"offence:indecent-images-of-children", []string{"86", "group:miscellaneous-crimes-against-society", "group:other-crimes-against-society"}},
		{"offence:sexual-communication-with-a-child", []string{"71", "group:other-sexual-offences", "group:sexual-offences"}},
		{"35", []string{"group:other-theft", "group:theft"}},
		{"group:violence-with-injury", []string{"group:violence-against-the-person"}},
		{"group:fraud", nil},
		{"no-such-key", nil},
		{"HO15", nil},
	} {
		if got := Ancestors(tt.key); strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("Ancestors(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
}

func TestEntries(t *testing.T) {
	e, ok := Offence("8R")
	if !ok || e.Level != LevelClass || e.Short != "malicious communications" || e.Parent != "group:stalking-harassment" || len(e.HOCodes) != 1 {
		t.Errorf("Offence(8R) = %+v, %v", e, ok)
	}
	e, ok = Offence("offence:indecent-images-of-children")
	if !ok || e.Short != "indecent images of children" || e.Level != LevelOffence {
		t.Errorf("Offence(indecent images) = %+v, %v", e, ok)
	}
	if _, ok := Offence("8X"); ok {
		t.Error("Offence(8X) found a key that does not exist")
	}
	o, ok := Outcome("HO15")
	if !ok || o.Number != 15 || o.Code != "15" || !strings.HasPrefix(o.Group, "Evidential difficulties") || o.Short == "" {
		t.Errorf("Outcome(HO15) = %+v, %v", o, ok)
	}
	o, ok = Outcome("HO1A")
	if !ok || o.Number != 1 || o.Code != "1A" {
		t.Errorf("Outcome(HO1A) = %+v, %v", o, ok)
	}
	if p, ok := Outcome("pending"); !ok || p.Number != 0 || p.Code != "" {
		t.Errorf("Outcome(pending) = %+v, %v", p, ok)
	}
	outs := Outcomes()
	if len(outs) != 26 || outs[0].Key != "HO1" || outs[len(outs)-1].Key != "pending" {
		t.Errorf("Outcomes() = %d entries from %s to %s; want the 25 of the framework, then pending", len(outs), outs[0].Key, outs[len(outs)-1].Key)
	}
	for _, o := range outs {
		for _, a := range o.Aliases {
			if strings.HasSuffix(a, ")") && !strings.Contains(a, "(") {
				t.Errorf("%s: alias %q was cut at a semicolon inside it", o.Key, a)
			}
		}
	}
	// The slices returned are copies: changing them changes nothing.
	outs[0].Aliases[0] = "changed"
	offs := Offences()
	offs[0].Aliases = nil
	if o, _ := Outcome("HO1"); o.Aliases[0] == "changed" {
		t.Error("Outcomes() shares its alias slices with the vocabulary")
	}
	if e, _ := Offence(offs[0].Key); len(e.Aliases) == 0 {
		t.Error("Offences() shares its entries with the vocabulary")
	}
}

// TestBadData checks that the loader refuses broken vocabularies and says
// where they are broken.
func TestBadData(t *testing.T) {
	good := map[string]string{}
	for _, name := range []string{"offences.csv", "outcomes.csv", "ambiguous.csv", "ho_outcome_types.csv"} {
		b, err := fs.ReadFile(dataFS, "data/"+name)
		if err != nil {
			t.Fatal(err)
		}
		good[name] = string(b)
	}
	if _, err := parseVocabularies(mapFS(good, nil)); err != nil {
		t.Fatalf("the shipped data does not load: %v", err)
	}
	tests := []struct {
		name   string
		file   string
		change func(string) string
		want   string
	}{
		{"duplicate key", "offences.csv", func(s string) string {
			return s + "8L,class,group:stalking-harassment,8L,Harassment again,harassment,\n"
		}, "key 8L twice"},
		{"missing parent", "offences.csv", func(s string) string { return s + "8Z,class,group:nowhere,8Z,Made up,made up,\n" }, `parent "group:nowhere" is not a key`},
		{"class not its own code", "offences.csv", func(s string) string { return s + "8Z,class,group:stalking-harassment,8Y,Made up,made up,\n" }, "must be its own Home Office code"},
		{"offence under a group", "offences.csv", func(s string) string {
			return s + "offence:x,offence,group:theft,,Made up,made up,\n"
		}, "cannot hang from group"},
		{"clashing aliases", "offences.csv", func(s string) string { return s + "8Z,class,group:stalking-harassment,8Z,Made up,made up,Harassment\n" }, "list it in ambiguous.csv"},
		{"unknown outcome", "outcomes.csv", func(s string) string { return s + "HO99,made up,\n" }, "HO99 is not a Home Office outcome"},
		{"ambiguous with a wrong key", "ambiguous.csv", func(s string) string { return s + "outcome,Made up,HO15 HO99,none\n" }, `"HO99" is not a key of the "outcome" vocabulary`},
		{"broken CSV", "offences.csv", func(s string) string { return s + "8Z,\"unclosed\n" }, "offences.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseVocabularies(mapFS(good, map[string]string{tt.file: tt.change(good[tt.file])}))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func mapFS(files, replace map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, body := range files {
		if r, ok := replace[name]; ok {
			body = r
		}
		m["data/"+name] = &fstest.MapFile{Data: []byte(body)}
	}
	return m
}
