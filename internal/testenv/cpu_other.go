//go:build !unix

package testenv

import "testing"

// ReportCPU reports nothing where the process's CPU time is not known.
func ReportCPU(b *testing.B) func() { return func() {} }
