package table

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		want      [][][]string
		truncated []bool
		context   []string
		warning   string
	}{
		{
			name:      "flattened, width inferred from a label and number",
			text:      "Offences by year\nPeriod |\nCount |\nYear to March 2022 |\n12 |\nYear to March 2023 |\n15 |\nTotal |\n27 |\nThat is all.\n",
			want:      [][][]string{{{"Period", "Count"}, {"Year to March 2022", "12"}, {"Year to March 2023", "15"}, {"Total", "27"}}},
			truncated: []bool{false}, context: []string{"Offences by year"},
		},
		{
			name: "flattened, years across the top",
			text: "Offence |\n2021 |\n2022 |\n2023 |\nHarassment |\n5 |\n6 |\n7 |\nStalking |\n1 |\n2 |\n3 |\n",
			want: [][][]string{{{"Offence", "2021", "2022", "2023"}, {"Harassment", "5", "6", "7"}, {"Stalking", "1", "2", "3"}}},
		},
		{
			name: "flattened, three columns with labels in the first",
			text: "Offence |\nRecorded |\nCharged |\nHarassment |\n640 |\n12 |\nStalking |\n1,204 |\n* |\n",
			want: [][][]string{{{"Offence", "Recorded", "Charged"}, {"Harassment", "640", "12"}, {"Stalking", "1,204", "*"}}},
		},
		{
			name:      "flattened, cut off mid-row without row marks",
			text:      "Period |\nCount |\n2021/22 |\n14 |\n2022/23 |\n16 |\n2023/24 |",
			want:      [][][]string{{{"Period", "Count"}, {"2021/22", "14"}, {"2022/23", "16"}, {"2023/24"}}},
			truncated: []bool{true}, warning: `table 1 is cut off after row 3 ("2022/23"): row 4 has 1 of 2 cells`,
		},
		{
			name:      "flattened with row marks before each row",
			text:      "|\nYear |\nOffences |\nCharged |\n|\n2022 |\n40 |\n3 |\n|\n2023 |\n51 |\n",
			want:      [][][]string{{{"Year", "Offences", "Charged"}, {"2022", "40", "3"}, {"2023", "51"}}},
			truncated: []bool{true},
		},
		{
			name:      "flattened with row marks after each row, ending whole",
			text:      "Type |\nCount |\n|\nHarassment |\n6 |\n|\nStalking |\n1 |\n|\nNext question\n",
			want:      [][][]string{{{"Type", "Count"}, {"Harassment", "6"}, {"Stalking", "1"}}},
			truncated: []bool{false},
		},
		{
			name:    "flattened, all words: one cell a row, with a warning",
			text:    "Name |\nRole |\nJane Doe |\nAnalyst |\n",
			want:    [][][]string{{{"Name"}, {"Role"}, {"Jane Doe"}, {"Analyst"}}},
			warning: "cannot tell how many columns",
		},
		{
			name: "a lone cell line is text",
			text: "Leave this site |\nWe hold no information.\n",
			want: nil,
		},
		{
			name: "a pipe inside a sentence is text",
			text: "Requests where the cost of compliance exceeds the limit | ICO\nSection 12 applies.\n",
			want: nil,
		},
		{
			name:    "markdown",
			text:    "Offences in 2023\n\n| Offence | Count |\n|---|--:|\n| Harassment | 6 |\n| Stalking \\| threats | 1 |\n",
			want:    [][][]string{{{"Offence", "Count"}, {"Harassment", "6"}, {"Stalking | threats", "1"}}},
			context: []string{"Offences in 2023"},
		},
		{
			name:    "aligned: right-aligned numbers under a wider heading",
			text:    "Offences\n\nYear      Recorded offences   Charged\n2021                     812        40\n2022                   1,024         7\n2023                       9       112\n",
			want:    [][][]string{{{"Year", "Recorded offences", "Charged"}, {"2021", "812", "40"}, {"2022", "1,024", "7"}, {"2023", "9", "112"}}},
			context: []string{"Offences"},
		},
		{
			name: "aligned: an empty cell keeps its column",
			text: "Offence          2022     2023\nHarassment          5        6\nStalking                     2\n",
			want: [][][]string{{{"Offence", "2022", "2023"}, {"Harassment", "5", "6"}, {"Stalking", "", "2"}}},
		},
		{
			name: "aligned: a single line is not a table",
			text: "Reference:   FOI 2024/0457\n\nThank you.\n",
			want: nil,
		},
		{
			name: "prose with double spaces after full stops is not a table",
			text: "We searched the system.  We found records for the period.\nThe search took ten hours.  It cannot be narrowed further without cost.\n",
			want: nil,
		},
		{
			name: "tab-separated, empty cells kept in place",
			text: "Offence\tRecorded\tCharged\nHarassment\t640\t\nStalking\t\t3\n",
			want: [][][]string{{{"Offence", "Recorded", "Charged"}, {"Harassment", "640", ""}, {"Stalking", "", "3"}}},
		},
		{
			name: "page breaks from pdftotext split nothing but lines",
			text: "Year    Count\n2021        4\f2022        5\n",
			want: [][][]string{{{"Year", "Count"}, {"2021", "4"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, "reply.txt", tt.text)
			if len(res.Tables) != len(tt.want) {
				t.Fatalf("got %d tables, want %d; text:\n%s", len(res.Tables), len(tt.want), res.Text)
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
			if tt.warning != "" && !hasWarning(res, tt.warning) {
				t.Errorf("warnings %q lack %q", res.Warnings, tt.warning)
			}
			if strings.Contains(res.Text, " |\n") {
				t.Errorf("text keeps the cell marks: %q", res.Text)
			}
		})
	}
}

func TestTextHeader(t *testing.T) {
	tests := []struct {
		name string
		text string
		want map[string]string
	}{
		{"corpus header", "url: https://example.org/a\nforce: Kennet Vale Police\ndate: 2024-05 (month only)\n\nBody\n",
			map[string]string{"url": "https://example.org/a", "force": "Kennet Vale Police", "date": "2024-05 (month only)"}},
		{"one line is not a header", "note: see below\n\nBody\n", nil},
		{"no blank line after", "url: a\nforce: b\nBody text\n", nil},
		{"capitalised keys are not the corpus header", "Reference: FOI 1\nDate: 3 May\n\nBody\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, "reply.txt", tt.text)
			if len(res.Header) != len(tt.want) {
				t.Fatalf("header = %q, want %q", res.Header, tt.want)
			}
			for k, v := range tt.want {
				if res.Header[k] != v {
					t.Errorf("header[%q] = %q, want %q", k, res.Header[k], v)
				}
			}
			if tt.want != nil && strings.Contains(res.Text, "force:") {
				t.Errorf("header left in the text: %q", res.Text)
			}
		})
	}
}

func TestInferWidth(t *testing.T) {
	tests := []struct {
		name  string
		cells string
		want  int
		ok    bool
	}{
		{"two columns", "Year,Count,2021,4,2022,5", 2, true},
		{"three columns of numbers", "Year,A,B,2021,800,300,2022,850,310", 3, true},
		{"cut off three columns", "Year,A,B,2021,800,300,2022,850", 3, true},
		{"a number first is no header", "2021,4,2022,5", 0, false},
		{"no numbers", "Name,Role,Jane,Analyst", 0, false},
		{"suppressed marks count as numbers", "Offence,Count,Stalking,<5,Harassment,6,Other,*", 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, ok := inferWidth(strings.Split(tt.cells, ","))
			if w != tt.want || ok != tt.ok {
				t.Errorf("inferWidth = %d, %v; want %d, %v", w, ok, tt.want, tt.ok)
			}
		})
	}
}
