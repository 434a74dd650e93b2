// Package pagecache keeps answers that were expensive to make (a feed's
// calendar, an API record, a page's loaded records) in memory, under keys
// that name the organization's revision: the id of its newest audit entry,
// written in the transaction of every change. A change therefore makes a
// new key at once, in every process serving the same database, and the old
// entries are never read again; they leave as newer ones push them out.
// Nothing is ever invalidated by hand.
package pagecache

import (
	"errors"
	"sync"
)

// Cache is a bounded map of values by key; the oldest entries leave first
// once the total size passes the bound. Safe for concurrent use.
type Cache[V any] struct {
	mu      sync.Mutex
	loading map[string]*load[V] // keys being loaded by Load
	max     int
	size    int
	items   map[string]entry[V]
	order   []string // keys, oldest first
	head    int      // order[:head] have left
}

type entry[V any] struct {
	v    V
	size int
}

// load is one Load in progress; the callers that want the same key wait
// for it instead of loading it again.
type load[V any] struct {
	done chan struct{}
	v    V
	err  error
}

// Load returns the value of key, calling fn to make it when it is not
// kept, and keeps what fn makes (with the size it says) unless fn fails.
// Callers that ask for a key while it is being made wait for that one
// call: a page many clients ask for at once after a change is made once,
// and the process holds one copy of its making, not one per client.
func (c *Cache[V]) Load(key string, fn func() (V, int, error)) (V, error) {
	c.mu.Lock()
	if e, ok := c.items[key]; ok {
		c.mu.Unlock()
		return e.v, nil
	}
	if l, ok := c.loading[key]; ok {
		c.mu.Unlock()
		<-l.done
		return l.v, l.err
	}
	l := &load[V]{done: make(chan struct{})}
	if c.loading == nil {
		c.loading = map[string]*load[V]{}
	}
	c.loading[key] = l
	c.mu.Unlock()
	finished := false
	defer func() {
		if !finished { // fn panicked: the waiters must not take a zero value
			l.err = errors.New("pagecache: making the value failed")
		}
		c.mu.Lock()
		delete(c.loading, key)
		c.mu.Unlock()
		close(l.done)
	}()
	var size int
	l.v, size, l.err = fn()
	finished = true
	if l.err == nil {
		c.Put(key, l.v, size)
	}
	return l.v, l.err
}

// New returns a cache holding up to maxSize units (bytes, say) of values.
func New[V any](maxSize int) *Cache[V] {
	return &Cache[V]{max: maxSize, items: map[string]entry[V]{}}
}

// Get returns the value of key.
func (c *Cache[V]) Get(key string) (V, bool) {
	c.mu.Lock()
	e, ok := c.items[key]
	c.mu.Unlock()
	return e.v, ok
}

// Put stores v under key, counting size units for it. A value larger than
// the whole cache is not kept.
func (c *Cache[V]) Put(key string, v V, size int) {
	if size > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.items[key]; ok {
		c.size -= old.size
	} else {
		c.order = append(c.order, key)
	}
	c.items[key] = entry[V]{v: v, size: size}
	c.size += size
	for c.size > c.max && c.head < len(c.order) {
		k := c.order[c.head]
		c.order[c.head] = ""
		c.head++
		if e, ok := c.items[k]; ok {
			c.size -= e.size
			delete(c.items, k)
		}
	}
	if c.head > len(c.order)/2 && c.head > 64 {
		c.order = append([]string(nil), c.order[c.head:]...)
		c.head = 0
	}
}

// Len is the number of entries.
func (c *Cache[V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}
