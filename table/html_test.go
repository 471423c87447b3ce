package table

import (
	"context"
	"strings"
	"testing"
	"time"
)

// read runs Read on a string, failing the test on error.
func read(t testing.TB, name, data string) *Result {
	t.Helper()
	res, err := Read(context.Background(), name, []byte(data))
	if err != nil {
		t.Fatalf("Read %s: %v", name, err)
	}
	return res
}

func TestHTML(t *testing.T) {
	tests := []struct {
		name      string
		html      string
		want      [][][]string // each table's rows
		truncated []bool
		context   []string
		text      string // must be in the text
		notText   string // must not be
	}{
		{
			name: "th and td, whitespace collapsed",
			html: "<h3>Offences</h3><table><tr><th>  Year\n </th><th>Count</th></tr><tr><td>2021</td><td>\n 1,204 </td></tr></table>",
			want: [][][]string{{{"Year", "Count"}, {"2021", "1,204"}}}, context: []string{"Offences"},
		},
		{
			name: "rowspan pushes later cells right",
			html: `<table><tr><td rowspan="3">Harassment</td><td>2021</td><td>4</td></tr><tr><td>2022</td><td>5</td></tr><tr><td>2023</td><td>6</td></tr><tr><td>Total</td><td></td><td>15</td></tr></table>`,
			want: [][][]string{{{"Harassment", "2021", "4"}, {"Harassment", "2022", "5"}, {"Harassment", "2023", "6"}, {"Total", "", "15"}}},
		},
		{
			name: "absurd spans are clamped",
			html: `<table><tr><td colspan="99999999">Title</td></tr><tr><td rowspan="1000000">a</td><td>1</td></tr></table>`,
			want: [][][]string{{{"Title", "Title"}, {"a", "1"}}},
		},
		{
			name: "nested table read separately, after its parent",
			html: `<p>Both years</p><table><tr><td>Year</td><td>Detail</td></tr><tr><td>2023</td><td>see <table><tr><td>Harassment</td><td>6</td></tr><tr><td>Stalking</td><td>1</td></tr></table></td></tr></table>`,
			want: [][][]string{{{"Year", "Detail"}, {"2023", "see"}}, {{"Harassment", "6"}, {"Stalking", "1"}}},
		},
		{
			name: "layout table is text",
			html: `<table><tr><td><p>We hold no information.</p><table><tr><td>A</td><td>1</td></tr><tr><td>B</td><td>2</td></tr></table></td></tr></table>`,
			want: [][][]string{{{"A", "1"}, {"B", "2"}}}, context: []string{"We hold no information."},
		},
		{
			name: "caption is the context",
			html: `<p>Intro</p><table><caption>Offences by year</caption><tr><td>2021</td><td>4</td></tr><tr><td>2022</td><td>5</td></tr></table>`,
			want: [][][]string{{{"2021", "4"}, {"2022", "5"}}}, context: []string{"Offences by year"},
		},
		{
			name: "page cut off mid-table",
			html: `<html><body><p>Figures</p><table><tr><th>Year</th><th>Count</th></tr><tr><td>2021</td><td>4</td></tr><tr><td>2022`,
			want: [][][]string{{{"Year", "Count"}, {"2021", "4"}, {"2022"}}}, truncated: []bool{true},
		},
		{
			name: "unclosed table in a page that ends properly is not cut off",
			html: `<html><body><table><tr><td>2021</td><td>4</td></tr><tr><td>2022</td><td>5</td></body></html>`,
			want: [][][]string{{{"2021", "4"}, {"2022", "5"}}}, truncated: []bool{false},
		},
		{
			name: "no table, only text",
			html: "<html><body><h1>Refusal notice</h1><p>Section 12 applies.</p></body></html>",
			want: nil, text: "Refusal notice\nSection 12 applies.",
		},
		{
			name: "scripts, styles and hidden elements are not text",
			html: `<body><script>var t = "<table><tr><td>x</td><td>y</td></tr></table>";</script><style>p{}</style><div hidden>secret</div><p>Shown</p></body>`,
			want: nil, text: "Shown", notText: "secret",
		},
		{
			name: "windows-1252 page declared in meta",
			html: "<html><head><meta charset=\"windows-1252\"></head><body><p>\x93Quoted\x94 \xa3</p></body></html>",
			text: "“Quoted” £",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, "page.html", tt.html)
			if len(res.Tables) != len(tt.want) {
				t.Fatalf("got %d tables, want %d; text %q", len(res.Tables), len(tt.want), res.Text)
			}
			for i, want := range tt.want {
				assertRows(t, rowsOf(t, res.Tables[i]), want)
				if i < len(tt.truncated) && res.Tables[i].Truncated != tt.truncated[i] {
					t.Errorf("table %d truncated = %v", i+1, res.Tables[i].Truncated)
				}
				if i < len(tt.context) && res.Tables[i].Context != tt.context[i] {
					t.Errorf("table %d context = %q, want %q", i+1, res.Tables[i].Context, tt.context[i])
				}
			}
			if !strings.Contains(res.Text, tt.text) {
				t.Errorf("text %q lacks %q", res.Text, tt.text)
			}
			if tt.notText != "" && strings.Contains(res.Text, tt.notText) {
				t.Errorf("text %q holds %q", res.Text, tt.notText)
			}
		})
	}
}

