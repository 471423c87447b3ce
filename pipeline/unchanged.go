package pipeline

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/campaign"
)

// savedLedger remembers which read of each reply file the last build saved
// to which database, in DIR/.foiwire/cache/saved.json, so that a rebuild
// neither reads nor saves a reply nothing has changed for. Trust is
// checked afterwards: the database's figures of every skipped reply must
// be exactly the figures the read gave (checkSkipped), or the reply is
// saved again.
type savedLedger struct {
	path    string            // "" when off
	DB      string            `json:"db"`
	Replies map[string]saved  `json:"replies"` // by authority/name
	skipped map[docKey]digest // what the database must hold for each skipped reply
	files   map[docKey][]campaign.ReplyFile
}

// saved is one reply as the last build saved it. Account and Digests are
// what that read gave, so that a rebuild can skip the reply without
// loading the read from the cache: the account is the file's line of the
// build summary, the digests what the database must hold for it.
//
// SHA256 (in hex) and Stat are the file's bytes' hash and its signature
// when they were last read, so that a rebuild whose stat of the file
// still reads the same keys the read without opening the file.
type saved struct {
	Key     string        `json:"key"`
	ModTime time.Time     `json:"mod_time"`
	Account *Account      `json:"account,omitempty"`
	Digests []savedDigest `json:"digests,omitempty"`
	SHA256  string        `json:"sha256,omitempty"`
	Stat    *fileStat     `json:"stat,omitempty"`
}

// statSig is what a file's stat says that moves when the file is changed:
// which file it is (device and inode, so that a file renamed over it or
// deleted and made again differs), its size, and its modification and
// change times in nanoseconds. Only the clock sets the change time, so a
// file rewritten and given back its old modification time still differs.
type statSig struct {
	Dev   uint64 `json:"dev"`
	Ino   uint64 `json:"ino"`
	Size  int64  `json:"size"`
	Mtime int64  `json:"mtime_ns"`
	Ctime int64  `json:"ctime_ns"`
}

// fileStat is a file's signature as the ledger keeps it, with the moment,
// by this machine's clock, just before it was read.
type fileStat struct {
	statSig
	Taken int64 `json:"taken_ns"`
}

// racyMargin is how much older than the moment its signature was taken a
// file's times must be for the signature to stand for its bytes.
//
// The times a file system stamps are coarse: Linux takes them from a clock
// that moves once per timer tick (up to 10 ms), some file systems keep
// whole seconds, and FAT keeps modification times to two seconds. A file
// rewritten in place with as many bytes soon after its signature was
// taken can therefore carry exactly the times it had, and its device,
// inode and size never moved: the signature would match bytes it no
// longer holds (git's "racy clean" entries). A write after the signature
// was taken stamps times no earlier than that moment less one step of the
// coarsest clock, so times older than the moment by more than that step
// cannot be stamped again by any later write. Two seconds covers FAT's
// step and leaves room for a little disagreement between this machine's
// clock and a network file system's; a file changed more recently is
// simply read and hashed, as every file was before, and its signature is
// trusted from the first build made two seconds or more after the change.
const racyMargin = 2 * time.Second

// trusted reports whether the file's times are old enough, against the
// moment the signature was taken, for an unchanged signature to mean
// unchanged bytes (see racyMargin).
func (s *fileStat) trusted() bool {
	limit := s.Taken - racyMargin.Nanoseconds()
	return s.Mtime < limit && s.Ctime < limit
}

// savedDigest is a digest of one document's figures, as kept in the
// ledger.
type savedDigest struct {
	Authority string    `json:"authority"`
	Document  string    `json:"document"`
	N         int       `json:"n"`
	Sum       [4]uint64 `json:"sum"`
}

type docKey struct{ authority, sha string }

// digest sums a set of figures, whatever their order.
type digest struct {
	n   int
	sum [4]uint64
}

// openLedger reads the ledger of the campaign's read cache. It is off
// when the cache is, or when the database is not a file foiwire.db can be
// told apart by (its path and inode).
func openLedger(cache *readCache, db string) *savedLedger {
	l := &savedLedger{Replies: map[string]saved{}, skipped: map[docKey]digest{}, files: map[docKey][]campaign.ReplyFile{}}
	id := databaseIdentity(db)
	if cache.dir == "" || id == "" {
		return l
	}
	l.path = filepath.Join(cache.dir, "saved.json")
	var old savedLedger
	if b, err := os.ReadFile(l.path); err == nil && json.Unmarshal(b, &old) == nil && old.DB == id {
		l.Replies = old.Replies
	}
	l.DB = id
	return l
}

// databaseIdentity names the database file so that a deleted and
// recreated one is not taken for the one the ledger was written against.
func databaseIdentity(db string) string {
	abs, err := filepath.Abs(db)
	if err != nil {
		return ""
	}
	st, err := os.Stat(abs)
	if err != nil {
		return ""
	}
	ino := inode(st)
	if ino == "" {
		return ""
	}
	return abs + "#" + ino
}

