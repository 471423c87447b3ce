// Tests that the bundled example is what its README says: a campaign file
// that loads, replies that hold exactly the figures in expected.csv, and
// figures that are the real ones from the shared corpus.
package example_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"errors"
	"fmt"
	"html"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/internal/testenv"
)

// expected is one row of expected.csv.
type expected struct {
	line               int
	authority, measure string
	start, end         string
	label, category    string
	status, file       string
	value              int64
	isTotal            bool
}

func (e expected) String() string {
	return fmt.Sprintf("expected.csv line %d (%s %s %s..%s %q = %d)", e.line, e.authority, e.measure, e.start, e.end, e.label, e.value)
}

func readExpected(t *testing.T) []expected {
	t.Helper()
	// The Home Office outcome types the example's replies use.
	outcomeKeys := []string{"HO1", "HO15", "HO16", "HO18", "HO20"}
	var out []expected
	for i, m := range testenv.ReadCSV(t, "expected.csv") {
		e := expected{
			line: i + 2, authority: m["authority"], measure: m["measure"], start: m["period_start"], end: m["period_end"],
			label: m["label"], category: m["category"], status: m["status"], file: m["file"], isTotal: m["is_total"] == "true",
		}
		v, err := strconv.ParseInt(m["value"], 10, 64)
		if err != nil {
			t.Fatalf("expected.csv line %d: value %q: %v", e.line, m["value"], err)
		}
		e.value = v
		for _, d := range []string{e.start, e.end} {
			if _, err := foiwire.ParseDate(d); err != nil {
				t.Fatalf("expected.csv line %d: %v", e.line, err)
			}
		}
		if e.status != "ok" || e.file == "" || e.label == "" {
			t.Fatalf("expected.csv line %d: want status ok, a file and a label: %+v", e.line, m)
		}
		if e.category != "" && (e.measure != "outcome" || !slices.Contains(outcomeKeys, e.category)) {
			t.Fatalf("expected.csv line %d: category %q on a %s figure (only outcomes carry one of %v)", e.line, e.category, e.measure, outcomeKeys)
		}
		out = append(out, e)
	}
	return out
}

func TestCampaignLoads(t *testing.T) {
	d, err := campaign.Load(context.Background(), ".")
	if err != nil {
		t.Fatal(err)
	}
	c := d.Campaign
	if c.Slug != "tiktok-2024" || c.Topic != "TikTok" || c.PercentStyle != "per cent" {
		t.Errorf("slug, topic, percent style = %q, %q, %q", c.Slug, c.Topic, c.PercentStyle)
	}
	if len(c.Authorities) != 0 {
		t.Errorf("authorities = %v, want all", c.Authorities)
	}
	if c.Sender.Email == "" || c.Sender.Organisation == "" || len(c.Quotes) == 0 || c.Boilerplate == "" || c.Request == "" {
		t.Errorf("sender, quotes, boilerplate or request missing: %+v", c)
	}
	want := []struct {
		id      string
		measure foiwire.Measure
		periods int
	}{
		{"q1", foiwire.MeasurePeriod, 3},
		{"q1a", foiwire.MeasureOffence, 1},
		{"q1b", foiwire.MeasureOutcome, 1},
	}
	if len(c.Questions) != len(want) {
		t.Fatalf("%d questions, want %d", len(c.Questions), len(want))
	}
	for i, w := range want {
		q := c.Questions[i]
		if q.ID != w.id || q.Measure != w.measure || len(q.Periods) != w.periods || len(q.Keywords) == 0 {
			t.Errorf("question %d = %s %s with %d periods and %d keywords, want %s %s with %d periods and some keywords",
				i, q.ID, q.Measure, len(q.Periods), len(q.Keywords), w.id, w.measure, w.periods)
		}
	}
	last := c.Questions[0].Periods[2]
	if last.Start.String() != "2023-04-01" || last.End.String() != "2024-03-31" {
		t.Errorf("q1's last period is %s..%s, want the financial year 2023/24", last.Start, last.End)
	}
	files, err := d.Replies()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 5 {
		t.Errorf("%d reply files, want 5: %v", len(files), files)
	}
}

