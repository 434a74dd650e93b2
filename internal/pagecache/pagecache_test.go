package pagecache

import (
	"fmt"
	"sync"
	"testing"
)

func TestGetPut(t *testing.T) {
	c := New[[]byte](100)
	if _, ok := c.Get("a"); ok {
		t.Fatal("empty cache found a")
	}
	c.Put("a", []byte("one"), 3)
	if v, ok := c.Get("a"); !ok || string(v) != "one" {
		t.Fatalf("Get(a) = %q, %v", v, ok)
	}
	c.Put("a", []byte("two"), 3)
	if v, _ := c.Get("a"); string(v) != "two" || c.Len() != 1 {
		t.Fatalf("after a second Put: %q, %d entries", v, c.Len())
	}
}

func TestOldestLeaveFirst(t *testing.T) {
	c := New[int](10)
	for i := range 5 {
		c.Put(fmt.Sprint(i), i, 3)
	}
	// 5 × 3 units in a cache of 10: the first two left.
	for i := range 5 {
		_, ok := c.Get(fmt.Sprint(i))
		if want := i >= 2; ok != want {
			t.Errorf("entry %d kept = %v, want %v", i, ok, want)
		}
	}
	c.Put("big", 0, 11)
	if _, ok := c.Get("big"); ok {
		t.Error("a value larger than the cache was kept")
	}
}

func TestManyKeysStayBounded(t *testing.T) {
	c := New[int](50)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10000 {
				k := fmt.Sprint(g, "-", i)
				c.Put(k, i, 1)
				c.Get(k)
			}
		}()
	}
	wg.Wait()
	if n := c.Len(); n > 50 {
		t.Fatalf("%d entries in a cache of 50 units", n)
	}
	if len(c.order)-c.head != c.Len() {
		t.Fatalf("order holds %d keys for %d entries", len(c.order)-c.head, c.Len())
	}
}