// prior returns the ledger's entries as they were read, for the readers
// to consult while the build updates the ledger.
func (l *savedLedger) prior() map[string]saved {
	if l.path == "" {
		return nil
	}
	return maps.Clone(l.Replies)
}

// known returns the saved entry for rf when it was saved from exactly the
// read key names, with its account and digests: the reply need not be
// read, from the cache or otherwise.
func known(prior map[string]saved, rf campaign.ReplyFile, key string, modTime time.Time) (saved, bool) {
	s, ok := prior[rf.Authority+"/"+rf.Name]
	if !ok || key == "" || s.Key != key || !s.ModTime.Equal(modTime) || s.Account == nil {
		return saved{}, false
	}
	return s, true
}

// unchangedSince returns rf's result without opening the file when the
// last build saved it and the file has not changed since: its lstat gives
// the signature the ledger keeps, that signature is trusted, and the read
// cache's key worked out from the ledger's hash of the bytes is the one
// saved. ok is false when the file must be read and hashed as ever, which
// also refuses what is not a regular file, with the usual message.
func unchangedSince(prior map[string]saved, cache *readCache, rf campaign.ReplyFile, now foiwire.Date) (readResult, bool) {
	s, ok := prior[rf.Authority+"/"+rf.Name]
	if !ok || s.Stat == nil || !s.Stat.trusted() || len(s.SHA256) != 2*sha256.Size || rf.Problem != "" || notRegular(rf.Type) != "" {
		return readResult{}, false
	}
	// Lstat, which does not follow a link: a link put in the file's place
	// is not regular, and readReplyFile refuses it.
	st, err := os.Lstat(rf.Path)
	if err != nil || !st.Mode().IsRegular() {
		return readResult{}, false
	}
	if sig, ok := signatureOf(st); !ok || sig != s.Stat.statSig {
		return readResult{}, false
	}
	var sum [sha256.Size]byte
	if _, err := hex.Decode(sum[:], []byte(s.SHA256)); err != nil {
		return readResult{}, false
	}
	key := cache.key(rf, sum, now)
	s, ok = known(prior, rf, key, st.ModTime())
	if !ok {
		return readResult{}, false
	}
	return readResult{modTime: st.ModTime(), key: key, sum: sum, cached: true, known: &s}, true
}

// skip reports whether rf's read r is the one already saved, and records
// what the database must then hold for it. When r was read from the file,
// the ledger's entry takes the signature it was read with, so that a file
// found unchanged only by hashing it (touched, or too new for its
// signature to be trusted) need not be hashed next time.
func (l *savedLedger) skip(rf campaign.ReplyFile, r readResult) bool {
	if l.path == "" || !r.cached {
		return false
	}
	s, ok := l.Replies[rf.Authority+"/"+rf.Name]
	if !ok || s.Key != r.key || !s.ModTime.Equal(r.modTime) {
		return false
	}
	var ds map[docKey]digest
	switch {
	case r.known != nil:
		ds = map[docKey]digest{}
		for _, d := range r.known.Digests {
			ds[docKey{d.Authority, d.Document}] = digest{n: d.N, sum: d.Sum}
		}
	case r.out == nil:
		return false
	case r.err == nil:
		ds = digestFigures(r.out.Figures)
	}
	for k := range ds {
		if _, dup := l.skipped[k]; dup {
			return false // two files hold one document: save both as usual
		}
	}
	for k, d := range ds {
		l.skipped[k] = d
		l.files[k] = append(l.files[k], rf)
	}
	if r.stat != nil {
		s.SHA256, s.Stat = hex.EncodeToString(r.sum[:]), r.stat
		l.Replies[rf.Authority+"/"+rf.Name] = s
	}
	return true
}

// saved records that r, accounted for as a, was saved for rf.
func (l *savedLedger) saved(rf campaign.ReplyFile, r readResult, a Account) {
	if r.key == "" || r.out == nil {
		delete(l.Replies, rf.Authority+"/"+rf.Name)
		return
	}
	s := saved{Key: r.key, ModTime: r.modTime, Account: &a}
	if r.stat != nil {
		s.SHA256, s.Stat = hex.EncodeToString(r.sum[:]), r.stat
	}
	if r.err == nil {
		for k, d := range digestFigures(r.out.Figures) {
			s.Digests = append(s.Digests, savedDigest{Authority: k.authority, Document: k.sha, N: d.n, Sum: d.sum})
		}
		slices.SortFunc(s.Digests, func(a, b savedDigest) int {
			return cmp.Or(cmp.Compare(a.Authority, b.Authority), cmp.Compare(a.Document, b.Document))
		})
	}
	l.Replies[rf.Authority+"/"+rf.Name] = s
}

// forget drops the ledger's entries for files no longer there.
func (l *savedLedger) forget(files []campaign.ReplyFile) {
	keep := map[string]bool{}
	for _, rf := range files {
		keep[rf.Authority+"/"+rf.Name] = true
	}
	for k := range l.Replies {
		if !keep[k] {
			delete(l.Replies, k)
		}
	}
}

