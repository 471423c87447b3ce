package story

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
)

// CheckMemo keeps, between builds, the keys of stories the self-check let
// through, each naming everything that story's check read: a rebuild
// whose story has a key the memo holds passes without the check being run
// again. Keys are SHA-256 sums in hex. A memo must answer true only
// for a key it was given by Pass, by this program. Publish calls it from
// several goroutines at once.
//
// A rebuild after one force's figures changed moves the national facts,
// so every story is built again; most stories' words and the facts they
// link to are as before, and their check would only say again what it
// said.
type CheckMemo interface {
	Passed(key string) bool
	Pass(key string)
}

// checkVersion names what the self-check looks at and how. Bump it with
// any change to the check, to what checkKey writes, or to the claim
// reader, so that no verdict of the old check is reused.
const checkVersion = "story check 1"

// checkKey names everything a story's self-check reads, for a story whose
// check rests on the facts only through its links (checkYears'
// linkedOnly): the campaign-wide inputs (k.base: the registry, the
// publication date, the percent style, the campaign's years), the force,
// its years, every text and link of the story, and each fact its links
// name as linkedFacts finds it. buf is scratch space, returned grown for
// reuse.
//
// The claims the reader finds outside the links are then a function of
// the words, the registry, the force, its years and the publication date,
// and so is each verdict on them; the links' verdicts are a function of
// the words and the facts named; the authority and plural checks read the
// words and the registry alone.
func (k *checker) checkKey(s Story, facts []foiwire.Fact, years []foiwire.Period, buf []byte) (string, []byte) {
	e := keyWriter{buf[:0]}
	e.bytes(k.memoBase()[:])
	e.str(s.Force.ID)
	e.periods(years)
	e.str(s.Headline)
	e.links(s.HeadlineLinks)
	e.str(s.Standfirst)
	e.links(s.StandfirstLinks)
	e.str(s.ChartAlt)
	e.links(s.ChartAltLinks)
	e.int(int64(len(s.Blocks)))
	for _, b := range s.Blocks {
		e.str(string(b.Kind))
		e.str(b.Text)
		e.links(b.Links)
	}
	// Each fact a link names, as verify sees it: the last of facts with
	// that id, or none. The links were written above, so the facts are
	// written in the order of their ids' first appearance.
	var parts []part
	parts = append(parts, part{s.Headline, s.HeadlineLinks}, part{s.Standfirst, s.StandfirstLinks})
	for _, b := range s.Blocks {
		parts = append(parts, part{b.Text, b.Links})
	}
	byID := linkedFacts(facts, parts, s.ChartAltLinks)
	seen := make(map[string]bool, len(byID))
	name := func(ls []Link) {
		for _, l := range ls {
			if seen[l.Fact] {
				continue
			}
			seen[l.Fact] = true
			if f, ok := byID[l.Fact]; ok {
				e.int(1)
				e.fact(f)
			} else {
				e.int(0)
			}
		}
	}
	for _, p := range parts {
		name(p.links)
	}
	name(s.ChartAltLinks)
	h := sha256.Sum256(e.b)
	return hex.EncodeToString(h[:]), e.b
}

// memoBase is the digest of what every story's check shares, worked out
// once per checker.
func (k *checker) memoBase() *[sha256.Size]byte {
	k.baseOnce.Do(func() {
		e := keyWriter{}
		e.str(checkVersion)
		// Every authority the registry knows, with every field: the
		// names and aliases are what it finds in text.
		known := k.reg.Known()
		e.int(int64(len(known)))
		for _, a := range known {
			e.str(a.ID)
			e.str(a.Name)
			e.str(a.ShortName)
			e.str(a.Nation)
			e.str(a.Region)
			e.str(a.ONSCode)
			e.strs(a.Aliases)
			e.str(a.FOIEmail)
			e.strs(a.Domains)
			e.bool(a.InRegistry)
		}
		e.date(k.pub)
		e.str(k.style)
		e.periods(k.periods)
		k.base = sha256.Sum256(e.b)
	})
	return &k.base
}

// checkMemo runs the self-check on a story unless memo holds its key, and
// gives memo the key of a story that passes on the facts its links name
// alone. buf is scratch space for the key, returned for reuse.
func (k *checker) checkMemo(s Story, facts []foiwire.Fact, memo CheckMemo, buf []byte) ([]Refusal, []byte) {
	years := analysis.Years(facts, s.Force.ID)
	if memo == nil {
		out, _ := k.checkYears(s, facts, years)
		return out, buf
	}
	key, buf := k.checkKey(s, facts, years, buf)
	if memo.Passed(key) {
		return nil, buf
	}
	out, linkedOnly := k.checkYears(s, facts, years)
	if len(out) == 0 && linkedOnly {
		memo.Pass(key)
	}
	return out, buf
}

// keyWriter writes a key's parts, each string with its length first so
// that no two sequences of parts write the same bytes.
type keyWriter struct{ b []byte }

func (e *keyWriter) int(n int64)    { e.b = binary.AppendVarint(e.b, n) }
func (e *keyWriter) bytes(p []byte) { e.int(int64(len(p))); e.b = append(e.b, p...) }
func (e *keyWriter) str(s string)   { e.int(int64(len(s))); e.b = append(e.b, s...) }
func (e *keyWriter) float(f float64) {
	e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(f))
}

func (e *keyWriter) bool(v bool) {
	if v {
		e.int(1)
	} else {
		e.int(0)
	}
}

func (e *keyWriter) strs(ss []string) {
	e.int(int64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *keyWriter) date(d foiwire.Date) {
	e.bool(d.IsZero())
	e.int(d.Time().Unix())
}

func (e *keyWriter) period(p foiwire.Period) {
	e.date(p.Start)
	e.date(p.End)
}

func (e *keyWriter) periods(ps []foiwire.Period) {
	e.int(int64(len(ps)))
	for _, p := range ps {
		e.period(p)
	}
}

func (e *keyWriter) links(ls []Link) {
	e.int(int64(len(ls)))
	for _, l := range ls {
		e.int(int64(l.Start))
		e.int(int64(l.End))
		e.str(l.Fact)
		e.str(l.Format)
	}
}

// fact writes every field of f. TestCheckKeyWritesEveryFactField fails
// when foiwire.Fact gains a field this does not write.
func (e *keyWriter) fact(f *foiwire.Fact) {
	e.str(f.ID)
	e.str(f.Authority)
	e.str(string(f.Kind))
	e.str(string(f.Measure))
	e.period(f.Period)
	e.period(f.Base)
	e.str(f.Category)
	e.str(f.Label)
	e.float(f.Value)
	e.str(f.Words)
	e.int(int64(f.Of))
	e.str(f.Formula)
	e.strs(f.Inputs)
	e.strs(f.Caveats)
}
