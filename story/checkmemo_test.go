package story

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/authority"
)

// keyMemo is a CheckMemo in memory that trusts every key it was ever
// given: a key that failed to name something the check reads would let
// a story through unchecked, which the tests below would see.
type keyMemo struct {
	mu           sync.Mutex
	keys         map[string]bool
	hits, misses int
}

func newKeyMemo() *keyMemo { return &keyMemo{keys: map[string]bool{}} }

func (m *keyMemo) Passed(key string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.keys[key] {
		m.hits++
		return true
	}
	m.misses++
	return false
}

func (m *keyMemo) Pass(key string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.keys[key] = true
}

// memoFixture builds every force's story of the article campaign once with
// a memo, and gives what the tests change one thing of.
type memoFixture struct {
	c     foiwire.Campaign
	reg   *authority.Registry
	tm    *Template
	facts []foiwire.Fact
	ck    *checker
	memo  *keyMemo
	built map[string]result
}

func newMemoFixture(t *testing.T) *memoFixture {
	t.Helper()
	c := testCampaign()
	reg := authority.Police()
	figs := articleFigures(t)
	facts := deriveFacts(t, c, figs)
	f := &memoFixture{c: c, reg: reg, tm: exampleTemplate(t), facts: facts, memo: newKeyMemo(), built: map[string]result{}}
	f.ck = newChecker(c, reg, facts, foiwire.DateOf(buildTime))
	forces, _ := storyForces(c, reg, figs, facts)
	for _, a := range forces {
		r := build(f.tm, c, a, new(scratch), f.ck, buildTime, Options{Template: f.tm, Checks: f.memo})
		if r.err != nil || len(r.refusals) > 0 {
			t.Fatalf("%s: %v %v", a.ID, r.err, r.refusals)
		}
		f.built[a.ID] = r
	}
	if len(f.memo.keys) == 0 {
		t.Fatal("no story's pass was kept: the tests below would test nothing")
	}
	return f
}

// memoized gives a force whose pass the memo holds, with its story and
// facts.
func (f *memoFixture) memoized(t *testing.T) (string, Story, []foiwire.Fact) {
	t.Helper()
	for _, id := range slices.Sorted(maps.Keys(f.built)) {
		s, facts := f.built[id].story, f.ck.factsFor(id, nil)
		key, _ := f.ck.checkKey(s, facts, analysis.Years(facts, id), nil)
		if f.memo.keys[key] {
			return id, s, facts
		}
	}
	t.Fatal("no memoized story")
	return "", Story{}, nil
}

// TestCheckMemoSkipsTheSameStory: a second build of the same stories
// takes every kept pass, and its results are those of the first.
func TestCheckMemoSkipsTheSameStory(t *testing.T) {
	f := newMemoFixture(t)
	kept := len(f.memo.keys)
	f.memo.hits, f.memo.misses = 0, 0
	for id, want := range f.built {
		a, _ := f.reg.ByID(id)
		got := build(f.tm, f.c, a, new(scratch), f.ck, buildTime, Options{Template: f.tm, Checks: f.memo})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the rebuild with the memo differs from the first build", id)
		}
	}
	if f.memo.hits != kept {
		t.Errorf("second build took %d passes from the memo, want the %d kept", f.memo.hits, kept)
	}
}

