package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/export"
	"github.com/foiwire/foiwire/internal/pgtest"
	"github.com/foiwire/foiwire/postgres"
	"github.com/foiwire/foiwire/sqlite"
)

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errs, code := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("foiwire %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

// TestBuildWritesWorkbookAndDatawrapper builds the example with
// --excel-bom: the workbook holds every figure, and the CSVs start with a
// byte-order mark.
func TestBuildWritesWorkbookAndDatawrapper(t *testing.T) {
	dir := exampleCopy(t)
	mustRun(t, "build", dir, "--excel-bom")
	out := filepath.Join(dir, "out")
	x, err := excelize.OpenFile(filepath.Join(out, "campaign.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for _, sh := range []string{export.SheetFigures, export.SheetReview, export.SheetFacts, export.SheetStories} {
		if idx, _ := x.GetSheetIndex(sh); idx < 0 {
			t.Errorf("no %s sheet in %v", sh, x.GetSheetList())
		}
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "foiwire.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	figs, _ := db.Figures(context.Background(), "")
	rows, _ := x.GetRows(export.SheetFigures)
	if len(figs) == 0 || len(rows) != len(figs)+1 {
		t.Fatalf("Figures sheet has %d rows for %d figures", len(rows)-1, len(figs))
	}
	keys := map[string]bool{}
	for _, r := range rows[1:] {
		keys[r[len(r)-1]] = true
	}
	for _, f := range figs {
		if !keys[f.Key()] {
			t.Fatalf("figure %s is not in the workbook", f.Key())
		}
	}
	// The database opens in sqlite3 with the figures readable by name.
	var n int
	var force, where string
	if err := db.SQL().QueryRow(`SELECT count(*) FROM figures_readable`).Scan(&n); err != nil || n != len(figs) {
		t.Fatalf("figures_readable has %d rows (%v) for %d figures", n, err, len(figs))
	}
	if err := db.SQL().QueryRow(`SELECT force, where_read FROM figures_readable WHERE authority_id = 'dorset' LIMIT 1`).Scan(&force, &where); err != nil ||
		force != "Dorset Police" || !strings.HasPrefix(where, "01-fin-24-2153-tiktok-offences.html, table ") {
		t.Fatalf("figures_readable row for dorset: %q %q, %v", force, where, err)
	}
	var written int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM stories WHERE state = 'written'`).Scan(&written); err != nil || written != 5 {
		t.Fatalf("stories view: %d written, %v", written, err)
	}
	stories, _ := x.GetRows(export.SheetStories)
	if len(stories) < 2 {
		t.Fatalf("Stories sheet: %v", stories)
	}
	for _, name := range []string{"figures.csv", "review.csv", "facts.csv", "datawrapper/by-year.csv", "datawrapper/ranking.csv"} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(b), export.BOM) || strings.HasPrefix(string(b), export.BOM+export.BOM) {
			t.Errorf("%s does not start with exactly one byte-order mark", name)
		}
	}
	wide, _ := os.ReadFile(filepath.Join(out, "datawrapper", "by-year.csv"))
	if !strings.Contains(string(wide), "Force,") || !strings.Contains(string(wide), "2022/23") {
		t.Errorf("by-year.csv:\n%s", wide)
	}
}

// TestReplyRmAndMv withdraws a deleted and a moved reply at once, and the
// next build reads the moved one under its new force.
func TestReplyRmAndMv(t *testing.T) {
	dir := exampleCopy(t)
	mustRun(t, "build", dir)
	ctx := context.Background()
	count := func(authority string) int {
		db, err := sqlite.Open(ctx, filepath.Join(dir, "foiwire.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		figs, _ := db.Figures(ctx, authority)
		return len(figs)
	}
	if count("dorset") == 0 || count("dyfed-powys") == 0 {
		t.Fatal("the example has no figures for dorset or dyfed-powys")
	}
	out := mustRun(t, "reply", "rm", dir, "dorset/01-fin-24-2153-tiktok-offences.html")
	if !strings.Contains(out, "Withdrew dorset/01-fin-24-2153-tiktok-offences.html") || count("dorset") != 0 {
		t.Fatalf("reply rm: %s (dorset keeps %d figures)", out, count("dorset"))
	}
	if _, err := os.Stat(filepath.Join(dir, "replies", "dorset", "01-fin-24-2153-tiktok-offences.html")); !os.IsNotExist(err) {
		t.Fatal("reply rm left the file")
	}
	if _, errs, code := runCLI(t, "reply", "rm", dir, "dorset/../../campaign.yaml"); code == 0 {
		t.Fatalf("reply rm outside replies/ succeeded: %s", errs)
	}
	out = mustRun(t, "reply", "mv", dir, "dyfed-powys/foi-dp-2024-1187-tiktok.txt", "kent")
	if !strings.Contains(out, "Withdrew") || count("dyfed-powys") != 0 {
		t.Fatalf("reply mv: %s", out)
	}
	out = mustRun(t, "build", dir)
	if strings.Contains(out, "withdrawn:") {
		t.Fatalf("the build withdrew again:\n%s", out)
	}
	if count("kent") == 0 {
		t.Fatal("the moved reply was not read under its new force")
	}
}

// TestMigrateToPostgres copies a built campaign, with an account and a
// correction, from SQLite to PostgreSQL, and serves nothing less.
func TestMigrateToPostgres(t *testing.T) {
	dsn := pgtest.URL(t)
	dir := exampleCopy(t)
	mustRun(t, "build", dir)
	ctx := context.Background()
	lite, err := sqlite.Open(ctx, filepath.Join(dir, "foiwire.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lite.AddUser(ctx, "amira", foiwire.RoleEditor, "a-long-password"); err != nil {
		t.Fatal(err)
	}
	figs, _ := lite.Figures(ctx, "")
	if _, err := lite.AddCorrection(ctx, foiwire.Correction{Key: figs[0].Key(), Authority: figs[0].Authority, Status: foiwire.StatusNotHeld, By: "amira"}); err != nil {
		t.Fatal(err)
	}
	lite.Close()

	out := mustRun(t, "migrate", dir, "--to", dsn)
	if !strings.Contains(out, "figures") {
		t.Fatalf("migrate said:\n%s", out)
	}
	pg, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	got, _ := pg.Figures(ctx, "")
	if len(got) != len(figs) || got[0].Key() != figs[0].Key() {
		t.Fatalf("PostgreSQL holds %d figures, SQLite %d", len(got), len(figs))
	}
	if _, err := pg.Authenticate(ctx, "amira", "a-long-password"); err != nil {
		t.Fatalf("the account did not come across: %v", err)
	}
	cs, _ := pg.Corrections(ctx, "")
	if len(cs) != 1 || cs[0].Version != 1 {
		t.Fatalf("corrections: %+v", cs)
	}
	// New rows get new ids after the copied ones.
	if c, err := pg.AddCorrection(ctx, foiwire.Correction{Key: figs[0].Key(), Authority: figs[0].Authority, Status: foiwire.StatusRefused, By: "amira", Version: 2}); err != nil || c.ID <= cs[0].ID {
		t.Fatalf("a correction after the copy: %+v, %v", c, err)
	}
	if _, errs, code := runCLI(t, "migrate", dir, "--to", dsn); code == 0 || !strings.Contains(errs, "already holds a campaign") {
		t.Fatalf("a second migrate: exit %d %s", code, errs)
	}
	// The web app's download of a PostgreSQL campaign is an SQLite file.
	name := filepath.Join(t.TempDir(), "copy.db")
	if err := pg.WriteCopy(ctx, name); err != nil {
		t.Fatal(err)
	}
	cp, err := sqlite.Open(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if f, _ := cp.Figures(ctx, ""); len(f) != len(figs) {
		t.Fatalf("the copy holds %d figures", len(f))
	}
	if us, _ := cp.Users(ctx); len(us) != 0 {
		t.Fatalf("the copy holds accounts: %+v", us)
	}
}
