package table

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// buildZip zips the named files in order.
func buildZip(t testing.TB, files ...[2]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		w, err := zw.Create(f[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const zipCSV = "Year,Offences\n2022/23,31\n2023/24,44\n"

func TestZipArchive(t *testing.T) {
	inner := buildZip(t, [2]string{"deeper/figures.csv", zipCSV})
	cases := []struct {
		name     string
		data     []byte
		tables   int
		parts    []string // tables' part labels
		warning  string
		kind     error
		inErrMsg string
	}{
		{"csv and a note", buildZip(t, [2]string{"reply/figures.csv", zipCSV}, [2]string{"reply/cover.txt", "Dear requester,\nPlease find our figures attached.\n"}, [2]string{"__MACOSX/._figures.csv", "junk"}),
			1, []string{"reply/figures.csv"}, "", nil, ""},
		{"zip in a zip", buildZip(t, [2]string{"outer.zip", string(inner)}),
			1, []string{"outer.zip / deeper/figures.csv"}, "", nil, ""},
		{"one member unreadable", buildZip(t, [2]string{"figures.csv", zipCSV}, [2]string{"scan.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}),
			1, []string{"figures.csv"}, "scan.png", nil, ""},
		{"nothing readable", buildZip(t, [2]string{"a.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}),
			0, nil, "", ErrUnsupported, "holds nothing foiwire reads (a.png)"},
		{"empty", buildZip(t), 0, nil, "", ErrEmpty, "holds no files"},
		{"bomb", buildZip(t, [2]string{"big.csv", strings.Repeat("0", 4<<20)}), 0, nil, "", ErrTooLarge, "zip bomb"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := Read(context.Background(), "reply.zip", c.data)
			if c.kind != nil {
				if !errors.Is(err, c.kind) || !strings.Contains(err.Error(), c.inErrMsg) || !strings.Contains(err.Error(), "reply.zip") {
					t.Fatalf("error %v; want %v saying %q and naming the file", err, c.kind, c.inErrMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.MediaType != MediaZip || len(res.Tables) != c.tables {
				t.Fatalf("type %s, %d tables; want %s, %d", res.MediaType, len(res.Tables), MediaZip, c.tables)
			}
			for i, p := range c.parts {
				if res.Tables[i].Part != p {
					t.Errorf("table %d part %q; want %q", i, res.Tables[i].Part, p)
				}
			}
			if c.warning != "" && !hasWarning(res, c.warning) {
				t.Errorf("warnings %q; want one about %s", res.Warnings, c.warning)
			}
		})
	}
}

func TestZipTooDeep(t *testing.T) {
	z := buildZip(t, [2]string{"f.csv", zipCSV})
	for range 3 {
		z = buildZip(t, [2]string{"n.zip", string(z)})
	}
	_, err := Read(context.Background(), "nested.zip", z)
	if !errors.Is(err, ErrUnsupported) {
		t.Errorf("error %v; want ErrUnsupported: nothing readable within the depth limit", err)
	}
}

func mboxMessage(from, subject, body string) string {
	return fmt.Sprintf("From: %s\nTo: desk@example.org\nSubject: %s\nDate: Tue, 1 Oct 2024 10:00:00 +0100\nMessage-Id: <%s@example.org>\nContent-Type: text/plain; charset=utf-8\n\n%s\n",
		from, subject, strings.ReplaceAll(subject, " ", ""), body)
}

func TestMbox(t *testing.T) {
	mbox := "From foi@kennet.example Tue Oct  1 10:00:00 2024\n" +
		mboxMessage("FOI Unit <foi@kennet.example>", "Your request 0457", "We acknowledge your request.\n>From now on we will write by email.") +
		"\nFrom foi@kennet.example Mon Oct 28 09:30:00 2024\n" +
		mboxMessage("FOI Unit <foi@kennet.example>", "Reply to request 0457", "Year      Offences\n2022/23         31\n2023/24         44")
	res, err := Read(context.Background(), "inbox.mbox", []byte(mbox))
	if err != nil {
		t.Fatal(err)
	}
	if res.MediaType != MediaMbox {
		t.Errorf("type %s; want %s", res.MediaType, MediaMbox)
	}
	if res.Header["Subject"] != "Your request 0457" {
		t.Errorf("header %v; want the first message's", res.Header)
	}
	if len(res.Tables) != 1 || res.Tables[0].Part != "message 2" {
		t.Fatalf("tables %+v; want one, from message 2", res.Tables)
	}
	if !strings.Contains(res.Text, "From now on") || strings.Contains(res.Text, ">From now") {
		t.Errorf("text %q: want the >From line unquoted", res.Text)
	}
	// One message's email is still read as one message.
	single := "From foi@kennet.example Tue Oct  1 10:00:00 2024\n" + mboxMessage("FOI Unit <foi@kennet.example>", "Reply", "From here on, figures.")
	res, err = Read(context.Background(), "one.mbox", []byte(single))
	if err != nil || res.MediaType != MediaEmail {
		t.Errorf("single message: %v, type %v; want an email", err, res)
	}
}

func TestRowAndCellLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("Day,Count\n")
	for i := range MaxRows + 1 {
		fmt.Fprintf(&b, "%d,%d\n", i, i%7)
	}
	_, err := Read(context.Background(), "daily.csv", []byte(b.String()))
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "daily.csv") || !strings.Contains(err.Error(), fmt.Sprint(MaxRows)) {
		t.Errorf("error %v; want ErrTooLarge naming the file and the limit", err)
	}
	// Under the row limit, over the cell limit.
	b.Reset()
	cols := MaxCells/(MaxRows/2) + 1
	b.WriteString("Day" + strings.Repeat(",N", cols-1) + "\n")
	row := "1" + strings.Repeat(",2", cols-1) + "\n"
	for range MaxRows / 2 {
		b.WriteString(row)
	}
	_, err = Read(context.Background(), "wide.csv", []byte(b.String()))
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), fmt.Sprint(MaxCells)) {
		t.Errorf("error %v; want ErrTooLarge naming the cell limit", err)
	}
	// 40,000 rows is a real reply's size and is read.
	b.Reset()
	b.WriteString("Day,Count\n")
	for i := range 40_000 {
		fmt.Fprintf(&b, "%d,%d\n", i, i%7)
	}
	res, err := Read(context.Background(), "year.csv", []byte(b.String()))
	if err != nil || len(res.Tables) != 1 || len(res.Tables[0].Rows) != 40_001 {
		t.Errorf("40,000 rows: error %v", err)
	}
}

func FuzzArchive(f *testing.F) {
	f.Add(buildZip(f, [2]string{"reply/figures.csv", zipCSV}, [2]string{"n.zip", string(buildZip(f, [2]string{"x.txt", "Year  N\n2021  4\n2022  5\n"}))}))
	f.Add([]byte("From a@b.example Tue Oct  1 10:00:00 2024\n" + mboxMessage("a@b.example", "One", "x") +
		"From a@b.example Tue Oct  1 11:00:00 2024\n" + mboxMessage("a@b.example", "Two", "Year  N\n2021  4\n2022  5")))
	f.Fuzz(func(t *testing.T, data []byte) {
		deadline(t)
		res, err := Read(context.Background(), "fuzz.zip", data)
		if err != nil {
			checkKind(t, err)
			return
		}
		checkTables(t, res)
	})
}
