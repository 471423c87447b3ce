package request

import (
	"context"
	"errors"
)

// ErrStateChanged is wrapped by Store.UpdateRequest's error when the
// stored request is no longer in the state the caller read it in: someone
// else (another run of send, a receive) changed it first.
var ErrStateChanged = errors.New("request changed meanwhile")

// Store keeps a campaign's requests with their histories. The sqlite and
// postgres packages implement it beside foiwire.Store.
type Store interface {
	// AddRequests stores new requests, all or none; it fails naming the
	// request when one's reference, authority or Message-Id is taken.
	AddRequests(ctx context.Context, rs []Request) error
	// UpdateRequest stores r's new state, dates, address, exemptions and
	// the events added to its history, provided the stored request is
	// still in state from; the error wraps ErrStateChanged otherwise.
	UpdateRequest(ctx context.Context, r Request, from State) error
	// Requests returns every stored request with its history, by reference.
	Requests(ctx context.Context) ([]Request, error)
	// Request returns the request with the given reference, or the one to
	// the given authority id; the error wraps foiwire.ErrNotFound when
	// there is none.
	Request(ctx context.Context, refOrAuthority string) (Request, error)
}
