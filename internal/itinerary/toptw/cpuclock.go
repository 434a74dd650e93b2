package toptw

import (
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

// cpuClock is the process's CPU time, as an Options.Clock: the search's
// time limit then measures its own effort, which wall time does not on a
// machine shared with other work.
func cpuClock() time.Duration {
	return time.Duration(cpuSeconds() * float64(time.Second))
}
