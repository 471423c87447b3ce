package web

import (
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// renderCache holds bytes rendered from one snapshot and one set of story
// reviews: page bodies and API answers that every reader with the same
// rights would get alike. A rebuild or an approval replaces the whole
// cache, so nothing in it can be stale.
type renderCache struct {
	m          sync.Map     // string → []byte
	wholeBytes atomic.Int64 // the size of the whole pages in m (see renderWhole)
}

// cached returns the bytes under key, rendering them on first use. Two
// requests that miss together both render; the result is the same.
//
// A handler must load the cache before it loads the snapshot or the
// reviews: a rebuild stores the new snapshot first and the new, empty cache
// after, so bytes rendered from an old snapshot can only land in an old
// cache, which nobody reads again.
func (c *renderCache) cached(key string, render func() ([]byte, error)) ([]byte, error) {
	if b, ok := c.m.Load(key); ok {
		return b.([]byte), nil
	}
	b, err := render()
	if err != nil {
		return nil, err
	}
	c.m.Store(key, b)
	return b, nil
}

func (s *Server) resetCache() { s.cache.Store(&renderCache{}) }

// credTTL is how long a session or API token, once looked up, is trusted
// without asking the database again. Signing out here ends a session at
// once; a password change, a revoked token or a removed user made with the
// command line takes effect within this time.
const credTTL = 10 * time.Second

// credCache remembers recent session and token lookups, keyed by the
// credential itself, so that a page view costs no database query.
type credCache struct {
	mu sync.Mutex
	m  map[string]credEntry
}

type credEntry struct {
	who   who
	until time.Time
}

func (c *credCache) get(key string, now time.Time) (who, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || !now.Before(e.until) {
		return who{}, false
	}
	return e.who, true
}

func (c *credCache) put(key string, w who, now time.Time) {
	until := now.Add(credTTL)
	if w.Session != nil && w.Session.Expires.Before(until) {
		until = w.Session.Expires
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) > 10000 {
		// Rather than track ages, start again: lookups are cheap to redo.
		c.m = map[string]credEntry{}
	}
	c.m[key] = credEntry{who: w, until: until}
}

func (c *credCache) drop(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, key)
}

// lookupSession is DB.LookupSession through the cache.
func (s *Server) lookupSession(r *http.Request, token string) (who, error) {
	key := "s:" + token
	if w, ok := s.creds.get(key, s.cfg.Now()); ok {
		return w, nil
	}
	sess, err := s.cfg.DB.LookupSession(r.Context(), token)
	if err != nil {
		return who{}, err
	}
	w := who{User: sess.User, Session: &sess}
	s.creds.put(key, w, s.cfg.Now())
	return w, nil
}

// lookupToken is DB.LookupAPIToken through the cache.
func (s *Server) lookupToken(r *http.Request, token string) (who, error) {
	key := "t:" + token
	if w, ok := s.creds.get(key, s.cfg.Now()); ok {
		return w, nil
	}
	u, err := s.cfg.DB.LookupAPIToken(r.Context(), token)
	if err != nil {
		return who{}, err
	}
	w := who{User: u}
	s.creds.put(key, w, s.cfg.Now())
	return w, nil
}
