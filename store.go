package foiwire

import (
	"context"
	"errors"
	"time"
)

// Errors the stores return, wrapped with what failed; test with errors.Is.
var (
	// ErrNotFound is wrapped when the thing asked for is not stored.
	ErrNotFound = errors.New("not found")
	// ErrConflict is wrapped when a change was made against a version that
	// someone else has since replaced: the change is not stored, and the
	// caller shows the person what is there now.
	ErrConflict = errors.New("changed by someone else meanwhile")
)

// Store is where a campaign's working data is kept: the replies and the
// figures read from them, what people said about the figures, the accounts
// of the web app, the editors' decisions about stories, and what the last
// build derived. The sqlite and postgres packages implement it; requests
// are kept beside it (see request.Store). Implementations are safe for
// concurrent use.
type Store interface {
	ReplyStore
	CorrectionStore
	AccountStore
	ReviewStore
	OutputStore
	// Changes says how far people's changes have got, so that one of
	// several servers sharing a store can tell another changed something.
	Changes(ctx context.Context) (Changes, error)
	Close() error
}

// Changes marks how far the changes people make have got: each number
// grows with every correction or story review stored.
type Changes struct {
	Corrections int64
	Reviews     int64
}

// Reply is everything read from one reply file: the document's bytes and
// the figures found in it, or the problem that stopped it being read.
type Reply struct {
	Document Document
	Data     []byte
	Figures  []Figure
	// Problem is set when the file could not be read; the document is still
	// stored so a person can look at it, and no figures are kept for it.
	Problem string
}

// Arrival is one reply file as it arrived: an authority's file name and
// the document it holds.
type Arrival struct {
	Authority, Name, SHA256 string
	MediaType               string
	Size                    int64
	ReceivedAt              time.Time
	Problem                 string
}

// ArrivalName names a reply file received: its authority and file name.
type ArrivalName struct{ Authority, Name string }

// Withdrawal records a reply file taken out of a campaign (deleted, or
// moved out of the replies folder) and how many figures went with it.
type Withdrawal struct {
	Authority, Name, SHA256 string
	Figures                 int // figures withdrawn with it
	Why                     string
	At                      time.Time
}

// ReplyStore keeps replies and the figures read from them. Figures belong
// to an authority's document: identical bytes filed by two authorities
// (a joint FOI unit answering for both) keep both authorities' figures.
type ReplyStore interface {
	// SaveReply stores a reply all-or-nothing: the document (once, by its
	// hash), its arrival under the authority and file name, and its
	// figures, replacing what an earlier read of the same file stored.
	// Saving the same reply twice changes nothing.
	SaveReply(ctx context.Context, r Reply) error
	// Figures returns the stored figures, of one authority when authority
	// is not empty, ordered by authority, file, document, table, row,
	// column and measure.
	Figures(ctx context.Context, authority string) ([]Figure, error)
	// FigureVersions returns the version of each authority's figures: a
	// value that changes, to one never used before, in the same
	// transaction as any change to them. Figures read under a version
	// are still the stored ones while the version stands. An authority
	// whose figures have no version has "", which stands for nothing.
	FigureVersions(ctx context.Context) (map[string]string, error)
	// Arrivals lists the reply files received, by authority and name.
	Arrivals(ctx context.Context) ([]Arrival, error)
	// ArrivalNames lists the reply files received, by authority and name,
	// as Arrivals does, but only their names: it reads nothing of the
	// documents, which a build asks for every time.
	ArrivalNames(ctx context.Context) ([]ArrivalName, error)
	// Document returns a stored document's bytes and media type, or an
	// error wrapping ErrNotFound.
	Document(ctx context.Context, sha string) ([]byte, string, error)
	// WithdrawReply takes an arrival out: its figures go, unless another
	// file of the same authority holds the same bytes; the document's
	// bytes are kept. It returns an error wrapping ErrNotFound when there
	// is no such arrival.
	WithdrawReply(ctx context.Context, authority, name, why string) (Withdrawal, error)
	// Withdrawals lists the replies withdrawn, latest first.
	Withdrawals(ctx context.Context) ([]Withdrawal, error)
}

