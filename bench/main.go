// Command bench measures foiwire at newsroom scale and prints the ratios
// the speed goals are set in, the program as it is beside the program at an
// earlier revision:
//
//   - the wording matcher's cost per table row (go test -bench in
//     ./taxonomy, which keeps the old matcher as its oracle);
//   - cold builds of the bundled example and of a 44-force × 10-reply
//     synthetic campaign, and a rebuild of that campaign with one reply
//     changed, as a new process and in a process that watches the
//     campaign (build --watch);
//   - a cold build of a 220,000-figure synthetic campaign: time and peak
//     memory (goal: under 20 s and 400 MB);
//   - the cold build and the one-changed rebuild of the 440-reply campaign
//     again, in one process (go test -bench BenchmarkRebuild440 ./pipeline),
//     which leaves out what starting a process costs.
//
// Run it from the module root:
//
//	go run ./bench -before 8b8097f   # side by side with that revision
//	go run ./bench                   # this tree only
//	go run ./bench -large=false      # skip the 220,000-figure campaign
//
// Each build runs as its own process (foiwire build DIR), so its time is
// the process's own CPU and wall time and its memory the peak resident
// set. Every build is given one build time (--now, where the revision
// takes it), and the rebuild's outputs are compared, file by file, with
// those of a cold build of the same files. The campaigns are written by
// bench/gen; bench/load.sh measures the web app.
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/foiwire/foiwire/bench/gen"
)

func main() {
	before := flag.String("before", "", "a git revision to compare with (built from git archive); empty: this tree only")
	large := flag.Bool("large", true, "build the 220,000-figure campaign too")
	work := flag.String("work", "", "where to write campaigns and binaries; default a temporary folder, removed after")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *before, *work, *large); err != nil {
		slog.Error("bench failed", "err", err)
		os.Exit(1)
	}
}

// usage is what one process used.
type usage struct {
	wall, cpu time.Duration
	rssKB     int64
}

func (u usage) String() string {
	return fmt.Sprintf("%7.2fs wall %7.2fs cpu %6d MB", u.wall.Seconds(), u.cpu.Seconds(), u.rssKB>>10)
}

// The synthetic campaigns.
var (
	rowsCampaign = gen.Options{Forces: 1, Replies: 5, Rows: 2000, Seed: 4}
	replies440   = gen.Options{Forces: 44, Replies: 10, Rows: 12, Seed: 1}
	figures220   = gen.Options{Forces: 44, Replies: 10, Rows: 100, Months: 5, Seed: 2}
)

