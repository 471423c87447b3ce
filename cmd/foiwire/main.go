// Command foiwire turns the replies public authorities send to one Freedom of
// Information request into checked figures, facts and local news stories.
//
// Run "foiwire --help" for the commands.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/pprof"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program behind main, so tests drive the real thing. It
// returns the process exit code: 0 success, 1 a finding the user asked about
// (a contradicted claim, a refused story with --strict), 2 an error.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRootCmd(a)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if perr := a.stopProfile(); err == nil {
		err = perr
	}
	if err == nil {
		return 0
	}
	if ec, ok := err.(exitCode); ok {
		return int(ec)
	}
	fmt.Fprintln(stderr, "foiwire:", err)
	return 2
}

// exitCode is returned by a command that has already said what it had to
// and wants the process to exit with that code.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// app holds what every command shares: the standard streams and the logger.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	verbose        bool
	cpuProfile     string   // --cpuprofile FILE
	profile        *os.File // open while profiling
	log            *slog.Logger
}

func (a *app) logger() *slog.Logger {
	if a.log == nil {
		level := slog.LevelWarn
		if a.verbose {
			level = slog.LevelDebug
		}
		a.log = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
	}
	return a.log
}

// startProfile starts the CPU profile --cpuprofile asks for.
func (a *app) startProfile() error {
	if a.cpuProfile == "" || a.profile != nil {
		return nil
	}
	f, err := os.Create(a.cpuProfile)
	if err != nil {
		return fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("cpu profile: %w", err)
	}
	a.profile = f
	return nil
}

// stopProfile ends and saves the CPU profile, if one is running; a command
// that failed still leaves its profile.
func (a *app) stopProfile() error {
	if a.profile == nil {
		return nil
	}
	pprof.StopCPUProfile()
	err := a.profile.Close()
	a.profile = nil
	if err != nil {
		return fmt.Errorf("cpu profile: %w", err)
	}
	return nil
}
