package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
)

// maxWholeBytes bounds the memory whole pages take in one render cache.
// Past it, pages are still served, their layout rendered per request.
const maxWholeBytes = 64 << 20

// renderWhole serves a page kept whole in memory, layout included: the
// content is rendered once per snapshot (as renderCached does) and the
// page around it once per layout, that is per signed-in session, tab and
// message, so a reader who asks again gets bytes with no template run. A
// rebuild, a correction or an approval replaces the cache, and with it
// every page.
func (s *Server) renderWhole(w http.ResponseWriter, r *http.Request, c *renderCache, name, key string, p page, data func() any) {
	whole := "whole|" + name + "|" + key + "|" + layoutKey(p)
	if b, ok := c.m.Load(whole); ok {
		writePage(w, b.([]byte))
		return
	}
	t, ok := s.cachedContent(w, r, c, name, key, &p, data)
	if !ok {
		return
	}
	var b bytes.Buffer
	b.Grow(len(p.Body) + 4096)
	if err := t.ExecuteTemplate(&b, "layout.html", p); err != nil {
		s.serverError(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	page := b.Bytes()
	if c.wholeBytes.Add(int64(len(page))) <= maxWholeBytes {
		c.m.Store(whole, page)
	} else {
		c.wholeBytes.Add(-int64(len(page)))
	}
	writePage(w, page)
}

func writePage(w http.ResponseWriter, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	w.Write(b)
}

// layoutKey is everything of a page's layout that differs from reader to
// reader; Body is left out, the caller's key standing for it. Each part
// goes with its length, so no two layouts share a key.
func layoutKey(p page) string {
	b := make([]byte, 0, 256)
	add := func(s string) {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
	}
	for _, s := range []string{p.Title, p.Campaign, p.User.Name, string(p.User.Role), p.CSRF, p.Section, p.Flash} {
		add(s)
	}
	b = strconv.AppendBool(b, p.SignedIn)
	b = strconv.AppendBool(b, p.CanEdit)
	b = strconv.AppendInt(b, p.User.Created.UnixNano(), 10)
	b = append(b, ':')
	b = strconv.AppendInt(b, p.Built.UnixNano(), 10)
	for _, t := range p.Trouble {
		add(t)
	}
	return string(b)
}
