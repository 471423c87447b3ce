package table

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
)

// Limits on archives and mailboxes. A zip attachment holds a letter and a
// spreadsheet or two; a zip bomb declares gigabytes, or thousands of
// members, or zips inside zips.
const (
	maxArchiveMembers = 200
	maxArchiveDepth   = 2 // a zip inside a zip is read; one more level is not
	maxMboxMessages   = 500
)

// The media types of containers Read opens.
const (
	MediaZip  = "application/zip"
	MediaMbox = "application/mbox"
)

// archive reads each member of a zip archive that is a reply format,
// labelling its tables with the member's name. A member that cannot be
// read is a warning; an archive with nothing readable in it fails with
// ErrUnsupported naming what it held.
func (rd *reader) archive(data []byte, part string) error {
	if rd.zipDepth >= maxArchiveDepth {
		return rd.fail(ErrUnsupported, nil, "zip archives nested more than %d deep", maxArchiveDepth)
	}
	rd.zipDepth++
	defer func() { rd.zipDepth-- }()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return rd.fail(ErrCorrupt, err, "zip archive is damaged or cut short: %v", err)
	}
	var files []*zip.File
	for _, f := range zr.File {
		name := path.Base(f.Name)
		if f.FileInfo().IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(f.Name, "__MACOSX/") {
			continue
		}
		files = append(files, f)
	}
	if len(files) > maxArchiveMembers {
		return rd.fail(ErrTooLarge, nil, "zip archive has %d files; the limit is %d", len(files), maxArchiveMembers)
	}
	var read int
	var skipped []string
	for _, f := range files {
		if err := rd.ctx.Err(); err != nil {
			return err
		}
		label := joinPart(part, f.Name)
		b, err := rd.unzip(f)
		if err != nil {
			if errors.Is(err, ErrTooLarge) {
				return err
			}
			rd.warn(label, "%v", err)
			skipped = append(skipped, f.Name)
			continue
		}
		rd.writeLine("")
		rd.writeLine("Archive member: " + f.Name)
		if _, err := rd.readAny(f.Name, b, label); err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return err
			}
			rd.res.Warnings = append(rd.res.Warnings, err.Error())
			skipped = append(skipped, f.Name)
			continue
		}
		read++
	}
	if read == 0 {
		if len(skipped) == 0 {
			return rd.fail(ErrEmpty, nil, "zip archive holds no files")
		}
		return rd.fail(ErrUnsupported, nil, "zip archive holds nothing foiwire reads (%s)", strings.Join(skipped, ", "))
	}
	return nil
}

// unzip reads one member, counting what it unpacks to against the limits
// for the whole Read, whatever its header declares.
func (rd *reader) unzip(f *zip.File) ([]byte, error) {
	left := int64(maxUnzipped) - rd.unzipped
	if f.UncompressedSize64 > uint64(max(left, 0)) {
		return nil, &fileError{name: rd.name, kind: ErrTooLarge,
			msg: fmt.Sprintf("zip archive unpacks to over %s; the limit is %s (a zip bomb?)", megabytes(rd.unzipped+int64(min(f.UncompressedSize64, 1<<61))), megabytes(maxUnzipped))}
	}
	if f.UncompressedSize64 > ratioFloor && f.UncompressedSize64/max(f.CompressedSize64, 1) > maxZipRatio {
		return nil, &fileError{name: rd.name, kind: ErrTooLarge,
			msg: fmt.Sprintf("zip member %s compresses %d to 1; over %d to 1 is refused as a zip bomb", f.Name, f.UncompressedSize64/max(f.CompressedSize64, 1), maxZipRatio)}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("cannot open it: %w", err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, left+1))
	rd.unzipped += int64(len(b))
	if int64(len(b)) > left {
		return nil, &fileError{name: rd.name, kind: ErrTooLarge, msg: fmt.Sprintf("zip archive unpacks to over %s (a zip bomb?)", megabytes(maxUnzipped))}
	}
	if err != nil {
		return nil, fmt.Errorf("damaged in the archive: %w", err)
	}
	return b, nil
}

// mboxFrom is an mbox message separator: "From " at the start of a line,
// a sender, and a date in asctime form ("Tue Dec  1 03:00:00 2026"), so a
// body line that starts "From here" does not split a message.
var mboxFrom = regexp.MustCompile(`(?m)^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) +[A-Z][a-z]{2} +\d{1,2} +\d{1,2}:\d{2}`)

// isMbox reports whether data is a mailbox of several messages: it starts
// with a separator line and holds another.
func isMbox(data []byte) bool {
	if !bytes.HasPrefix(data, []byte("From ")) {
		return false
	}
	locs := mboxFrom.FindAllIndex(data[:min(len(data), MaxSize)], 2)
	return len(locs) == 2 && locs[0][0] == 0
}

// mbox splits a mailbox into its messages and reads each as an email, the
// first as the file's own message (its headers are the Result's Header)
// and the rest labelled "message N".
func (rd *reader) mbox(data []byte) error {
	locs := mboxFrom.FindAllIndex(data, maxMboxMessages+1)
	if len(locs) > maxMboxMessages {
		rd.warn("", "mailbox has more than %d messages; the rest are not read", maxMboxMessages)
		locs = locs[:maxMboxMessages]
	}
	var read int
	for i, loc := range locs {
		if err := rd.ctx.Err(); err != nil {
			return err
		}
		end := len(data)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		msg := unescapeFrom(data[loc[0]:end])
		part := ""
		if i > 0 {
			part = fmt.Sprintf("message %d", i+1)
			rd.writeLine("")
		}
		if err := rd.email(msg, part); err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return err
			}
			rd.warn(fmt.Sprintf("message %d", i+1), "%v", err)
			continue
		}
		read++
	}
	if read == 0 {
		return rd.fail(ErrCorrupt, nil, "mailbox of %d messages, none of which can be read", len(locs))
	}
	return nil
}

// unescapeFrom undoes mboxrd quoting: ">From " at a line's start was
// "From " in the message.
func unescapeFrom(b []byte) []byte {
	if !bytes.Contains(b, []byte("\n>")) {
		return b
	}
	lines := bytes.SplitAfter(b, []byte("\n"))
	for i, l := range lines {
		t := bytes.TrimLeft(l, ">")
		if len(t) < len(l) && bytes.HasPrefix(t, []byte("From ")) {
			lines[i] = l[1:]
		}
	}
	return bytes.Join(lines, nil)
}
