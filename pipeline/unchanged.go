package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
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

// saved is one reply as the last build saved it.
type saved struct {
	Key     string    `json:"key"`
	ModTime time.Time `json:"mod_time"`
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

// skip reports whether rf's read r is the one already saved, and records
// what the database must then hold for it.
func (l *savedLedger) skip(rf campaign.ReplyFile, r readResult) bool {
	if l.path == "" || !r.cached || r.out == nil {
		return false
	}
	s, ok := l.Replies[rf.Authority+"/"+rf.Name]
	if !ok || s.Key != r.key || !s.ModTime.Equal(r.modTime) {
		return false
	}
	if r.err == nil {
		for k, d := range digestFigures(r.out.Figures) {
			if _, dup := l.skipped[k]; dup {
				return false // two files hold one document: save both as usual
			}
			l.skipped[k] = d
			l.files[k] = append(l.files[k], rf)
		}
	}
	return true
}

// saved records that r was saved for rf.
func (l *savedLedger) saved(rf campaign.ReplyFile, r readResult) {
	if r.key == "" || r.out == nil {
		delete(l.Replies, rf.Authority+"/"+rf.Name)
		return
	}
	l.Replies[rf.Authority+"/"+rf.Name] = saved{Key: r.key, ModTime: r.modTime}
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
	return writeFile(l.path, b)
}

// checkSkipped compares the database's figures with what each skipped
// reply's read gave and returns the files whose figures differ (or are
// missing), which must be saved again.
func (l *savedLedger) checkSkipped(figs []foiwire.Figure) []campaign.ReplyFile {
	if len(l.skipped) == 0 {
		return nil
	}
	var mine []foiwire.Figure
	for _, f := range figs {
		if _, ok := l.skipped[docKey{f.Authority, f.Source.Document}]; ok {
			mine = append(mine, f)
		}
	}
	have := digestFigures(mine)
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
// it.
func digestFigures(figs []foiwire.Figure) map[docKey]digest {
	last := map[string]int{}
	for i, f := range figs {
		last[f.Authority+"\x00"+f.Key()] = i
	}
	out := map[docKey]digest{}
	for i, f := range figs {
		if last[f.Authority+"\x00"+f.Key()] != i {
			continue
		}
		b, err := json.Marshal(f)
		if err != nil {
			// Cannot happen for a Figure; make the digest match nothing.
			b = fmt.Appendf(nil, "%p", &figs[i])
		}
		h := sha256.Sum256(b)
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

// resaveChanged saves again the skipped replies whose figures the
// database does not hold as read, and returns the figures read back
// afterwards; figs when there were none.
func resaveChanged(ctx context.Context, o Options, dir *campaign.Dir, db foiwire.Store, cache *readCache, led *savedLedger, figs []foiwire.Figure) ([]foiwire.Figure, error) {
	again := led.checkSkipped(figs)
	if len(again) == 0 {
		return figs, nil
	}
	o.Log.Info("replies saved again: the database does not hold their figures as read", "files", len(again))
	for _, rf := range again {
		r := readOne(ctx, o, dir, cache, rf)
		if r.problem != "" || r.out == nil {
			continue
		}
		if err := ingestOne(ctx, o, db, rf, r, accountFor(rf, r.out, r.err)); err != nil {
			return nil, err
		}
		led.saved(rf, r)
	}
	return db.Figures(ctx, "")
}
