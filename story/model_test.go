package story

import (
	"slices"
	"testing"

	"github.com/foiwire/foiwire"
)

func TestSplitFacts(t *testing.T) {
	f := func(auth, id string) foiwire.Fact { return foiwire.Fact{ID: id, Authority: auth} }
	ids := func(fs []foiwire.Fact) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.ID)
		}
		return out
	}
	tests := []struct {
		name     string
		facts    []foiwire.Fact
		own, nat []string
	}{
		{"own then national", []foiwire.Fact{f("kent", "k1"), f("kent", "k2"), f(foiwire.National, "n1")}, []string{"k1", "k2"}, []string{"n1"}},
		{"interleaved", []foiwire.Fact{f(foiwire.National, "n1"), f("kent", "k1"), f(foiwire.National, "n2"), f("kent", "k2")}, []string{"k1", "k2"}, []string{"n1", "n2"}},
		{"another force left out", []foiwire.Fact{f("kent", "k1"), f("essex", "e1"), f(foiwire.National, "n1")}, []string{"k1"}, []string{"n1"}},
		{"national only", []foiwire.Fact{f(foiwire.National, "n1")}, nil, []string{"n1"}},
		{"none", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			own, nat := splitFacts(tt.facts, "kent")
			if !slices.Equal(ids(own), tt.own) || !slices.Equal(ids(nat), tt.nat) {
				t.Errorf("splitFacts = %v, %v; want %v, %v", ids(own), ids(nat), tt.own, tt.nat)
			}
			// Appending to the force's facts must not overwrite the national ones.
			_ = append(own, f("kent", "extra"))
			if _, nat2 := splitFacts(tt.facts, "kent"); !slices.Equal(ids(nat2), tt.nat) {
				t.Errorf("appending to the force's facts changed the national ones: %v", ids(nat2))
			}
		})
	}
}