// TestCheckMemoIsNotStale changes, one at a time, each thing the check
// reads, with the memo of the unchanged build: the check must run again
// and refuse what it should, never take the old pass.
func TestCheckMemoIsNotStale(t *testing.T) {
	f := newMemoFixture(t)
	id, s, facts := f.memoized(t)
	years := analysis.Years(facts, id)

	// A link of each part of the story that has one written in figures,
	// with a setter for that part's words.
	type numbered struct {
		name string
		text string
		link Link
		set  func(s *Story, text string)
	}
	var nums []numbered
	addNum := func(name, text string, links []Link, set func(s *Story, text string)) {
		for _, l := range links {
			if l.Format != "label" && strings.ContainsAny(text[l.Start:l.End], "0123456789") {
				nums = append(nums, numbered{name, text, l, set})
				return
			}
		}
	}
	addNum("headline", s.Headline, s.HeadlineLinks, func(s *Story, text string) { s.Headline = text })
	addNum("standfirst", s.Standfirst, s.StandfirstLinks, func(s *Story, text string) { s.Standfirst = text })
	addNum("chart alt", s.ChartAlt, s.ChartAltLinks, func(s *Story, text string) { s.ChartAlt = text })
	for i, b := range s.Blocks {
		addNum("block "+b.Name, b.Text, b.Links, func(s *Story, text string) {
			s.Blocks = slices.Clone(s.Blocks)
			s.Blocks[i].Text = text
		})
	}
	if len(nums) < 4 || nums[0].name != "headline" {
		t.Fatalf("%s: %d parts with a linked figure, want the headline, standfirst, chart alt text and a paragraph", id, len(nums))
	}
	num := nums[0].link

	refusedFor := func(t *testing.T, ck *checker, s Story, facts []foiwire.Fact, want string) {
		t.Helper()
		misses := f.memo.misses
		got, _ := ck.checkMemo(s, facts, f.memo, nil)
		if f.memo.misses == misses {
			t.Error("the memo's pass was taken")
		}
		for _, r := range got {
			if strings.Contains(r.Reason, want) {
				return
			}
		}
		t.Errorf("not refused for %q; refusals: %v", want, got)
	}

	t.Run("a linked fact's value", func(t *testing.T) {
		changed := slices.Clone(facts)
		for i := range changed {
			if changed[i].ID == num.Fact {
				changed[i].Value++
			}
		}
		refusedFor(t, f.ck, s, changed, "does not say what "+num.Fact+" says")
	})
	t.Run("a fact only the chart's alt text links to", func(t *testing.T) {
		inText := map[string]bool{}
		for _, ls := range [][]Link{s.HeadlineLinks, s.StandfirstLinks} {
			for _, l := range ls {
				inText[l.Fact] = true
			}
		}
		for _, b := range s.Blocks {
			for _, l := range b.Links {
				inText[l.Fact] = true
			}
		}
		var alt *Link
		for i, l := range s.ChartAltLinks {
			if !inText[l.Fact] && l.Format == "num" {
				alt = &s.ChartAltLinks[i]
				break
			}
		}
		if alt == nil {
			t.Fatal("no count only the alt text links to")
		}
		changed := slices.Clone(facts)
		for i := range changed {
			if changed[i].ID == alt.Fact {
				changed[i].Value++
			}
		}
		refusedFor(t, f.ck, s, changed, "in the chart's alt text does not say what "+alt.Fact+" says")
	})
	t.Run("a linked fact gone", func(t *testing.T) {
		gone := slices.DeleteFunc(slices.Clone(facts), func(x foiwire.Fact) bool { return x.ID == num.Fact })
		refusedFor(t, f.ck, s, gone, "which is not a fact of this force")
	})
	for _, n := range nums {
		t.Run("the words of the "+n.name, func(t *testing.T) {
			s2 := s
			digit := strings.IndexAny(n.text[n.link.Start:n.link.End], "0123456789") + n.link.Start
			other := byte('1')
			if n.text[digit] == '1' {
				other = '2'
			}
			n.set(&s2, n.text[:digit]+string(other)+n.text[digit+1:])
			refusedFor(t, f.ck, s2, facts, "does not say what")
		})
	}
	// Another force the registry knows by a word the story prints.
	other, _ := f.reg.ByID("kent")
	for name, change := range map[string]func(a *foiwire.Authority){
		"a new authority": func(a *foiwire.Authority) { *a = foiwire.Authority{ID: "tiktok-police", Name: "TikTok Police"} },
		"a force's alias": func(a *foiwire.Authority) { a.Aliases = append(slices.Clone(a.Aliases), "TikTok") },
		"a force's area":  func(a *foiwire.Authority) { a.ShortName = "TikTok" },
		"a force's name":  func(a *foiwire.Authority) { a.Name = "TikTok" },
	} {
		t.Run("the registry: "+name, func(t *testing.T) {
			a := other
			change(&a)
			if !strings.Contains(s.Headline+s.Standfirst, "TikTok") {
				t.Fatal("the story does not say TikTok")
			}
			ck := newChecker(f.c, f.reg.With(a), f.facts, f.ck.pub)
			refusedFor(t, ck, s, facts, "names another authority")
		})
	}
	t.Run("the campaign's words", func(t *testing.T) {
		c := f.c
		c.Boilerplate = "Figures were asked of every force; North Yorkshire Police was one of them."
		ck := newChecker(c, f.reg, f.facts, f.ck.pub)
		a, _ := f.reg.ByID(id)
		misses := f.memo.misses
		r := build(f.tm, c, a, new(scratch), ck, buildTime, Options{Template: f.tm, Checks: f.memo})
		if f.memo.misses == misses {
			t.Error("the memo's pass was taken")
		}
		if len(r.refusals) == 0 || !strings.Contains(r.refusals[0].Reason, "names another authority (North Yorkshire Police)") {
			t.Errorf("refusals %v, want one for naming North Yorkshire Police", r.refusals)
		}
	})

	// What changes the key without a refusal to show for it: the check
	// must still run again.
	key := func(ck *checker, s Story, facts []foiwire.Fact, years []foiwire.Period) string {
		k, _ := ck.checkKey(s, facts, years, nil)
		return k
	}
	k0 := key(f.ck, s, facts, years)
	for name, k := range map[string]string{
		"the years": key(f.ck, s, facts, append(slices.Clone(years), fy(2030))),
		"a block's kind": func() string {
			s2 := s
			s2.Blocks = slices.Clone(s.Blocks)
			for i, b := range s2.Blocks {
				if b.Kind == BlockText {
					s2.Blocks[i].Kind = BlockQuote
					break
				}
			}
			return key(f.ck, s2, facts, years)
		}(),
		"a link's format": func() string {
			s2 := s
			s2.HeadlineLinks = slices.Clone(s.HeadlineLinks)
			s2.HeadlineLinks[0].Format = "words"
			return key(f.ck, s2, facts, years)
		}(),
		"a link of the chart's alt text": func() string {
			s2 := s
			s2.ChartAltLinks = slices.Clone(s.ChartAltLinks)
			s2.ChartAltLinks[0].End--
			return key(f.ck, s2, facts, years)
		}(),
		"a paragraph's link": func() string {
			s2 := s
			s2.Blocks = slices.Clone(s.Blocks)
			for i, b := range s2.Blocks {
				if len(b.Links) > 0 {
					s2.Blocks[i].Links = slices.Clone(b.Links)
					s2.Blocks[i].Links[0].Start++
					break
				}
			}
			return key(f.ck, s2, facts, years)
		}(),
		"the chart's alt text": func() string {
			s2 := s
			s2.ChartAlt += " More."
			return key(f.ck, s2, facts, years)
		}(),
		"the publication date": key(newChecker(f.c, f.reg, f.facts, f.ck.pub.AddDays(1)), s, facts, years),
		"the percent style": func() string {
			c := f.c
			c.PercentStyle = PercentSign
			return key(newChecker(c, f.reg, f.facts, f.ck.pub), s, facts, years)
		}(),
		"the campaign's years": func() string {
			c := f.c
			c.Questions = slices.Clone(c.Questions)
			c.Questions[0].Periods = c.Questions[0].Periods[1:]
			return key(newChecker(c, f.reg, f.facts, f.ck.pub), s, facts, years)
		}(),
	} {
		if k == k0 {
			t.Errorf("%s changed, the key did not", name)
		}
	}
	if key(newChecker(f.c, f.reg, f.facts, f.ck.pub), s, slices.Clone(facts), slices.Clone(years)) != k0 {
		t.Error("the same inputs, another key")
	}
}

