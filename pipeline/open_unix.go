//go:build unix

package pipeline

import (
	"os"
	"syscall"
)

// openNoFollow opens a reply file for reading without following a
// symbolic link in its last element and without blocking on a pipe.
func openNoFollow(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}
