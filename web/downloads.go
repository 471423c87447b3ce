package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/export"
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
	out, err := defuseCSV(b.Bytes())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, "text/csv; charset=utf-8", "figures.csv")
	w.Write(out)
}

func (s *Server) factsCSV(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	if err := analysis.WriteFactsCSV(&b, s.snap.Load().facts); err != nil {
		s.serverError(w, r, err)
		return
	}
	out, err := defuseCSV(b.Bytes())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, "text/csv; charset=utf-8", "facts.csv")
	w.Write(out)
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
	review := []foiwire.Figure{}
	for _, i := range snap.review {
		review = append(review, snap.figures[i])
	}
	if cs == nil {
		cs = []foiwire.Correction{}
	}
	facts := snap.facts
	if facts == nil {
		facts = []foiwire.Fact{}
	}
	return export.Workbook(export.Data{Figures: snap.figures, Review: review, Facts: facts, Corrections: cs,
		Names: func(id string) string { return snap.forceOf(id).Name }})
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
