package story

import (
	"strings"
	"testing"
)

func TestCondition(t *testing.T) {
	vars := map[string]float64{"change_pct": 48.5, "years": 3, "high": 1, "part_year": 0, "charges": 0}
	tests := []struct {
		cond string
		want bool
	}{
		{"", true},
		{"high", true},
		{"part_year", false},
		{"not part_year", true},
		{"change_pct > 0", true},
		{"change_pct >= 48.5", true},
		{"change_pct < -1", false},
		{"years == 3 and high", true},
		{"years != 3 or high", true},
		{"years != 3 or not high", false},
		{"charges == 0", true},
		{"charges", false},
		{"total", false},      // absent: false
		{"total == 0", false}, // absent compares false
		{"not total", true},   // and its negation holds
		{"not (high and part_year)", true},
		{"(high or part_year) and years >= 3", true},
		{"high and part_year or years <= 3", true},
	}
	for _, tt := range tests {
		t.Run(tt.cond, func(t *testing.T) {
			c, err := parseCondition(tt.cond, knownVar)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.holds(vars); got != tt.want {
				t.Errorf("holds = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestConditionErrors(t *testing.T) {
	tests := []struct {
		cond, want string
	}{
		{"chnage_pct > 0", `unknown name "chnage_pct"`},
		{"change_pct >", "needs a number"},
		{"change_pct = 0", "write == or !="},
		{"(high", "missing )"},
		{"high and", "ends too soon"},
		{"high high", `unexpected "high"`},
		{"high & years", `unexpected '&'`},
		{strings.Repeat("(", 60) + "high" + strings.Repeat(")", 60), "nested too deep"},
	}
	for _, tt := range tests {
		t.Run(tt.cond, func(t *testing.T) {
			_, err := parseCondition(tt.cond, knownVar)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func FuzzCondition(f *testing.F) {
	for _, s := range []string{"high and not part_year", "change_pct >= 80 or (years == 2 and total > 1.5)", "((x", "not not not high", "-1 > years"} {
		f.Add(s)
	}
	vars := map[string]float64{"high": 1, "years": 3, "total": 10}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := parseCondition(s, func(string) bool { return true })
		if err != nil {
			return
		}
		// A parsed condition evaluates without panicking, and the same
		// way twice.
		if c.holds(vars) != c.holds(vars) {
			t.Fatal("condition is not deterministic")
		}
	})
}