// TestTotalsAddUp checks every total row against the rows it totals, where
// the reply shows them.
func TestTotalsAddUp(t *testing.T) {
	rows := readExpected(t)
	for _, tot := range rows {
		if !tot.isTotal {
			continue
		}
		var sum int64
		var parts int
		for _, e := range rows {
			if !e.isTotal && e.file == tot.file && e.measure == tot.measure && e.start >= tot.start && e.end <= tot.end {
				sum += e.value
				parts++
			}
		}
		if parts > 0 && sum != tot.value {
			t.Errorf("%s: its %d parts add up to %d", tot, parts, sum)
		}
	}
}

// TestFiguresAreTheCorpusFigures checks the example against the real
// figures: every corpus figure for these forces is in expected.csv with its
// period, value and outcome category, and every figure in expected.csv is
// either a corpus figure or a total of corpus figures.
func TestFiguresAreTheCorpusFigures(t *testing.T) {
	corpus := testenv.Shared(t, "corpus")
	var real []map[string]string
	for _, m := range testenv.ReadCSV(t, filepath.Join(corpus, "expected_figures.csv")) {
		if m["file"] == "dorset__01-fin-24-2153.txt" {
			real = append(real, m)
		}
	}
	real = append(real, testenv.ReadCSV(t, filepath.Join(corpus, "article_figures.csv"))...)
	rows := readExpected(t)
	used := make([]bool, len(rows))
	for _, r := range real {
		found := false
		for i, e := range rows {
			if used[i] || e.authority != r["authority"] || e.measure != r["measure"] || e.start != r["period_start"] ||
				e.end != r["period_end"] || strconv.FormatInt(e.value, 10) != r["value"] || e.category != r["category"] ||
				e.isTotal != (r["is_total"] == "true") {
				continue
			}
			used[i], found = true, true
			break
		}
		if !found {
			t.Errorf("corpus figure %s %s %s..%s %q = %s (category %q) is not in expected.csv",
				r["authority"], r["measure"], r["period_start"], r["period_end"], r["label"], r["value"], r["category"])
		}
	}
	for i, e := range rows {
		if used[i] {
			continue
		}
		var sum int64
		var parts int
		for j, p := range rows {
			if used[j] && !p.isTotal && p.file == e.file && p.measure == e.measure && p.start >= e.start && p.end <= e.end {
				sum += p.value
				parts++
			}
		}
		if !e.isTotal || parts < 2 || sum != e.value {
			t.Errorf("%s is neither a corpus figure nor a total of corpus figures", e)
		}
	}
}

