package table

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path"
	"strings"

	"github.com/foiwire/foiwire"
)

// The media types Read reports in Result.MediaType.
const (
	MediaHTML  = "text/html"
	MediaCSV   = "text/csv"
	MediaXLSX  = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	MediaPDF   = "application/pdf"
	MediaEmail = "message/rfc822"
	MediaText  = "text/plain"
	// MediaImage is a picture of a reply (a scan or a photograph), read
	// by OCR.
	MediaImage = "image/*"
)

// MaxSize is the largest file Read accepts, in bytes. Replies are letters
// and small spreadsheets; anything bigger is a mistake or an attack.
const MaxSize = 64 << 20

// MaxRows and MaxCells bound the table rows and cells Read keeps from one
// file, attachments included: work on figures grows with them, and no
// force's reply to one request comes near (a year of daily counts for
// every offence group is about 20,000 rows).
const (
	MaxRows  = 200_000
	MaxCells = 2_000_000
)

// Result is what was found in one file.
type Result struct {
	// MediaType is the sniffed type: one of the Media constants.
	MediaType string
	// Text is the whole readable text in reading order, tables included as
	// their cells' text (one row a line, cells separated by tabs), for
	// finding refusals and authority names. Scripts and styles are left out.
	Text string
	// Tables are numbered by Index from 0 across the whole file,
	// attachments included.
	Tables []foiwire.Table
	// Blocks are figures found in prose rather than in a table: runs of
	// lines pairing a label with a figure (KindLines) and sentences holding
	// counts (KindSentences), each with its source Lines and the text
	// before it as Context. They are candidates, not tables: most prose
	// numbers are not answers. Their Index values follow on from Tables',
	// so that every table and block of a file has its own number.
	Blocks []foiwire.Table
	// Parts holds an email's attachments, so the caller can store them; nil
	// for anything but an email.
	Parts []Part
	// Warnings are things a person should know: a sheet with no table, a
	// table cut off, an attachment that could not be read.
	Warnings []string
	// Request is, for a message thread, the requester's own messages: what
	// was asked, in their words. No table is read from it; it is context
	// for matching the reply to the question. "" for other files.
	Request string
	// Header is the file's header block: for an email its From, To,
	// Subject, Date and Message-Id (as decoded text); for a text file that
	// starts with "key: value" lines and a blank line, as the corpus files
	// do, those keys as written ("url", "force", "date"). Nil when there is
	// none.
	Header map[string]string
}

// Part is one attachment of an email.
type Part struct {
	Name      string // the attachment's file name, decoded
	MediaType string // sniffed when it could be read, else as declared
	Data      []byte // the attachment's bytes, transfer encoding removed
}

// Read finds the text and tables in one file. name is the file's name,
// used for its extension when the content leaves the type open and in
// messages. It returns an error wrapping ErrEmpty, ErrTooLarge,
// ErrUnsupported or ErrCorrupt (test with errors.Is) when the file cannot
// be read at all, or ctx's error when ctx is done; problems that leave the
// rest of the file readable are Warnings instead.
func Read(ctx context.Context, name string, data []byte) (*Result, error) {
	rd := &reader{ctx: ctx, name: name, res: &Result{}}
	mt, err := rd.readAny(name, data, "")
	if err != nil {
		return nil, err
	}
	if rd.over != nil {
		return nil, rd.over
	}
	rd.res.MediaType = mt
	rd.res.Text = strings.TrimSpace(rd.text.String())
	for i := range rd.res.Blocks {
		rd.res.Blocks[i].Index = len(rd.res.Tables) + i
	}
	for _, a := range rd.alternatives {
		tb, blk := &rd.res.Tables[a[0]], &rd.res.Blocks[a[1]]
		tb.Alternatives = append(tb.Alternatives, blk.Index)
		blk.Alternatives = append(blk.Alternatives, tb.Index)
	}
	return rd.res, nil
}

// ReadFile is Read on the file at path, refusing files over MaxSize before
// reading them. It returns ErrTooLarge for those, the os error when the
// file cannot be opened, and otherwise what Read returns.
func ReadFile(ctx context.Context, path string) (*Result, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read reply: %w", err)
	}
	if info.Size() > MaxSize {
		return nil, tooLarge(path, info.Size())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read reply: %w", err)
	}
	return Read(ctx, path, data)
}

func tooLarge(name string, size int64) error {
	return &fileError{name: name, kind: ErrTooLarge,
		msg: fmt.Sprintf("file is %s; the limit is %s", megabytes(size), megabytes(MaxSize))}
}

// megabytes gives a size in whole MB (of 2^20 bytes), never rounding a
// non-empty size down to 0.
func megabytes(n int64) string {
	mb := (n + 1<<19) >> 20
	if mb == 0 && n > 0 {
		mb = 1
	}
	return fmt.Sprintf("%d MB", mb)
}

