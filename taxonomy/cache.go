package taxonomy

import "sync"

// How many labels and words each vocabulary's matcher remembers. A
// campaign of 440 replies uses a few thousand labels; when a cache fills
// it starts again, which costs only the time to refill it.
const (
	labelCacheSize = 1 << 16
	wordCacheSize  = 1 << 14
)

// boundedCache is a map from string safe for concurrent use that holds at
// most limit entries.
type boundedCache[V any] struct {
	mu    sync.RWMutex
	m     map[string]V
	limit int
}

func (c *boundedCache[V]) get(k string) (V, bool) {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	return v, ok
}

func (c *boundedCache[V]) put(k string, v V) {
	c.mu.Lock()
	if c.m == nil || len(c.m) >= c.limit {
		c.m = make(map[string]V)
	}
	c.m[k] = v
	c.mu.Unlock()
}

// reset forgets every entry.
func (c *boundedCache[V]) reset() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
}
