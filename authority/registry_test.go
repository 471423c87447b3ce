package authority

import (
	"strings"
	"testing"
)

func TestPoliceRegistry(t *testing.T) {
	r := Police()
	if got := len(r.All()); got != 44 {
		t.Fatalf("All() = %d authorities, want 44 (43 territorial forces and BTP)", got)
	}
	if a, ok := r.ByID("northern-ireland"); !ok || a.InRegistry {
		t.Fatalf("northern-ireland: ok=%v InRegistry=%v; want known but outside the registry", ok, a.InRegistry)
	}
	if a, _ := r.ByID("lancashire"); a.Name != "Lancashire Constabulary" || a.ShortName != "Lancashire" {
		t.Fatalf("lancashire = %+v", a)
	}
}

func TestMatch(t *testing.T) {
	r := Police()
	tests := []struct {
		name, want string
	}{
		{"Lancs Police", "lancashire"},
		{"Lancashire Constabulary", "lancashire"},
		{"Cambridgeshire Constabulary", "cambridgeshire"},
		{"the Dyfed-Powys force area", "dyfed-powys"},
		{"Dyfed Powys Police", "dyfed-powys"},
		{"Dyfed–Powys Police", "dyfed-powys"},
		{"dyfed-powys", "dyfed-powys"},
		{"Devon & Cornwall Police", "devon-and-cornwall"},
		{"North Yorkshire Police", "north-yorkshire"},
		{"Northamptonshire", "northamptonshire"},
		{"GMP", "greater-manchester"},
		{"the Met", "metropolitan"},
		{"Police Service of Northern Ireland (PSNI)", "northern-ireland"},
		{"Hampshire and Isle of Wight Constabulary", "hampshire"},
		{"Heddlu Gwent", "gwent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.Match(tt.name)
			if err != nil || got != tt.want {
				t.Fatalf("Match(%q) = %q, %v; want %q", tt.name, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "Gotham Constabulary", "we met the officers", "Lancashire and Dorset"} {
		if got, err := r.Match(bad); err == nil {
			t.Errorf("Match(%q) = %q, want an error", bad, got)
		}
	}
}

func TestFind(t *testing.T) {
	r := Police()
	text := "In Lancashire, police recorded 71 offences. North Yorkshire Police said 252.\nThe Met and West Yorkshire Police's figures; we met nobody."
	ms := r.Find(text)
	var got []string
	for _, m := range ms {
		got = append(got, m.ID+":"+m.Text)
		if text[m.Start:m.End] != m.Text {
			t.Errorf("offsets of %q wrong", m.Text)
		}
	}
	want := "lancashire:Lancashire north-yorkshire:North Yorkshire Police metropolitan:The Met west-yorkshire:West Yorkshire Police's"
	if strings.Join(got, " ") != want {
		t.Fatalf("Find = %q\nwant    %q", strings.Join(got, " "), want)
	}
	if ms[0].Strong || !ms[1].Strong {
		t.Errorf("strength: bare area name should be weak, force name strong: %+v", ms[:2])
	}
}

func TestParseErrors(t *testing.T) {
	for name, in := range map[string]string{
		"no id column": "name,short_name\nA,B\n",
		"duplicate":    "id,name,short_name\na,A,A\na,B,B\n",
		"empty name":   "id,name,short_name\na,,A\n",
	} {
		if _, err := Parse(strings.NewReader(in)); err == nil {
			t.Errorf("%s: Parse succeeded, want an error", name)
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add("Lancs Police and the Dyfed-Powys force area")
	f.Add("Devon & Cornwall’s officers; GMP.")
	r := Police()
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range r.Find(s) {
			if m.Start < 0 || m.End > len(s) || s[m.Start:m.End] != m.Text {
				t.Fatalf("bad mention %+v in %q", m, s)
			}
			if _, ok := r.ByID(m.ID); !ok {
				t.Fatalf("unknown id %q", m.ID)
			}
		}
	})
}