// TestRepliesHoldExpectedFigures reads each reply in its own format and
// checks that every expected figure's label and value sit in one row, and
// that every reply file is accounted for.
func TestRepliesHoldExpectedFigures(t *testing.T) {
	rows := readExpected(t)
	byFile := map[string][]expected{}
	for _, e := range rows {
		byFile[e.file] = append(byFile[e.file], e)
	}
	paths, err := filepath.Glob(filepath.Join("replies", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for _, p := range paths {
		name := filepath.Base(p)
		seen = append(seen, name)
		t.Run(name, func(t *testing.T) {
			want := byFile[name]
			if len(want) == 0 {
				t.Fatalf("expected.csv has no figures for %s", p)
			}
			for _, e := range want {
				if filepath.Base(filepath.Dir(p)) != e.authority {
					t.Errorf("%s: file is filed under %s", e, filepath.Dir(p))
				}
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			grid, err := cellsOf(t, name, b)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range want {
				if !hasRow(grid, e.label, strconv.FormatInt(e.value, 10)) {
					t.Errorf("%s: no row of %s holds the label and the value", e, name)
				}
			}
		})
	}
	for f := range byFile {
		if !slices.Contains(seen, f) {
			t.Errorf("expected.csv names %s, which is not under replies/", f)
		}
	}
}

func hasRow(grid [][]string, label, value string) bool {
	for _, r := range grid {
		if slices.Contains(r, label) && slices.Contains(r[1:], value) {
			return true
		}
	}
	return false
}

// cellsOf returns a reply's rows of trimmed cells, read the simplest way
// each format allows.
func cellsOf(t *testing.T, name string, b []byte) ([][]string, error) {
	switch filepath.Ext(name) {
	case ".csv":
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		return r.ReadAll()
	case ".txt":
		return splitAligned(string(b)), nil
	case ".html":
		return htmlRows(string(b)), nil
	case ".xlsx":
		return xlsxRows(b)
	case ".eml":
		pdf, err := emailAttachment(t, b)
		if err != nil {
			return nil, err
		}
		return pdfRows(pdf)
	}
	return nil, fmt.Errorf("%s: no reader for this kind of file", name)
}

var (
	gapRE  = regexp.MustCompile(`\s{2,}`)
	rowRE  = regexp.MustCompile(`(?s)<tr[^>]*>(.*?)</tr>`)
	cellRE = regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`)
	tagRE  = regexp.MustCompile(`<[^>]+>`)
)

// splitAligned splits text columns set with runs of spaces.
func splitAligned(s string) [][]string {
	var out [][]string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, gapRE.Split(l, -1))
		}
	}
	return out
}

func htmlRows(s string) [][]string {
	var out [][]string
	for _, r := range rowRE.FindAllStringSubmatch(s, -1) {
		var cells []string
		for _, c := range cellRE.FindAllStringSubmatch(r[1], -1) {
			cells = append(cells, strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(c[1], ""))))
		}
		out = append(out, cells)
	}
	return out
}

func xlsxRows(b []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out [][]string
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s)
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", s, err)
		}
		out = append(out, rows...)
	}
	return out, nil
}

// emailAttachment checks the email's headers and parts are as the README
// describes and returns the PDF attachment's bytes.
func emailAttachment(t *testing.T, b []byte) ([]byte, error) {
	m, err := mail.ReadMessage(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		return nil, fmt.Errorf("subject: %w", err)
	}
	if !strings.Contains(subject, "FOI 2024/1234 – ") {
		t.Errorf("subject %q does not carry the reference", subject)
	}
	from, err := m.Header.AddressList("From")
	if err != nil || len(from) != 1 || !strings.HasSuffix(from[0].Address, "@lancashire.police.uk") {
		t.Errorf("From %q is not the force's FOI address (%v)", m.Header.Get("From"), err)
	}
	to, err := m.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Address != "foi@civicdatadesk.example" {
		t.Errorf("To %q is not the campaign's sender (%v)", m.Header.Get("To"), err)
	}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		return nil, fmt.Errorf("content type %q: %v", m.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	var kinds []string
	var pdf []byte
	for {
		p, err := mr.NextRawPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(p)
		if err != nil {
			return nil, err
		}
		kind, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		kinds = append(kinds, kind+" "+p.Header.Get("Content-Transfer-Encoding"))
		if kind == "application/pdf" {
			// ParseMediaType joins RFC 2231 continuations and decodes
			// filename*, which is what a mail client shows.
			_, dp, err := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
			if err != nil || dp["filename"] != "FOI 2024-1234 – response letter.pdf" {
				t.Errorf("attachment's file name = %q (%v)", dp["filename"], err)
			}
			if pdf, err = base64.StdEncoding.DecodeString(string(body)); err != nil {
				return nil, err
			}
		}
	}
	if want := []string{"text/plain quoted-printable", "application/pdf base64"}; !slices.Equal(kinds, want) {
		t.Errorf("parts = %q, want %q", kinds, want)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.")) {
		return nil, errors.New("the attachment is not a PDF")
	}
	return pdf, nil
}

// pdfRows reads the text runs of an uncompressed PDF page and groups them
// into rows by their baseline, left to right: enough for the generator's
// own letter, not a PDF reader.
func pdfRows(b []byte) ([][]string, error) {
	re := regexp.MustCompile(`1 0 0 1 ([\d.]+) ([\d.]+) Tm \(((?:\\.|[^\\)])*)\) Tj`)
	type run struct {
		x    float64
		text string
	}
	lines := map[string][]run{}
	for _, m := range re.FindAllSubmatch(b, -1) {
		x, err := strconv.ParseFloat(string(m[1]), 64)
		if err != nil {
			return nil, err
		}
		text := strings.NewReplacer(`\(`, "(", `\)`, ")", `\\`, `\`).Replace(string(m[3]))
		lines[string(m[2])] = append(lines[string(m[2])], run{x, text})
	}
	if len(lines) == 0 {
		return nil, errors.New("no text found in the PDF")
	}
	var ys []string
	for y := range lines {
		ys = append(ys, y)
	}
	sort.Strings(ys)
	var out [][]string
	for _, y := range ys {
		rs := lines[y]
		sort.Slice(rs, func(i, j int) bool { return rs[i].x < rs[j].x })
		var cells []string
		for _, r := range rs {
			cells = append(cells, r.text)
		}
		out = append(out, cells)
	}
	return out, nil
}
