package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/foiwire/foiwire"
)

// copyTables are the tables of a campaign in an order that keeps foreign
// keys satisfied; accounts are the last three before the reviews.
var copyTables = []string{
	"documents", "arrivals", "figures", "figure_versions", "problems", "withdrawals",
	"requests", "request_events",
	"users", "sessions", "api_tokens",
	"corrections", "story_reviews", "approved_story_files",
	"authority_names", "build_facts", "build_stories", "output_sums",
}

var accountTables = map[string]bool{"users": true, "sessions": true, "api_tokens": true}

// CopyReport says how many rows of each table were copied.
type CopyReport struct {
	Tables []string
	Rows   map[string]int
}

// Copy copies every table of a campaign from src into dst, which must hold
// no campaign yet, in one transaction of dst; skipAccounts leaves users,
// sessions and API tokens behind. after, when set, runs in the same
// transaction once the rows are in. Rows keep their ids, so corrections
// keep their order. It returns an error wrapping foiwire.ErrConflict when
// dst already holds replies, figures, requests, corrections or users.
func Copy(ctx context.Context, dst, src *DB, skipAccounts bool, after func(context.Context, *sql.Tx) error) (CopyReport, error) {
	rep := CopyReport{Rows: map[string]int{}}
	for _, t := range []string{"arrivals", "figures", "requests", "corrections", "users"} {
		var n int
		if err := dst.sql.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return rep, fmt.Errorf("look into the target's %s: %w", t, err)
		}
		if n > 0 {
			return rep, fmt.Errorf("the target already holds a campaign (%d rows in %s): %w", n, t, foiwire.ErrConflict)
		}
	}
	tx, err := dst.sql.BeginTx(ctx, nil)
	if err != nil {
		return rep, err
	}
	defer tx.Rollback()
	for _, t := range copyTables {
		if skipAccounts && accountTables[t] {
			continue
		}
		n, err := copyTable(ctx, tx, dst.d, src.sql, t)
		if err != nil {
			return rep, fmt.Errorf("copy table %s: %w", t, err)
		}
		rep.Tables = append(rep.Tables, t)
		rep.Rows[t] = n
	}
	if after != nil {
		if err := after(ctx, tx); err != nil {
			return rep, err
		}
	}
	return rep, tx.Commit()
}

func copyTable(ctx context.Context, tx *sql.Tx, d Dialect, src *sql.DB, table string) (int, error) {
	// The target's column types say how to carry values that the two
	// databases keep differently (a boolean is an integer in SQLite).
	probe, err := tx.QueryContext(ctx, `SELECT * FROM `+table+` WHERE 1 = 0`)
	if err != nil {
		return 0, err
	}
	types, err := probe.ColumnTypes()
	probe.Close()
	if err != nil {
		return 0, err
	}
	dstType := map[string]string{}
	for _, ct := range types {
		dstType[ct.Name()] = strings.ToUpper(ct.DatabaseTypeName())
	}
	rows, err := src.QueryContext(ctx, `SELECT * FROM `+table)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	for _, c := range cols {
		if _, ok := dstType[c]; !ok {
			return 0, fmt.Errorf("the target has no column %s", c)
		}
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")
	stmt, err := tx.PrepareContext(ctx, d.rebind(`INSERT INTO `+table+` (`+strings.Join(cols, ", ")+`) VALUES (`+marks+`)`))
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i, c := range cols {
			vals[i] = carry(vals[i], dstType[c])
		}
		if _, err := stmt.ExecContext(ctx, vals...); err != nil {
			return n, fmt.Errorf("row %d: %w", n+1, err)
		}
		n++
	}
	return n, rows.Err()
}

// carry converts a value read from one database for a column of type typ
// in the other.
func carry(v any, typ string) any {
	switch x := v.(type) {
	case int64:
		if typ == "BOOL" || typ == "BOOLEAN" {
			return x != 0
		}
	case bool:
		if typ != "BOOL" && typ != "BOOLEAN" {
			if x {
				return int64(1)
			}
			return int64(0)
		}
	case []byte:
		if typ == "TEXT" {
			return string(x)
		}
	}
	return v
}
