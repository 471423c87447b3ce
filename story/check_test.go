package story

import "testing"

func TestIsMonth(t *testing.T) {
	for in, want := range map[string]bool{"December 2023": true, "Dec 2023": true, "May 2021": true, "2023": false, "December": false, "Smarch 2023": false, "December 1850": false} {
		if got := isMonth(in); got != want {
			t.Errorf("isMonth(%q) = %v, want %v", in, got, want)
		}
	}
}
