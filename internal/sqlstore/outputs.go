package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"strings"
	"time"

	"github.com/foiwire/foiwire"
)

// factCols are build_facts' columns as SaveOutputs writes them, and
// storyCols build_stories'; each table also has a digest column.
var (
	factCols = []string{"id", "authority", "kind", "measure", "period_start", "period_end", "base_start",
		"base_end", "category", "label", "value", "words", "of_count", "formula", "inputs", "caveats"}
	storyCols = []string{"authority", "headline", "text", "written", "refusal", "dir"}
)

// SaveOutputs makes, in one transaction, the authorities' names, facts and
// stories held the ones the last build made, which the views
// figures_readable, facts and stories show. Facts and stories are
// compared with what is held by a digest of each row: only rows that
// changed are written and only rows gone are deleted, so a rebuild that
// changed a few facts writes a few rows. Of two rows with one key the
// first is kept.
func (db *DB) SaveOutputs(ctx context.Context, auths []foiwire.Authority, facts []foiwire.Fact, stories []foiwire.StoryRecord) error {
	err := db.inTx(ctx, func(tx conn) error {
		if _, err := tx.exec(ctx, `DELETE FROM authority_names`); err != nil {
			return err
		}
		if err := db.insertRows(ctx, tx, `INSERT INTO authority_names (id, name, short_name) VALUES `, ` ON CONFLICT (id) DO NOTHING`, 3,
			len(auths), func(i int) []any { return []any{auths[i].ID, auths[i].Name, auths[i].ShortName} }); err != nil {
			return fmt.Errorf("authority names: %w", err)
		}
		factRow := func(i int) []any { return factValues(&facts[i]) }
		factDigest := func(i int, buf []byte) (string, string, int64, []byte) {
			f := &facts[i]
			buf = appendFactRow(buf[:0], f)
			return f.ID, f.Authority, digestOf(buf), buf
		}
		if err := db.syncRows(ctx, tx, "build_facts", factCols, 1, len(facts), factRow, factDigest); err != nil {
			return fmt.Errorf("facts: %w", err)
		}
		storyRow := func(i int) []any {
			s := stories[i]
			return []any{s.Authority, s.Headline, s.Text, s.Written, s.Refusal, s.Dir}
		}
		if err := db.syncRows(ctx, tx, "build_stories", storyCols, -1, len(stories), storyRow, nil); err != nil {
			return fmt.Errorf("stories: %w", err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save build outputs: %w", err)
	}
	return nil
}

// syncRows makes table hold exactly the n rows row(i) gives (its first
// column the key, cols its columns before the digest): rows held with the
// same digest are left alone, the rest deleted and inserted.
//
// When group is a column's index (the authority's, for facts), the rows'
// digests are also summed group by group into output_sums, in the same
// transaction: a group whose count and sum are those held is taken to be
// held as it is, and only the groups that differ have their rows' digests
// read back. A rebuild in which one authority's figures changed then reads
// a few hundred digests, not every fact's. group -1 reads them all.
//
// dig, when not nil, gives row i's key, group and digest (with buf, for
// use again) as rowDigest of row(i) would, without making the row: a
// rebuild compares every row but writes few.
func (db *DB) syncRows(ctx context.Context, tx conn, table string, cols []string, group, n int, row func(i int) []any,
	dig func(i int, buf []byte) (key, grp string, digest int64, _ []byte)) error {
	type newRow struct {
		i      int
		key    string
		grp    string
		digest int64
	}
	fresh := make([]newRow, 0, n)
	sums := map[string]groupSum{}
	seen := make(map[string]bool, n)
	var buf []byte
	for i := range n {
		var r newRow
		if dig != nil {
			r.i = i
			r.key, r.grp, r.digest, buf = dig(i, buf)
		} else {
			vals := row(i)
			if len(vals) != len(cols) {
				return fmt.Errorf("row %d: %d values for %d columns", i+1, len(vals), len(cols))
			}
			k, ok := vals[0].(string)
			if !ok {
				return fmt.Errorf("row %d: key %v is not text", i+1, vals[0])
			}
			r = newRow{i: i, key: k}
			r.digest, buf = rowDigest(buf[:0], vals)
			if group >= 0 {
				if r.grp, ok = vals[group].(string); !ok {
					return fmt.Errorf("row %d: group %v is not text", i+1, vals[group])
				}
			}
		}
		if seen[r.key] {
			continue
		}
		seen[r.key] = true
		if group >= 0 {
			s := sums[r.grp]
			s.n++
			s.total += uint64(r.digest)
			sums[r.grp] = s
		}
		fresh = append(fresh, r)
	}

	// Which groups to compare row by row: all, or those whose sums moved.
	var held map[string]int64
	var changed map[string]bool // nil: every group
	if group >= 0 {
		stored, err := readSums(ctx, tx, table)
		if err != nil {
			return err
		}
		changed = map[string]bool{}
		for g, s := range sums {
			if stored[g] != s {
				changed[g] = true
			}
		}
		for g := range stored {
			if _, ok := sums[g]; !ok {
				changed[g] = true
			}
		}
		if len(stored) == 0 || len(changed) > len(sums)/2 {
			changed = nil
		}
	}
	if changed == nil {
		var err error
		if held, err = readDigests(ctx, tx, `SELECT `+cols[0]+`, digest FROM `+table); err != nil {
			return err
		}
	} else {
		held = map[string]int64{}
		for g := range changed {
			part, err := readDigests(ctx, tx, `SELECT `+cols[0]+`, digest FROM `+table+` WHERE `+cols[group]+` = ?`, g)
			if err != nil {
				return err
			}
			maps.Copy(held, part)
		}
	}

	// Only which rows to write is kept, not their values: a build's facts
	// can be hundreds of thousands, made again as they are inserted.
	type write struct {
		i      int
		digest int64
	}
	var writes []write
	var gone []any
	for _, r := range fresh {
		if changed != nil && !changed[r.grp] {
			continue
		}
		old, ok := held[r.key]
		if ok && old == r.digest {
			continue
		}
		if ok {
			gone = append(gone, r.key)
		}
		writes = append(writes, write{r.i, r.digest})
	}
	for k := range held {
		if !seen[k] {
			gone = append(gone, k)
		}
	}
	per := max(1, min(500, db.d.MaxParams))
	for start := 0; start < len(gone); start += per {
		batch := gone[start:min(start+per, len(gone))]
		q := `DELETE FROM ` + table + ` WHERE ` + cols[0] + ` IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(batch)), ", ") + `)`
		if _, err := tx.exec(ctx, q, batch...); err != nil {
			return fmt.Errorf("delete %d rows: %w", len(batch), err)
		}
	}
	head := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `, digest) VALUES `
	if err := db.insertRows(ctx, tx, head, ``, len(cols)+1, len(writes), func(i int) []any {
		return append(row(writes[i].i), writes[i].digest)
	}); err != nil {
		return err
	}
	if group < 0 {
		return nil
	}
	return writeSums(ctx, tx, table, sums, changed)
}

// groupSum is a group's row count and the sum of its rows' digests.
type groupSum struct {
	n     int64
	total uint64
}

// readSums returns the sums held for table's groups.
func readSums(ctx context.Context, tx conn, table string) (map[string]groupSum, error) {
	rows, err := tx.query(ctx, `SELECT grp, n_rows, total FROM output_sums WHERE tbl = ?`, table)
	if err != nil {
		return nil, fmt.Errorf("read %s's sums: %w", table, err)
	}
	defer rows.Close()
	out := map[string]groupSum{}
	for rows.Next() {
		var g string
		var s groupSum
		var total int64
		if err := rows.Scan(&g, &s.n, &total); err != nil {
			return nil, fmt.Errorf("read %s's sums: %w", table, err)
		}
		s.total = uint64(total)
		out[g] = s
	}
	return out, rows.Err()
}

// writeSums makes output_sums hold sums for table: only the changed
// groups' when changed is not nil.
func writeSums(ctx context.Context, tx conn, table string, sums map[string]groupSum, changed map[string]bool) error {
	if changed == nil {
		if _, err := tx.exec(ctx, `DELETE FROM output_sums WHERE tbl = ?`, table); err != nil {
			return fmt.Errorf("write %s's sums: %w", table, err)
		}
		changed = make(map[string]bool, len(sums))
		for g := range sums {
			changed[g] = true
		}
	}
	for g := range changed {
		s, ok := sums[g]
		var err error
		if ok {
			_, err = tx.exec(ctx, `INSERT INTO output_sums (tbl, grp, n_rows, total) VALUES (?, ?, ?, ?)
				ON CONFLICT (tbl, grp) DO UPDATE SET n_rows = excluded.n_rows, total = excluded.total`, table, g, s.n, int64(s.total))
		} else {
			_, err = tx.exec(ctx, `DELETE FROM output_sums WHERE tbl = ? AND grp = ?`, table, g)
		}
		if err != nil {
			return fmt.Errorf("write %s's sums: %w", table, err)
		}
	}
	return nil
}

// readDigests returns the keys and digests query q gives.
func readDigests(ctx context.Context, tx conn, q string, args ...any) (map[string]int64, error) {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k string
		var d int64
		if err := rows.Scan(&k, &d); err != nil {
			return nil, err
		}
		out[k] = d
	}
	return out, rows.Err()
}

// rowDigest sums a row's values, each with its type, using buf for the
// encoding: the first 62 bits of their SHA-256, never 0 (the digest of a
// row saved before digests). It returns buf for use again.
func rowDigest(buf []byte, vals []any) (int64, []byte) {
	str := func(tag byte, s string) {
		buf = append(buf, tag)
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	num := func(tag byte, u uint64) {
		buf = append(buf, tag)
		buf = binary.LittleEndian.AppendUint64(buf, u)
	}
	for _, v := range vals {
		switch v := v.(type) {
		case nil:
			num('n', 0)
		case string:
			str('s', v)
		case bool:
			if v {
				num('b', 1)
			} else {
				num('b', 0)
			}
		case int:
			num('i', uint64(v))
		case int64:
			num('i', uint64(v))
		case float64:
			num('f', math.Float64bits(v))
		default:
			str('?', fmt.Sprintf("%T %v", v, v))
		}
	}
	return digestOf(buf), buf
}

// factValues are f's values in build_facts, in factCols' order.
func factValues(f *foiwire.Fact) []any {
	var of any
	if f.Of > 0 {
		of = f.Of
	}
	return []any{f.ID, f.Authority, string(f.Kind), string(f.Measure), f.Start.String(), f.End.String(), f.Base.Start.String(),
		f.Base.End.String(), f.Category, f.Label, f.Value, f.Words, of, f.Formula, strings.Join(f.Inputs, " "),
		strings.Join(f.Caveats, "; ")}
}

// digestOf is the digest of a row laid out as rowDigest lays it out: never
// zero, and never negative.
func digestOf(row []byte) int64 {
	sum := sha256.Sum256(row)
	return int64(binary.LittleEndian.Uint64(sum[:])>>2) | 1
}

// appendFactRow lays out f's build_facts row (SaveOutputs' factRow) as
// rowDigest would, value by value, without boxing each value in an
// interface: TestFactRowDigest holds the two to the same bytes.
func appendFactRow(b []byte, f *foiwire.Fact) []byte {
	str := func(s string) {
		b = append(b, 's')
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	date := func(d foiwire.Date) {
		b = append(b, 's')
		if d.IsZero() {
			b = append(b, 0)
			return
		}
		b = binary.AppendUvarint(b, uint64(len(time.DateOnly)))
		b = d.AppendISO(b)
	}
	join := func(parts []string, sep string) {
		n := 0
		for i, p := range parts {
			if i > 0 {
				n += len(sep)
			}
			n += len(p)
		}
		b = append(b, 's')
		b = binary.AppendUvarint(b, uint64(n))
		for i, p := range parts {
			if i > 0 {
				b = append(b, sep...)
			}
			b = append(b, p...)
		}
	}
	str(f.ID)
	str(f.Authority)
	str(string(f.Kind))
	str(string(f.Measure))
	date(f.Start)
	date(f.End)
	date(f.Base.Start)
	date(f.Base.End)
	str(f.Category)
	str(f.Label)
	b = append(b, 'f')
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f.Value))
	str(f.Words)
	if f.Of > 0 {
		b = append(b, 'i')
		b = binary.LittleEndian.AppendUint64(b, uint64(f.Of))
	} else {
		b = append(b, 'n')
		b = binary.LittleEndian.AppendUint64(b, 0)
	}
	str(f.Formula)
	join(f.Inputs, " ")
	join(f.Caveats, "; ")
	return b
}

// insertRows runs head, n rows of cols values each, and tail, in order.
// Rows go in batches of a fixed size through one statement prepared once,
// and the rest one by one through another: parsing a statement of
// hundreds of rows costs as much as running it, and a new length would
// need parsing anew. Each row is made by row(i) as its batch is, so only
// one batch's values are held at a time. An error names the rows of the
// statement that failed.
func (db *DB) insertRows(ctx context.Context, tx conn, head, tail string, cols, n int, row func(i int) []any) error {
	per := max(1, min(insertBatch, db.d.MaxParams/cols))
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	stmt := func(rows int) (*sql.Stmt, error) {
		if st, ok := stmts[rows]; ok {
			return st, nil
		}
		st, err := tx.prepare(ctx, head+strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")+tail)
		if err != nil {
			return nil, err
		}
		stmts[rows] = st
		return st, nil
	}
	args := make([]any, 0, min(n, per)*cols)
	for start := 0; start < n; {
		size := per
		if n-start < per {
			size = 1
		}
		args = args[:0]
		for i := start; i < start+size; i++ {
			r := row(i)
			if len(r) != cols {
				return fmt.Errorf("row %d: %d values for %d columns", i+1, len(r), cols)
			}
			args = append(args, r...)
		}
		st, err := stmt(size)
		if err == nil {
			_, err = st.ExecContext(ctx, args...)
		}
		if err != nil {
			return fmt.Errorf("rows %d to %d (first %v): %w", start+1, start+size, args[0], err)
		}
		start += size
	}
	return nil
}

// insertBatch is how many rows insertRows puts in one statement at most.
const insertBatch = 256
