package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/foiwire/foiwire/pipeline"
)

// watch builds the campaign o names, then builds it again each time its
// inputs change (a reply filed, replaced or removed; campaign.yaml,
// story.yaml or the collated figures edited) and the change has stood for
// one look, looking every interval, until ctx is done. The process stays warm between builds: its program
// is loaded, its heap is made, and the build's caches are in memory and
// on disk. Each build is reported to built; one that fails is reported
// and the watch goes on, for the next change may mend it.
func watch(ctx context.Context, o pipeline.Options, every time.Duration, built func(res *pipeline.Result, took time.Duration, err error)) error {
	out := o.Out
	if out == "" {
		out = filepath.Join(o.Dir, "out")
	}
	last, err := inputsOf(o.Dir, out)
	if err != nil {
		return err
	}
	seen := last // the inputs at the last look
	if o.Session == nil {
		o.Session = &pipeline.Session{}
	}
	for {
		start := time.Now()
		res, err := pipeline.Build(ctx, o)
		if ctx.Err() != nil {
			return nil
		}
		built(res, time.Since(start), err)
		for {
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(every):
			}
			now, err := inputsOf(o.Dir, out)
			if err != nil {
				return err
			}
			// A change is built once it has settled: a file still being
			// copied in would otherwise be read half-written.
			if now != last && now == seen {
				last = now
				break
			}
			seen = now
		}
	}
}

// inputsOf sums the name, size, time and mode of every file of the
// campaign in dir that a build reads, leaving out what builds write: the
// outputs (out), the caches, the database and temporary files.
func inputsOf(dir, out string) ([sha256.Size]byte, error) {
	h := sha256.New()
	outAbs, _ := filepath.Abs(out)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone while the walk went on: the next look sees it
			}
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if abs, _ := filepath.Abs(p); abs == outAbs || p == filepath.Join(dir, ".foiwire") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, "foiwire.db") || strings.Contains(name, ".tmp") {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00%v\n", p, info.Size(), info.ModTime().UnixNano(), info.Mode())
		return nil
	})
	if err != nil {
		return [sha256.Size]byte{}, fmt.Errorf("watch %s: %w", dir, err)
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum, nil
}

// reportBuild prints a watched build: the whole summary the first time,
// then one line for each rebuild, with its time.
func reportBuild(w, errw io.Writer) func(res *pipeline.Result, took time.Duration, err error) {
	first := true
	return func(res *pipeline.Result, took time.Duration, err error) {
		switch {
		case err != nil:
			fmt.Fprintf(errw, "foiwire: build failed (watching for the next change): %v\n", err)
		case first:
			printSummary(w, res)
			fmt.Fprintf(w, "watching %s for changes (Ctrl-C stops)\n", res.Campaign.Path)
			first = false
		default:
			fmt.Fprintf(w, "%s rebuilt in %.2f s: %d reply files, %d read again; %d figures, %d to review, %d stories",
				time.Now().Format(time.TimeOnly), took.Seconds(), res.Replies, res.Replies-res.Reused, len(res.Figures), len(res.Review), res.Stories)
			if n := len(res.Refused); n > 0 {
				fmt.Fprintf(w, ", %d refused by the self-check", n)
			}
			for _, wd := range res.Withdrawn {
				fmt.Fprintf(w, "; withdrawn: %s/%s", wd.Authority, wd.Name)
			}
			fmt.Fprintln(w)
		}
	}
}
