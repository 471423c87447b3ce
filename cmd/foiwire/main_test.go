package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
)

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func decodeLines(t *testing.T, s string) []foiwire.Figure {
	t.Helper()
	var figs []foiwire.Figure
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		var f foiwire.Figure
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatalf("line %q is not a figure: %v", sc.Text(), err)
		}
		figs = append(figs, f)
	}
	return figs
}

func TestExtractFindsAuthorityAndFigures(t *testing.T) {
	out, errs, code := runCLI(t, "extract", "testdata/reply-flat.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	figs := decodeLines(t, out)
	if len(figs) != 8 {
		t.Fatalf("%d figures, want 8 (3 years + total, 3 offences + total):\n%s", len(figs), out)
	}
	for _, f := range figs {
		if f.Authority != "merseyside" || !strings.Contains(f.AuthorityFrom, "header") {
			t.Errorf("authority %q from %q; want merseyside from the header", f.Authority, f.AuthorityFrom)
		}
		if f.Source.Document == "" || f.Source.Text == "" {
			t.Errorf("figure %q has no provenance: %+v", f.Label, f.Source)
		}
	}
	if v, _ := figs[3].Int(); !figs[3].IsTotal || v != 58 || figs[3].Start.String() != "2021-04-01" || figs[3].End.String() != "2024-03-31" {
		t.Errorf("total = %+v", figs[3])
	}
	stalk := figs[6]
	if stalk.Label != "Stalking" || stalk.Status != foiwire.StatusSuppressed || stalk.Value != nil {
		t.Errorf("'<5' read as %+v; want suppressed with no value", stalk)
	}
	// The phone number in the footer is not a figure.
	if strings.Contains(out, "1234") {
		t.Errorf("a phone number was printed as a figure:\n%s", out)
	}
}

func TestExtractRefusal(t *testing.T) {
	out, errs, code := runCLI(t, "extract", "testdata/refusal.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	figs := decodeLines(t, out)
	if len(figs) != 1 {
		t.Fatalf("%d objects, want one refusal:\n%s", len(figs), out)
	}
	f := figs[0]
	if f.Measure != foiwire.MeasureRefusal || f.Status != foiwire.StatusRefused || f.Label != "s12" || f.Authority != "kent" || f.Value != nil {
		t.Fatalf("refusal read as %+v", f)
	}
}

func TestExtractGivenAuthorityAndBadFile(t *testing.T) {
	out, errs, code := runCLI(t, "extract", "--authority", "Merseyside Police", "testdata/reply-flat.txt", "testdata/missing.pdf")
	if code != 2 {
		t.Fatalf("exit %d, want 2 for a missing file", code)
	}
	if !strings.Contains(errs, "missing.pdf") || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
		t.Errorf("stderr should be one line naming the file: %q", errs)
	}
	if figs := decodeLines(t, out); len(figs) != 8 || figs[0].AuthorityFrom != "" {
		t.Errorf("the good file was not read in full beside the bad one: %d figures", len(figs))
	}
}

func TestHelp(t *testing.T) {
	out, _, code := runCLI(t, "--help")
	if code != 0 || !strings.Contains(out, "build") || !strings.Contains(out, "extract") {
		t.Fatalf("--help (exit %d):\n%s", code, out)
	}
}

func TestAuthorities(t *testing.T) {
	out, _, code := runCLI(t, "authorities", "the Dyfed-Powys force area")
	if code != 0 || !strings.HasPrefix(out, "dyfed-powys\t") {
		t.Fatalf("authorities NAME (exit %d): %q", code, out)
	}
	out, _, code = runCLI(t, "authorities", "--format", "csv")
	if code != 0 || strings.Count(out, "\n") != 45 {
		t.Fatalf("authorities --format csv: exit %d, %d lines; want a header and 44 forces", code, strings.Count(out, "\n"))
	}
	if _, errs, code := runCLI(t, "authorities", "Gotham Constabulary"); code != 2 || !strings.Contains(errs, "Gotham") {
		t.Fatalf("an unknown name: exit %d, %q", code, errs)
	}
}