func run(ctx context.Context, w io.Writer, before, work string, large bool) error {
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(root, "cmd", "foiwire")); err != nil {
		return fmt.Errorf("run from the module root: %w", err)
	}
	if work == "" {
		if work, err = os.MkdirTemp("", "foiwire-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	bins := map[string]string{"after": filepath.Join(work, "after", "foiwire")}
	fmt.Fprintln(w, "building foiwire...")
	if err := goBuild(ctx, root, bins["after"]); err != nil {
		return err
	}
	names := []string{"after"}
	if before != "" {
		src := filepath.Join(work, "before-src")
		if err := gitArchive(ctx, root, before, src); err != nil {
			return err
		}
		bins["before"] = filepath.Join(work, "before", "foiwire")
		if err := goBuild(ctx, src, bins["before"]); err != nil {
			return fmt.Errorf("build %s: %w", before, err)
		}
		names = []string{"before", "after"}
	}

	fmt.Fprintln(w, "\n== wording matcher, per table row (offence and outcome matched; go test -bench BenchmarkMatchRows ./taxonomy)")
	rows, err := matcherBench(ctx, root)
	if err != nil {
		return err
	}
	for _, k := range []string{"old", "new-cold", "new"} {
		fmt.Fprintf(w, "  %-9s %10.0f ns/row\n", k, rows[k])
	}
	fmt.Fprintf(w, "  ratio old/new-cold (labels never seen) %.1fx; old/new (labels seen before) %.0fx; goal >= 5x\n",
		rows["old"]/rows["new-cold"], rows["old"]/rows["new"])

	fmt.Fprintf(w, "\n== reading replies, per offence row (foiwire extract on %d replies of %d rows, one per format)\n", rowsCampaign.Replies, rowsCampaign.Rows)
	perRow := map[string]time.Duration{}
	for _, n := range names {
		if perRow[n], err = extractPerRow(ctx, bins[n], filepath.Join(work, "rows")); err != nil {
			return err
		}
		fmt.Fprintf(w, "  %-9s %10.1f µs/row cpu\n", n, float64(perRow[n].Nanoseconds())/1e3)
	}
	if b, ok := perRow["before"]; ok {
		fmt.Fprintf(w, "  ratio before/after %.1fx; goal >= 5x\n", ratio(b, perRow["after"]))
	}

	fmt.Fprintln(w, "\n== builds (each a fresh copy: no database, no cache)")
	// Each revision builds its own bundled example: an older program need
	// not read today's story template.
	examples := map[string]string{"after": filepath.Join(root, "examples", "tiktok-2024")}
	if before != "" {
		examples["before"] = filepath.Join(work, "before-src", "examples", "tiktok-2024")
	}
	c440 := filepath.Join(work, "c440")
	if err := generate(ctx, c440, replies440); err != nil {
		return err
	}
	res := map[string]map[string]usage{}
	var identical string // what comparing the rebuild with a cold build found
	var watched usage    // a rebuild in a process that watches the campaign
	for _, n := range names {
		res[n] = map[string]usage{}
		if res[n]["example cold"], err = coldBuild(ctx, bins[n], examples[n], filepath.Join(work, n+"-example")); err != nil {
			return err
		}
		dir := filepath.Join(work, n+"-c440")
		if res[n]["440 replies cold"], err = coldBuild(ctx, bins[n], c440, dir); err != nil {
			return err
		}
		if res[n]["440 replies, none changed"], err = build(ctx, bins[n], dir); err != nil {
			return err
		}
		if err := gen.Rewrite(ctx, dir, "dorset", 3, replies440, 1); err != nil {
			return err
		}
		if res[n]["440 replies, one changed"], err = build(ctx, bins[n], dir); err != nil {
			return err
		}
		if n == "after" {
			if identical, err = sameAsCold(ctx, bins[n], dir); err != nil {
				return err
			}
			if watched, err = watchRebuild(ctx, bins[n], dir, c440); err != nil {
				return err
			}
		}
	}
	if large {
		c220 := filepath.Join(work, "c220k")
		if err := generate(ctx, c220, figures220); err != nil {
			return err
		}
		for _, n := range names {
			fmt.Fprintf(w, "  (%s: building the 220,000-figure campaign...)\n", n)
			if res[n]["220,000 figures cold"], err = coldBuild(ctx, bins[n], c220, filepath.Join(work, n+"-c220k")); err != nil {
				return err
			}
		}
	}
	for _, what := range []string{"example cold", "440 replies cold", "440 replies, none changed", "440 replies, one changed", "220,000 figures cold"} {
		for _, n := range names {
			if u, ok := res[n][what]; ok {
				fmt.Fprintf(w, "  %-27s %-6s %s\n", what, n, u)
			}
		}
		if b, ok := res["before"][what]; ok {
			a := res["after"][what]
			fmt.Fprintf(w, "  %-27s ratio  %6.1fx wall %6.1fx cpu\n", "", ratio(b.wall, a.wall), ratio(b.cpu, a.cpu))
		}
	}
	a := res["after"]
	fmt.Fprintf(w, "\n  rebuild, one reply of 440 changed, against a cold build (after): %.1fx wall, %.1fx cpu; goal >= 10x\n",
		ratio(a["440 replies cold"].wall, a["440 replies, one changed"].wall), ratio(a["440 replies cold"].cpu, a["440 replies, one changed"].cpu))
	fmt.Fprintf(w, "  rebuild's outputs against a cold build of the same files: %s\n", identical)
	fmt.Fprintf(w, "  the same rebuild in a watching process (build --watch, median of 5): %.2fs wall %.2fs cpu\n", watched.wall.Seconds(), watched.cpu.Seconds())
	fmt.Fprintf(w, "  watched rebuild against a cold build (after): %.1fx wall, %.1fx cpu\n",
		ratio(a["440 replies cold"].wall, watched.wall), ratio(a["440 replies cold"].cpu, watched.cpu))
	fmt.Fprintln(w, "\n== the same rebuild in one process (go test -bench BenchmarkRebuild440 ./pipeline: no process start-up, a heap already grown)")
	inProc, err := rebuildBench(ctx, root)
	if err != nil {
		return err
	}
	for _, k := range []string{"cold", "one-changed"} {
		fmt.Fprintf(w, "  %-12s %7.2fs wall %7.2fs cpu\n", k, inProc[k].wall.Seconds(), inProc[k].cpu.Seconds())
	}
	fmt.Fprintf(w, "  one changed against cold: %.1fx wall, %.1fx cpu; goal >= 10x\n",
		ratio(inProc["cold"].wall, inProc["one-changed"].wall), ratio(inProc["cold"].cpu, inProc["one-changed"].cpu))
	if u, ok := a["220,000 figures cold"]; ok {
		fmt.Fprintf(w, "  220,000-figure campaign (after): %.1f s, %d MB peak; goal < 20 s and < 400 MB\n", u.wall.Seconds(), u.rssKB>>10)
	}
	return nil
}

// extractPerRow writes one reply of rowsCampaign in each format under
// dir (once) and returns the CPU the program takes to read them all, per
// offence row.
func extractPerRow(ctx context.Context, bin, dir string) (time.Duration, error) {
	if _, err := os.Stat(dir); err != nil {
		if err := generate(ctx, dir, rowsCampaign); err != nil {
			return 0, err
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "replies", "*", "*"))
	if err != nil || len(files) == 0 {
		return 0, fmt.Errorf("no replies written under %s: %v", dir, err)
	}
	args := append([]string{"extract", "--campaign", dir}, files...)
	cmd := exec.CommandContext(ctx, bin, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("%s extract: %w\n%s", bin, err, tail(stderr.String(), 2000))
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return cpu / time.Duration(rowsCampaign.Replies*rowsCampaign.Rows), nil
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func goBuild(ctx context.Context, dir, out string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, "./cmd/foiwire")
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build in %s: %w\n%s", dir, err, b)
	}
	return nil
}

// gitArchive writes the tree of revision rev into dir.
func gitArchive(ctx context.Context, root, rev, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	arch := exec.CommandContext(ctx, "git", "archive", "--format=tar", rev)
	arch.Dir = root
	tar := exec.CommandContext(ctx, "tar", "-x", "-C", dir)
	pipe, err := arch.StdoutPipe()
	if err != nil {
		return err
	}
	tar.Stdin = pipe
	var stderr bytes.Buffer
	arch.Stderr, tar.Stderr = &stderr, &stderr
	if err := tar.Start(); err != nil {
		return err
	}
	if err := arch.Run(); err != nil {
		return fmt.Errorf("git archive %s: %w: %s", rev, err, stderr.String())
	}
	if err := tar.Wait(); err != nil {
		return fmt.Errorf("untar %s: %w: %s", rev, err, stderr.String())
	}
	return nil
}

func generate(ctx context.Context, dir string, o gen.Options) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	_, err := gen.Campaign(ctx, dir, o)
	return err
}

