package pagecache

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
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

// Callers asking for a key while it is being made wait for that one
// making; a failure is not kept.
func TestLoadMakesOnceForConcurrentCallers(t *testing.T) {
	c := New[string](1 << 10)
	var calls atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	got := make([]string, 20)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := c.Load("k", func() (string, int, error) {
				calls.Add(1)
				<-release
				return "made", 4, nil
			})
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		}()
	}
	// Let every goroutine reach Load before the one making it finishes.
	for c.waiting("k") < 1 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Fatalf("made %d times for 20 concurrent callers", n)
	}
	for i, v := range got {
		if v != "made" {
			t.Fatalf("caller %d got %q", i, v)
		}
	}
	if v, ok := c.Get("k"); !ok || v != "made" {
		t.Fatalf("not kept: %q %v", v, ok)
	}

	_, err := c.Load("bad", func() (string, int, error) { return "", 0, errors.New("no") })
	if err == nil {
		t.Fatal("the error was lost")
	}
	if _, ok := c.Get("bad"); ok {
		t.Fatal("a failed making was kept")
	}
	v, err := c.Load("bad", func() (string, int, error) { return "second", 6, nil })
	if err != nil || v != "second" {
		t.Fatalf("after a failure: %q, %v", v, err)
	}

	// A making that panics gives its waiters an error, not a zero value.
	inside := make(chan struct{})
	done := make(chan error)
	go func() {
		defer func() { _ = recover() }()
		_, _ = c.Load("panic", func() (string, int, error) {
			close(inside)
			time.Sleep(200 * time.Millisecond)
			panic("boom")
		})
	}()
	<-inside
	go func() {
		_, err := c.Load("panic", func() (string, int, error) { return "other", 5, nil })
		done <- err
	}()
	if err := <-done; err == nil {
		t.Fatal("a waiter of a panicked making got no error")
	}
}

// waiting reports whether key is being made (for tests).
func (c *Cache[V]) waiting(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.loading[key]; ok {
		return 1
	}
	return 0
}
