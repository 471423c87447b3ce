package testenv

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// recorder is a testing.TB that notes a Skip or Fatal and ends its
// goroutine, as the real ones do, instead of ending the test.
type recorder struct {
	testing.TB
	skipped, fatal string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Skip(args ...any)          { r.skipped = fmt.Sprint(args...); runtime.Goexit() }
func (r *recorder) Skipf(f string, a ...any)  { r.skipped = fmt.Sprintf(f, a...); runtime.Goexit() }
func (r *recorder) Fatal(args ...any)         { r.fatal = fmt.Sprint(args...); runtime.Goexit() }
func (r *recorder) Fatalf(f string, a ...any) { r.fatal = fmt.Sprintf(f, a...); runtime.Goexit() }

// record runs f with a recorder in its own goroutine, so that a Skip or
// Fatal ends only f, and returns what f returned and what it recorded.
func record(t *testing.T, f func(testing.TB) string) (string, *recorder) {
	r := &recorder{TB: t}
	var got string
	done := make(chan struct{})
	go func() {
		defer close(done)
		got = f(r)
	}()
	<-done
	return got, r
}

// writeTree makes each file under root (a name ending in / is a folder).
func writeTree(t *testing.T, root string, files ...string) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if strings.HasSuffix(f, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("contents of "+f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// hasGoModAbove reports whether dir or a folder above it holds go.mod.
func hasGoModAbove(dir string) bool {
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return false
		}
		dir = parent
	}
}

// TestModuleRootAndShared works in a made-up layout: work/repo/go.mod with
// work/shared/corpus/figures.csv beside it.
func TestModuleRootAndShared(t *testing.T) {
	work := t.TempDir()
	if hasGoModAbove(work) {
		t.Skipf("%s is inside a module", work)
	}
	writeTree(t, work, "repo/go.mod", "repo/pkg/sub/", "shared/corpus/figures.csv", "empty/")
	tests := []struct {
		name    string
		cwd     string // relative to work
		call    func(testing.TB) string
		want    string // relative to work; "" when it skips or fails
		skipped string
		fatal   bool
	}{
		{name: "root from the root", cwd: "repo", call: ModuleRoot, want: "repo"},
		{name: "root from below", cwd: "repo/pkg/sub", call: ModuleRoot, want: "repo"},
		{name: "no go.mod", cwd: "empty", call: ModuleRoot, fatal: true},
		{name: "shared", cwd: "repo/pkg",
			call: func(t testing.TB) string { return Shared(t) }, want: "shared"},
		{name: "shared corpus", cwd: "repo/pkg",
			call: func(t testing.TB) string { return Shared(t, "corpus") }, want: "shared/corpus"},
		{name: "shared file", cwd: "repo/pkg/sub",
			call: func(t testing.TB) string { return Shared(t, "corpus", "figures.csv") }, want: "shared/corpus/figures.csv"},
		{name: "shared absent", cwd: "repo/pkg",
			call:    func(t testing.TB) string { return Shared(t, "reference") },
			skipped: "no ../shared/reference beside the repository"},
		{name: "shared file absent", cwd: "repo",
			call:    func(t testing.TB) string { return Shared(t, "corpus", "claims.csv") },
			skipped: "no ../shared/corpus/claims.csv beside the repository"},
		{name: "shared without a module", cwd: "empty",
			call: func(t testing.TB) string { return Shared(t, "corpus") }, fatal: true},
		{name: "if present", cwd: "repo/pkg",
			call: func(t testing.TB) string {
				p, ok := SharedIfPresent(t, "corpus")
				return fmt.Sprint(p, " ", ok)
			},
			want: "shared/corpus true"},
		{name: "if present, absent", cwd: "repo/pkg",
			call: func(t testing.TB) string {
				p, ok := SharedIfPresent(t, "reference")
				return fmt.Sprint(p, " ", ok)
			},
			want: "shared/reference false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(filepath.Join(work, filepath.FromSlash(tt.cwd)))
			got, r := record(t, tt.call)
			want := ""
			if tt.want != "" {
				want = filepath.Join(work, filepath.FromSlash(tt.want))
			}
			if got != want || r.skipped != tt.skipped || (r.fatal != "") != tt.fatal {
				t.Errorf("got %q (skipped %q, fatal %q), want %q (skipped %q, fatal %v)",
					got, r.skipped, r.fatal, want, tt.skipped, tt.fatal)
			}
			if tt.fatal && !strings.Contains(r.fatal, "no go.mod above") {
				t.Errorf("fatal %q does not say there is no go.mod", r.fatal)
			}
		})
	}
}

// TestModuleRootHere checks the real module root holds this package.
func TestModuleRootHere(t *testing.T) {
	root := ModuleRoot(t)
	if _, err := os.Stat(filepath.Join(root, "internal", "testenv", "testenv.go")); err != nil {
		t.Errorf("ModuleRoot = %s, which does not hold internal/testenv: %v", root, err)
	}
}

func TestCopyDir(t *testing.T) {
	src := t.TempDir()
	writeTree(t, src, "a.txt", "c.db", "out/figures.csv", "internal/gen/main.go",
		"sub/b.txt", "sub/d.db", "sub/out/x.txt", "sub/empty/", "empty/")
	all := []string{".", "a.txt", "c.db", "empty", "internal", "internal/gen", "internal/gen/main.go",
		"out", "out/figures.csv", "sub", "sub/b.txt", "sub/d.db", "sub/empty", "sub/out", "sub/out/x.txt"}
	tests := []struct {
		name string
		skip func(rel string) bool
		want []string
	}{
		{name: "nil skips nothing", want: all},
		{name: "never", skip: func(string) bool { return false }, want: all},
		{name: "everything", skip: func(string) bool { return true }, want: []string{"."}},
		{
			name: "build output, generator and databases",
			skip: func(rel string) bool { return rel == "out" || rel == "internal" || strings.HasSuffix(rel, ".db") },
			want: []string{".", "a.txt", "empty", "sub", "sub/b.txt", "sub/empty", "sub/out", "sub/out/x.txt"},
		},
		{
			name: "a nested folder, by slash path",
			skip: func(rel string) bool { return rel == "sub/out" },
			want: slices.DeleteFunc(slices.Clone(all), func(s string) bool { return strings.HasPrefix(s, "sub/out") }),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := CopyDir(t, src, tt.skip)
			if dst == src {
				t.Fatal("CopyDir returned its source")
			}
			var got []string
			err := filepath.WalkDir(dst, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				rel, _ := filepath.Rel(dst, p)
				rel = filepath.ToSlash(rel)
				got = append(got, rel)
				if !d.IsDir() {
					b, err := os.ReadFile(p)
					if err != nil {
						return err
					}
					if string(b) != "contents of "+rel {
						t.Errorf("%s holds %q", rel, b)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("copied %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCopyDirMissingSource(t *testing.T) {
	_, r := record(t, func(tb testing.TB) string {
		return CopyDir(tb, filepath.Join(t.TempDir(), "absent"), nil)
	})
	if r.fatal == "" {
		t.Error("copying a folder that is not there did not fail")
	}
}
