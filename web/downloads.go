package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/campaign"
)

type downloadsPage struct {
	page
	Figures, Facts, Review, Corrections int
}

func (s *Server) downloadsPage(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	cs, err := s.cfg.DB.Corrections(r.Context(), "")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := downloadsPage{page: s.page(r, "Downloads"), Figures: len(snap.figures), Facts: len(snap.facts), Review: len(snap.review), Corrections: len(cs)}
	p.Section = "downloads"
	s.render(w, r, http.StatusOK, "downloads", p)
}

func attachment(w http.ResponseWriter, mediaType, name string) {
	w.Header().Set("Content-Type", mediaType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
	w.Header().Set("Cache-Control", "no-store")
}

func (s *Server) figuresCSV(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	if err := campaign.WriteFigures(&b, s.snap.Load().figures); err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, "text/csv; charset=utf-8", "figures.csv")
	w.Write(b.Bytes())
}

func (s *Server) factsCSV(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	if err := analysis.WriteFactsCSV(&b, s.snap.Load().facts); err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, "text/csv; charset=utf-8", "facts.csv")
	w.Write(b.Bytes())
}

// workbook sends the campaign as one XLSX file: figures, the review list,
// facts and the corrections people made, one sheet each.
func (s *Server) workbook(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	cs, err := s.cfg.DB.Corrections(r.Context(), "")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	b, err := buildWorkbook(snap, cs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", snap.campaign.Slug+".xlsx")
	w.Write(b)
}

func buildWorkbook(snap *snapshot, cs []foiwire.Correction) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	head, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F3A5F"}}})
	if err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	figRow := func(f foiwire.Figure) []any {
		var v any
		if n, ok := f.Int(); ok {
			v = n
		}
		return []any{f.Authority, f.Question, string(f.Measure), f.Start.String(), f.End.String(), f.Label, f.Category, v,
			string(f.Status), f.IsTotal, string(f.Confidence), f.Reason, f.Source.File, f.Source.Table, f.Source.Row, f.Source.Col, f.Source.Text, f.Key()}
	}
	figHead := []any{"authority", "question", "measure", "period_start", "period_end", "label", "category", "value",
		"status", "is_total", "confidence", "reason", "file", "table", "row", "col", "text", "key"}
	var figs, review [][]any
	for _, f := range snap.figures {
		figs = append(figs, figRow(f))
	}
	for _, i := range snap.review {
		review = append(review, figRow(snap.figures[i]))
	}
	var facts [][]any
	for _, f := range snap.facts {
		var of any
		if f.Of > 0 {
			of = f.Of
		}
		facts = append(facts, []any{f.ID, f.Authority, string(f.Kind), string(f.Measure), f.Start.String(), f.End.String(),
			f.Base.Start.String(), f.Base.End.String(), f.Category, f.Label, f.Value, f.Words, of, f.Formula,
			strings.Join(f.Inputs, " "), strings.Join(f.Caveats, "; ")})
	}
	factHead := make([]any, len(analysis.FactColumns))
	for i, c := range analysis.FactColumns {
		factHead[i] = c
	}
	var corr [][]any
	for _, c := range cs {
		action := "correct"
		if c.Confirm {
			action = "confirm"
		}
		var v any
		if c.Value != nil {
			v = *c.Value
		}
		corr = append(corr, []any{c.At.UTC().Format(time.RFC3339), c.By, c.Authority, action, c.Was, v, string(c.Status), c.Note, c.Key})
	}
	sheets := []struct {
		name string
		head []any
		rows [][]any
	}{
		{"Figures", figHead, figs},
		{"To review", figHead, review},
		{"Facts", factHead, facts},
		{"Corrections", []any{"at", "by", "authority", "action", "was", "value", "status", "note", "key"}, corr},
	}
	for i, sh := range sheets {
		if i == 0 {
			if err := x.SetSheetName("Sheet1", sh.name); err != nil {
				return nil, fmt.Errorf("workbook: %w", err)
			}
		} else if _, err := x.NewSheet(sh.name); err != nil {
			return nil, fmt.Errorf("workbook: %w", err)
		}
		sw, err := x.NewStreamWriter(sh.name)
		if err != nil {
			return nil, fmt.Errorf("workbook sheet %s: %w", sh.name, err)
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, fmt.Errorf("workbook sheet %s: %w", sh.name, err)
		}
		if err := sw.SetColWidth(1, len(sh.head), 14); err != nil {
			return nil, fmt.Errorf("workbook sheet %s: %w", sh.name, err)
		}
		if err := sw.SetRow("A1", sh.head, excelize.RowOpts{StyleID: head}); err != nil {
			return nil, fmt.Errorf("workbook sheet %s: %w", sh.name, err)
		}
		for j, row := range sh.rows {
			cell, _ := excelize.CoordinatesToCellName(1, j+2)
			if err := sw.SetRow(cell, row); err != nil {
				return nil, fmt.Errorf("workbook sheet %s, row %d: %w", sh.name, j+2, err)
			}
		}
		if err := sw.Flush(); err != nil {
			return nil, fmt.Errorf("workbook sheet %s: %w", sh.name, err)
		}
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	return b.Bytes(), nil
}

// databaseCopy sends a consistent copy of the campaign database with the
// accounts taken out: the data, corrections and approvals, but no password
// hashes, sessions or API tokens.
func (s *Server) databaseCopy(w http.ResponseWriter, r *http.Request) {
	data, err := accountFreeCopy(r.Context(), s.cfg.DB)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, "application/vnd.sqlite3", s.snap.Load().campaign.Slug+".db")
	w.Write(data)
}

// databaseCopier is a store that can write itself as an SQLite file
// without accounts.
type databaseCopier interface {
	WriteCopy(ctx context.Context, name string) error
}

func accountFreeCopy(ctx context.Context, db Store) ([]byte, error) {
	cp, ok := db.(databaseCopier)
	if !ok {
		return nil, fmt.Errorf("copy database: this store cannot be copied to a file")
	}
	dir, err := os.MkdirTemp("", "foiwire-db-")
	if err != nil {
		return nil, fmt.Errorf("copy database: %w", err)
	}
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "copy.db")
	if err := cp.WriteCopy(ctx, name); err != nil {
		return nil, err
	}
	return os.ReadFile(name)
}
