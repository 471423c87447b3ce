package claims

import (
	"testing"

	"github.com/foiwire/foiwire"
)

// TestClutterIsNotAClaim: numbers that count other things than the
// campaign's measure are read as other_number, never checked.
func TestClutterIsNotAClaim(t *testing.T) {
	tests := []struct{ text, number string }{
		{"The survey covered 44 police centres across the country.", "44"},
		{"Watch the programme on Freeview channel 276 tonight.", "276"},
		{"One man was jailed after committing 20 crimes on the roads.", "20"},
		{"Offences of sexual activity with a child under 13 are included.", "13"},
		{"The app has 300 users in the town.", "300"},
	}
	for _, tt := range tests {
		t.Run(tt.number, func(t *testing.T) {
			for _, c := range Extract(tt.text, Options{Subject: "kent"}) {
				if c.Text == tt.number || c.Value != nil && formatNumber(*c.Value) == tt.number {
					if c.Kind != foiwire.ClaimOther {
						t.Errorf("%q in %q read as %s, want other_number", c.Text, tt.text, c.Kind)
					}
				}
			}
		})
	}
	// A count of offences next to them is still a claim.
	cs := Extract("Kent Police recorded 61 offences in 2023/24.", Options{Subject: "kent"})
	if len(cs) == 0 || cs[0].Kind == foiwire.ClaimOther {
		t.Errorf("61 offences not read as a claim: %+v", cs)
	}
}
