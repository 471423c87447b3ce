package main

// The fault-injection suite: the real program, run as a child process, is
// killed with SIGKILL at a random moment while it builds, sends requests
// or saves a web correction. After each kill the campaign must be whole:
// the database passes SQLite's integrity check, every correction the web
// app acknowledged is stored, and no output file is empty or cut short.
// Then the same command, run again to the end, must succeed.
//
// A few trials run with the other tests; FOIWIRE_FAULT_TRIALS=50 runs
// fifty, and FOIWIRE_FAULT_SEED repeats a run.

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"image/png"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	_ "modernc.org/sqlite"

	"github.com/foiwire/foiwire/internal/atomicfile"
)

// childArgsEnv carries the arguments of a child run of the program.
const childArgsEnv = "FOIWIRE_TEST_CHILD_ARGS"

func TestMain(m *testing.M) {
	if js := os.Getenv(childArgsEnv); js != "" {
		var args []string
		if err := json.Unmarshal([]byte(js), &args); err != nil {
			fmt.Fprintln(os.Stderr, "bad child args:", err)
			os.Exit(3)
		}
		os.Exit(run(context.Background(), args, os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// child is the program run as a separate process with args.
func child(t *testing.T, stdin string, args ...string) *exec.Cmd {
	t.Helper()
	js, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childArgsEnv+"="+string(js))
	cmd.Stdin = strings.NewReader(stdin)
	return cmd
}

// runChild runs the program to its end and returns its output.
func runChild(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	cmd := child(t, stdin, args...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// killAfter starts cmd and kills it with SIGKILL after d (or lets it end
// first). It reports whether the kill came before the end.
func killAfter(t *testing.T, cmd *exec.Cmd, d time.Duration) bool {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		return false
	case <-time.After(d):
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		return true
	}
}

// faultTally counts what the trials found.
type faultTally struct {
	trials, killed         map[string]int
	integrity, lost, empty int
	lostDetail             []string
	acked, stored          int
	leftTemps              int
	recoveries, failedRec  int
	duplicateSends         int
}

func TestKillAtRandom(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes at random: not in -short")
	}
	trials := 6
	if s := os.Getenv("FOIWIRE_FAULT_TRIALS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("FOIWIRE_FAULT_TRIALS=%q", s)
		}
		trials = n
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("FOIWIRE_FAULT_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (FOIWIRE_FAULT_SEED=%d repeats this run)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, seed))
	tally := &faultTally{trials: map[string]int{}, killed: map[string]int{}}

	b := newBuildTrials(t)
	s := newSendTrials(t)
	c := newCorrectTrials(t)
	kinds := []string{"build", "send", "correct"}
	for i := range trials {
		kind := kinds[i%3]
		if i >= 3 {
			kind = kinds[rng.IntN(3)]
		}
		tally.trials[kind]++
		var killed bool
		switch kind {
		case "build":
			killed = b.trial(t, rng, tally)
		case "send":
			killed = s.trial(t, rng, tally)
		case "correct":
			killed = c.trial(t, rng, tally)
		}
		if killed {
			tally.killed[kind]++
		}
	}
	c.stop()
	t.Logf("%d trials: build %d (%d killed mid-run), send %d (%d), correction %d (%d)",
		trials, tally.trials["build"], tally.killed["build"], tally.trials["send"], tally.killed["send"], tally.trials["correct"], tally.killed["correct"])
	t.Logf("integrity failures %d; corrections acknowledged %d, stored %d, lost %d; empty or cut-short outputs %d; stray temporary files %d; runs after a kill that succeeded %d, failed %d; requests delivered twice %d",
		tally.integrity, tally.acked, tally.stored, tally.lost, tally.empty, tally.leftTemps, tally.recoveries, tally.failedRec, tally.duplicateSends)
	if tally.integrity > 0 || tally.lost > 0 || tally.empty > 0 || tally.failedRec > 0 {
		t.Errorf("after kills: %d integrity failures, %d lost corrections %v, %d bad outputs, %d failed reruns",
			tally.integrity, tally.lost, tally.lostDetail, tally.empty, tally.failedRec)
	}
}

// checkDB runs SQLite's integrity check on the campaign database.
func checkDB(t *testing.T, path string, tally *faultTally) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		tally.integrity++
		t.Errorf("%s: integrity check: %q, %v", path, res, err)
	}
	return db
}

// checkOutputs reads every output file: none may be empty, and each must
// parse as what its name says.
func checkOutputs(t *testing.T, out string, tally *faultTally) {
	t.Helper()
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if atomicfile.IsTemp(d.Name()) {
			return nil // left by the kill; the next run removes it
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		if problem := badOutput(d.Name(), b); problem != "" {
			tally.empty++
			t.Errorf("%s: %s", p, problem)
		}
		return nil
	})
}

func badOutput(name string, b []byte) string {
	if len(b) == 0 {
		return "empty"
	}
	switch filepath.Ext(name) {
	case ".csv":
		if _, err := csv.NewReader(bytes.NewReader(b)).ReadAll(); err != nil {
			return "not whole CSV: " + err.Error()
		}
		if b[len(b)-1] != '\n' {
			return "CSV cut short"
		}
	case ".json":
		if !json.Valid(b) {
			return "not whole JSON"
		}
	case ".png":
		if _, err := png.Decode(bytes.NewReader(b)); err != nil {
			return "not a whole PNG: " + err.Error()
		}
	case ".svg":
		if !bytes.Contains(b, []byte("</svg>")) {
			return "SVG cut short"
		}
	case ".html":
		if !bytes.Contains(b, []byte("</html>")) {
			return "HTML cut short"
		}
	case ".md":
		if b[len(b)-1] != '\n' {
			return "Markdown cut short"
		}
	}
	return ""
}

// buildTrials kill build.
type buildTrials struct {
	dir  string
	span time.Duration // how long an uninterrupted build takes
}

func newBuildTrials(t *testing.T) *buildTrials {
	bt := &buildTrials{dir: exampleCopy(t)}
	if out, err := runChild(t, "", "build", bt.dir); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	// The kills fall within the time a build over an existing database
	// takes, as every build but the first does.
	start := time.Now()
	if out, err := runChild(t, "", "build", bt.dir); err != nil {
		t.Fatalf("second build: %v\n%s", err, out)
	}
	bt.span = time.Since(start)
	return bt
}

func (bt *buildTrials) trial(t *testing.T, rng *rand.Rand, tally *faultTally) bool {
	killed := killAfter(t, child(t, "", "build", bt.dir), time.Duration(rng.Int64N(int64(bt.span))))
	checkDB(t, filepath.Join(bt.dir, "foiwire.db"), tally).Close()
	checkOutputs(t, filepath.Join(bt.dir, "out"), tally)
	if out, err := runChild(t, "", "build", bt.dir); err != nil {
		tally.failedRec++
		t.Errorf("build after a kill: %v\n%s", err, out)
	} else {
		tally.recoveries++
		checkOutputs(t, filepath.Join(bt.dir, "out"), tally)
		tally.leftTemps += countTemps(filepath.Join(bt.dir, "out"))
	}
	return killed
}

// countTemps counts the temporary files of interrupted writes under dir.
func countTemps(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && atomicfile.IsTemp(d.Name()) {
			n++
		}
		return nil
	})
	return n
}

