package analysis

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/foiwire/foiwire"
)

// FactColumns are the columns WriteFactsCSV writes, in order.
var FactColumns = []string{
	"id", "authority", "kind", "measure", "period_start", "period_end", "base_start", "base_end",
	"category", "label", "value", "words", "of", "formula", "inputs", "caveats",
}

// WriteFactsCSV writes facts as CSV with FactColumns, in the order given.
// Values are written to six decimal places at most, so the file is the same
// on every machine; inputs are separated by " ", caveats by "; ". The CSV
// is what encoding/csv writes, a line at a time. It returns the first
// write error.
func WriteFactsCSV(w io.Writer, facts []foiwire.Fact) error {
	// Lines gather in a buffer written out in chunks: one write per line
	// to a file would be a system call each.
	const chunk = 64 << 10
	b := appendCSV(make([]byte, 0, chunk+4<<10), FactColumns)
	var rec [16]string
	for i := range facts {
		f := &facts[i]
		of := ""
		if f.Of > 0 {
			of = strconv.Itoa(f.Of)
		}
		rec = [16]string{
			f.ID, f.Authority, string(f.Kind), string(f.Measure),
			f.Start.String(), f.End.String(), f.Base.Start.String(), f.Base.End.String(),
			f.Category, f.Label, FormatValue(f.Value), f.Words, of, f.Formula,
			strings.Join(f.Inputs, " "), strings.Join(f.Caveats, "; "),
		}
		b = appendCSV(b, rec[:])
		if len(b) >= chunk {
			if _, err := w.Write(b); err != nil {
				return fmt.Errorf("write fact %s: %w", f.ID, err)
			}
			b = b[:0]
		}
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write facts: %w", err)
	}
	return nil
}

// appendCSV appends a record as encoding/csv's Writer writes it with its
// defaults (comma, "\n" line ends): a field is quoted when it holds a
// comma, a quote or a line break, starts with white space, or is `\.`,
// and a quote within it is doubled.
func appendCSV(b []byte, rec []string) []byte {
	for n, field := range rec {
		if n > 0 {
			b = append(b, ',')
		}
		if !csvNeedsQuotes(field) {
			b = append(b, field...)
			continue
		}
		b = append(b, '"')
		for {
			i := strings.IndexByte(field, '"')
			if i < 0 {
				break
			}
			b = append(b, field[:i+1]...)
			b = append(b, '"')
			field = field[i+1:]
		}
		b = append(b, field...)
		b = append(b, '"')
	}
	return append(b, '\n')
}

// csvNeedsQuotes is encoding/csv's test of whether a field must be quoted.
func csvNeedsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if field == `\.` {
		return true
	}
	// Four byte searches, each vectorised, beat one loop over the bytes
	// for the long fields (inputs) that make up most of the file.
	if strings.IndexByte(field, ',') >= 0 || strings.IndexByte(field, '"') >= 0 ||
		strings.IndexByte(field, '\n') >= 0 || strings.IndexByte(field, '\r') >= 0 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r)
}

// FormatValue writes a fact's value to at most six decimal places, without
// trailing zeros: 98, 48.484848, 0.030612.
func FormatValue(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e6)/1e6, 'f', -1, 64)
}
