package main

import (
	"bytes"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	defer func(f func() (*debug.BuildInfo, bool)) { buildInfo = f }(buildInfo)
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		want []string
	}{
		{"release", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.3.0"}, Settings: []debug.BuildSetting{
			{Key: "GOOS", Value: "linux"}, {Key: "GOARCH", Value: "amd64"},
			{Key: "vcs.revision", Value: "8b8097f0c1d2"}, {Key: "vcs.time", Value: "2026-11-30T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}},
			[]string{"foiwire v0.3.0\n", "revision 8b8097f0c1d2 (2026-11-30T10:00:00Z), with uncommitted changes\n", "go1.26.8 linux/amd64\n"}},
		{"no vcs", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			[]string{"foiwire (devel)\n", "revision unknown"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			buildInfo = func() (*debug.BuildInfo, bool) { return tt.bi, true }
			var b bytes.Buffer
			if err := printVersion(&b); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("version lacks %q:\n%s", w, b.String())
				}
			}
		})
	}
	// The real binary's own build information.
	buildInfo = debug.ReadBuildInfo
	out, _, code := runCLI(t, "version")
	if code != 0 || !strings.HasPrefix(out, "foiwire ") {
		t.Errorf("foiwire version: exit %d\n%s", code, out)
	}
}
