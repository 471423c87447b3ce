package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/foiwire/foiwire"
)

// Reply is everything read from one reply file: the document's bytes and the
// figures found in it, or the problem that stopped it being read.
type Reply struct {
	Document foiwire.Document
	Data     []byte
	Figures  []foiwire.Figure
	// Problem is set when the file could not be read; the document is still
	// stored so a person can look at it, and no figures are kept for it.
	Problem string
}

// SaveReply stores a reply all-or-nothing: the document (once, by its hash),
// its arrival under the authority and file name, and its figures, replacing
// what an earlier read of the same file stored. Saving the same reply twice
// changes nothing. It returns an error naming the file.
func (db *DB) SaveReply(ctx context.Context, r Reply) error {
	d := r.Document
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.Now().UTC().Format(time.RFC3339)
		if _, err := tx.ExecContext(ctx, `INSERT INTO documents (sha256, media_type, size, data, first_seen)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING`,
			d.SHA256, d.MediaType, len(r.Data), r.Data, now); err != nil {
			return fmt.Errorf("store document: %w", err)
		}
		var old string
		err := tx.QueryRowContext(ctx, `SELECT sha256 FROM arrivals WHERE authority = ? AND name = ?`, d.Authority, d.Name).Scan(&old)
		if err != nil && err != sql.ErrNoRows {
			return fmt.Errorf("read arrival: %w", err)
		}
		received := now
		if !d.ReceivedAt.IsZero() {
			received = d.ReceivedAt.UTC().Format(time.RFC3339)
		}
		if old != d.SHA256 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO arrivals (authority, name, sha256, received_at) VALUES (?, ?, ?, ?)
				ON CONFLICT(authority, name) DO UPDATE SET sha256 = excluded.sha256, received_at = excluded.received_at`,
				d.Authority, d.Name, d.SHA256, received); err != nil {
				return fmt.Errorf("store arrival: %w", err)
			}
			if old != "" {
				if err := dropIfOrphan(ctx, tx, old); err != nil {
					return err
				}
			}
		}
		if r.Problem != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO problems (authority, name, message) VALUES (?, ?, ?)
				ON CONFLICT(authority, name) DO UPDATE SET message = excluded.message`, d.Authority, d.Name, r.Problem); err != nil {
				return fmt.Errorf("store problem: %w", err)
			}
		} else if _, err := tx.ExecContext(ctx, `DELETE FROM problems WHERE authority = ? AND name = ?`, d.Authority, d.Name); err != nil {
			return fmt.Errorf("clear problem: %w", err)
		}
		return replaceFigures(ctx, tx, d.SHA256, r.Figures)
	})
	if err != nil {
		return fmt.Errorf("save reply %s/%s: %w", d.Authority, d.Name, err)
	}
	return nil
}

// dropIfOrphan deletes the figures of a document no arrival points to any more.
func dropIfOrphan(ctx context.Context, tx *sql.Tx, sha string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM arrivals WHERE sha256 = ?`, sha).Scan(&n); err != nil {
		return fmt.Errorf("count arrivals: %w", err)
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM figures WHERE document = ?`, sha); err != nil {
		return fmt.Errorf("drop figures of replaced document: %w", err)
	}
	return nil
}

