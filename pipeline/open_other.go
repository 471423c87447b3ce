//go:build !unix

package pipeline

import "os"

// openNoFollow opens a reply file for reading; the caller has checked
// from its listing that it is a regular file.
func openNoFollow(name string) (*os.File, error) { return os.Open(name) }
