package foiwire

import "strconv"

// Measure says what a figure counts by.
type Measure string

// The measures a figure can have.
const (
	MeasurePeriod  Measure = "period"  // a count for a period
	MeasureOffence Measure = "offence" // a count for an offence in a period
	MeasureOutcome Measure = "outcome" // a count for an outcome in a period
	MeasureRefusal Measure = "refusal" // no figure: the request was refused or the data not held
	// MeasureUnread marks a reply nothing could be read from with
	// confidence: always for review, with the reader's best guess (if any)
	// as its value, so no reply is passed over in silence.
	MeasureUnread Measure = "unread"
)

// Status says whether a figure holds a number.
type Status string

// The statuses a figure can have.
const (
	StatusOK         Status = "ok"
	StatusSuppressed Status = "suppressed" // "<5", "*", "-": withheld by the authority
	StatusNotHeld    Status = "not_held"
	StatusRefused    Status = "refused"
	StatusUnread     Status = "unread" // an unread reply with no best guess
)

// Confidence says whether a person must look at a figure before it is used.
type Confidence string

// The confidences a figure can have.
const (
	ConfidenceHigh   Confidence = "high"
	ConfidenceReview Confidence = "review"
)

// Source is where a figure was read: the document by its SHA-256, the table
// within it (0-based), the row and column within the table (0-based), and the
// cell's text as printed.
type Source struct {
	Document string `json:"document"`
	File     string `json:"file,omitempty"` // the name the document arrived under
	Table    int    `json:"table"`
	Row      int    `json:"row"`
	Col      int    `json:"col"`
	Text     string `json:"text"`
}

// Figure is one normalised number read from a reply, or a refusal.
type Figure struct {
	Authority string  `json:"authority"`
	Question  string  `json:"question,omitempty"` // the campaign question it answers
	Measure   Measure `json:"measure"`
	Period
	Label    string `json:"label"`    // the reply's own words
	Category string `json:"category"` // canonical key, "" when none applies or none matched
	// Series names which of several series in one reply the figure belongs
	// to, when a heading is neither a period nor a category: "Facebook" and
	// "Twitter", a hospital, "Reports" and "Fines". "" when there is one.
	Series     string     `json:"series,omitempty"`
	Value      *int64     `json:"value"` // nil unless Status is ok
	Status     Status     `json:"status"`
	IsTotal    bool       `json:"is_total"`
	Confidence Confidence `json:"confidence"`
	// Reason says why a figure needs review, or how a refusal was recognised.
	Reason string `json:"reason,omitempty"`
	// AuthorityFrom says how the authority was found when nobody named it:
	// "header", "text: 'Dorset Police'", "file name", "campaign folder".
	AuthorityFrom string `json:"authority_from,omitempty"`
	Source        Source `json:"source"`
}

// Int returns the figure's value and whether it has one.
func (f Figure) Int() (int64, bool) {
	if f.Value == nil {
		return 0, false
	}
	return *f.Value, true
}

// Int64 returns a pointer to v, for filling Figure.Value.
func Int64(v int64) *int64 { return &v }

// Key names a figure by where it was read, so it stays the same when a reply
// is read again: "<document>/<table>/<row>/<col>/<measure>", or for a
// collated figure "<file>:<row>/<measure>". The series is not part of it:
// one cell holds one figure, so the position already tells series apart.
func (f Figure) Key() string {
	// Built by hand, not with fmt: exports and corrections ask for the key
	// of every figure of a campaign.
	s := &f.Source
	if s.Document == "" {
		b := make([]byte, 0, len(s.File)+len(f.Measure)+12)
		b = append(b, s.File...)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(s.Row), 10)
		b = append(b, '/')
		b = append(b, f.Measure...)
		return string(b)
	}
	b := make([]byte, 0, len(s.Document)+len(f.Measure)+24)
	b = append(b, s.Document...)
	for _, n := range [...]int{s.Table, s.Row, s.Col} {
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(n), 10)
	}
	b = append(b, '/')
	b = append(b, f.Measure...)
	return string(b)
}