// reader holds the state of one Read call, shared by the readers of each
// format so that an email's attachments number their tables on from the
// body's and write into the same text.
type reader struct {
	ctx        context.Context
	name       string // the file Read was given, for messages
	res        *Result
	text       strings.Builder
	emailDepth int   // how many emails deep the current part is
	zipDepth   int   // how many zip archives deep the current part is
	unzipped   int64 // bytes unpacked from zip archives so far
	rows       int   // table rows kept so far, against MaxRows
	cells      int   // table cells kept so far, against MaxCells
	over       error // set when the tables passed MaxRows or MaxCells
	// mute is set while lines already written to the text are read again
	// for blocks, so that they are not written twice.
	mute int
	// alternatives pair a table's index with the position in Blocks of
	// another reading of the same lines, linked once Blocks are numbered.
	alternatives [][2]int
}

// fail returns a fileError for the file being read.
func (rd *reader) fail(kind error, err error, format string, args ...any) error {
	return &fileError{name: rd.name, kind: kind, msg: fmt.Sprintf(format, args...), err: err}
}

// warn records a warning, naming the part it concerns when there is one.
func (rd *reader) warn(part, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if part != "" {
		msg = part + ": " + msg
	}
	rd.res.Warnings = append(rd.res.Warnings, msg)
}

// addTable numbers t, records it and writes its cells into the text. Once
// the file's tables pass MaxRows or MaxCells, it records the failure Read
// returns and keeps nothing more.
func (rd *reader) addTable(t foiwire.Table) {
	if rd.over != nil {
		return
	}
	rd.rows += len(t.Rows)
	for _, row := range t.Rows {
		rd.cells += len(row)
	}
	if rd.rows > MaxRows || rd.cells > MaxCells {
		rd.over = &fileError{name: rd.name, kind: ErrTooLarge,
			msg: fmt.Sprintf("its tables hold over %d rows or %d cells, the most one reply may hold (%d rows and %d cells so far); split it into smaller files, or put its figures in data/figures.csv",
				MaxRows, MaxCells, rd.rows, rd.cells)}
		return
	}
	t.Index = len(rd.res.Tables)
	rd.res.Tables = append(rd.res.Tables, t)
	if rd.mute > 0 {
		return
	}
	for _, row := range t.Rows {
		for i, c := range row {
			if i > 0 {
				rd.text.WriteByte('\t')
			}
			rd.text.WriteString(c.Text)
		}
		rd.text.WriteByte('\n')
	}
	if t.Truncated {
		rd.warn(t.Part, "%s", cutWarning(t))
	}
}

// writeLine adds one line of prose to the text.
func (rd *reader) writeLine(s string) {
	if rd.mute > 0 {
		return
	}
	rd.text.WriteString(s)
	rd.text.WriteByte('\n')
}

// readAny sniffs data's type and reads it with the matching reader,
// labelling its tables with part. It returns the type it read it as.
func (rd *reader) readAny(name string, data []byte, part string) (string, error) {
	if err := rd.ctx.Err(); err != nil {
		return "", err
	}
	if len(data) == 0 {
		return "", &fileError{name: rd.label(name), kind: ErrEmpty, msg: "file is empty"}
	}
	if len(data) > MaxSize {
		return "", tooLarge(rd.label(name), int64(len(data)))
	}
	mt, err := rd.sniff(name, data)
	if err != nil {
		return "", err
	}
	switch mt {
	case MediaZip:
		err = rd.archive(data, part)
	case MediaMbox:
		err = rd.mbox(data)
	case MediaPDF:
		err = rd.pdf(data, part)
	case MediaImage:
		err = rd.image(name, data, part)
	case MediaXLSX:
		err = rd.xlsx(data, part)
	case MediaEmail:
		err = rd.email(data, part)
	case MediaHTML:
		err = rd.html(data, "", part)
	case MediaThread:
		err = rd.thread(data, part)
	case MediaCSV:
		s, note := decodeText(data)
		if note != "" {
			rd.warn(part, "%s", note)
		}
		err = rd.csv(s, part)
	default:
		s, note := decodeText(data)
		if note != "" {
			rd.warn(part, "%s", note)
		}
		if strings.TrimSpace(s) == "" {
			return "", &fileError{name: rd.label(name), kind: ErrEmpty, msg: "file holds only blank space"}
		}
		rd.plain(s, part, part == "")
	}
	return mt, err
}

// label names a file for messages: the file itself, or an attachment
// within it.
func (rd *reader) label(name string) string {
	if name == rd.name {
		return name
	}
	return rd.name + ", attachment " + name
}

