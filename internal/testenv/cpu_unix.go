//go:build unix

package testenv

import (
	"syscall"
	"testing"
	"time"
)

// ReportCPU reports the process's CPU time per op as "cpu-ms/op" (user and
// system, every goroutine, setup between timed parts included), which on
// a shared machine compares runs better than the wall clock. Call it when
// the timed loop starts and defer the function it returns.
func ReportCPU(b *testing.B) func() {
	start := processCPU()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(processCPU()-start)/float64(b.N)/1e6, "cpu-ms/op")
		}
	}
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