// TestHTMLHostile checks that markup built to cost time or memory is read
// (or refused) quickly.
func TestHTMLHostile(t *testing.T) {
	tests := []struct {
		name string
		html string
	}{
		{"huge attribute", "<table><tr><td title=\"" + strings.Repeat("A", 8<<20) + "\">x</td><td>1</td></tr></table>"},
		{"many unclosed cells", "<table><tr>" + strings.Repeat("<td>1", 200000)},
		{"many rows under a tall rowspan", `<table><tr><td rowspan="65534">a</td></tr>` + strings.Repeat("<tr><td>1</td></tr>", 50000) + "</table>"},
		{"wide colspans in many rows", "<table>" + strings.Repeat(`<tr><td colspan="1000">x</td></tr>`, 5000) + "</table>"},
		{"long script", "<script>" + strings.Repeat("document.write('<table>');", 200000) + "</script><p>ok</p>"},
		{"nesting formatting tags", strings.Repeat("<p><b><i><u>x", 100000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Read(context.Background(), "hostile.html", []byte(tt.html))
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
			if err != nil {
				t.Logf("refused: %v", err)
			}
		})
	}
}

func TestCSV(t *testing.T) {
	tests := []struct {
		name      string
		csv       string
		want      [][][]string
		context   []string
		truncated bool // of the last table
	}{
		{
			name: "semicolons and decimal commas",
			csv:  "Offence;Rate\nHarassment;1,5\nStalking;0,25\n",
			want: [][][]string{{{"Offence", "Rate"}, {"Harassment", "1,5"}, {"Stalking", "0,25"}}},
		},
		{
			name: "tabs",
			csv:  "Offence\tCount\nHarassment\t640\nStalking\t12\n",
			want: [][][]string{{{"Offence", "Count"}, {"Harassment", "640"}, {"Stalking", "12"}}},
		},
		{
			name: "quoted field over two lines, and a stray quote",
			csv:  "Offence,Count\n\"Sending\nmessages\",390\nHe said \"no,5\n",
			want: [][][]string{{{"Offence", "Count"}, {"Sending messages", "390"}, {`He said "no`, "5"}}},
		},
		{
			name:    "two tables, titles as context, ragged rows",
			csv:     "Periods\nYear,Count\n2021,4\n2022,5,provisional\n\n\nOffences\nType,Count\nHarassment,6\nStalking,1\n",
			want:    [][][]string{{{"Year", "Count"}, {"2021", "4"}, {"2022", "5", "provisional"}}, {{"Type", "Count"}, {"Harassment", "6"}, {"Stalking", "1"}}},
			context: []string{"Periods", "Offences"},
		},
		{
			name:    "table without a title takes the last text before it",
			csv:     "Our reply to your request\n\nYear,Count\n2021,4\n2022,5\n",
			want:    [][][]string{{{"Year", "Count"}, {"2021", "4"}, {"2022", "5"}}},
			context: []string{"Our reply to your request"},
		},
		{
			name:      "cut off mid-row",
			csv:       "Year,Offences,Charged\n2021,4,1\n2022,5",
			want:      [][][]string{{{"Year", "Offences", "Charged"}, {"2021", "4", "1"}, {"2022", "5"}}},
			truncated: true,
		},
		{
			name: "no final newline but a whole row",
			csv:  "Year,Count\n2021,4\n2022,5",
			want: [][][]string{{{"Year", "Count"}, {"2021", "4"}, {"2022", "5"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, "reply.csv", tt.csv)
			if len(res.Tables) != len(tt.want) {
				t.Fatalf("got %d tables, want %d", len(res.Tables), len(tt.want))
			}
			for i, want := range tt.want {
				assertRows(t, rowsOf(t, res.Tables[i]), want)
				if i < len(tt.context) && res.Tables[i].Context != tt.context[i] {
					t.Errorf("table %d context = %q, want %q", i+1, res.Tables[i].Context, tt.context[i])
				}
			}
			if last := res.Tables[len(res.Tables)-1]; last.Truncated != tt.truncated {
				t.Errorf("last table truncated = %v, want %v", last.Truncated, tt.truncated)
			}
			if tt.truncated && !hasWarning(res, "cut off") {
				t.Errorf("no warning of the cut: %q", res.Warnings)
			}
		})
	}
}