// sniff decides how to read data: by its content where that is telling
// (magic bytes, markup, mail headers), else by name's extension, else by
// whether its lines split evenly on a delimiter. Binary data of a kind
// the package cannot read gives ErrUnsupported, a damaged zip ErrCorrupt.
func (rd *reader) sniff(name string, data []byte) (string, error) {
	head := data[:min(len(data), 1024)]
	ext := strings.ToLower(path.Ext(name))
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return MediaPDF, nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return rd.zipKind(name, data)
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return "", &fileError{name: rd.label(name), kind: ErrUnsupported,
			msg: "an old Office file (.xls, .doc or Outlook .msg) or a password-protected workbook; save it as .xlsx, .pdf or .eml"}
	}
	if isScanImage(data) {
		return MediaImage, nil
	}
	if !isUTF16(data) && looksBinary(data) {
		detected := http.DetectContentType(data)
		what := "binary data of no kind foiwire reads"
		switch {
		case strings.HasPrefix(detected, "image/"):
			what = "an image (" + detected + "); a scanned reply needs OCR first"
		case detected != "application/octet-stream":
			what = "binary data (" + detected + "), not a reply foiwire can read"
		case ext == ".pdf" || ext == ".xlsx":
			what = "named " + ext + " but is neither that nor text"
		}
		return "", &fileError{name: rd.label(name), kind: ErrUnsupported, msg: what}
	}
	text, _ := decodeText(head)
	switch {
	case looksLikeThread(head):
		return MediaThread, nil
	case rd.emailDepth == 0 && isMbox(data):
		return MediaMbox, nil
	case looksLikeEmail(text):
		return MediaEmail, nil
	case looksLikeHTML(text):
		return MediaHTML, nil
	}
	switch ext {
	case ".csv", ".tsv":
		return MediaCSV, nil
	case ".txt", ".text", ".md":
		return MediaText, nil
	case ".eml":
		return MediaEmail, nil
	case ".html", ".htm", ".xhtml":
		return MediaHTML, nil
	}
	if s, _ := decodeText(data[:min(len(data), 64<<10)]); looksLikeCSV(s) {
		return MediaCSV, nil
	}
	return MediaText, nil
}

// zipKind opens data's zip directory to tell a workbook from other zipped
// formats and from a plain archive of files, and refuses a workbook that
// would unpack as a zip bomb before anything is unpacked.
func (rd *reader) zipKind(name string, data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", &fileError{name: rd.label(name), kind: ErrCorrupt, err: err,
			msg: "zip archive is damaged or cut short: " + err.Error()}
	}
	has := map[string]bool{}
	for _, f := range zr.File {
		has[f.Name] = true
	}
	switch {
	case has["xl/workbook.xml"]:
		if err := checkZipSizes(zr); err != nil {
			var fe *fileError
			if errors.As(err, &fe) {
				fe.name = rd.label(name)
			}
			return "", err
		}
		return MediaXLSX, nil
	case has["word/document.xml"]:
		return "", &fileError{name: rd.label(name), kind: ErrUnsupported, msg: "a Word document (.docx); save it as PDF"}
	case has["mimetype"] || has["content.xml"]:
		return "", &fileError{name: rd.label(name), kind: ErrUnsupported, msg: "an OpenDocument file; save it as .xlsx or PDF"}
	}
	return MediaZip, nil
}

// looksLikeEmail reports whether s starts with a block of mail headers
// naming at least two of the fields every message has.
func looksLikeEmail(s string) bool {
	lines := strings.Split(s, "\n")
	if len(lines) > 0 && strings.HasPrefix(lines[0], "From ") { // mbox separator line
		lines = lines[1:]
	}
	known, anchor := 0, false
	for i, line := range lines {
		line = strings.TrimRight(line, "\r")
		if line == "" {
			return i > 0 && known >= 2 && anchor
		}
		if line[0] == ' ' || line[0] == '\t' {
			if i == 0 {
				return false
			}
			continue
		}
		key, _, ok := strings.Cut(line, ":")
		if !ok || key == "" || strings.ContainsAny(key, " \t") {
			return false
		}
		switch strings.ToLower(key) {
		case "from", "received", "mime-version", "message-id", "return-path":
			known++
			anchor = true
		case "to", "subject", "date", "content-type", "cc", "reply-to", "delivered-to":
			known++
		}
	}
	// Only the first 1 KB is sniffed; a header block longer than that still counts.
	return len(lines) > 3 && known >= 2 && anchor
}

// looksLikeHTML reports whether s, a file's opening, is markup.
func looksLikeHTML(s string) bool {
	t := strings.ToLower(strings.TrimLeft(s, " \t\r\n\uFEFF"))
	if strings.HasPrefix(t, "<?xml") { // XHTML, or some other XML
		return strings.Contains(t, "<html")
	}
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<table", "<meta", "<title", "<div", "<p>", "<h1", "<h2"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return strings.Contains(t, "<html") || strings.Contains(t, "<table") || strings.Contains(t, "<body")
}
