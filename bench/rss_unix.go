//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakRSSKB is the peak resident set of a process that has ended, in KB:
// Linux and the BSDs report it in KB, macOS in bytes. It is 0 when the
// system does not say.
func peakRSSKB(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss) >> 10
	}
	return int64(ru.Maxrss)
}
