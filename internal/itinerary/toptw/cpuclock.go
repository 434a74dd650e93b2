package toptw

import (
	"context"
	"syscall"
	"time"
)

// cpuSeconds is the CPU time (user + system) used by this process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}

// withCPUBudget returns a context cancelled once this process has used
// budget seconds of CPU time from now. On a machine shared with other
// work this measures the search's own effort, which a wall-clock limit
// does not.
func withCPUBudget(ctx context.Context, budget float64) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	start := cpuSeconds()
	go func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if cpuSeconds()-start >= budget {
					cancel()
					return
				}
			}
		}
	}()
	return ctx, cancel
}
