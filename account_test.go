package foiwire

import "testing"

func TestParseRole(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Role
		ok   bool
	}{{"editor", RoleEditor, true}, {" Viewer ", RoleViewer, true}, {"admin", "", false}, {"", "", false}} {
		got, err := ParseRole(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseRole(%q) = %q, %v", tt.in, got, err)
		}
	}
}