// CorrectionStore keeps what people said about figures.
type CorrectionStore interface {
	// AddCorrection records a correction, stamped with the store's clock,
	// and returns it with its id, time and version. It returns an error
	// wrapping ErrBadCorrection when it does not make sense, and one
	// wrapping ErrConflict (with the latest correction's Version, when
	// c.Version was not 0) when someone corrected the figure meanwhile.
	AddCorrection(ctx context.Context, c Correction) (Correction, error)
	// Corrections returns every correction made, of one authority when
	// authority is not empty, oldest first.
	Corrections(ctx context.Context, authority string) ([]Correction, error)
}

// AccountStore keeps the web app's users, sessions and API tokens.
// Passwords and tokens are kept only as hashes.
type AccountStore interface {
	// AddUser makes an account. It returns an error wrapping ErrUserExists
	// or ErrWeakPass, or naming what is wrong with the name or role.
	AddUser(ctx context.Context, name string, role Role, password string) (User, error)
	// SetPassword replaces a password and signs the user out everywhere.
	SetPassword(ctx context.Context, name, password string) error
	// RemoveUser deletes a user with their sessions and tokens.
	RemoveUser(ctx context.Context, name string) error
	// Users lists the users by name.
	Users(ctx context.Context) ([]User, error)
	// Authenticate checks a name and password; the error wraps ErrBadLogin
	// for an unknown name and a wrong password alike.
	Authenticate(ctx context.Context, name, password string) (User, error)
	// NewSession starts a session lasting ttl.
	NewSession(ctx context.Context, name string, ttl time.Duration) (Session, error)
	// LookupSession returns the live session of a cookie token, or an
	// error wrapping ErrNoSession.
	LookupSession(ctx context.Context, token string) (Session, error)
	// EndSession signs a session out.
	EndSession(ctx context.Context, token string) error
	// NewAPIToken makes a read-only API token; only its hash is kept.
	NewAPIToken(ctx context.Context, name, label string) (string, error)
	// LookupAPIToken returns the user of a token, or an error wrapping
	// ErrNoSession.
	LookupAPIToken(ctx context.Context, token string) (User, error)
	// RevokeAPITokens deletes a user's tokens and returns how many.
	RevokeAPITokens(ctx context.Context, name string) (int, error)
}

// ReviewStore keeps the editors' decisions about each authority's story.
type ReviewStore interface {
	// StoryReviews returns every authority's review.
	StoryReviews(ctx context.Context) ([]StoryReview, error)
	// SaveStoryReview stores r provided the stored review is still at
	// r.Version (0 when there was none), and returns it at its new
	// version. It returns an error wrapping ErrConflict, and the review
	// as stored now, when someone changed it meanwhile.
	SaveStoryReview(ctx context.Context, r StoryReview) (StoryReview, error)
	// SaveApprovedFiles keeps the files of version hash of an authority's
	// story, all or none, replacing any kept before for that version, so
	// that a download of an approved story holds the bytes approved and
	// nothing a later build wrote.
	SaveApprovedFiles(ctx context.Context, authority, hash string, files []StoryFile) error
	// ApprovedFiles returns the files kept for version hash of an
	// authority's story, in name order; none when that version was never
	// approved.
	ApprovedFiles(ctx context.Context, authority, hash string) ([]StoryFile, error)
}

// StoryFile is one file of a story as written: "story.md" and its bytes.
type StoryFile struct {
	Name string
	Data []byte
}

// OutputStore keeps what the last build derived, so the campaign database
// opened in another tool holds the facts and stories beside the figures.
type OutputStore interface {
	// SaveOutputs replaces the stored authority names, facts and stories
	// with these, in one transaction.
	SaveOutputs(ctx context.Context, authorities []Authority, facts []Fact, stories []StoryRecord) error
}

// StoryReview is what editors decided about an authority's story: who
// approved which version (by the hash of its text, so an approval lapses
// when the story changes) and when it may be published.
type StoryReview struct {
	Authority    string
	ApprovedHash string // "" when never approved
	ApprovedBy   string
	ApprovedAt   time.Time
	Embargo      time.Time // zero when the editors set none
	EmbargoBy    string
	EmbargoAt    time.Time
	// Version counts the changes made to the review; a change is stored
	// only against the version it was made from.
	Version int
}

// StoryRecord is an authority's story as the last build made it.
type StoryRecord struct {
	Authority string
	Headline  string
	Text      string // the story as Markdown; "" when refused
	Written   bool   // false when the self-check refused it
	Refusal   string // why it was refused
	Dir       string // where its files were written
}
