package table

import "errors"

// The kinds of failure Read reports. Test for them with errors.Is; the
// error's message says which file failed and why.
var (
	// ErrEmpty is a file with no bytes, or no text at all.
	ErrEmpty = errors.New("empty file")
	// ErrTooLarge is a file, or a compressed file once unpacked, over a
	// size limit.
	ErrTooLarge = errors.New("file too large")
	// ErrUnsupported is a file of a type the package cannot read (a Word
	// document, an image, an old .xls) or that needs a missing program.
	ErrUnsupported = errors.New("unsupported file type")
	// ErrCorrupt is a file that claims a type but is damaged or truncated.
	ErrCorrupt = errors.New("corrupt file")
	// ErrNeedsOCR is a scanned document or a picture with no text layer
	// that OCR could not read, or that needs OCR tools which are not
	// installed: a person must read it. An error of this kind is also
	// ErrUnsupported.
	ErrNeedsOCR = errors.New("needs OCR")
)

// fileError is a failure to read one file: a kind callers test for with
// errors.Is, and a message naming the file.
type fileError struct {
	name string
	kind error  // one of the Err values above
	msg  string // what went wrong, for a person
	err  error  // the underlying error, if any
}

func (e *fileError) Error() string { return "reply " + e.name + ": " + e.msg }

func (e *fileError) Is(target error) bool {
	return target == e.kind || e.kind == ErrNeedsOCR && target == ErrUnsupported
}

func (e *fileError) Unwrap() error { return e.err }
