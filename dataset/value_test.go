package dataset

import (
	"testing"

	"github.com/foiwire/foiwire"
)

func TestReadCell(t *testing.T) {
	tests := []struct {
		in     string
		status foiwire.Status
		n      int64
		note   bool
	}{
		{"14", foiwire.StatusOK, 14, false},
		{" 1,144 |", foiwire.StatusOK, 1144, false},
		{"16.0", foiwire.StatusOK, 16, false},
		{"0", foiwire.StatusOK, 0, false},
		{"Nil", foiwire.StatusOK, 0, false},
		{"16*", foiwire.StatusOK, 16, true},
		{"16 (1)", foiwire.StatusOK, 16, true},
		{"<5", foiwire.StatusSuppressed, 0, true},
		{"< 10", foiwire.StatusSuppressed, 0, true},
		{"*", foiwire.StatusSuppressed, 0, true},
		{"-", foiwire.StatusSuppressed, 0, true},
		{"Not held", foiwire.StatusNotHeld, 0, true},
		{"Blackmail", "", 0, false},
		{"48%", "", 0, false},
		{"2.5", "", 0, false},
		{"0100", "", 0, false},
		{"", "", 0, false},
		{"12345678901234", "", 0, false},
		{"77, 686", foiwire.StatusOK, 77686, false},
		{"twelve", foiwire.StatusOK, 12, false},
		{"16 crimes", foiwire.StatusOK, 16, false},
		{"1,896 abandoned vehicles", foiwire.StatusOK, 1896, false},
		{"55 hours", "", 0, false},
		{"3 x 2 minutes", "", 0, false},
		{"£230", "", 0, false},
		{"01482 578662", "", 0, false},
		{"15^th", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c := readCell(tt.in)
			if c.status != tt.status || c.n != tt.n || (c.note != "") != tt.note {
				t.Fatalf("readCell(%q) = %+v; want status %q, n %d, note %v", tt.in, c, tt.status, tt.n, tt.note)
			}
		})
	}
}

func TestFindRefusal(t *testing.T) {
	tests := []struct {
		name, text string
		section    string // "" for no refusal
		full       bool
	}{
		{"cost limit named", "Response: We estimate that finding this would take 40 hours, so Section 12(1) of the Freedom of Information Act applies and this is a refusal notice.", "s12", true},
		{"cost limit in words", "In response: to locate it would exceed the appropriate limit. We cannot help further.", "s12", true},
		{"ncnd with cost", "Response: We can neither confirm nor deny that we hold this, as finding out would exceed the appropriate limit.", "s12", true},
		{"ncnd alone", "Response: We can neither confirm nor deny that we hold this.", "ncnd", false},
		{"personal data", "Response: The names are exempt from disclosure under section 40(2).", "s40", true},
		{"s17 is procedure, s12 the exemption", "Decision: Full refusal under Section 12 and Section 17.", "s12", true},
		{"other act is no exemption", "Response: offences under Section 127 of the Communications Act 2003 are listed below.", "", false},
		{"partial", "Response: I am able to disclose the located information. Part of it is published already, so Section 21 applies to that part.", "s21", false},
		{"not held", "Response: The force does not hold this information.", "not held", true},
		{"not held in a format is cost", "Response: the information is not held in a format that allows its retrieval.", "", false},
		{"plain disclosure", "Response: Please find below the figures you asked for.", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := findRefusal(tt.text)
			if tt.section == "" {
				if r != nil {
					t.Fatalf("findRefusal = %+v, want none", r)
				}
				return
			}
			if r == nil || r.section != tt.section || r.full != tt.full {
				t.Fatalf("findRefusal = %+v, want section %s full %v", r, tt.section, tt.full)
			}
		})
	}
}

func TestResponsePart(t *testing.T) {
	text := "Request:\nFor 2021 under Section 12 please give...\nResponse:\nWe hold 14 records."
	if got := responsePart(text); got != "Response:\nWe hold 14 records." {
		t.Fatalf("responsePart = %q", got)
	}
	if got := responsePart("no markers"); got != "no markers" {
		t.Fatalf("responsePart without markers = %q", got)
	}
}

func TestTypeOf(t *testing.T) {
	r := &reader{}
	for _, tt := range []struct {
		in   string
		want kind
	}{
		{"", kindEmpty},
		{"14", kindCount},
		{"<5", kindCount},
		{"2021/22", kindPeriod},
		{"2023", kindPeriod},
		{"Grand Total", kindTotal},
		{"£734,800", kindNotFigure},
		{"48%", kindNotFigure},
		{"06/04/2024", kindNotFigure},
		{"Ref: 1406745", kindNotFigure},
		{"01482 578662", kindNotFigure},
		{"55 hours", kindNotFigure},
		{"(1)", kindFootnote},
		{"Facebook", kindWords},
	} {
		if got := r.typeOf(tt.in).kind; got != tt.want {
			t.Errorf("typeOf(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestYearConvention(t *testing.T) {
	for _, c := range []struct {
		text string
		day  int
	}{
		{"Date: 06/04/2024\nOffences by financial year 2021/22 to 2023/24", 1},
		{"Between April 6 - April 5 2021/22, 2022/23", 6},
		{"6th Apr 2021 to 5th Apr 2022 | 14\n6th Apr 2022 to 5th Apr 2023 | 16", 6},
		{"Our years run 1 April to 31 March. Letter dated 6 April 2024.", 1},
		{"from 06/04/2021 - 05/04/2022", 6},
		{"nothing about years", 1},
	} {
		if day, _ := yearConvention(c.text); day != c.day {
			t.Errorf("yearConvention(%q) = %d, want %d", c.text, day, c.day)
		}
	}
}
