package pipeline

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync/atomic"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/dataset"
	"github.com/foiwire/foiwire/table"
)

// Outcome is how the reading of one reply file ended. Every file under
// replies/ ends in exactly one.
type Outcome string

// The outcomes of a reply file.
const (
	// OutcomeFigures: figures were read, all with confidence.
	OutcomeFigures Outcome = "figures"
	// OutcomeRefusal: the reply refused the request or said the
	// information is not held.
	OutcomeRefusal Outcome = "refusal"
	// OutcomeReview: a person must look: figures read without confidence,
	// or a scan that needs OCR.
	OutcomeReview Outcome = "review"
	// OutcomeUnreadable: nothing could be read from the file; Message says
	// why.
	OutcomeUnreadable Outcome = "unreadable"
)

// Account says what became of one reply file.
type Account struct {
	Authority string // "" for a file outside any authority's folder
	File      string // the path under the authority's folder
	Outcome   Outcome
	Figures   int    // figures read from it
	Review    int    // of those, how many a person must look at
	Message   string // for review and unreadable: why, on one line
	// Unread is set when the reader found nothing it could read and gave
	// the file's review row itself (foiwire.MeasureUnread, with its best
	// guess); Message then holds that row's reason.
	Unread bool
	// Notes are what a person should know about a file that was read: an
	// encoding guessed, an attachment left out, a page that was damaged.
	Notes []string
}

// Line is the account on one line, "file: outcome: detail", as in
// "kent/scan.pdf: review: needs OCR: …" or "dorset/reply.html: figures: 12".
func (a Account) Line() string {
	var b strings.Builder
	if a.Authority != "" {
		b.WriteString(a.Authority + "/")
	} else {
		b.WriteString("replies/")
	}
	b.WriteString(a.File)
	b.WriteString(": " + string(a.Outcome) + ": ")
	switch {
	case a.Outcome == OutcomeFigures:
		fmt.Fprintf(&b, "%d", a.Figures)
	case a.Outcome == OutcomeReview && a.Figures > 0:
		fmt.Fprintf(&b, "%d figures, %d to check", a.Figures, a.Review)
	case a.Message != "":
		b.WriteString(a.Message)
	default:
		b.WriteString("-")
	}
	for _, n := range a.Notes {
		b.WriteString("; " + n)
	}
	return oneLine(b.String())
}

// oneLine folds a message onto one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// maxNotes is how many of a file's warnings its account keeps.
const maxNotes = 3

// repliesOpened counts the reply files opened, for the tests that check
// that a rebuild leaves unchanged files shut.
var repliesOpened atomic.Int64

// readReplyFile reads a reply file's bytes, refusing what is not a
// regular file (a symbolic link, a pipe, a device: never followed or
// opened, since a link can point anywhere and a pipe can block the build
// for ever) and what is over MaxReplySize. problem is "" when data was
// read.
func readReplyFile(rf campaign.ReplyFile) (data []byte, info fs.FileInfo, problem string) {
	if rf.Problem != "" {
		return nil, nil, rf.Problem
	}
	if what := notRegular(rf.Type); what != "" {
		return nil, nil, "refused: " + what + "; foiwire reads only regular files under replies/ and does not follow links"
	}
	f, err := openNoFollow(rf.Path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, nil, "cannot open it: " + err.Error()
	}
	defer f.Close()
	repliesOpened.Add(1)
	info, err = f.Stat()
	if err != nil {
		return nil, nil, "cannot open it: " + err.Error()
	}
	if what := notRegular(info.Mode().Type()); what != "" {
		return nil, nil, "refused: " + what + "; foiwire reads only regular files under replies/ and does not follow links"
	}
	if info.Size() > MaxReplySize {
		return nil, nil, fmt.Sprintf("file is %d MB; the limit is %d MB", (info.Size()+1<<20-1)>>20, MaxReplySize>>20)
	}
	data, err = readAll(io.LimitReader(f, MaxReplySize+1), info.Size())
	if err != nil {
		return nil, nil, "cannot read it: " + err.Error()
	}
	if len(data) > MaxReplySize {
		return nil, nil, fmt.Sprintf("file grew past the limit of %d MB while being read", MaxReplySize>>20)
	}
	return data, info, ""
}