// coldBuild copies a campaign's sources to dir and builds it there.
func coldBuild(ctx context.Context, bin, src, dir string) (usage, error) {
	if err := os.RemoveAll(dir); err != nil {
		return usage{}, err
	}
	cp := exec.CommandContext(ctx, "cp", "-r", src, dir)
	if b, err := cp.CombinedOutput(); err != nil {
		return usage{}, fmt.Errorf("copy %s: %w: %s", src, err, b)
	}
	for _, leftover := range []string{"out", "internal", ".foiwire", "foiwire.db", "foiwire.db-wal", "foiwire.db-shm"} {
		os.RemoveAll(filepath.Join(dir, leftover))
	}
	return build(ctx, bin, dir)
}

// buildTime is the build time every build is given, where the program
// takes one (--now), so that two builds of the same files can give the
// same bytes.
const buildTime = "2025-01-02T03:04:05Z"

// build runs foiwire build DIR and measures it.
func build(ctx context.Context, bin, dir string) (usage, error) {
	args := []string{"build", dir}
	if takesNow(ctx, bin) {
		args = append(args, "--now", buildTime)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return usage{}, fmt.Errorf("%s build %s: %w\n%s", bin, dir, err, tail(stderr.String(), 2000))
	}
	u := usage{wall: time.Since(start), cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	u.rssKB = peakRSSKB(cmd.ProcessState)
	return u, nil
}

// takesNow reports whether the program's build takes --now (revisions
// before it did not; they stamp stories with the clock).
func takesNow(ctx context.Context, bin string) bool {
	out, _ := exec.CommandContext(ctx, bin, "build", "--help").CombinedOutput()
	return bytes.Contains(out, []byte("--now"))
}

// sameAsCold compares the outputs of the build just made in dir with a
// cold build of the same files in the same place (no database, no
// cache), file by file, and says what it found.
func sameAsCold(ctx context.Context, bin, dir string) (string, error) {
	out := filepath.Join(dir, "out")
	before, err := hashTree(out)
	if err != nil {
		return "", err
	}
	for _, p := range []string{"out", ".foiwire", "foiwire.db", "foiwire.db-wal", "foiwire.db-shm"} {
		if err := os.RemoveAll(filepath.Join(dir, p)); err != nil {
			return "", err
		}
	}
	if _, err := build(ctx, bin, dir); err != nil {
		return "", err
	}
	after, err := hashTree(out)
	if err != nil {
		return "", err
	}
	var differ []string
	for name, h := range after {
		if before[name] != h {
			differ = append(differ, name)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			differ = append(differ, name)
		}
	}
	if len(differ) > 0 {
		slices.Sort(differ)
		return fmt.Sprintf("DIFFERENT: %d of %d files (%s)", len(differ), len(after), strings.Join(differ[:min(5, len(differ))], ", ")), nil
	}
	return fmt.Sprintf("byte-identical (%d files)", len(after)), nil
}

// watchRebuild measures a rebuild in a process that watches the campaign
// in dir (foiwire build --watch): it starts one, waits for its first
// build, then five times changes dorset's fourth reply (back to the one
// in src and to the revised version again, so that national figures move
// each time) and times from the change to the rebuild's line, the process's
// CPU read from /proc before and after. It returns the median rebuild;
// the wall time includes the watcher's wait for the change to settle (one
// or two looks, 10 ms apart).
func watchRebuild(ctx context.Context, bin, dir, src string) (usage, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "build", dir, "--watch", "--every", "10ms", "--now", buildTime)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return usage{}, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return usage{}, err
	}
	defer cmd.Wait()
	defer cancel()
	lines := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	wait := func(prefix string) error {
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					return fmt.Errorf("build --watch stopped: %s", tail(stderr.String(), 2000))
				}
				if strings.Contains(l, prefix) {
					return nil
				}
			case <-time.After(2 * time.Minute):
				return fmt.Errorf("build --watch: no %q line in 2 minutes", prefix)
			}
		}
	}
	if err := wait("watching "); err != nil {
		return usage{}, err
	}
	name, err := filepath.Glob(filepath.Join(src, "replies", "dorset", "*-03.*"))
	if err != nil || len(name) != 1 {
		return usage{}, fmt.Errorf("dorset's fourth reply in %s: %v %v", src, name, err)
	}
	original, err := os.ReadFile(name[0])
	if err != nil {
		return usage{}, err
	}
	// The revised reply, written once in a scratch campaign: each change
	// is then one rename, never a half-written file.
	scratch := filepath.Join(dir, ".foiwire", "bench-revised")
	if err := os.MkdirAll(filepath.Join(scratch, "replies", "dorset"), 0o755); err != nil {
		return usage{}, err
	}
	if err := gen.Rewrite(ctx, scratch, "dorset", 3, replies440, 1); err != nil {
		return usage{}, err
	}
	revised, err := os.ReadFile(filepath.Join(scratch, "replies", "dorset", filepath.Base(name[0])))
	if err != nil {
		return usage{}, err
	}
	target := filepath.Join(dir, "replies", "dorset", filepath.Base(name[0]))
	put := func(b []byte) error {
		tmp := target + ".bench.tmp"
		if err := os.WriteFile(tmp, b, 0o644); err != nil {
			return err
		}
		return os.Rename(tmp, target)
	}
	var runs []usage
	for i := range 5 {
		cpu0, err := processCPU(cmd.Process.Pid)
		if err != nil {
			return usage{}, err
		}
		start := time.Now()
		// The campaign holds the revised reply to begin with.
		if i%2 == 0 {
			err = put(original)
		} else {
			err = put(revised)
		}
		if err != nil {
			return usage{}, err
		}
		if err := wait(" rebuilt in "); err != nil {
			return usage{}, err
		}
		u := usage{wall: time.Since(start)}
		cpu1, err := processCPU(cmd.Process.Pid)
		if err != nil {
			return usage{}, err
		}
		u.cpu = cpu1 - cpu0
		runs = append(runs, u)
	}
	slices.SortFunc(runs, func(a, b usage) int { return cmp.Compare(a.wall, b.wall) })
	return runs[len(runs)/2], nil
}

