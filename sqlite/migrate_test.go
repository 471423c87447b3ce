package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/sqlite"
)

// TestMigrateOldDatabase opens a database made before figures were kept
// per authority and corrections had versions: its figures, corrections
// and reviews come through, with versions numbered in order.
func TestMigrateOldDatabase(t *testing.T) {
	ctx := context.Background()
	name := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", "file:"+name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for v, f := range map[int]string{1: "0001_documents_figures.sql", 100: "0100_requests.sql", 200: "0200_accounts.sql",
		201: "0201_corrections.sql", 202: "0202_story_reviews.sql"} {
		body, err := os.ReadFile(filepath.Join("migrations", f))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		raw.Exec(`INSERT INTO schema_migrations VALUES (?, ?, '2024-08-01T09:00:00Z')`, v, f)
	}
	for _, q := range []string{
		`INSERT INTO documents VALUES ('abc', 'text/csv', 3, x'616263', '2024-08-01T09:00:00Z')`,
		`INSERT INTO arrivals VALUES ('kent', 'r.csv', 'abc', '2024-08-01T09:00:00Z')`,
		`INSERT INTO figures (document, tbl, row, col, measure, authority, period_start, period_end, label, value, status, confidence, file, text)
			VALUES ('abc', 0, 1, 1, 'period', 'kent', '2021-04-01', '2022-03-31', '2021/22', 22, 'ok', 'high', 'r.csv', '22')`,
		`INSERT INTO corrections (figure_key, authority, action, value, status, by_user, at) VALUES ('abc/0/1/1/period', 'kent', 'correct', 21, 'ok', 'amira', '2024-08-01T10:00:00Z')`,
		`INSERT INTO corrections (figure_key, authority, action, value, status, by_user, at) VALUES ('abc/0/1/1/period', 'kent', 'correct', 23, 'ok', 'bert', '2024-08-01T11:00:00Z')`,
		`INSERT INTO story_reviews (authority, approved_hash, approved_by, approved_at) VALUES ('kent', 'h', 'amira', '2024-08-01T12:00:00Z')`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()

	db, err := sqlite.Open(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	figs, err := db.Figures(ctx, "kent")
	if err != nil || len(figs) != 1 || *figs[0].Value != 22 {
		t.Fatalf("figures after migration: %+v, %v", figs, err)
	}
	// Figures from before versions have one, so a build can keep them.
	if v, err := db.FigureVersions(ctx); err != nil || len(v) != 1 || len(v["kent"]) != 32 {
		t.Fatalf("figures' versions after migration: %v, %v", v, err)
	}
	cs, err := db.Corrections(ctx, "kent")
	if err != nil || len(cs) != 2 || cs[0].Version != 1 || cs[1].Version != 2 || cs[1].By != "bert" {
		t.Fatalf("corrections after migration: %+v, %v", cs, err)
	}
	if got := foiwire.ApplyCorrections(figs, cs); *got[0].Value != 23 {
		t.Fatalf("the latest correction no longer applies: %+v", got[0])
	}
	rv, err := db.StoryReviews(ctx)
	if err != nil || len(rv) != 1 || rv[0].Version != 1 || rv[0].ApprovedBy != "amira" {
		t.Fatalf("reviews after migration: %+v, %v", rv, err)
	}
	files, err := filepath.Glob(filepath.Join("migrations", "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(files) {
		t.Fatalf("%d migrations recorded (%v), want %d", n, err, len(files))
	}
	// Opening again applies nothing more.
	db2, err := sqlite.Open(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	db2.Close()
	if _, err := db.AddCorrection(ctx, foiwire.Correction{Key: "abc/0/1/1/period", Authority: "kent", Status: foiwire.StatusOK,
		Value: foiwire.Int64(24), By: "cara", Version: 2}); err == nil {
		t.Fatal("a correction from a replaced version was stored")
	}
}
