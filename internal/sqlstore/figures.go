package sqlstore

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/foiwire/foiwire"
)

// SaveReply stores a reply all-or-nothing: the document (once, by its hash),
// its arrival under the authority and file name, and its figures, replacing
// what an earlier read of the same file stored. Figures are replaced by
// deleting the authority's figures of the document and inserting the new
// ones in the same transaction, so a reply of any size saves. Saving the
// same reply twice changes nothing. It returns an error naming the file.
func (db *DB) SaveReply(ctx context.Context, r foiwire.Reply) error {
	d := r.Document
	err := db.inTx(ctx, func(tx conn) error {
		now := db.Now().UTC().Format(time.RFC3339)
		if _, err := tx.exec(ctx, `INSERT INTO documents (sha256, media_type, size, data, first_seen)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING`,
			d.SHA256, d.MediaType, len(r.Data), r.Data, now); err != nil {
			return fmt.Errorf("store document: %w", err)
		}
		var old string
		err := tx.queryRow(ctx, `SELECT sha256 FROM arrivals WHERE authority = ? AND name = ?`, d.Authority, d.Name).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read arrival: %w", err)
		}
		received := now
		if !d.ReceivedAt.IsZero() {
			received = d.ReceivedAt.UTC().Format(time.RFC3339)
		}
		if old != d.SHA256 {
			if _, err := tx.exec(ctx, `INSERT INTO arrivals (authority, name, sha256, received_at) VALUES (?, ?, ?, ?)
				ON CONFLICT(authority, name) DO UPDATE SET sha256 = excluded.sha256, received_at = excluded.received_at`,
				d.Authority, d.Name, d.SHA256, received); err != nil {
				return fmt.Errorf("store arrival: %w", err)
			}
			if old != "" {
				if _, err := dropIfOrphan(ctx, tx, d.Authority, old); err != nil {
					return err
				}
			}
		}
		if r.Problem != "" {
			if _, err := tx.exec(ctx, `INSERT INTO problems (authority, name, message) VALUES (?, ?, ?)
				ON CONFLICT(authority, name) DO UPDATE SET message = excluded.message`, d.Authority, d.Name, r.Problem); err != nil {
				return fmt.Errorf("store problem: %w", err)
			}
		} else if _, err := tx.exec(ctx, `DELETE FROM problems WHERE authority = ? AND name = ?`, d.Authority, d.Name); err != nil {
			return fmt.Errorf("clear problem: %w", err)
		}
		return db.replaceFigures(ctx, tx, d.Authority, d.SHA256, r.Figures)
	})
	if err != nil {
		return fmt.Errorf("save reply %s/%s: %w", d.Authority, d.Name, err)
	}
	return nil
}

// dropIfOrphan deletes an authority's figures of a document none of its
// arrivals holds any more, and returns how many went.
func dropIfOrphan(ctx context.Context, tx conn, authority, sha string) (int, error) {
	var n int
	if err := tx.queryRow(ctx, `SELECT count(*) FROM arrivals WHERE authority = ? AND sha256 = ?`, authority, sha).Scan(&n); err != nil {
		return 0, fmt.Errorf("count arrivals: %w", err)
	}
	if n > 0 {
		return 0, nil
	}
	res, err := tx.exec(ctx, `DELETE FROM figures WHERE authority = ? AND document = ?`, authority, sha)
	if err != nil {
		return 0, fmt.Errorf("drop figures of replaced document: %w", err)
	}
	gone, _ := res.RowsAffected()
	if gone > 0 {
		if err := bumpFigureVersion(ctx, tx, authority); err != nil {
			return 0, err
		}
	}
	return int(gone), nil
}

// bumpFigureVersion gives the authority's figures a new version, in the
// transaction that changes them. Every statement that writes to figures
// must be followed by it: a build trusts figures it kept from an earlier
// read for as long as their version stands (FigureVersions).
func bumpFigureVersion(ctx context.Context, tx conn, authority string) error {
	if _, err := tx.exec(ctx, `INSERT INTO figure_versions (authority, version) VALUES (?, ?)
		ON CONFLICT (authority) DO UPDATE SET version = excluded.version`, authority, rand.Text()); err != nil {
		return fmt.Errorf("record figures' version: %w", err)
	}
	return nil
}

