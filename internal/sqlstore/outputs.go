package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/foiwire/foiwire"
)

// SaveOutputs replaces, in one transaction, the authorities' names, facts
// and stories the last build made, which the views figures_readable, facts
// and stories show.
func (db *DB) SaveOutputs(ctx context.Context, auths []foiwire.Authority, facts []foiwire.Fact, stories []foiwire.StoryRecord) error {
	err := db.inTx(ctx, func(tx conn) error {
		for _, q := range []string{`DELETE FROM authority_names`, `DELETE FROM build_facts`, `DELETE FROM build_stories`} {
			if _, err := tx.exec(ctx, q); err != nil {
				return err
			}
		}
		if err := db.insertRows(ctx, tx, `INSERT INTO authority_names (id, name, short_name) VALUES `, ` ON CONFLICT (id) DO NOTHING`, 3,
			len(auths), func(i int) []any { return []any{auths[i].ID, auths[i].Name, auths[i].ShortName} }); err != nil {
			return fmt.Errorf("authority names: %w", err)
		}
		factRow := func(i int) []any {
			f := facts[i]
			var of any
			if f.Of > 0 {
				of = f.Of
			}
			return []any{f.ID, f.Authority, string(f.Kind), string(f.Measure), f.Start.String(), f.End.String(), f.Base.Start.String(),
				f.Base.End.String(), f.Category, f.Label, f.Value, f.Words, of, f.Formula, strings.Join(f.Inputs, " "),
				strings.Join(f.Caveats, "; ")}
		}
		if err := db.insertRows(ctx, tx, `INSERT INTO build_facts (id, authority, kind, measure, period_start, period_end, base_start,
				base_end, category, label, value, words, of_count, formula, inputs, caveats) VALUES `, ` ON CONFLICT (id) DO NOTHING`, 16, len(facts), factRow); err != nil {
			return fmt.Errorf("facts: %w", err)
		}
		if err := db.insertRows(ctx, tx, `INSERT INTO build_stories (authority, headline, text, written, refusal, dir) VALUES `,
			` ON CONFLICT (authority) DO NOTHING`, 6, len(stories), func(i int) []any {
				s := stories[i]
				return []any{s.Authority, s.Headline, s.Text, s.Written, s.Refusal, s.Dir}
			}); err != nil {
			return fmt.Errorf("stories: %w", err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save build outputs: %w", err)
	}
	return nil
}

// insertRows runs head, n rows of cols values each, and tail as few
// statements as the dialect's limit on placeholders allows, in order. Each
// row is made by row(i) as its statement is, so only one statement's
// values are held at a time. An error names the rows of the statement
// that failed.
func (db *DB) insertRows(ctx context.Context, tx conn, head, tail string, cols, n int, row func(i int) []any) error {
	per := max(1, min(500, db.d.MaxParams/cols))
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	args := make([]any, 0, min(n, per)*cols)
	for start := 0; start < n; start += per {
		end := min(start+per, n)
		var q strings.Builder
		q.WriteString(head)
		args = args[:0]
		for i := start; i < end; i++ {
			r := row(i)
			if len(r) != cols {
				return fmt.Errorf("row %d: %d values for %d columns", i+1, len(r), cols)
			}
			if i > start {
				q.WriteString(", ")
			}
			q.WriteString(one)
			args = append(args, r...)
		}
		q.WriteString(tail)
		if _, err := tx.exec(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("rows %d to %d (first %v): %w", start+1, end, args[0], err)
		}
	}
	return nil
}
