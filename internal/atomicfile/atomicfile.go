// Package atomicfile writes files so that a reader, or a process killed
// mid-write, never sees one half-written: the bytes go to a temporary file
// in the same folder, are flushed to disk, and the temporary file is
// renamed over the old one.
package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// WriteFile writes data to name with permissions perm, replacing any file
// there in one step. After a crash name holds either its old bytes or the
// new ones; a stray temporary file ".name.tmp-*" may be left beside it. It
// returns an error naming the file.
func WriteFile(name string, data []byte, perm os.FileMode) (err error) {
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	// The rename is durable once the folder is synced; a folder that cannot
	// be opened for syncing (some file systems) still has the file.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// RemoveTemps removes the temporary files WriteFile leaves behind when it
// is killed, anywhere under dir, and returns how many it removed. A
// missing dir is no error.
func RemoveTemps(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() && IsTemp(d.Name()) {
			if err := os.Remove(p); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("remove stale temporary files in %s: %w", dir, err)
	}
	return n, nil
}

// IsTemp reports whether a file name is one of WriteFile's temporary
// files.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")
}

// WriteFileIfChanged is WriteFile, except that it leaves name alone when
// it already holds exactly data with permissions perm: a rebuild that
// gives the same bytes costs a read instead of a write and two syncs. It
// reports whether it wrote.
func WriteFileIfChanged(name string, data []byte, perm os.FileMode) (bool, error) {
	if same(name, data, perm) {
		return false, nil
	}
	return true, WriteFile(name, data, perm)
}

// same reports whether name is a regular file of permissions perm holding
// exactly data.
func same(name string, data []byte, perm os.FileMode) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Mode().Perm() != perm.Perm() || st.Size() != int64(len(data)) {
		return false
	}
	have := make([]byte, len(data)+1)
	n, _ := io.ReadFull(f, have) // a longer file fills have
	return n == len(data) && bytes.Equal(have[:n], data)
}