// sendTrials kill request send; each trial sends a fresh campaign's
// requests to a loopback SMTP server that takes a little while over each.
type sendTrials struct {
	srv    *smtpSink
	forces []string
	span   time.Duration
}

func newSendTrials(t *testing.T) *sendTrials {
	st := &sendTrials{srv: startSink(t, 15*time.Millisecond),
		forces: []string{"lancashire", "dorset", "kent", "essex", "surrey", "norfolk", "suffolk", "cumbria"}}
	dir := st.newCampaign(t)
	start := time.Now()
	if out, err := runChild(t, "", st.sendArgs(dir)...); err != nil {
		t.Fatalf("first send: %v\n%s", err, out)
	}
	st.span = time.Since(start)
	return st
}

func (st *sendTrials) newCampaign(t *testing.T) string {
	dir := newRequestCampaign(t)
	args := []string{"request", "new", dir, "--to", strings.Join(st.forces, ","), "--today=2024-06-03"}
	for _, f := range st.forces {
		args = append(args, "--address", f+"=foi@"+f+".police.example")
	}
	if out, err := runChild(t, "", args...); err != nil {
		t.Fatalf("request new: %v\n%s", err, out)
	}
	return dir
}

func (st *sendTrials) sendArgs(dir string, extra ...string) []string {
	return append([]string{"request", "send", dir, "--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(st.srv.port),
		"--smtp-security", "none", "--today=2024-06-03"}, extra...)
}

