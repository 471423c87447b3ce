package table

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/number"
)

// threadJSON builds a message thread: the request, then the messages
// given, alternating as typed.
func threadJSON(t testing.TB, events ...[2]string) string {
	t.Helper()
	type ev struct {
		CreatedAt string   `json:"created_at"`
		Type      string   `json:"type"`
		Content   []string `json:"content"`
	}
	var evs []ev
	for i, e := range events {
		evs = append(evs, ev{CreatedAt: "2024-05-0" + string(rune('1'+i)) + "T10:00:00+01:00", Type: e[0], Content: []string{e[1]}})
	}
	b, err := json.Marshal(map[string]any{"title": "Dog attacks on postal workers", "law_used": "foi", "events": evs})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// blockRows returns the rows of every table and block of one kind.
func blockRows(t testing.TB, res *Result, kind foiwire.TableKind) [][][]string {
	var out [][][]string
	for _, tb := range append(append([]foiwire.Table{}, res.Tables...), res.Blocks...) {
		if tb.Kind == kind {
			out = append(out, rowsOf(t, tb))
		}
	}
	return out
}

func TestThread(t *testing.T) {
	data := threadJSON(t,
		[2]string{"outgoing", "Dear Council,\nHow many dog attacks were reported in each year?\n- 2021 - 9\n- 2022 - 9\nYours faithfully,\nA Requester"},
		[2]string{"incoming", "Dear Requester,\nWe received your request on 03/05/2024 and will reply by 31/05/2024.\nCustomer Services\nPO Box 4411"},
		[2]string{"incoming", "Dear Requester,\nPlease find our response below:\nYear Attacks Injuries\n2021 31 12\n2022 40 17\nTotal 71 29\nKind regards\nFrom: Requester\nSent: 01 May 2024 09:00\nSubject: request\n- 2020 - 77\n"},
	)
	res := read(t, "thread.json", data)
	if res.MediaType != MediaThread {
		t.Fatalf("read as %s", res.MediaType)
	}
	if !strings.Contains(res.Request, "How many dog attacks") {
		t.Errorf("request = %q", res.Request)
	}
	if strings.Contains(res.Text, "How many dog attacks") || strings.Contains(res.Text, "2020 - 77") {
		t.Errorf("the requester's words were read as the reply: %q", res.Text)
	}
	spaced := blockRows(t, res, foiwire.KindSpaced)
	if len(spaced) != 1 {
		t.Fatalf("spaced tables: %q", spaced)
	}
	assertRows(t, spaced[0], [][]string{{"Year", "Attacks", "Injuries"}, {"2021", "31", "12"}, {"2022", "40", "17"}, {"Total", "71", "29"}})
	if got := res.Tables[0].Part; got != "message 3 (2024-05-03)" {
		t.Errorf("part = %q", got)
	}
	for _, tb := range append(res.Tables, res.Blocks...) {
		for _, row := range rowsOf(t, tb) {
			if strings.Contains(strings.Join(row, " "), "4411") || strings.Contains(strings.Join(row, " "), "77") {
				t.Errorf("a figure from an address or the quoted request: %q", row)
			}
		}
	}
	if res.Header["title"] != "Dog attacks on postal workers" {
		t.Errorf("header = %q", res.Header)
	}
}

func TestThreadErrors(t *testing.T) {
	for _, tt := range []struct{ name, data string }{
		{"broken JSON", `{"events": [`},
		{"no messages", `{"title": "x", "events": []}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(t.Context(), "thread.json", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), "thread") {
				t.Errorf("err = %v", err)
			}
		})
	}
}

func TestLooseBlocks(t *testing.T) {
	tests := []struct {
		name string
		text string
		kind foiwire.TableKind
		want [][][]string
	}{
		{
			name: "spaced, header of years, a short row placed by the totals",
			text: "Please see the table below\n2019 2020 2021\nMarch 12 19 7\nApril 15 11 9\nMay 10 7\nTotal 37 30 23\nKind regards\n",
			kind: foiwire.KindSpaced,
			want: [][][]string{{{"", "2019", "2020", "2021"}, {"March", "12", "19", "7"}, {"April", "15", "11", "9"}, {"May", "10", "", "7"}, {"Total", "37", "30", "23"}}},
		},
		{
			name: "spaced, a short row the totals cannot place stays left to right",
			text: "2019 2020 2021\nMarch 12 19 7\nMay 10 7\n",
			kind: foiwire.KindSpaced,
			want: [][][]string{{{"", "2019", "2020", "2021"}, {"March", "12", "19", "7"}, {"May", "10", "7"}}},
		},
		{
			name: "spaced, a label wrapped onto two lines",
			text: "Place Dogs Cats\nFront gardens 4 6\nParks and\nplaygrounds 11 2\nStreets 8 1\n",
			kind: foiwire.KindSpaced,
			want: [][][]string{{{"Place", "Dogs", "Cats"}, {"Front gardens", "4", "6"}, {"Parks and playgrounds", "11", "2"}, {"Streets", "8", "1"}}},
		},
		{
			name: "spaced, label and one figure a line",
			text: "Staff by office:\nNorth 22\nSouth <5\nEast 40\n",
			kind: foiwire.KindSpaced,
			want: [][][]string{{{"North", "22"}, {"South", "<5"}, {"East", "40"}}},
		},
		{
			name: "lines with dashes and a floor",
			text: "Drones seized in each year:\n- 2022 - 5\n- 2023 – 33, 000 +\n",
			kind: foiwire.KindLines,
			want: [][][]string{{{"2022", "5"}, {"2023", "33, 000 +"}}},
		},
		{
			name: "lines with words after the figure",
			text: "2009 – 16 crimes\n2010 – 21 crimes\n",
			kind: foiwire.KindLines,
			want: [][][]string{{{"2009", "16", "crimes"}, {"2010", "21", "crimes"}}},
		},
		{
			name: "numbered lines of two series",
			text: "1. 2008 : 0\n1. 2009 : 3\n2. 2008 : 4\n2. 2009 : 1\n",
			kind: foiwire.KindLines,
			want: [][][]string{{{"2008", "0"}, {"2009", "3"}, {"2008", "4"}, {"2009", "1"}}},
		},
		{
			name: "questions each answered on a line of their own",
			text: "Our answers are set out below:\n1. How many drones were reported\nin the year to March 2024?\n214\n2. How many led to arrests?\nNil\n",
			kind: foiwire.KindLines,
			want: [][][]string{{{"1. How many drones were reported in the year to March 2024?", "214"}, {"2. How many led to arrests?", "Nil"}}},
		},
		{
			name: "sentences holding counts, not those holding only references",
			text: "This is dealt with under section 12 of the Act.\nIn 2021/22 there were 45 offences. We can also confirm\nthat twelve of them led to a charge. Call 0114 496 0000 with queries.\n",
			kind: foiwire.KindSentences,
			want: [][][]string{{{"In 2021/22 there were 45 offences."}, {"We can also confirm that twelve of them led to a charge."}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, "reply.txt", tt.text)
			got := blockRows(t, res, tt.kind)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d %s blocks, want %d: %q", len(got), tt.kind, len(tt.want), got)
			}
			for i := range got {
				assertRows(t, got[i], tt.want[i])
			}
			for _, b := range res.Blocks {
				if len(b.Lines) == 0 {
					t.Errorf("block %d has no source lines", b.Index)
				}
			}
			if strings.Count(res.Text, strings.Split(strings.TrimSpace(tt.text), "\n")[0]) != 1 {
				t.Errorf("text holds the first line %d times: %q", strings.Count(res.Text, strings.Split(tt.text, "\n")[0]), res.Text)
			}
		})
	}
}

func TestLooseNotBlocks(t *testing.T) {
	for _, text := range []string{
		"Fines issued:\n2021 £20,630\n2022 £27,640\n",
		"Telephone: 0330 123 1113\nWebsite: www.example.org\n",
		"Reference FOI 1306/25\nReceived on 15/09/2025\n",
		"September 2021\nOctober 2021\nNovember 2021\n",
	} {
		res := read(t, "reply.txt", text)
		for _, tb := range append(res.Tables, res.Blocks...) {
			for _, row := range rowsOf(t, tb) {
				for _, c := range row[1:] {
					if _, err := parseCount(c); err == nil {
						t.Errorf("%q: a count %q in %s block %q", text, c, tb.Kind, row)
					}
				}
			}
		}
	}
}

func TestFlatAlternatives(t *testing.T) {
	res := read(t, "reply.txt", "Offences recorded\n2021/22 |\n2022/23 |\n2023/24 |\n14 |\n16 |\n16 |\n")
	if len(res.Tables) != 1 || len(res.Blocks) != 1 {
		t.Fatalf("%d tables, %d blocks", len(res.Tables), len(res.Blocks))
	}
	rowWise, colWise := res.Tables[0], res.Blocks[0]
	assertRows(t, rowsOf(t, rowWise), [][]string{{"2021/22", "2022/23", "2023/24"}, {"14", "16", "16"}})
	assertRows(t, rowsOf(t, colWise), [][]string{{"2021/22", "14"}, {"2022/23", "16"}, {"2023/24", "16"}})
	if rowWise.Kind != foiwire.KindFlatRows || colWise.Kind != foiwire.KindFlatColumns {
		t.Errorf("kinds %q, %q", rowWise.Kind, colWise.Kind)
	}
	if len(rowWise.Alternatives) != 1 || rowWise.Alternatives[0] != colWise.Index || len(colWise.Alternatives) != 1 || colWise.Alternatives[0] != rowWise.Index {
		t.Errorf("alternatives %v (index %d), %v (index %d)", rowWise.Alternatives, rowWise.Index, colWise.Alternatives, colWise.Index)
	}
}

func TestLayoutText(t *testing.T) {
	tests := []struct {
		name string
		text string
		want [][]string
	}{
		{
			name: "labels wrapped above their figures, a page break and a running footer",
			text: "Offence                     2022     2023\n" +
				"Theft of a pedal\n" +
				"cycle                          4        6\n" +
				"Arson                          1        2\n" +
				"                  Page 1 of 2\n\f" +
				"Criminal damage to a\n" +
				"motor vehicle                 12        9\n" +
				"Robbery                        3        0\n" +
				"                  Page 2 of 2\n\f",
			want: [][]string{{"Offence", "2022", "2023"}, {"Theft of a pedal cycle", "4", "6"}, {"Arson", "1", "2"},
				{"Criminal damage to a motor vehicle", "12", "9"}, {"Robbery", "3", "0"}},
		},
		{
			name: "labels centred around their figures",
			text: "Outcome                          2022   2023\n" +
				"Charged                             5      7\n" +
				"Named suspect, victim\n" +
				"                                    3      4\n" +
				"does not support\n" +
				"Community resolution                2      1\n",
			want: [][]string{{"Outcome", "2022", "2023"}, {"Charged", "5", "7"}, {"Named suspect, victim does not support", "3", "4"}, {"Community resolution", "2", "1"}},
		},
		{
			name: "a label set against the first figure, a header set with single spaces",
			text: "  Place / Year 2022/23 2023/24\n" +
				"  Market square       4       5\n" +
				"  Bus station north 10      11\n" +
				"  Library             1       0\n",
			want: [][]string{{"Place / Year", "2022/23", "2023/24"}, {"Market square", "4", "5"}, {"Bus station north", "10", "11"}, {"Library", "1", "0"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd := &reader{ctx: t.Context(), name: "layout.txt", res: &Result{}}
			rd.plain(joinPages(tt.text), "", false)
			if len(rd.res.Tables) != 1 {
				var all [][][]string
				for _, tb := range rd.res.Tables {
					all = append(all, rowsOf(t, tb))
				}
				t.Fatalf("got %d tables: %q", len(rd.res.Tables), all)
			}
			assertRows(t, rowsOf(t, rd.res.Tables[0]), tt.want)
			if strings.Contains(rd.text.String(), "Page 1") {
				t.Errorf("page footer kept: %q", rd.text.String())
			}
		})
	}
}

// parseCount is number.Parse for the tests that must not find counts.
func parseCount(s string) (int64, error) {
	c, err := number.Parse(s)
	if err != nil {
		return 0, err
	}
	if c.Status != foiwire.StatusOK {
		return 0, errNotOK
	}
	return c.Value, nil
}

var errNotOK = errors.New("not an ok count")
