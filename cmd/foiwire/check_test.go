package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCheckCmd(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
	cmd := newCheckCmd(a)
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.ExecuteContext(context.Background())
	switch e := err.(type) {
	case nil:
		return out.String(), errb.String(), 0
	case exitCode:
		return out.String(), errb.String(), int(e)
	}
	return out.String(), err.Error(), 2
}

func TestCheckJSONFlagsTheWrongForce(t *testing.T) {
	out, errs, code := runCheckCmd(t, "--figures", "../../claims/testdata/article_figures.csv", "../../claims/testdata/articles/errors.txt")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (a claim is contradicted): %s", code, errs)
	}
	var found bool
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %q is not JSON: %v", line, err)
		}
		for _, k := range []string{"text", "sentence", "value", "kind", "authority", "period_start", "period_end", "category", "verdict", "expected", "reason", "warnings"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line has no %q: %s", k, line)
			}
		}
		if m["text"] == "252" {
			found = true
			if m["verdict"] != "contradicted" || m["authority"] != "cumbria" || !strings.Contains(m["reason"].(string), "Northamptonshire Police") {
				t.Errorf("252 = %s", line)
			}
		}
	}
	if !found {
		t.Errorf("no claim for 252 in:\n%s", out)
	}
}

func TestCheckTextUnderlinesClaims(t *testing.T) {
	out, errs, code := runCheckCmd(t, "--figures", "../../claims/testdata/article_figures.csv", "--format", "text", "../../claims/testdata/articles/lancashire-correct.txt")
	if code != 0 {
		t.Fatalf("exit %d, want 0 (nothing contradicted): %s\n%s", code, errs, out)
	}
	want := "  The force recorded 71 such crimes in 2021/22 and 66 in 2022/23, according to figures released under the Freedom of Information Act.\n" +
		"                     ^^\n  SUPPORTED (count, lancashire, 2021-04-01..2022-03-31)"
	if !strings.Contains(out, want) {
		t.Errorf("report lacks\n%s\ngot:\n%s", want, out)
	}
}

func TestCheckNeedsFigures(t *testing.T) {
	_, errs, code := runCheckCmd(t, "article.txt")
	if code != 2 || !strings.Contains(errs, "--campaign") {
		t.Errorf("exit %d, %q; want 2 asking for --campaign or --figures", code, errs)
	}
}

// TestCheckCampaignReadsReplies runs the README's example: the bundled
// campaign has no data/figures.csv, so check reads its replies.
func TestCheckCampaignReadsReplies(t *testing.T) {
	article := filepath.Join(t.TempDir(), "article.txt")
	text := "force: Northamptonshire Police\ndate: 2024-08-05\n\n" +
		"North Yorkshire Police recorded 252 offences linked to TikTok between 2021/22 and 2023/24.\n\n" +
		"Watch the report on Freeview channel 276 tonight.\n"
	if err := os.WriteFile(article, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCheckCmd(t, "--campaign", "../../examples/tiktok-2024", "--format", "letter", article)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (the wrong force is contradicted): %s\n%s", code, errs, out)
	}
	for _, want := range []string{"Printed: \"North Yorkshire Police recorded 252", "Northamptonshire Police", "Source: foi-000486-24-tiktok-crimes.csv", "1 needs correcting"} {
		if !strings.Contains(out, want) {
			t.Errorf("letter lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "276") {
		t.Errorf("the TV channel is in the letter:\n%s", out)
	}
}