// TestCheckMemoKeepsNoPassWeighedAgainstFacts: a story whose numbers the
// claim reader weighed against the force's facts (here the headline's or
// the alt text's, their links taken away) is not kept, so that a change
// to any of those facts is checked.
func TestCheckMemoKeepsNoPassWeighedAgainstFacts(t *testing.T) {
	f := newMemoFixture(t)
	// Each story with one of a part's links taken away.
	unlinked := func(s Story, links func(s *Story) *[]Link) []Story {
		var out []Story
		for i := range *links(&s) {
			s2 := s
			*links(&s2) = slices.Delete(slices.Clone(*links(&s)), i, i+1)
			out = append(out, s2)
		}
		return out
	}
	for part, links := range map[string]func(s *Story) *[]Link{
		"headline":         func(s *Story) *[]Link { return &s.HeadlineLinks },
		"chart's alt text": func(s *Story) *[]Link { return &s.ChartAltLinks },
	} {
		t.Run(part, func(t *testing.T) {
			for _, id := range slices.Sorted(maps.Keys(f.built)) {
				for _, s := range unlinked(f.built[id].story, links) {
					facts := f.ck.factsFor(id, nil)
					if len(f.ck.check(s, facts)) > 0 {
						continue // the reader cannot place this number alone
					}
					kept := len(f.memo.keys)
					if got, _ := f.ck.checkMemo(s, facts, f.memo, nil); len(got) > 0 {
						t.Fatalf("%s: refused %v", id, got)
					}
					if len(f.memo.keys) != kept {
						t.Errorf("%s: a pass weighed against the facts was kept", id)
					}
					return
				}
			}
			t.Fatalf("no %s the claim reader supports without its links: the test tests nothing", part)
		})
	}
}

