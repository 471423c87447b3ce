package campaign

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
)

func TestReadWriteFiguresRoundTrip(t *testing.T) {
	in := "authority,measure,period_start,period_end,label,value,category,status,is_total\n" +
		"lancashire,period,2021-04-01,2022-03-31,2021/22,71,,ok,false\n" +
		"lancashire,outcome,2023-04-01,2024-03-31,Charge/summons,3,HO1,ok,false\n" +
		"essex,refusal,,,s12,,,refused,false\n"
	figs, err := ReadFigures(strings.NewReader(in), "data/figures.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(figs) != 3 || *figs[0].Value != 71 || figs[1].Category != "HO1" || figs[2].Value != nil || figs[2].Status != foiwire.StatusRefused {
		t.Fatalf("read %+v", figs)
	}
	if figs[0].Source.File != "data/figures.csv" || figs[0].Source.Row != 2 {
		t.Errorf("provenance of a collated figure = %+v, want the file and its line", figs[0].Source)
	}
	var b bytes.Buffer
	if err := WriteFigures(&b, figs); err != nil {
		t.Fatal(err)
	}
	again, err := ReadFigures(&b, "out/figures.csv")
	if err != nil {
		t.Fatal(err)
	}
	for i := range figs {
		if again[i].Key() != figs[i].Key() || again[i].Period != figs[i].Period || again[i].Label != figs[i].Label {
			t.Errorf("round trip changed figure %d: %+v -> %+v", i, figs[i], again[i])
		}
	}
}

// TestFiguresSeries: a series column round-trips, and a file written before
// the column existed still reads, with no series.
func TestFiguresSeries(t *testing.T) {
	in := "authority,measure,period_start,period_end,label,series,value\n" +
		"sheffield,period,2021-01-01,2021-12-31,Reports 2021,Reports,773\n" +
		"sheffield,outcome,2021-01-01,2021-12-31,FPNs 2021,FPNs,217\n" +
		"sheffield,unread,,,the reply,,\n"
	_, err := ReadFigures(strings.NewReader(in), "figures.csv")
	if err == nil || !strings.Contains(err.Error(), "line 4") {
		t.Fatalf("an unread row with status ok and no value: err = %v, want one naming line 4", err)
	}
	in = strings.TrimSuffix(in, "sheffield,unread,,,the reply,,\n")
	figs, err := ReadFigures(strings.NewReader(in), "figures.csv")
	if err != nil {
		t.Fatal(err)
	}
	if figs[0].Series != "Reports" || figs[1].Series != "FPNs" {
		t.Fatalf("series = %q, %q", figs[0].Series, figs[1].Series)
	}
	figs = append(figs, foiwire.Figure{Authority: "sheffield", Measure: foiwire.MeasureUnread, Status: foiwire.StatusUnread,
		Label: "nothing read", Confidence: foiwire.ConfidenceReview})
	var b bytes.Buffer
	if err := WriteFigures(&b, figs); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), strings.Join(FigureColumns, ",")+"\n") || !strings.Contains(FigureColumns[7], "series") {
		t.Fatalf("header = %q", strings.SplitN(b.String(), "\n", 2)[0])
	}
	again, err := ReadFigures(&b, "out/figures.csv")
	if err != nil {
		t.Fatal(err)
	}
	if again[0].Series != "Reports" || again[1].Series != "FPNs" || again[2].Measure != foiwire.MeasureUnread || again[2].Status != foiwire.StatusUnread {
		t.Errorf("round trip: %+v", again)
	}
	open := "authority,measure,period_start,period_end,label,value,confidence\nhumberside,offence,2024-01-01,,ARSON 2024,2,review\n"
	if figs, err := ReadFigures(strings.NewReader(open), "open.csv"); err != nil || !figs[0].End.IsZero() {
		t.Errorf("a period open at its end: %+v, %v", figs, err)
	}
	old := "authority,measure,period_start,period_end,label,value\nsheffield,period,2021-01-01,2021-12-31,2021,5\n"
	if figs, err := ReadFigures(strings.NewReader(old), "old.csv"); err != nil || figs[0].Series != "" || *figs[0].Value != 5 {
		t.Errorf("old file: %+v, %v", figs, err)
	}
}

func TestReadFiguresErrorsNameTheLine(t *testing.T) {
	for name, in := range map[string]string{
		"no value column":  "authority,measure,period_start,period_end,label\n",
		"bad measure":      "authority,measure,period_start,period_end,label,value\nkent,crimes,,,x,1\n",
		"bad value":        "authority,measure,period_start,period_end,label,value\nkent,period,2021-01-01,2021-12-31,2021,1O\n",
		"ends first":       "authority,measure,period_start,period_end,label,value\nkent,period,2021-12-31,2021-01-01,2021,1\n",
		"ok without value": "authority,measure,period_start,period_end,label,value\nkent,period,2021-01-01,2021-12-31,2021,\n",
	} {
		_, err := ReadFigures(strings.NewReader(in), "f.csv")
		if err == nil || !strings.Contains(err.Error(), "f.csv") {
			t.Errorf("%s: err = %v, want an error naming the file", name, err)
		}
	}
}

func TestParseCampaign(t *testing.T) {
	reg := authority.Police()
	good := `
slug: test
title: A test
authorities: [Lancs Police, dorset]
percent_style: "%"
questions:
  - id: q1
    measure: period
    periods: ["2021/22", "2022/23"]
`
	c, err := Parse([]byte(good), reg)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Authorities, ",") != "lancashire,dorset" || c.PercentStyle != "%" || len(c.Questions[0].Periods) != 2 ||
		c.Questions[0].Periods[1].Start.String() != "2022-04-01" {
		t.Fatalf("parsed %+v", c)
	}
	for name, bad := range map[string]string{
		"unknown field": "slug: x\ncolour: red\n",
		"unknown force": "authorities: [Gotham Constabulary]\n",
		"bad measure":   "questions:\n  - measure: mood\n",
		"bad period":    "questions:\n  - measure: period\n    periods: [soon]\n",
		"bad percent":   "percent_style: pc\n",
		"bad embargo":   "embargo: tomorrow\n",
	} {
		if _, err := Parse([]byte(bad), reg); err == nil {
			t.Errorf("%s: Parse succeeded, want an error", name)
		}
	}
}

func TestLoadAndReplies(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, FileName), []byte("title: T\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "replies", "dorset", "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "replies", "dorset", "sub", "a.html"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "replies", "dorset", ".hidden"), []byte("x"), 0o644)
	d, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := d.Replies()
	if err != nil || len(rs) != 1 || rs[0].Authority != "dorset" || rs[0].Name != "sub/a.html" {
		t.Fatalf("Replies = %+v, %v", rs, err)
	}
	if len(d.AuthorityIDs()) != 44 {
		t.Errorf("a campaign with no list covers %d authorities, want 44", len(d.AuthorityIDs()))
	}
	os.MkdirAll(filepath.Join(dir, "replies", "gotham"), 0o755)
	os.WriteFile(filepath.Join(dir, "replies", "gotham", "reply.txt"), []byte("x"), 0o644)
	rs, err = d.Replies()
	if err != nil || len(rs) != 2 || rs[1].Authority != "" || rs[1].Name != "gotham/reply.txt" || !strings.Contains(rs[1].Problem, "replies/gotham/") {
		t.Errorf("a file in a folder naming no authority: %+v, %v; want it listed with its problem", rs, err)
	}
	if _, err := Load(context.Background(), t.TempDir()); err == nil {
		t.Error("Load of an empty folder succeeded")
	}
}
