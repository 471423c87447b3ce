//go:build unix

package pipeline

import (
	"os"
	"strconv"
	"syscall"
)

// inode returns the file's device and inode numbers, "" when unknown.
func inode(st os.FileInfo) string {
	s, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return strconv.FormatUint(uint64(s.Dev), 10) + ":" + strconv.FormatUint(uint64(s.Ino), 10)
}
