package mailer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// MaxMessageSize is the largest message read; a larger one is reported,
// not read. Replies are letters and small spreadsheets.
const MaxMessageSize = 64 << 20

// Raw is one message as stored, with where it was found.
type Raw struct {
	// Where names the message for a person: "inbox.mbox, message 3",
	// "Maildir/cur/1718000000.M1P2.host:2,S".
	Where string
	Data  []byte
}

// Messages yields the messages at path: one .eml file; an mbox file (one
// whose first line starts "From "); a Maildir folder (messages in new/
// and cur/); or a folder of .eml files. A message that cannot be read is
// yielded with an error naming it and the rest still follow; an error
// opening path ends the sequence.
func Messages(ctx context.Context, path string) iter.Seq2[Raw, error] {
	return func(yield func(Raw, error) bool) {
		st, err := os.Stat(path)
		if err != nil {
			yield(Raw{}, fmt.Errorf("read mail: %w", err))
			return
		}
		if st.IsDir() {
			folder(ctx, path, yield)
			return
		}
		f, err := os.Open(path)
		if err != nil {
			yield(Raw{}, fmt.Errorf("read mail: %w", err))
			return
		}
		defer f.Close()
		br := bufio.NewReaderSize(f, 64<<10)
		head, _ := br.Peek(5)
		if string(head) == "From " {
			Mbox(ctx, filepath.Base(path), br)(yield)
			return
		}
		data, err := readLimited(br)
		yield(Raw{Where: filepath.Base(path), Data: data}, wrapWhere(filepath.Base(path), err))
	}
}

func wrapWhere(where string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", where, err)
}

func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxMessageSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxMessageSize {
		return nil, fmt.Errorf("message is over the %d MB limit", MaxMessageSize>>20)
	}
	return data, nil
}

// folder reads a Maildir (new/ then cur/, each in name order) or, when the
// folder has neither, the .eml files in it.
func folder(ctx context.Context, dir string, yield func(Raw, error) bool) {
	var files []string
	isMaildir := false
	for _, sub := range []string{"new", "cur"} {
		ents, err := os.ReadDir(filepath.Join(dir, sub))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			yield(Raw{}, fmt.Errorf("read Maildir %s: %w", dir, err))
			return
		}
		isMaildir = true
		for _, e := range ents {
			if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
				files = append(files, filepath.Join(sub, e.Name()))
			}
		}
	}
	if !isMaildir {
		ents, err := os.ReadDir(dir)
		if err != nil {
			yield(Raw{}, fmt.Errorf("read mail folder %s: %w", dir, err))
			return
		}
		for _, e := range ents {
			if e.Type().IsRegular() && strings.EqualFold(filepath.Ext(e.Name()), ".eml") {
				files = append(files, e.Name())
			}
		}
		slices.Sort(files)
		if len(files) == 0 {
			yield(Raw{}, fmt.Errorf("%s is neither a Maildir (no new/ or cur/) nor a folder of .eml files", dir))
			return
		}
	}
	base := filepath.Base(dir)
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			yield(Raw{}, err)
			return
		}
		where := filepath.ToSlash(filepath.Join(base, name))
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			if !yield(Raw{Where: where}, wrapWhere(where, err)) {
				return
			}
			continue
		}
		data, err := readLimited(f)
		f.Close()
		if !yield(Raw{Where: where, Data: data}, wrapWhere(where, err)) {
			return
		}
	}
}

// Mbox yields the messages of an mbox file read from r, named for
// messages as name. A message starts at a line beginning "From " that
// opens the file or follows a blank line; the "From " line itself is not
// part of the message, and the ">From " quoting of body lines (mboxrd) is
// undone.
func Mbox(ctx context.Context, name string, r io.Reader) iter.Seq2[Raw, error] {
	return func(yield func(Raw, error) bool) {
		br := bufio.NewReaderSize(r, 64<<10)
		var msg bytes.Buffer
		n := 0
		started, tooBig := false, false
		lineStart, prevBlank, skipping := true, true, false
		flush := func() bool {
			if !started {
				return true
			}
			where := fmt.Sprintf("%s, message %d", name, n)
			if tooBig {
				return yield(Raw{Where: where}, fmt.Errorf("%s: message is over the %d MB limit", where, MaxMessageSize>>20))
			}
			data := bytes.Clone(msg.Bytes())
			// The blank line after each message belongs to the mbox.
			if bytes.HasSuffix(data, []byte("\n\n")) || bytes.HasSuffix(data, []byte("\n\r\n")) {
				data = bytes.TrimSuffix(data[:len(data)-1], []byte("\r"))
			}
			return yield(Raw{Where: where, Data: data}, nil)
		}
		for {
			// Lines longer than the buffer come in pieces; only a piece at
			// the start of a line can begin a message.
			chunk, err := br.ReadSlice('\n')
			if err != nil && !errors.Is(err, bufio.ErrBufferFull) && err != io.EOF {
				yield(Raw{}, fmt.Errorf("read %s: %w", name, err))
				return
			}
			complete := err == nil
			if len(chunk) > 0 {
				switch {
				case skipping:
				case lineStart && prevBlank && bytes.HasPrefix(chunk, []byte("From ")):
					if !flush() {
						return
					}
					if ctx.Err() != nil {
						yield(Raw{}, ctx.Err())
						return
					}
					n++
					started, tooBig, skipping = true, false, true
					msg.Reset()
				case started && !tooBig:
					if lineStart {
						if q := bytes.TrimLeft(chunk, ">"); len(q) < len(chunk) && bytes.HasPrefix(q, []byte("From ")) {
							chunk = chunk[1:]
						}
					}
					msg.Write(chunk)
					if msg.Len() > MaxMessageSize {
						tooBig = true
						msg.Reset()
					}
				}
				prevBlank = complete && lineStart && !skipping && len(bytes.TrimRight(chunk, "\r\n")) == 0
				if complete {
					skipping = false
				}
				lineStart = complete
			}
			if err == io.EOF {
				flush()
				return
			}
		}
	}
}
