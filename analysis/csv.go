package analysis

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/foiwire/foiwire"
)

// FactColumns are the columns WriteFactsCSV writes, in order.
var FactColumns = []string{
	"id", "authority", "kind", "measure", "period_start", "period_end", "base_start", "base_end",
	"category", "label", "value", "words", "of", "formula", "inputs", "caveats",
}

// WriteFactsCSV writes facts as CSV with FactColumns, in the order given.
// Values are written to six decimal places at most, so the file is the same
// on every machine; inputs are separated by " ", caveats by "; ". It returns
// the first write error.
func WriteFactsCSV(w io.Writer, facts []foiwire.Fact) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(FactColumns); err != nil {
		return fmt.Errorf("write facts: %w", err)
	}
	for _, f := range facts {
		of := ""
		if f.Of > 0 {
			of = strconv.Itoa(f.Of)
		}
		rec := []string{
			f.ID, f.Authority, string(f.Kind), string(f.Measure),
			f.Start.String(), f.End.String(), f.Base.Start.String(), f.Base.End.String(),
			f.Category, f.Label, FormatValue(f.Value), f.Words, of, f.Formula,
			strings.Join(f.Inputs, " "), strings.Join(f.Caveats, "; "),
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write fact %s: %w", f.ID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write facts: %w", err)
	}
	return nil
}

// FormatValue writes a fact's value to at most six decimal places, without
// trailing zeros: 98, 48.484848, 0.030612.
func FormatValue(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e6)/1e6, 'f', -1, 64)
}