// TestCheckKeyWritesEveryFactField sets each field of a fact in turn: each
// must change what the key writes, so a field added to foiwire.Fact and
// not to keyWriter.fact fails here.
func TestCheckKeyWritesEveryFactField(t *testing.T) {
	write := func(f *foiwire.Fact) []byte {
		var e keyWriter
		e.fact(f)
		return e.b
	}
	var zero foiwire.Fact
	base := write(&zero)
	var set func(v reflect.Value) bool
	set = func(v reflect.Value) bool {
		switch v.Kind() {
		case reflect.String:
			v.SetString("x")
		case reflect.Float64:
			v.SetFloat(1)
		case reflect.Int:
			v.SetInt(1)
		case reflect.Slice:
			v.Set(reflect.Append(v, reflect.ValueOf("x")))
		case reflect.Struct:
			if v.Type() == reflect.TypeFor[foiwire.Date]() {
				v.Set(reflect.ValueOf(foiwire.NewDate(2024, time.April, 1)))
				return true
			}
			for i := range v.NumField() {
				if !set(v.Field(i)) {
					return false
				}
			}
		default:
			return false
		}
		return true
	}
	typ := reflect.TypeFor[foiwire.Fact]()
	for _, sf := range reflect.VisibleFields(typ) {
		if sf.Anonymous {
			continue // the embedded Period's fields are visited themselves
		}
		var f foiwire.Fact
		if !set(reflect.ValueOf(&f).Elem().FieldByIndex(sf.Index)) {
			t.Errorf("field %s of a kind the test cannot set", sf.Name)
			continue
		}
		if bytes.Equal(write(&f), base) {
			t.Errorf("field %s is not written into the check key", sf.Name)
		}
	}
}

// TestPublishWithCheckMemoIsByteIdentical publishes twice with a memo and
// once without: the second build takes the kept passes, and the files are
// the same bytes.
func TestPublishWithCheckMemoIsByteIdentical(t *testing.T) {
	c := testCampaign()
	figs := articleFigures(t)
	facts := deriveFacts(t, c, figs)
	tm := exampleTemplate(t)
	memo := newKeyMemo()
	publish := func(dir string, m CheckMemo) Report {
		t.Helper()
		rep, err := Publish(context.Background(), dir, c, authority.Police(), figs, facts, Options{Template: tm, Now: func() time.Time { return buildTime }, Checks: m})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	memoed, plain := t.TempDir(), t.TempDir()
	first := publish(memoed, memo)
	if len(memo.keys) == 0 {
		t.Fatal("no pass kept")
	}
	memo.hits = 0
	second := publish(memoed, memo)
	if memo.hits != len(memo.keys) {
		t.Errorf("second build took %d of %d kept passes", memo.hits, len(memo.keys))
	}
	third := publish(plain, nil)
	for i := range third.Written {
		third.Written[i].Dir = filepath.Join(memoed, third.Written[i].Force)
	}
	if !reflect.DeepEqual(first, second) || !reflect.DeepEqual(second, third) {
		t.Errorf("reports differ with and without the memo:\n%+v\n%+v\n%+v", first, second, third)
	}
	err := filepath.WalkDir(plain, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(plain, p)
		compareFile(t, memoed, plain, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