func (st *sendTrials) trial(t *testing.T, rng *rand.Rand, tally *faultTally) bool {
	dir := st.newCampaign(t)
	before := st.srv.count()
	killed := killAfter(t, child(t, "", st.sendArgs(dir)...), time.Duration(rng.Int64N(int64(st.span))))
	checkDB(t, filepath.Join(dir, "foiwire.db"), tally).Close()
	// The rerun sends what did not go; one whose fate the killed run could
	// not record goes again with the same Message-Id.
	out, err := runChild(t, "", st.sendArgs(dir, "--resend-unconfirmed")...)
	if err != nil {
		tally.failedRec++
		t.Errorf("send after a kill: %v\n%s", err, out)
		return killed
	}
	tally.recoveries++
	db := checkDB(t, filepath.Join(dir, "foiwire.db"), tally)
	rows, err := db.Query("SELECT authority, state FROM requests")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, state string
		rows.Scan(&a, &state)
		if state != "awaiting" {
			t.Errorf("%s: request %s after the rerun; want awaiting", dir, state)
		}
	}
	got := st.srv.since(before)
	for _, f := range st.forces {
		ids := got["foi@"+f+".police.example"]
		if len(ids) == 0 {
			t.Errorf("no request reached %s", f)
		}
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id] {
				tally.duplicateSends++ // same Message-Id: the receiver drops it
				continue
			}
			seen[id] = true
		}
		if len(seen) > 1 {
			t.Errorf("%s got %d different requests", f, len(seen))
		}
	}
	return killed
}

// smtpSink is a loopback SMTP server that records each message's
// recipients and Message-Id, taking delay over each.
type smtpSink struct {
	port  int
	delay time.Duration
	mu    sync.Mutex
	got   []sunk
}

type sunk struct{ to, id string }

func startSink(t *testing.T, delay time.Duration) *smtpSink {
	s := &smtpSink{delay: delay}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &sinkSession{s: s}, nil }))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.port = l.Addr().(*net.TCPAddr).Port
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

func (s *smtpSink) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.got)
}

// since returns the Message-Ids delivered to each address after the
// first n messages.
func (s *smtpSink) since(n int) map[string][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string][]string{}
	for _, g := range s.got[n:] {
		out[g.to] = append(out[g.to], g.id)
	}
	return out
}

type sinkSession struct {
	s  *smtpSink
	to []string
}

func (ss *sinkSession) Mail(string, *smtp.MailOptions) error { return nil }
func (ss *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, strings.ToLower(to))
	return nil
}
func (ss *sinkSession) Reset()        { ss.to = nil }
func (ss *sinkSession) Logout() error { return nil }

var messageIDRE = regexp.MustCompile(`(?mi)^Message-Id:\s*(\S+)`)

func (ss *sinkSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	time.Sleep(ss.s.delay)
	id := ""
	if m := messageIDRE.FindSubmatch(b); m != nil {
		id = string(m[1])
	}
	ss.s.mu.Lock()
	defer ss.s.mu.Unlock()
	for _, to := range ss.to {
		ss.s.got = append(ss.s.got, sunk{to, id})
	}
	return nil
}

// correctTrials kill the web app while an editor saves corrections one
// after another.
type correctTrials struct {
	dir     string
	key     string
	running *exec.Cmd
	n       int
	span    time.Duration // how long one correction takes
}

const faultEditorPass = "correct horse battery staple"

func newCorrectTrials(t *testing.T) *correctTrials {
	ct := &correctTrials{dir: exampleCopy(t)}
	if out, err := runChild(t, "", "build", ct.dir); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	if out, err := runChild(t, faultEditorPass+"\n", "user", "add", "ed", "--role", "editor", "--password-stdin", "--dir", ct.dir); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	// One correction, uninterrupted, times the window the kills fall in.
	base := ct.serve(t)
	cl, csrf := signIn(t, base)
	ct.findKey(t, cl, base)
	start := time.Now()
	if code := ct.correct(cl, base, csrf); code != http.StatusSeeOther {
		t.Fatalf("a correction: status %d", code)
	}
	ct.span = time.Since(start)
	ct.stop()
	return ct
}

