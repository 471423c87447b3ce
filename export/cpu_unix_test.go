//go:build unix

package export

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU reports the process's CPU time per op (user and system, every
// goroutine, setup between timed parts included), which on a shared
// machine compares builds better than the wall clock. Call the returned
// function when the loop is done.
func reportCPU(b *testing.B) func() {
	cpu := func() time.Duration {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			return 0
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpu()-start)/float64(b.N)/1e6, "cpu-ms/op")
		}
	}
}