// FigureVersions returns the version of each authority's stored figures.
// A version changes, to a value never used before, whenever the
// authority's figures do; an authority that never had figures has none.
// An authority whose figures have no version (rows written around this
// store) has "", which a caller must take for a version it never saw.
func (db *DB) FigureVersions(ctx context.Context) (map[string]string, error) {
	// The authorities that have figures are found by stepping from one to
	// the next along the index that leads with authority, one seek each,
	// rather than by reading every figure's row: DISTINCT would scan them
	// all, on every build.
	rows, err := db.c().query(ctx, `WITH RECURSIVE a(authority) AS (
			SELECT MIN(authority) FROM figures
			UNION ALL
			SELECT (SELECT MIN(f.authority) FROM figures f WHERE f.authority > a.authority)
			FROM a WHERE a.authority IS NOT NULL)
		SELECT authority, version FROM figure_versions
		UNION ALL
		SELECT a.authority, '' FROM a
		WHERE a.authority IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM figure_versions v WHERE v.authority = a.authority)`)
	if err != nil {
		return nil, fmt.Errorf("read figures' versions: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var a, v string
		if err := rows.Scan(&a, &v); err != nil {
			return nil, fmt.Errorf("read figures' versions: %w", err)
		}
		out[a] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read figures' versions: %w", err)
	}
	return out, nil
}

const figureColumns = `document, part, tbl, row, col, measure, authority, question, period_start, period_end, label, category,
	value, status, is_total, confidence, reason, authority_from, file, text, series`

// figureParams is how many placeholders one figure's row takes.
const figureParams = 21

// replaceFigures deletes the authority's figures of a document and
// inserts figs, many rows to a statement. A reply may read the same cell
// twice; the last reading is kept, as it always was.
func (db *DB) replaceFigures(ctx context.Context, tx conn, authority, doc string, figs []foiwire.Figure) error {
	figs = lastReading(figs)
	if _, err := tx.exec(ctx, `DELETE FROM figures WHERE authority = ? AND document = ?`, authority, doc); err != nil {
		return fmt.Errorf("drop old figures: %w", err)
	}
	err := db.insertRows(ctx, tx, `INSERT INTO figures (`+figureColumns+`) VALUES `,
		` ON CONFLICT (authority, document, tbl, row, col, measure) DO NOTHING`, figureParams, len(figs), func(i int) []any {
			f := figs[i]
			var v any
			if n, ok := f.Int(); ok {
				v = n
			}
			return []any{doc, "", f.Source.Table, f.Source.Row, f.Source.Col, string(f.Measure), authority, f.Question,
				f.Start.String(), f.End.String(), f.Label, f.Category, v, string(f.Status), f.IsTotal, string(f.Confidence),
				f.Reason, f.AuthorityFrom, f.Source.File, f.Source.Text, f.Series}
		})
	if err != nil {
		return fmt.Errorf("store figures: %w", err)
	}
	return bumpFigureVersion(ctx, tx, authority)
}

// Figures returns the stored figures, of one authority when authority is not
// empty, in a stable order (authority, file, document, table, row, column).
func (db *DB) Figures(ctx context.Context, authority string) ([]foiwire.Figure, error) {
	q := `SELECT document, tbl, row, col, measure, authority, question, period_start, period_end, label, category,
		value, status, is_total, confidence, reason, authority_from, file, text, series FROM figures`
	var args []any
	if authority != "" {
		q += ` WHERE authority = ?`
		args = append(args, authority)
	}
	// Sorted here rather than by the database: a scan in table order and
	// a sort in memory cost a fraction of walking an index and looking up
	// every row, and the order is byte order in every store, whatever the
	// database's collation.
	rows, err := db.c().query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read figures: %w", err)
	}
	defer rows.Close()
	var out []foiwire.Figure
	if n, err := db.countFigures(ctx, authority); err == nil {
		out = make([]foiwire.Figure, 0, n)
	}
	// The words figures repeat (documents, files, questions, labels,
	// periods) are kept once, however many figures carry them.
	in := interner{}
	var raw [14]sql.RawBytes
	for rows.Next() {
		var f foiwire.Figure
		var v sql.NullInt64
		if err := rows.Scan(&raw[0], &f.Source.Table, &f.Source.Row, &f.Source.Col, &raw[1], &raw[2], &raw[3],
			&raw[4], &raw[5], &raw[6], &raw[7], &v, &raw[8], &f.IsTotal, &raw[9], &raw[10], &raw[11],
			&raw[12], &f.Source.Text, &raw[13]); err != nil {
			return nil, fmt.Errorf("read figure: %w", err)
		}
		f.Source.Document, f.Authority, f.Question = in.of(raw[0]), in.of(raw[2]), in.of(raw[3])
		f.Measure, f.Status, f.Confidence = foiwire.Measure(in.of(raw[1])), foiwire.Status(in.of(raw[8])), foiwire.Confidence(in.of(raw[9]))
		f.Label, f.Category, f.Reason, f.AuthorityFrom = in.of(raw[6]), in.of(raw[7]), in.of(raw[10]), in.of(raw[11])
		f.Source.File, f.Series = in.of(raw[12]), in.of(raw[13])
		start, end := in.of(raw[4]), in.of(raw[5])
		var err error
		if f.Start, err = foiwire.ParseDate(start); err != nil {
			return nil, err
		}
		if f.End, err = foiwire.ParseDate(end); err != nil {
			return nil, err
		}
		if v.Valid {
			f.Value = foiwire.Int64(v.Int64)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read figures: %w", err)
	}
	slices.SortFunc(out, func(a, b foiwire.Figure) int {
		return cmp.Or(strings.Compare(a.Authority, b.Authority), strings.Compare(a.Source.File, b.Source.File),
			strings.Compare(a.Source.Document, b.Source.Document), cmp.Compare(a.Source.Table, b.Source.Table),
			cmp.Compare(a.Source.Row, b.Source.Row), cmp.Compare(a.Source.Col, b.Source.Col),
			strings.Compare(string(a.Measure), string(b.Measure)))
	})
	return out, nil
}

// countFigures counts the stored figures, of one authority when
// authority is not empty.
func (db *DB) countFigures(ctx context.Context, authority string) (int, error) {
	q, args := `SELECT count(*) FROM figures`, []any{}
	if authority != "" {
		q += ` WHERE authority = ?`
		args = append(args, authority)
	}
	var n int
	err := db.c().queryRow(ctx, q, args...).Scan(&n)
	return n, err
}

// interner keeps one copy of each string it is given.
type interner map[string]string

// of returns b as a string, the same string for the same bytes.
func (in interner) of(b []byte) string {
	if s, ok := in[string(b)]; ok {
		return s
	}
	if len(in) >= 1<<16 {
		return string(b) // bound the table; most repeats come early
	}
	s := string(b)
	in[s] = s
	return s
}

// Arrivals lists the reply files received, by authority and name.
func (db *DB) Arrivals(ctx context.Context) ([]foiwire.Arrival, error) {
	rows, err := db.c().query(ctx, `SELECT a.authority, a.name, a.sha256, d.media_type, d.size, a.received_at,
		coalesce(p.message, '') FROM arrivals a JOIN documents d ON d.sha256 = a.sha256
		LEFT JOIN problems p ON p.authority = a.authority AND p.name = a.name ORDER BY a.authority, a.name`)
	if err != nil {
		return nil, fmt.Errorf("read arrivals: %w", err)
	}
	defer rows.Close()
	var out []foiwire.Arrival
	for rows.Next() {
		var a foiwire.Arrival
		var at string
		if err := rows.Scan(&a.Authority, &a.Name, &a.SHA256, &a.MediaType, &a.Size, &at, &a.Problem); err != nil {
			return nil, fmt.Errorf("read arrival: %w", err)
		}
		a.ReceivedAt, _ = time.Parse(time.RFC3339, at)
		out = append(out, a)
	}
	return out, rows.Err()
}

// ArrivalNames lists the reply files received, by authority and name,
// without touching their documents.
func (db *DB) ArrivalNames(ctx context.Context) ([]foiwire.ArrivalName, error) {
	rows, err := db.c().query(ctx, `SELECT authority, name FROM arrivals ORDER BY authority, name`)
	if err != nil {
		return nil, fmt.Errorf("read arrivals: %w", err)
	}
	defer rows.Close()
	var out []foiwire.ArrivalName
	for rows.Next() {
		var a foiwire.ArrivalName
		if err := rows.Scan(&a.Authority, &a.Name); err != nil {
			return nil, fmt.Errorf("read arrival: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Document returns a stored document's bytes and media type. It returns an
// error wrapping foiwire.ErrNotFound when there is no such document.
func (db *DB) Document(ctx context.Context, sha string) ([]byte, string, error) {
	var data []byte
	var mt string
	err := db.c().queryRow(ctx, `SELECT data, media_type FROM documents WHERE sha256 = ?`, sha).Scan(&data, &mt)
	if errors.Is(err, sql.ErrNoRows) {
		err = foiwire.ErrNotFound
	}
	if err != nil {
		return nil, "", fmt.Errorf("read document %s: %w", sha, err)
	}
	return data, mt, nil
}

// WithdrawReply takes an arrival out of the campaign: the arrival and its
// problem go, and its figures unless another file of the same authority
// holds the same bytes. The document's bytes stay. It records the
// withdrawal and returns it, or an error wrapping foiwire.ErrNotFound when
// there is no such arrival.
func (db *DB) WithdrawReply(ctx context.Context, authority, name, why string) (foiwire.Withdrawal, error) {
	w := foiwire.Withdrawal{Authority: authority, Name: name, Why: why, At: db.Now().UTC().Truncate(time.Second)}
	err := db.inTx(ctx, func(tx conn) error {
		err := tx.queryRow(ctx, `SELECT sha256 FROM arrivals WHERE authority = ? AND name = ?`, authority, name).Scan(&w.SHA256)
		if errors.Is(err, sql.ErrNoRows) {
			return foiwire.ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM arrivals WHERE authority = ? AND name = ?`, authority, name); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM problems WHERE authority = ? AND name = ?`, authority, name); err != nil {
			return err
		}
		if w.Figures, err = dropIfOrphan(ctx, tx, authority, w.SHA256); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO withdrawals (authority, name, sha256, figures, why, at) VALUES (?, ?, ?, ?, ?, ?)`,
			authority, name, w.SHA256, w.Figures, why, w.At.Format(time.RFC3339))
		return err
	})
	if err != nil {
		return foiwire.Withdrawal{}, fmt.Errorf("withdraw reply %s/%s: %w", authority, name, err)
	}
	return w, nil
}

// Withdrawals lists the replies withdrawn, latest first.
func (db *DB) Withdrawals(ctx context.Context) ([]foiwire.Withdrawal, error) {
	rows, err := db.c().query(ctx, `SELECT authority, name, sha256, figures, why, at FROM withdrawals ORDER BY id DESC`)
	if err != nil {
		return nil, fmt.Errorf("read withdrawals: %w", err)
	}
	defer rows.Close()
	var out []foiwire.Withdrawal
	for rows.Next() {
		var w foiwire.Withdrawal
		var at string
		if err := rows.Scan(&w.Authority, &w.Name, &w.SHA256, &w.Figures, &w.Why, &at); err != nil {
			return nil, fmt.Errorf("read withdrawal: %w", err)
		}
		w.At, _ = time.Parse(time.RFC3339, at)
		out = append(out, w)
	}
	return out, rows.Err()
}

// lastReading drops all but the last figure read at each place.
func lastReading(figs []foiwire.Figure) []foiwire.Figure {
	type place struct {
		t, r, c int
		m       foiwire.Measure
	}
	last := make(map[place]int, len(figs))
	for i, f := range figs {
		last[place{f.Source.Table, f.Source.Row, f.Source.Col, f.Measure}] = i
	}
	if len(last) == len(figs) {
		return figs
	}
	out := make([]foiwire.Figure, 0, len(last))
	for i, f := range figs {
		if last[place{f.Source.Table, f.Source.Row, f.Source.Col, f.Measure}] == i {
			out = append(out, f)
		}
	}
	return out
}