// write saves the ledger.
func (l *savedLedger) write() error {
	if l.path == "" {
		return nil
	}
	b, err := json.Marshal(l)
	if err != nil {
		return fmt.Errorf("write %s: %w", l.path, err)
	}
	// Like the cache files, the ledger is written without waiting for the
	// disk: a ledger lost or cut short reads as none, and one that
	// outlives the database's last writes is caught by checkSkipped.
	return writeCacheFile(l.path, b)
}

// checkSkipped compares the database's figures with what each skipped
// reply's read gave and returns the files whose figures differ (or are
// missing), which must be saved again.
func (l *savedLedger) checkSkipped(figs []foiwire.Figure, have map[docKey]digest) []campaign.ReplyFile {
	if len(l.skipped) == 0 {
		return nil
	}
	if have == nil {
		have = digestFiguresOf(figs, func(k docKey) bool { _, ok := l.skipped[k]; return ok })
	}
	var again []campaign.ReplyFile
	for k, want := range l.skipped {
		if have[k] != want {
			again = append(again, l.files[k]...)
			for _, rf := range l.files[k] {
				delete(l.Replies, rf.Authority+"/"+rf.Name)
			}
		}
	}
	return again
}

// digestFigures sums figures by the authority and document they belong
// to. A cell read twice counts once, its last reading, as the stores keep
// it. Each figure's SHA-256 over every field (appendFigure) is added into
// the sums, so the digest does not depend on the figures' order and is
// the same in every process: the ledger keeps it between builds.
func digestFigures(figs []foiwire.Figure) map[docKey]digest {
	return digestFiguresOf(figs, func(docKey) bool { return true })
}

// digestFiguresOf is digestFigures of the documents keep says yes to.
func digestFiguresOf(figs []foiwire.Figure, keep func(docKey) bool) map[docKey]digest {
	last := map[cellKey]int{}
	for i := range figs {
		if keep(docKey{figs[i].Authority, figs[i].Source.Document}) {
			last[keyOf(&figs[i])] = i
		}
	}
	out := map[docKey]digest{}
	var buf []byte
	for i := range figs {
		f := &figs[i]
		if j, ok := last[keyOf(f)]; !ok || j != i {
			continue
		}
		buf = appendFigure(buf[:0], f)
		h := sha256.Sum256(buf)
		k := docKey{f.Authority, f.Source.Document}
		d := out[k]
		d.n++
		for j := range d.sum {
			d.sum[j] += binary.LittleEndian.Uint64(h[8*j:])
		}
		out[k] = d
	}
	return out
}

// cellKey is a figure's Key as a comparable value: the same for two
// figures exactly when their Keys are.
type cellKey struct {
	authority, document, file string
	table, row, col           int
	measure                   foiwire.Measure
}

func keyOf(f *foiwire.Figure) cellKey {
	s := f.Source
	if s.Document == "" {
		return cellKey{authority: f.Authority, file: s.File, row: s.Row, measure: f.Measure}
	}
	return cellKey{authority: f.Authority, document: s.Document, table: s.Table, row: s.Row, col: s.Col, measure: f.Measure}
}

// appendFigure appends every field of f to b, each string preceded by
// its length so that fields cannot run into each other.
// TestAppendFigureCoversEveryField fails when a field is added to Figure
// and not here.
func appendFigure(b []byte, f *foiwire.Figure) []byte {
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	num := func(n int64) { b = binary.AppendVarint(b, n) }
	flag := func(v bool) {
		if v {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	str(f.Authority)
	str(f.Question)
	str(string(f.Measure))
	str(f.Start.String())
	str(f.End.String())
	str(f.Label)
	str(f.Category)
	str(f.Series)
	flag(f.Value != nil)
	if f.Value != nil {
		num(*f.Value)
	}
	str(string(f.Status))
	flag(f.IsTotal)
	str(string(f.Confidence))
	str(f.Reason)
	str(f.AuthorityFrom)
	str(f.Source.Document)
	str(f.Source.File)
	num(int64(f.Source.Table))
	num(int64(f.Source.Row))
	num(int64(f.Source.Col))
	str(f.Source.Text)
	return b
}

// resaveChanged saves again the skipped replies whose figures the
// database does not hold as read, and returns the figures read back
// afterwards; figs when there were none.
// have are figs' digests by document, when known (nil works them out).
func resaveChanged(ctx context.Context, o Options, dir *campaign.Dir, db foiwire.Store, cache *readCache, kept figureCache, led *savedLedger, figs []foiwire.Figure, have map[docKey]digest) ([]foiwire.Figure, error) {
	again := led.checkSkipped(figs, have)
	if len(again) == 0 {
		return figs, nil
	}
	o.Log.Info("replies saved again: the database does not hold their figures as read", "files", len(again))
	for _, rf := range again {
		r := readOne(ctx, o, dir, cache, nil, rf)
		if r.problem != "" || r.out == nil {
			continue
		}
		a := accountFor(rf, r.out, r.err)
		if err := ingestOne(ctx, o, db, rf, r, a); err != nil {
			return nil, err
		}
		led.saved(rf, r, a)
	}
	figs, _, err := kept.load(ctx, db, o.Log)
	return figs, err
}