// processCPU reads a running process's user and system time from
// /proc/PID/stat (in clock ticks of 10 ms).
func processCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name, in brackets, may hold spaces: count fields from
	// after it. utime and stime are fields 14 and 15.
	rest := string(b[bytes.LastIndexByte(b, ')')+2:])
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: too few fields", pid)
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc/%d/stat: %q", pid, rest)
	}
	return time.Duration(ut+st) * 10 * time.Millisecond, nil
}

// hashTree returns the SHA-256 of every file under root, by path.
func hashTree(root string) (map[string][32]byte, error) {
	out := map[string][32]byte{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[rel] = sha256.Sum256(b)
		return nil
	})
	return out, err
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

// nsPerRow is a line of BenchmarkMatchRows' output: the variant and its cost per row.
var nsPerRow = regexp.MustCompile(`BenchmarkMatchRows/(\S+?)-\d+\s.*?\s([0-9.]+) ns/row`)

// goBench runs one benchmark of a package of the module at root with go
// test and returns the submatches of re in each line of its output that
// re matches, and the output itself, for errors that quote it.
func goBench(ctx context.Context, root, pkg, bench, benchtime string, re *regexp.Regexp) ([][]string, []byte, error) {
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-bench", bench, "-benchtime", benchtime, pkg)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, out, fmt.Errorf("%s: %w\n%s", bench, err, out)
	}
	var found [][]string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			found = append(found, m)
		}
	}
	return found, out, nil
}

