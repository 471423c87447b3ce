package web

import (
	"container/list"
	"context"
	"sync"
	"time"

	"github.com/foiwire/foiwire/table"
)

// maxCachedDocs is how many read documents the reply pages keep. A reply
// read is its tables' cells and text: for most replies tens of kilobytes.
const maxCachedDocs = 64

// docReadTimeout bounds one reading of a document for the reply page.
const docReadTimeout = 2 * time.Minute

// docCache keeps documents as table.Read read them, by content hash and
// name (the name picks the reader), so that showing a reply again does not
// read it again: no pdftotext, no spreadsheet parse per page view. A
// document's bytes never change under its hash, so entries never go stale;
// the least recently used go when the cache is full. Two views of a
// document not yet read wait for one reading.
type docCache struct {
	mu    sync.Mutex
	items map[string]*list.Element // of *docEntry
	order list.List                // front is most recently used
	// read is table.Read; tests count calls through it.
	read func(ctx context.Context, name string, data []byte) (*table.Result, error)
}

type docEntry struct {
	key  string
	done chan struct{} // closed once res and err are set
	res  *table.Result
	err  error
}

// get returns the document read, reading it on first use. A reading cut
// short by its request's end is not kept.
func (c *docCache) get(ctx context.Context, sha, name string, data []byte) (*table.Result, error) {
	key := sha + "\x00" + name
	c.mu.Lock()
	if c.items == nil {
		c.items = map[string]*list.Element{}
	}
	if el, ok := c.items[key]; ok {
		c.order.MoveToFront(el)
		e := el.Value.(*docEntry)
		c.mu.Unlock()
		select {
		case <-e.done:
			return e.res, e.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	e := &docEntry{key: key, done: make(chan struct{})}
	c.items[key] = c.order.PushFront(e)
	for c.order.Len() > maxCachedDocs {
		old := c.order.Back()
		c.order.Remove(old)
		delete(c.items, old.Value.(*docEntry).key)
	}
	read := c.read
	c.mu.Unlock()
	if read == nil {
		read = table.Read
	}
	// Read for all who wait, not only this request: one that gives up
	// must not spoil the reading for the others.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), docReadTimeout)
	defer cancel()
	e.res, e.err = read(rctx, name, data)
	close(e.done)
	return e.res, e.err
}
