package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/request"
)

// AddRequests stores new requests, all or none. It returns an error naming
// the request when one's reference, authority or Message-Id is already
// stored.
func (db *DB) AddRequests(ctx context.Context, rs []request.Request) error {
	return db.inTx(ctx, func(tx conn) error {
		for _, r := range rs {
			if _, err := tx.exec(ctx, `INSERT INTO requests (reference, campaign, authority, to_addr, subject, body,
				message_id, sent, received, due, state, exemptions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				r.Reference, r.Campaign, r.Authority, r.To, r.Subject, r.Body, r.MessageID,
				r.Sent.String(), r.Received.String(), r.Due.String(), string(r.State), strings.Join(r.Exemptions, ",")); err != nil {
				return fmt.Errorf("add request %s (%s): %w", r.Reference, r.Authority, err)
			}
			if err := writeEvents(ctx, tx, r.Reference, r.History, 0); err != nil {
				return err
			}
		}
		return nil
	})
}

// UpdateRequest stores a request's new state, dates, address, exemptions
// and the events added to its history, provided the stored request is
// still in state from: the check and the write are one transaction, so of
// two runs changing the same request only one succeeds. It returns an
// error wrapping request.ErrStateChanged when the stored state is not from, and
// one wrapping foiwire.ErrNotFound when there is no such request.
func (db *DB) UpdateRequest(ctx context.Context, r request.Request, from request.State) error {
	err := db.inTx(ctx, func(tx conn) error {
		var state string
		var events int
		if err := tx.queryRow(ctx, `SELECT state, (SELECT count(*) FROM request_events e WHERE e.reference = r.reference)
			FROM requests r WHERE reference = ?`, r.Reference).Scan(&state, &events); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return foiwire.ErrNotFound
			}
			return err
		}
		if request.State(state) != from {
			return fmt.Errorf("%w: it is %s, not %s", request.ErrStateChanged, request.State(state).Label(), from.Label())
		}
		if events > len(r.History) {
			return fmt.Errorf("%w: it has %d events stored and %d in hand", request.ErrStateChanged, events, len(r.History))
		}
		if _, err := tx.exec(ctx, `UPDATE requests SET to_addr = ?, sent = ?, received = ?, due = ?, state = ?, exemptions = ?
			WHERE reference = ?`, r.To, r.Sent.String(), r.Received.String(), r.Due.String(), string(r.State),
			strings.Join(r.Exemptions, ","), r.Reference); err != nil {
			return err
		}
		return writeEvents(ctx, tx, r.Reference, r.History[events:], events)
	})
	if err != nil {
		return fmt.Errorf("update request %s (%s): %w", r.Reference, r.Authority, err)
	}
	return nil
}

func writeEvents(ctx context.Context, tx conn, ref string, es []request.Event, first int) error {
	for i, e := range es {
		if _, err := tx.exec(ctx, `INSERT INTO request_events (reference, seq, at, kind, from_state, to_state, note)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, ref, first+i+1, e.At.UTC().Format(time.RFC3339Nano), string(e.Kind),
			string(e.From), string(e.To), e.Note); err != nil {
			return fmt.Errorf("add event %d of request %s: %w", first+i+1, ref, err)
		}
	}
	return nil
}

// Requests returns every stored request with its history, in reference
// order.
func (db *DB) Requests(ctx context.Context) ([]request.Request, error) {
	return db.requests(ctx, "")
}

// Request returns the request with the given reference, or the one to the
// given authority id. It returns an error wrapping foiwire.ErrNotFound when
// there is none.
func (db *DB) Request(ctx context.Context, refOrAuthority string) (request.Request, error) {
	rs, err := db.requests(ctx, refOrAuthority)
	if err != nil {
		return request.Request{}, err
	}
	if len(rs) == 0 {
		return request.Request{}, fmt.Errorf("request %s: %w", refOrAuthority, foiwire.ErrNotFound)
	}
	return rs[0], nil
}

func (db *DB) requests(ctx context.Context, key string) ([]request.Request, error) {
	q := `SELECT reference, campaign, authority, to_addr, subject, body, message_id, sent, received, due, state, exemptions
		FROM requests`
	var args []any
	if key != "" {
		q += ` WHERE reference = ? OR authority = ?`
		args = append(args, key, key)
	}
	rows, err := db.c().query(ctx, q+` ORDER BY reference`, args...)
	if err != nil {
		return nil, fmt.Errorf("read requests: %w", err)
	}
	defer rows.Close()
	var out []request.Request
	index := map[string]int{}
	for rows.Next() {
		var r request.Request
		var sent, received, due, state, ex string
		if err := rows.Scan(&r.Reference, &r.Campaign, &r.Authority, &r.To, &r.Subject, &r.Body, &r.MessageID,
			&sent, &received, &due, &state, &ex); err != nil {
			return nil, fmt.Errorf("read request: %w", err)
		}
		for _, d := range []struct {
			s   string
			dst *foiwire.Date
		}{{sent, &r.Sent}, {received, &r.Received}, {due, &r.Due}} {
			if *d.dst, err = foiwire.ParseDate(d.s); err != nil {
				return nil, fmt.Errorf("request %s: %w", r.Reference, err)
			}
		}
		r.State = request.State(state)
		if ex != "" {
			r.Exemptions = strings.Split(ex, ",")
		}
		index[r.Reference] = len(out)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read requests: %w", err)
	}
	rows.Close()
	evs, err := db.c().query(ctx, `SELECT reference, at, kind, from_state, to_state, note FROM request_events ORDER BY reference, seq`)
	if err != nil {
		return nil, fmt.Errorf("read request events: %w", err)
	}
	defer evs.Close()
	for evs.Next() {
		var ref, at, kind, from, to string
		var e request.Event
		if err := evs.Scan(&ref, &at, &kind, &from, &to, &e.Note); err != nil {
			return nil, fmt.Errorf("read request event: %w", err)
		}
		i, ok := index[ref]
		if !ok {
			continue
		}
		if e.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return nil, fmt.Errorf("request %s: event time %q: %w", ref, at, err)
		}
		e.Kind, e.From, e.To = request.EventKind(kind), request.State(from), request.State(to)
		out[i].History = append(out[i].History, e)
	}
	return out, evs.Err()
}