// rebuildLine is a line of BenchmarkRebuild440's output: the sub-benchmark,
// its wall time and its CPU per build.
var rebuildLine = regexp.MustCompile(`^BenchmarkRebuild440/(cold|one-changed)-\d+\s+\d+\s+(\d+) ns/op\s+([\d.]+) cpu-ms/op`)

// rebuildBench runs BenchmarkRebuild440, a cold build and a one-changed
// rebuild of the 440-reply campaign in the test's own process, and
// returns each one's time per build.
func rebuildBench(ctx context.Context, root string) (map[string]usage, error) {
	lines, out, err := goBench(ctx, root, "./pipeline", "BenchmarkRebuild440", "5x", rebuildLine)
	if err != nil {
		return nil, fmt.Errorf("rebuild benchmark: %w", err)
	}
	got := map[string]usage{}
	for _, m := range lines {
		ns, _ := strconv.ParseInt(m[2], 10, 64)
		ms, _ := strconv.ParseFloat(m[3], 64)
		got[m[1]] = usage{wall: time.Duration(ns), cpu: time.Duration(ms * float64(time.Millisecond))}
	}
	for _, k := range []string{"cold", "one-changed"} {
		if got[k].wall == 0 {
			return nil, fmt.Errorf("rebuild benchmark: no %s result in:\n%s", k, strings.TrimSpace(string(out)))
		}
	}
	return got, nil
}

// matcherBench runs the matcher's benchmark and returns ns per row by
// variant.
func matcherBench(ctx context.Context, root string) (map[string]float64, error) {
	lines, out, err := goBench(ctx, root, "./taxonomy", "BenchmarkMatchRows", "3x", nsPerRow)
	if err != nil {
		return nil, fmt.Errorf("matcher benchmark: %w", err)
	}
	got := map[string]float64{}
	for _, m := range lines {
		v, _ := strconv.ParseFloat(m[2], 64)
		got[m[1]] = v
	}
	for _, k := range []string{"old", "new-cold", "new"} {
		if got[k] == 0 {
			return nil, fmt.Errorf("matcher benchmark: no %s result in:\n%s", k, strings.TrimSpace(string(out)))
		}
	}
	return got, nil
}