// notRegular names a file type that is not a regular file, or "".
func notRegular(t fs.FileMode) string {
	switch {
	case t&fs.ModeSymlink != 0:
		return "a symbolic link"
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case t&fs.ModeSocket != 0:
		return "a socket"
	case t&fs.ModeDevice != 0, t&fs.ModeCharDevice != 0:
		return "a device"
	case t&fs.ModeDir != 0:
		return "a folder"
	case t&fs.ModeIrregular != 0:
		return "not a regular file"
	}
	return ""
}

// ocrReason is the review reason of a figure read from a scan by OCR.
const ocrReason = "read by OCR from a scan: check the figure against the scan"

// accountFor decides a read file's outcome from what dataset.Read gave:
// its output (figures, refusal, warnings) and error. It marks figures
// read by OCR for review, since OCR misreads digits.
func accountFor(rf campaign.ReplyFile, out *dataset.Output, rerr error) Account {
	a := Account{Authority: rf.Authority, File: rf.Name}
	if rerr != nil {
		msg := rerr.Error()
		// The error repeats the file's name; the account line already has it.
		msg = strings.TrimPrefix(msg, rf.Name+": ")
		msg = strings.TrimPrefix(msg, "reply "+rf.Name+": ")
		a.Message = oneLine(msg)
		a.Outcome = OutcomeUnreadable
		if errors.Is(rerr, table.ErrNeedsOCR) {
			a.Outcome = OutcomeReview
			a.Message = "needs OCR: " + a.Message
		}
		return a
	}
	if out == nil {
		a.Outcome, a.Message = OutcomeUnreadable, "the reader gave nothing for it"
		return a
	}
	ocr := false
	for _, w := range out.Warnings {
		if strings.HasPrefix(w, table.OCRWarning) {
			ocr = true
			continue
		}
		if len(a.Notes) < maxNotes {
			a.Notes = append(a.Notes, oneLine(w))
		}
	}
	if n := len(out.Warnings); n > maxNotes+1 || (n > maxNotes && !ocr) {
		a.Notes = append(a.Notes, "and more warnings")
	}
	for i := range out.Figures {
		f := &out.Figures[i]
		if ocr && f.Measure != foiwire.MeasureRefusal && f.Confidence != foiwire.ConfidenceReview {
			f.Confidence = foiwire.ConfidenceReview
			f.Reason = ocrReason
		}
		if f.Confidence == foiwire.ConfidenceReview {
			a.Review++
		}
	}
	a.Figures = len(out.Figures)
	unread := 0
	for _, f := range out.Figures {
		if f.Measure == foiwire.MeasureUnread {
			unread++
			if a.Message == "" {
				a.Message = "unread: " + f.Reason
			}
		}
	}
	switch {
	case unread > 0 && unread == a.Figures && !out.Refused:
		a.Outcome, a.Unread = OutcomeReview, true
		a.Figures, a.Review = 0, 0
	case out.Refused:
		a.Outcome = OutcomeRefusal
		if len(out.Figures) > 0 {
			a.Message = out.Figures[0].Label
		}
		a.Figures, a.Review = 0, 0
	case a.Figures == 0:
		a.Outcome = OutcomeUnreadable
		a.Message = "no figures, table or refusal found in it"
		if len(a.Notes) > 0 {
			a.Message += " (" + strings.Join(a.Notes, "; ") + ")"
			a.Notes = nil
		}
	case a.Review > 0:
		a.Outcome = OutcomeReview
	default:
		a.Outcome = OutcomeFigures
	}
	return a
}

// refusedAccount is the account of a file refused before it was read.
func refusedAccount(rf campaign.ReplyFile, problem string) Account {
	return Account{Authority: rf.Authority, File: rf.Name, Outcome: OutcomeUnreadable, Message: oneLine(problem)}
}

// accountRows are review.csv's rows for files a person must look at as a
// whole: those unreadable, and those waiting for OCR.
func accountRows(accts []Account) [][]string {
	var rows [][]string
	for _, a := range accts {
		if a.Unread || (a.Outcome != OutcomeUnreadable && (a.Outcome != OutcomeReview || a.Figures > 0)) {
			continue // an unread file's review row is already among the figures
		}
		status := "unreadable"
		if a.Outcome == OutcomeReview {
			status = "needs_review"
		}
		rows = append(rows, []string{a.Authority, a.File, "", "", "", "file", "", "", "", "", status, "", a.Message})
	}
	return rows
}

// readAll reads r to its end into a buffer made for size bytes (and one
// more, to see the end), as os.ReadFile does, rather than one grown step
// by step as io.ReadAll grows it: a build reads every reply to know
// whether it changed. A file that grew meanwhile is still read whole.
func readAll(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, max(size, 0)+1)
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}
