package dataset

import (
	"regexp"
	"strings"

	"github.com/foiwire/foiwire"
)

// countInProseRE finds a number followed by the words it counts: "1,896
// abandoned vehicles", "there were 45 offences".
var countInProseRE = regexp.MustCompile(`(?:^|[^\w£$€.,/:#-])(\d{1,3}(?:,\d{3})+|\d+)\s+([A-Za-z][A-Za-z-]+(?:\s+[A-Za-z][A-Za-z-]+)?)`)

// notCountWordRE are the words after a number that make it something other
// than a count of things: a duration, a rate, a date, an amount, a part of
// a law or an address.
var notCountWordRE = regexp.MustCompile(`(?i)^(?:hours?|minutes?|mins?|seconds?|days?|working|weeks?|months?|years?|per|percent|pence|pounds|p\b|am\b|pm\b|of\s+the|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|st\b|nd\b|rd\b|th\b|street|road|lane|avenue|act|regulations?|section|and\b|to\b|or\b|x\b)`)

// listNumberRE is the word before a number that numbers a list or a
// document rather than counting: "Request 1", "Question 2", "page 3".
var listNumberRE = regexp.MustCompile(`(?i)\b(?:request|question|q|part|item|no\.?|number|page|ref|reference|section|s\.?|box|tel|phone|room)\s*$`)

// unread is the review row for a reply from which nothing was read and
// which refuses nothing: so that no reply passes in silence. Its value is
// the reader's best guess, the first number in the response that reads as
// a count of something, when there is one.
func unread(r *reader, text string) foiwire.Figure {
	f := foiwire.Figure{
		Authority: r.authority, Measure: foiwire.MeasureUnread, Status: foiwire.StatusUnread,
		Confidence: foiwire.ConfidenceReview, AuthorityFrom: r.from,
		Source: foiwire.Source{Document: r.doc, File: r.file, Table: -1, Row: -1, Col: -1},
	}
	resp := responsePart(text)
	if v, label, at, ok := bestGuess(resp); ok {
		f.Value, f.Status, f.Label = foiwire.Int64(v), foiwire.StatusOK, label
		f.Source.Text = at
		f.Reason = "nothing in the reply could be read with confidence and it refuses nothing; best guess: " + at
	} else {
		f.Label = "no figure found"
		f.Reason = "nothing in the reply could be read as a figure and it refuses nothing; a person must read it"
	}
	if !r.sure {
		review(&f, "the authority was guessed ("+r.from+")")
	}
	return f
}

// bestGuess returns the first count in prose with the words it counts, and
// the words around it. It skips years, money, percentages, durations,
// dates, references and numbers inside codes.
func bestGuess(text string) (int64, string, string, bool) {
	for _, m := range countInProseRE.FindAllStringSubmatchIndex(text, -1) {
		num, words := text[m[2]:m[3]], text[m[4]:m[5]]
		if notCountWordRE.MatchString(words) {
			continue
		}
		v := readCell(num)
		if v.status != foiwire.StatusOK || v.n >= 1900 && v.n <= 2100 && !strings.Contains(num, ",") {
			continue
		}
		if m[3] < len(text) && strings.HasPrefix(text[m[3]:], "%") || listNumberRE.MatchString(text[max(0, m[2]-12):m[2]]) ||
			strings.HasPrefix(strings.ToLower(words), "attachment") {
			continue
		}
		lo, hi := max(0, m[2]-60), min(len(text), m[5]+20)
		at := strings.Join(strings.Fields(text[lo:hi]), " ")
		return v.n, strings.TrimSpace(num + " " + words), at, true
	}
	return 0, "", "", false
}
