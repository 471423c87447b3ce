package period

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/internal/testenv"
)

func rowPeriod(t *testing.T, row map[string]string) foiwire.Period {
	t.Helper()
	s, err1 := foiwire.ParseDate(row["period_start"])
	e, err2 := foiwire.ParseDate(row["period_end"])
	if err1 != nil || err2 != nil {
		t.Fatalf("bad period in row %v", row)
	}
	return foiwire.Period{Start: s, End: e}
}

// TestCorpusPeriodLabels reads the period labels of every figure a careful
// person took from the replies and the articles.
func TestCorpusPeriodLabels(t *testing.T) {
	dir := testenv.Shared(t, "corpus")
	for _, file := range []string{"expected_figures.csv", "article_figures.csv"} {
		for _, row := range testenv.ReadCSV(t, filepath.Join(dir, file)) {
			if row["measure"] != "period" {
				continue
			}
			label, want := row["label"], rowPeriod(t, row)
			t.Run(file+"/"+label, func(t *testing.T) {
				if row["is_total"] == "true" {
					// A total's label may name its period ("Total 2021/22 to
					// 2023/24") or not ("Total"); when it does, Find reads it.
					fs := Find(label, Options{})
					if len(fs) == 0 {
						return // "Total": the period comes from the table, not the label
					}
					if len(fs) != 1 || fs[0].Period != want {
						t.Errorf("Find(%q) = %v, want one period %v", label, texts(fs), want)
					}
					return
				}
				got, err := Parse(label, Options{})
				if err != nil {
					t.Fatal(err)
				}
				if got.Period != want {
					t.Errorf("Parse(%q) = %v, want %v", label, got.Period, want)
				}
			})
		}
	}
}

// TestCorpusReplies checks Find on the real replies: the Dorset heading
// declares 6 April years, the Dyfed-Powys year carries a footnote star, and
// no reply yields a period from inside a reference number.
func TestCorpusReplies(t *testing.T) {
	dir := filepath.Join(testenv.Shared(t, "corpus"), "foi")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no replies in %s: %v", dir, err)
	}
	found := map[string][]Found{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		fs := Find(text, Options{})
		for _, g := range fs {
			if text[g.Offset:g.Offset+len(g.Text)] != g.Text {
				t.Errorf("%s: offset %d does not hold %q", filepath.Base(f), g.Offset, g.Text)
			}
			if i := strings.Index(text, "0100.2019-20"); i >= 0 && g.Offset >= i && g.Offset < i+len("0100.2019-20") {
				t.Errorf("%s: period %q read from inside a reference number", filepath.Base(f), g.Text)
			}
		}
		found[filepath.Base(f)] = fs
	}

	dorset := found["dorset__01-fin-24-2153.txt"]
	for _, w := range []foiwire.Period{per("2021-04-06", "2022-04-05"), per("2022-04-06", "2023-04-05"), per("2023-04-06", "2024-04-05")} {
		n := 0
		for _, g := range dorset {
			if g.Period == w && g.Kind == KindTaxYear {
				n++
			}
		}
		// In the heading and the table, and 2023/24 again in questions 1a
		// and 1b, which count from the same 6 April boundary.
		want := 2
		if w.Start.Year() == 2023 {
			want = 4
		}
		if n != want {
			t.Errorf("Dorset: tax year %v found %d times, want %d (found %v)", w, n, want, texts(dorset))
		}
	}
	var star *Found
	for i, g := range found["dyfed-powys__400-2026-malicious-comms-online-harassment.txt"] {
		if g.Text == "2023*" {
			star = &found["dyfed-powys__400-2026-malicious-comms-online-harassment.txt"][i]
		}
	}
	if star == nil || !star.Footnote || star.PartYear || star.Period != per("2023-01-01", "2023-12-31") {
		t.Errorf("Dyfed-Powys: 2023* = %+v, want calendar 2023 with a footnote", star)
	}
}

// TestCorpusArticles reads the campaign articles with 2023/24 as "this
// year", as the article_figures.csv notes say they mean.
func TestCorpusArticles(t *testing.T) {
	dir := filepath.Join(testenv.Shared(t, "corpus"), "articles")
	opt := Options{Latest: per("2023-04-01", "2024-03-31"), Now: foiwire.MustDate("2024-08-04")}
	three := per("2021-04-01", "2024-03-31")
	for _, name := range []string{"lancashire__blackpool-gazette.txt", "dyfed-powys__tenby-today.txt", "northamptonshire__northampton-chronicle.txt", "cambridgeshire__peterborough-today.txt"} {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Skip(err)
			}
			text := string(b)
			var sawThree, sawBetween bool
			for _, g := range Find(text, opt) {
				if text[g.Offset:g.Offset+len(g.Text)] != g.Text {
					t.Errorf("offset %d does not hold %q", g.Offset, g.Text)
				}
				switch strings.ToLower(g.Text) {
				case "the last three years", "since 2021":
					sawThree = true
					if g.Period != three || !g.Relative {
						t.Errorf("%q = %v, want %v", g.Text, g.Period, three)
					}
				case "between 2023/24":
					sawBetween = true
					if g.Period != opt.Latest {
						t.Errorf("%q = %v, want %v", g.Text, g.Period, opt.Latest)
					}
				}
			}
			if !sawThree || !sawBetween {
				t.Errorf("missed a period: three years %v, between 2023/24 %v", sawThree, sawBetween)
			}
		})
	}
}
