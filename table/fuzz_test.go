package table

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/internal/testenv"
)

// seed adds every fixture, and the real corpus when it is there, to f.
func seed(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	if shared, ok := testenv.SharedIfPresent(f); ok {
		corpus, _ := filepath.Glob(filepath.Join(shared, "corpus", "foi", "*.txt"))
		files = append(files, corpus...)
	}
	for _, path := range files {
		// A scan is read by tesseract, whose time is bounded by ocrTimeout,
		// not by the ten seconds deadline gives the package's own code;
		// TestScannedPDF covers it.
		if filepath.Base(path) == "scanned.pdf" {
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// deadline makes an input that takes over ten seconds crash the fuzzing
// worker, so that the fuzzer saves it: Go's fuzzer has no notion of a hang,
// and a reader that hangs on hostile input is as bad as one that panics.
func deadline(t *testing.T) {
	timer := time.AfterFunc(10*time.Second, func() { panic("input took over 10s: " + t.Name()) })
	t.Cleanup(func() { timer.Stop() })
}

func fuzzReader() *reader {
	return &reader{ctx: context.Background(), name: "fuzz", res: &Result{}}
}

// checkTables fails t unless the tables are numbered in order and every
// cell sits where it says.
func checkTables(t *testing.T, res *Result) {
	t.Helper()
	for i, tb := range res.Tables {
		if tb.Index != i {
			t.Fatalf("table %d has Index %d", i, tb.Index)
		}
		for r, row := range tb.Rows {
			for c, cell := range row {
				if cell.Row != r || cell.Col != c {
					t.Fatalf("table %d: cell at [%d][%d] says [%d][%d]", i, r, c, cell.Row, cell.Col)
				}
			}
		}
	}
}

// checkKind fails t unless err is nil or one of the package's kinds.
func checkKind(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, kind := range []error{ErrEmpty, ErrTooLarge, ErrUnsupported, ErrCorrupt, ErrNeedsOCR} {
		if errors.Is(err, kind) {
			return
		}
	}
	t.Fatalf("error of no known kind: %v", err)
}

func FuzzHTML(f *testing.F) {
	seed(f)
	f.Add([]byte("<table><tr><td rowspan=3 colspan=2>a<table><tr><td>b</td></tr></table></td></tr><tr><td>c"))
	f.Fuzz(func(t *testing.T, data []byte) {
		deadline(t)
		rd := fuzzReader()
		err := rd.html(data, "", "")
		checkKind(t, err)
		checkTables(t, rd.res)
	})
}

func FuzzCSV(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		deadline(t)
		rd := fuzzReader()
		s, _ := decodeText(data)
		checkKind(t, rd.csv(s, ""))
		checkTables(t, rd.res)
	})
}

func FuzzXLSX(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		deadline(t)
		rd := fuzzReader()
		if mt, err := rd.zipKind("fuzz.xlsx", data); err != nil || mt != MediaXLSX {
			checkKind(t, err)
			return
		}
		checkKind(t, rd.xlsx(data, ""))
		checkTables(t, rd.res)
	})
}

func FuzzText(f *testing.F) {
	seed(f)
	f.Add([]byte("|\nA |\nB |\n|\n1 |\n"))
	f.Add([]byte("Year  Count\n2021     4\n\tx\ty\n| a | b |\n|---|---|\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		deadline(t)
		rd := fuzzReader()
		s, _ := decodeText(data)
		rd.plain(s, "", true)
		checkTables(t, rd.res)
		cuts := 0
		for _, tb := range rd.res.Tables {
			if tb.Truncated {
				cuts++
			}
		}
		warned := 0
		for _, w := range rd.res.Warnings {
			if strings.Contains(w, "cut off") {
				warned++
			}
		}
		if cuts != warned {
			t.Fatalf("%d tables cut off but %d warnings of it", cuts, warned)
		}
	})
}

