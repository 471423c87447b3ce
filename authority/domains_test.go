package authority

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestNormaliseDomain(t *testing.T) {
	tests := []struct {
		in, want string
		shared   bool // wantErr wrapping ErrSharedDomain
		bad      bool
	}{
		{in: "lancashire.police.uk", want: "lancashire.police.uk"},
		{in: " @Foi.Dorset.Police.UK. ", want: "foi.dorset.police.uk"},
		{in: "police.uk", shared: true},
		{in: "gov.uk", shared: true},
		{in: "gmail.com", shared: true},
		{in: "uk", bad: true},
		{in: "", bad: true},
		{in: "foi@dorset.example", bad: true},
		{in: "-x.example", bad: true},
		{in: "a..example", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := NormaliseDomain(tt.in)
			switch {
			case tt.shared:
				if !errors.Is(err, ErrSharedDomain) {
					t.Errorf("NormaliseDomain(%q) = %q, %v; want a shared-domain error", tt.in, got, err)
				}
			case tt.bad:
				if err == nil || errors.Is(err, ErrSharedDomain) {
					t.Errorf("NormaliseDomain(%q) = %q, %v; want a not-a-domain error", tt.in, got, err)
				}
			case err != nil || got != tt.want:
				t.Errorf("NormaliseDomain(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestOwners(t *testing.T) {
	reg, err := Police().Apply([]Override{
		{ID: "lancashire", Domains: []string{"lancashire.police.uk"}},
		{ID: "dorset", FOIEmail: "FOI Unit <foi@dorset.police.uk>"},
		// A joint unit answering for two forces.
		{ID: "norfolk", Domains: []string{"norfolk.police.uk", "joint.example"}},
		{ID: "suffolk", Domains: []string{"suffolk.police.uk", "joint.example"}},
		{ID: "kent", FOIEmail: "kentfoi@gmail.com"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for sender, want := range map[string][]string{
		"lancashire.police.uk":        {"lancashire"},
		"mail.lancashire.police.uk":   {"lancashire"},
		"LANCASHIRE.POLICE.UK":        {"lancashire"},
		"notlancashire.police.uk":     nil,
		"lancashire.police.uk.evil":   nil,
		"dorset.police.uk":            {"dorset"},
		"joint.example":               {"norfolk", "suffolk"},
		"gmail.com":                   nil, // kent's FOI address proves nothing
		"police.uk":                   nil,
		"cambridgeshire.police.uk":    nil, // no domains known
		"mx.cambridgeshire.police.uk": nil,
	} {
		if got := reg.Owners(sender); !slices.Equal(got, want) {
			t.Errorf("Owners(%q) = %v, want %v", sender, got, want)
		}
	}
	if _, err := Police().Apply([]Override{{ID: "atlantis"}}); err == nil {
		t.Error("Apply accepted an unknown id")
	}
}

func TestReadOverrides(t *testing.T) {
	tests := []struct {
		name, csv string
		want      []Override
		wantErr   string
	}{
		{name: "ids and names", csv: "force,foi_email,domains\nLancs Police,foi@lancashire.police.uk,\ndorset,,dorset.police.uk; foi.dorset.police.uk\n",
			want: []Override{{ID: "lancashire", FOIEmail: "foi@lancashire.police.uk"}, {ID: "dorset", Domains: []string{"dorset.police.uk", "foi.dorset.police.uk"}}}},
		{name: "rows merge", csv: "\ufeffAuthority,Domain\nkent,kent.police.uk\nKent Police,kent.example\n",
			want: []Override{{ID: "kent", Domains: []string{"kent.police.uk", "kent.example"}}}},
		{name: "unknown force", csv: "id,domains\natlantis,a.example\n", wantErr: "line 2"},
		{name: "shared domain", csv: "id,domains\nkent,police.uk\n", wantErr: "line 2 (kent): domains: police.uk"},
		{name: "bad address", csv: "id,email\nkent,not an address\n", wantErr: "line 2 (kent): FOI address"},
		{name: "no columns", csv: "id,notes\nkent,x\n", wantErr: "no foi_email or domains column"},
		{name: "no id column", csv: "email\nfoi@kent.example\n", wantErr: "no authority column"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Police().ReadOverrides(strings.NewReader(tt.csv))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i].ID != tt.want[i].ID || got[i].FOIEmail != tt.want[i].FOIEmail || !slices.Equal(got[i].Domains, tt.want[i].Domains) {
					t.Errorf("row %d: %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestImportAndForCampaign(t *testing.T) {
	dir := t.TempDir()
	reg, err := ForCampaign(dir)
	if err != nil || reg != Police() {
		t.Fatalf("no file: %v", err)
	}
	if _, err := Import(dir, strings.NewReader("id,foi_email,domains\nlancashire,foi@lancashire.police.uk,lancashire.police.uk\ndorset,foi@dorset.police.uk,\n")); err != nil {
		t.Fatal(err)
	}
	// A second import replaces what it names and keeps the rest.
	kept, err := Import(dir, strings.NewReader("id,domains\nlancashire,lancs.example\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(kept) != 2 {
		t.Fatalf("kept %+v", kept)
	}
	// A bad file changes nothing.
	before, _ := os.ReadFile(filepath.Join(dir, OverrideFile))
	if _, err := Import(dir, strings.NewReader("id,domains\nlancashire,gmail.com\n")); err == nil {
		t.Error("imported gmail.com as a force's domain")
	}
	if after, _ := os.ReadFile(filepath.Join(dir, OverrideFile)); string(after) != string(before) {
		t.Errorf("a refused import changed the file:\n%s", after)
	}
	reg, err = ForCampaign(dir)
	if err != nil {
		t.Fatal(err)
	}
	l, _ := reg.ByID("lancashire")
	if l.FOIEmail != "foi@lancashire.police.uk" || !slices.Equal(l.Domains, []string{"lancs.example"}) {
		t.Errorf("lancashire: %+v", l)
	}
	if got := reg.Owners("dorset.police.uk"); !slices.Equal(got, []string{"dorset"}) {
		t.Errorf("dorset's address domain: owners %v", got)
	}
	if got := reg.Owners("lancashire.police.uk"); !slices.Equal(got, []string{"lancashire"}) {
		t.Errorf("lancashire's address domain: owners %v", got)
	}
	os.WriteFile(filepath.Join(dir, OverrideFile), []byte("id,domains\nkent,police.uk\n"), 0o644)
	if _, err := ForCampaign(dir); err == nil || !strings.Contains(err.Error(), OverrideFile) {
		t.Errorf("a bad override file: %v", err)
	}
}

func FuzzReadOverrides(f *testing.F) {
	f.Add("id,foi_email,domains\nlancashire,foi@lancashire.police.uk,lancashire.police.uk\n")
	f.Add("force,domain\nLancs Police,a.example;b.example\n")
	f.Add("name,email\n\"Dyfed-Powys\",\"Unit <x@y.example>\"\n")
	f.Fuzz(func(t *testing.T, in string) {
		ovs, err := Police().ReadOverrides(strings.NewReader(in))
		if err != nil {
			return
		}
		reg, err := Police().Apply(ovs)
		if err != nil {
			t.Fatalf("read overrides %+v that Apply refuses: %v", ovs, err)
		}
		for _, o := range ovs {
			for _, d := range o.Domains {
				if again, err := NormaliseDomain(d); err != nil || again != d {
					t.Errorf("domain %q normalises to %q, %v", d, again, err)
				}
				if !slices.Contains(reg.Owners(d), o.ID) {
					t.Errorf("%s does not own its own domain %s", o.ID, d)
				}
			}
		}
	})
}
