package pipeline

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strconv"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/internal/atomicfile"
)

// writeDataset writes OUT/figures.csv (every figure with its provenance) and
// OUT/review.csv (what needs a person: the best guess and why, and each
// reply file that could not be read, with why).
func writeDataset(out string, figs, rev []foiwire.Figure, accts []Account) error {
	// figures.csv streams to its file: for a large campaign it is tens of
	// megabytes that need never lie in memory whole.
	if _, err := atomicfile.WriteStreamIfChanged(filepath.Join(out, "figures.csv"), 0o644, func(w io.Writer) error {
		return campaign.WriteFigures(w, figs)
	}); err != nil {
		return fmt.Errorf("write figures.csv: %w", err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"authority", "file", "table", "row", "col", "measure", "period_start", "period_end", "label", "best_guess", "status", "category", "why"})
	for _, f := range rev {
		v := ""
		if n, ok := f.Int(); ok {
			v = strconv.FormatInt(n, 10)
		}
		w.Write([]string{f.Authority, f.Source.File, strconv.Itoa(f.Source.Table), strconv.Itoa(f.Source.Row), strconv.Itoa(f.Source.Col),
			string(f.Measure), f.Start.String(), f.End.String(), f.Label, v, string(f.Status), f.Category, f.Reason})
	}
	for _, row := range accountRows(accts) {
		w.Write(row)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("write review.csv: %w", err)
	}
	return writeFile(filepath.Join(out, "review.csv"), b.Bytes())
}

// writeFile writes through a synced temporary file and a rename, so an
// output is never left half-written, even by a kill; a file already
// holding data is left alone.
func writeFile(name string, data []byte) error {
	_, err := atomicfile.WriteFileIfChanged(name, data, 0o644)
	return err
}

// removeStaleTemps removes the temporary files of an earlier build that
// was killed while writing, so they never pile up beside the outputs.
func removeStaleTemps(o Options) error {
	n, err := atomicfile.RemoveTemps(o.Out)
	if n > 0 {
		o.Log.Info("removed temporary files of an interrupted build", "count", n)
	}
	return err
}