func FuzzEmail(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		deadline(t)
		rd := fuzzReader()
		checkKind(t, rd.email(data, ""))
		checkTables(t, rd.res)
		if rd.emailDepth != 0 {
			t.Fatalf("email depth left at %d", rd.emailDepth)
		}
	})
}

func FuzzRead(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		deadline(t)
		res, err := Read(context.Background(), "fuzz", data)
		checkKind(t, err)
		if err != nil {
			return
		}
		checkTables(t, res)
		if !utf8.ValidString(res.Text) {
			t.Fatal("text is not valid UTF-8")
		}
		for _, tb := range res.Tables {
			for _, row := range tb.Rows {
				for _, c := range row {
					if !utf8.ValidString(c.Text) {
						t.Fatalf("cell %q is not valid UTF-8", c.Text)
					}
				}
			}
		}
	})
}

// checkBlocks fails t unless Blocks are numbered on from Tables, every
// cell sits where it says, every block has its lines, and alternatives
// point both ways.
func checkBlocks(t *testing.T, res *Result) {
	t.Helper()
	for i, b := range res.Blocks {
		if b.Index != len(res.Tables)+i {
			t.Fatalf("block %d has Index %d after %d tables", i, b.Index, len(res.Tables))
		}
		if len(b.Lines) == 0 {
			t.Fatalf("block %d has no lines", i)
		}
		for r, row := range b.Rows {
			for c, cell := range row {
				if cell.Row != r || cell.Col != c {
					t.Fatalf("block %d: cell at [%d][%d] says [%d][%d]", i, r, c, cell.Row, cell.Col)
				}
			}
		}
	}
	all := append(append([]foiwire.Table{}, res.Tables...), res.Blocks...)
	for _, tb := range all {
		for _, a := range tb.Alternatives {
			if a < 0 || a >= len(all) || !slices.Contains(all[a].Alternatives, tb.Index) {
				t.Fatalf("table %d names %d as its alternative, which does not name it back", tb.Index, a)
			}
		}
	}
}

func FuzzThread(f *testing.F) {
	if shared, ok := testenv.SharedIfPresent(f); ok {
		files, _ := filepath.Glob(filepath.Join(shared, "corpus", "foi-files", "*.json"))
		for _, path := range files[:min(len(files), 3)] {
			if b, err := os.ReadFile(path); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(`{"title":"t","events":[{"type":"outgoing","content":["How many?"]},{"type":"incoming","content":["Year Count\n2021 4\n2022 5\nFrom: a\nSent: b\n2020 9"]}]}`))
	f.Add([]byte(`{"events":[{"type":"incoming","content":"- 2022 - 5\n- 2023 - 6"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		deadline(t)
		res, err := Read(context.Background(), "thread.json", data)
		checkKind(t, err)
		if err != nil {
			return
		}
		checkTables(t, res)
		checkBlocks(t, res)
	})
}

func FuzzProse(f *testing.F) {
	f.Add([]byte("Year Reports Fines\n2020 660 £20,630\n2021 773 £27,640\nTotal 1433 £48,270\n"))
	f.Add([]byte("1. How many?\n1685\n- 2022 - 5\n- 2023 – 33, 000 +\nIn 2021/22 there were 45 offences.\n"))
	f.Add([]byte("Offence            2022   2023\nTheft of a\ncycle                 4      6\n  Page 1 of 2\n\fArson  1  2\n"))
	f.Add([]byte("2021/22 |\n2022/23 |\n14 |\n16 |\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		deadline(t)
		rd := fuzzReader()
		s, _ := decodeText(data)
		rd.plain(joinPages(s), "", false)
		res := rd.res
		for i := range res.Blocks {
			res.Blocks[i].Index = len(res.Tables) + i
		}
		for _, a := range rd.alternatives {
			res.Tables[a[0]].Alternatives = append(res.Tables[a[0]].Alternatives, res.Blocks[a[1]].Index)
			res.Blocks[a[1]].Alternatives = append(res.Blocks[a[1]].Alternatives, res.Tables[a[0]].Index)
		}
		checkTables(t, res)
		checkBlocks(t, res)
	})
}
