// Package atomicfile writes files so that a reader, or a process killed
// mid-write, never sees one half-written: the bytes go to a temporary file
// in the same folder, are flushed to disk, and the temporary file is
// renamed over the old one.
package atomicfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
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
	return commit(tmp, name, perm)
}

// commit gives the written temporary file tmp its permissions, syncs and
// closes it, and renames it to name. On failure tmp is left for the
// caller to remove.
func commit(tmp *os.File, name string, perm os.FileMode) error {
	if err := tmp.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	// The rename is durable once the folder is synced; a folder that cannot
	// be opened for syncing (some file systems) still has the file.
	dir := filepath.Dir(name)
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
	// The file is read a buffer at a time, not into a copy of its size: a
	// build compares hundreds of files that have not changed, and each
	// copy would be garbage at once.
	bp := compareBufs.Get().(*[]byte)
	defer compareBufs.Put(bp)
	buf := *bp
	for len(data) > 0 {
		n, _ := io.ReadFull(f, buf[:min(len(buf), len(data))])
		if n == 0 || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	n, _ := f.Read(buf[:1]) // a longer file has more to read
	return n == 0
}

// compareBufs hold the buffers same reads files into: large enough that
// most files (a story's chart.png among them) take one read, as they did
// when read whole.
var compareBufs = sync.Pool{New: func() any {
	b := make([]byte, 128<<10)
	return &b
}}

// WriteStreamIfChanged is WriteFileIfChanged for bytes that write makes in
// pieces, so that they never lie in memory whole. While the pieces match
// what name already holds, nothing is written; from the first byte that
// differs they go to a temporary file that replaces name as in WriteFile.
// If write fails, name is left as it was and write's error returned. It
// reports whether it wrote.
func WriteStreamIfChanged(name string, perm os.FileMode, write func(w io.Writer) error) (wrote bool, err error) {
	cw := &changeWriter{name: name, perm: perm}
	if f, err := os.Open(name); err == nil {
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Mode().Perm() == perm.Perm() {
			cw.old, cw.oldFile = bufio.NewReaderSize(f, 64<<10), f
		}
	}
	defer func() {
		if err != nil && cw.tmp != nil {
			cw.tmp.Close()
			os.Remove(cw.tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(cw, 256<<10)
	if err := write(bw); err != nil {
		return false, err
	}
	if err := bw.Flush(); err != nil {
		return false, fmt.Errorf("write %s: %w", name, err)
	}
	if cw.tmp == nil {
		if cw.old != nil {
			if _, err := cw.old.ReadByte(); err == io.EOF {
				return false, nil // the same bytes
			}
		}
		// name is missing, of other permissions, or longer than the new
		// bytes: what matched so far starts the new file.
		if err := cw.start(); err != nil {
			return false, err
		}
	}
	return true, commit(cw.tmp, name, perm)
}

// changeWriter compares what is written with the old file, and once they
// differ writes to a temporary file instead.
type changeWriter struct {
	name    string
	perm    os.FileMode
	old     *bufio.Reader // nil when there is no old file to compare with
	oldFile *os.File
	matched int64
	tmp     *os.File
	buf     []byte
}

func (c *changeWriter) Write(p []byte) (int, error) {
	if c.tmp == nil && c.old != nil {
		if cap(c.buf) < len(p) {
			c.buf = make([]byte, len(p))
		}
		have := c.buf[:len(p)]
		n, _ := io.ReadFull(c.old, have)
		if n == len(p) && bytes.Equal(have, p) {
			c.matched += int64(n)
			return n, nil
		}
	}
	if c.tmp == nil {
		if err := c.start(); err != nil {
			return 0, err
		}
	}
	n, err := c.tmp.Write(p)
	if err != nil {
		return n, fmt.Errorf("write %s: %w", c.name, err)
	}
	return n, nil
}

// start makes the temporary file and copies into it the bytes that
// matched the old file.
func (c *changeWriter) start() error {
	dir, base := filepath.Split(c.name)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", c.name, err)
	}
	c.tmp = tmp
	if c.matched > 0 {
		if _, err := io.Copy(tmp, io.NewSectionReader(c.oldFile, 0, c.matched)); err != nil {
			return fmt.Errorf("write %s: copy what was unchanged: %w", c.name, err)
		}
	}
	return nil
}
