package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/pipeline"
)

// TestWatch: a watched campaign is built once, then again for each reply
// filed or removed, and not for what its own builds write.
func TestWatch(t *testing.T) {
	dir := exampleCopy(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type build struct {
		res *pipeline.Result
		err error
	}
	builds := make(chan build, 10)
	done := make(chan error, 1)
	o := pipeline.Options{Dir: dir, Log: slog.New(slog.DiscardHandler), Now: func() time.Time { return time.Date(2024, 8, 5, 9, 0, 0, 0, time.UTC) }}
	go func() {
		done <- watch(ctx, o, 10*time.Millisecond, func(res *pipeline.Result, _ time.Duration, err error) { builds <- build{res, err} })
	}()
	next := func(what string) *pipeline.Result {
		t.Helper()
		select {
		case b := <-builds:
			if b.err != nil {
				t.Fatalf("%s: %v", what, b.err)
			}
			return b.res
		case <-time.After(2 * time.Minute):
			t.Fatalf("%s: no build", what)
		}
		return nil
	}
	first := next("first build")

	// What a build writes (outputs, caches, the database) starts no build.
	select {
	case b := <-builds:
		t.Fatalf("a build with nothing changed: %+v", b)
	case <-time.After(300 * time.Millisecond):
	}

	writeReply(t, dir, "kent", "late-reply.csv", []byte("Year,Offences\n2021/22,4\n2022/23,6\n2023/24,9\n"))
	second := next("after a reply was filed")
	if second.Replies != first.Replies+1 || second.Reused < first.Replies {
		t.Errorf("after a reply was filed: %d replies, %d reused; first build %d", second.Replies, second.Reused, first.Replies)
	}
	if err := os.Remove(filepath.Join(dir, "replies", "kent", "late-reply.csv")); err != nil {
		t.Fatal(err)
	}
	third := next("after the reply was removed")
	if third.Replies != first.Replies || len(third.Withdrawn) != 1 {
		t.Errorf("after the reply was removed: %d replies, %d withdrawn", third.Replies, len(third.Withdrawn))
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("watch ended with %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("watch did not stop")
	}
}

func TestReportBuild(t *testing.T) {
	var out, errs strings.Builder
	report := reportBuild(&out, &errs)
	res := &pipeline.Result{Out: "out", Replies: 3, Reused: 2, Stories: 1, Refused: []string{"kent: a number no fact supports"},
		Withdrawn: []foiwire.Withdrawal{{Authority: "kent", Name: "old.csv"}}}
	res.Campaign = &campaign.Dir{Path: "camp"}
	report(res, time.Second, nil)
	if !strings.Contains(out.String(), "watching camp for changes") {
		t.Errorf("first report: %q", out.String())
	}
	out.Reset()
	report(res, 1500*time.Millisecond, nil)
	for _, want := range []string{"rebuilt in 1.50 s", "3 reply files, 1 read again", "1 refused by the self-check", "withdrawn: kent/old.csv"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("rebuild line %q lacks %q", out.String(), want)
		}
	}
	report(nil, 0, errors.New("disk full"))
	if !strings.Contains(errs.String(), "disk full") {
		t.Errorf("a failed build is not reported: %q", errs.String())
	}
}

// TestWatchBadInput: --watch on a folder that is not there, or with no
// interval, says so and leaves nothing behind.
func TestWatchBadInput(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-campaign")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{missing, "--watch"}, "campaign " + missing},
		{[]string{exampleCopy(t), "--watch", "--every", "0s"}, "--every 0s: want a positive interval"},
	} {
		var out, errb bytes.Buffer
		a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
		cmd := newBuildCmd(a)
		cmd.SetArgs(tt.args)
		cmd.SetOut(&out)
		cmd.SetErr(&errb)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		err := cmd.ExecuteContext(context.Background())
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("build %v: %v, want an error saying %q", tt.args, err, tt.want)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("--watch made %s", missing)
	}
}
