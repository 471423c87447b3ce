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
		for _, a := range auths {
			if _, err := tx.exec(ctx, `INSERT INTO authority_names (id, name, short_name) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING`,
				a.ID, a.Name, a.ShortName); err != nil {
				return fmt.Errorf("authority %s: %w", a.ID, err)
			}
		}
		for _, f := range facts {
			var of any
			if f.Of > 0 {
				of = f.Of
			}
			if _, err := tx.exec(ctx, `INSERT INTO build_facts (id, authority, kind, measure, period_start, period_end, base_start,
				base_end, category, label, value, words, of_count, formula, inputs, caveats)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
				f.ID, f.Authority, string(f.Kind), string(f.Measure), f.Start.String(), f.End.String(), f.Base.Start.String(),
				f.Base.End.String(), f.Category, f.Label, f.Value, f.Words, of, f.Formula, strings.Join(f.Inputs, " "),
				strings.Join(f.Caveats, "; ")); err != nil {
				return fmt.Errorf("fact %s: %w", f.ID, err)
			}
		}
		for _, s := range stories {
			if _, err := tx.exec(ctx, `INSERT INTO build_stories (authority, headline, text, written, refusal, dir)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (authority) DO NOTHING`,
				s.Authority, s.Headline, s.Text, s.Written, s.Refusal, s.Dir); err != nil {
				return fmt.Errorf("story of %s: %w", s.Authority, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save build outputs: %w", err)
	}
	return nil
}