func replaceFigures(ctx context.Context, tx *sql.Tx, doc string, figs []foiwire.Figure) error {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO figures (document, part, tbl, row, col, measure, authority, question,
		period_start, period_end, label, category, value, status, is_total, confidence, reason, authority_from, file, text)
		VALUES (?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(document, tbl, row, col, measure) DO UPDATE SET
			authority = excluded.authority, question = excluded.question,
			period_start = excluded.period_start, period_end = excluded.period_end,
			label = excluded.label, category = excluded.category, value = excluded.value,
			status = excluded.status, is_total = excluded.is_total, confidence = excluded.confidence,
			reason = excluded.reason, authority_from = excluded.authority_from, file = excluded.file, text = excluded.text
		RETURNING id`)
	if err != nil {
		return fmt.Errorf("prepare figure insert: %w", err)
	}
	defer stmt.Close()
	keep := make([]any, 0, len(figs)+1)
	keep = append(keep, doc)
	for _, f := range figs {
		var v any
		if n, ok := f.Int(); ok {
			v = n
		}
		var id int64
		if err := stmt.QueryRowContext(ctx, doc, f.Source.Table, f.Source.Row, f.Source.Col, string(f.Measure), f.Authority, f.Question,
			f.Start.String(), f.End.String(), f.Label, f.Category, v, string(f.Status), f.IsTotal, string(f.Confidence),
			f.Reason, f.AuthorityFrom, f.Source.File, f.Source.Text).Scan(&id); err != nil {
			return fmt.Errorf("store figure %q (table %d, row %d, col %d): %w", f.Label, f.Source.Table, f.Source.Row, f.Source.Col, err)
		}
		keep = append(keep, id)
	}
	q := `DELETE FROM figures WHERE document = ?`
	if len(keep) > 1 {
		q += ` AND id NOT IN (?` + strings.Repeat(",?", len(keep)-2) + `)`
	}
	if _, err := tx.ExecContext(ctx, q, keep...); err != nil {
		return fmt.Errorf("drop stale figures: %w", err)
	}
	return nil
}

// Figures returns the stored figures, of one authority when authority is not
// empty, in a stable order (authority, document, table, row, column).
func (db *DB) Figures(ctx context.Context, authority string) ([]foiwire.Figure, error) {
	q := `SELECT document, tbl, row, col, measure, authority, question, period_start, period_end, label, category,
		value, status, is_total, confidence, reason, authority_from, file, text FROM figures`
	var args []any
	if authority != "" {
		q += ` WHERE authority = ?`
		args = append(args, authority)
	}
	q += ` ORDER BY authority, file, document, tbl, row, col, measure`
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read figures: %w", err)
	}
	defer rows.Close()
	var out []foiwire.Figure
	for rows.Next() {
		var f foiwire.Figure
		var start, end, measure, status, conf string
		var v sql.NullInt64
		if err := rows.Scan(&f.Source.Document, &f.Source.Table, &f.Source.Row, &f.Source.Col, &measure, &f.Authority, &f.Question,
			&start, &end, &f.Label, &f.Category, &v, &status, &f.IsTotal, &conf, &f.Reason, &f.AuthorityFrom,
			&f.Source.File, &f.Source.Text); err != nil {
			return nil, fmt.Errorf("read figure: %w", err)
		}
		f.Measure, f.Status, f.Confidence = foiwire.Measure(measure), foiwire.Status(status), foiwire.Confidence(conf)
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
	return out, nil
}

// Arrival is one reply file as it arrived.
type Arrival struct {
	Authority, Name, SHA256 string
	MediaType               string
	Size                    int64
	ReceivedAt              time.Time
	Problem                 string
}

// Arrivals lists the reply files received, by authority and name.
func (db *DB) Arrivals(ctx context.Context) ([]Arrival, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT a.authority, a.name, a.sha256, d.media_type, d.size, a.received_at,
		coalesce(p.message, '') FROM arrivals a JOIN documents d ON d.sha256 = a.sha256
		LEFT JOIN problems p ON p.authority = a.authority AND p.name = a.name ORDER BY a.authority, a.name`)
	if err != nil {
		return nil, fmt.Errorf("read arrivals: %w", err)
	}
	defer rows.Close()
	var out []Arrival
	for rows.Next() {
		var a Arrival
		var at string
		if err := rows.Scan(&a.Authority, &a.Name, &a.SHA256, &a.MediaType, &a.Size, &at, &a.Problem); err != nil {
			return nil, fmt.Errorf("read arrival: %w", err)
		}
		a.ReceivedAt, _ = time.Parse(time.RFC3339, at)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Document returns a stored document's bytes and media type. It returns an
// error wrapping sql.ErrNoRows when there is no such document.
func (db *DB) Document(ctx context.Context, sha string) ([]byte, string, error) {
	var data []byte
	var mt string
	if err := db.sql.QueryRowContext(ctx, `SELECT data, media_type FROM documents WHERE sha256 = ?`, sha).Scan(&data, &mt); err != nil {
		return nil, "", fmt.Errorf("read document %s: %w", sha, err)
	}
	return data, mt, nil
}
