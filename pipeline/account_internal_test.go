package pipeline

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/dataset"
	"github.com/foiwire/foiwire/table"
)

func TestAccountFor(t *testing.T) {
	rf := campaign.ReplyFile{Authority: "kent", Name: "reply.pdf"}
	ok := foiwire.Figure{Measure: foiwire.MeasurePeriod, Confidence: foiwire.ConfidenceHigh}
	rev := foiwire.Figure{Measure: foiwire.MeasurePeriod, Confidence: foiwire.ConfidenceReview}
	refusal := foiwire.Figure{Measure: foiwire.MeasureRefusal, Label: "s12", Confidence: foiwire.ConfidenceHigh}
	needsOCR := fmt.Errorf("reply.pdf: %w", table.ErrNeedsOCR)
	cases := []struct {
		name string
		out  *dataset.Output
		err  error
		want string
	}{
		{"figures", &dataset.Output{Figures: []foiwire.Figure{ok, ok}}, nil, "kent/reply.pdf: figures: 2"},
		{"review", &dataset.Output{Figures: []foiwire.Figure{ok, rev}}, nil, "kent/reply.pdf: review: 2 figures, 1 to check"},
		{"refusal", &dataset.Output{Figures: []foiwire.Figure{refusal}, Refused: true}, nil, "kent/reply.pdf: refusal: s12"},
		{"nothing", &dataset.Output{Warnings: []string{"sheet \"Notes\" has no table"}}, nil, `kent/reply.pdf: unreadable: no figures, table or refusal found in it (sheet "Notes" has no table)`},
		{"unreadable", &dataset.Output{}, errors.New("reply.pdf: reply reply.pdf: damaged\nPDF"), "kent/reply.pdf: unreadable: damaged PDF"},
		{"needs OCR", &dataset.Output{}, needsOCR, "kent/reply.pdf: review: needs OCR: needs OCR"},
		{"OCR read", &dataset.Output{Figures: []foiwire.Figure{ok}, Warnings: []string{table.OCRWarning + " (1 pages)"}}, nil, "kent/reply.pdf: review: 1 figures, 1 to check"},
		{"nil output", nil, nil, "kent/reply.pdf: unreadable: the reader gave nothing for it"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := accountFor(rf, c.out, c.err).Line(); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestReadAll(t *testing.T) {
	text := strings.Repeat("reply bytes ", 1000)
	for _, size := range []int64{0, 1, 11, int64(len(text)), int64(len(text)) + 5, -1} {
		got, err := readAll(iotest.OneByteReader(strings.NewReader(text)), size)
		if err != nil || string(got) != text {
			t.Errorf("size %d: read %d bytes (%v), want %d", size, len(got), err, len(text))
		}
	}
	if _, err := readAll(iotest.ErrReader(io.ErrUnexpectedEOF), 10); err == nil {
		t.Error("a failing reader read without error")
	}
}