// findKey finds a figure under review to correct.
func (ct *correctTrials) findKey(t *testing.T, cl *http.Client, base string) {
	res, err := cl.Get(base + "/review")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := keyRE.FindSubmatch(b)
	if m == nil {
		t.Fatal("no figure to correct on /review")
	}
	ct.key, _ = url.QueryUnescape(html.UnescapeString(string(m[1])))
}

// correct saves the next correction and returns the response's status,
// or 0 when there was none.
func (ct *correctTrials) correct(cl *http.Client, base, csrf string) int {
	ct.n++
	res, err := cl.PostForm(base+"/figure/correct", url.Values{"csrf": {csrf}, "key": {ct.key},
		"value": {strconv.Itoa(100 + ct.n)}, "status": {"ok"}, "note": {correctionNote(ct.n)}})
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

func correctionNote(n int) string { return fmt.Sprintf("fault trial correction %d", n) }

func (ct *correctTrials) stop() {
	if ct.running != nil && ct.running.Process != nil {
		ct.running.Process.Kill()
		ct.running.Wait()
		ct.running = nil
	}
}

// serve starts the web app and returns its address.
func (ct *correctTrials) serve(t *testing.T) string {
	cmd := child(t, "", "serve", ct.dir, "--addr", "127.0.0.1:0", "--insecure-cookies")
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ct.running = cmd
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		re := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
		close(addr)
	}()
	select {
	case a, ok := <-addr:
		if !ok {
			t.Fatal("serve ended without saying where it listens")
		}
		return "http://" + a
	case <-time.After(60 * time.Second):
		t.Fatal("serve never said where it listens")
	}
	return ""
}

var (
	csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	keyRE  = regexp.MustCompile(`/figure\?key=([^"&]+)`)
)

// signIn logs the editor in and returns a client with its session and the
// session's CSRF token.
func signIn(t *testing.T, base string) (*http.Client, string) {
	jar, _ := cookiejar.New(nil)
	cl := &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	page := func(p string) string {
		res, err := cl.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	m := csrfRE.FindStringSubmatch(page("/login"))
	if m == nil {
		t.Fatal("no CSRF token on the sign-in page")
	}
	res, err := cl.PostForm(base+"/login", url.Values{"csrf": {html.UnescapeString(m[1])}, "name": {"ed"}, "password": {faultEditorPass}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %d", res.StatusCode)
	}
	m = csrfRE.FindStringSubmatch(page("/review"))
	if m == nil {
		t.Fatal("no CSRF token once signed in")
	}
	return cl, html.UnescapeString(m[1])
}

func (ct *correctTrials) trial(t *testing.T, rng *rand.Rand, tally *faultTally) bool {
	base := ct.serve(t)
	cl, csrf := signIn(t, base)
	// Corrections go in one after another until the kill; each one the app
	// answered with its redirect is acknowledged and must survive.
	var acked []string
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
			}
			switch code := ct.correct(cl, base, csrf); code {
			case http.StatusSeeOther:
				acked = append(acked, correctionNote(ct.n))
			case 0:
				return
			default:
				t.Errorf("a correction: status %d", code)
				return
			}
		}
	}()
	time.Sleep(time.Duration(rng.Int64N(int64(4 * ct.span))))
	ct.running.Process.Signal(syscall.SIGKILL)
	ct.running.Wait()
	ct.running = nil
	close(stop)
	<-done

	db := checkDB(t, filepath.Join(ct.dir, "foiwire.db"), tally)
	stored := map[string]bool{}
	rows, err := db.Query("SELECT note FROM corrections")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		stored[n] = true
	}
	rows.Close()
	db.Close()
	tally.acked += len(acked)
	for _, n := range acked {
		if stored[n] {
			tally.stored++
		} else {
			tally.lost++
			tally.lostDetail = append(tally.lostDetail, n)
		}
	}
	checkOutputs(t, filepath.Join(ct.dir, "out"), tally)
	tally.recoveries++
	return true
}
