//go:build darwin || freebsd || netbsd

package pipeline

import (
	"io/fs"
	"syscall"
)

// signatureOf returns what st says of a file that moves when the file is
// written, replaced or touched; false when the system does not say it.
func signatureOf(st fs.FileInfo) (statSig, bool) {
	s, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return statSig{}, false
	}
	return statSig{
		Dev: uint64(s.Dev), Ino: uint64(s.Ino), Size: s.Size,
		Mtime: s.Mtimespec.Nano(), Ctime: s.Ctimespec.Nano(),
	}, true
}
