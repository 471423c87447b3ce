package authority

import (
	"fmt"
	"strings"
	"unicode"
)

// Mention is an authority named in a text.
type Mention struct {
	ID         string
	Text       string // as printed
	Start, End int    // byte offsets in the text
	// Strong is true for a force's name or alias ("Lancashire Police"), false
	// for a bare area name ("Lancashire"), which may mean the place.
	Strong bool
}

// Find returns every authority named in text, in order, longest name first
// where names overlap. Bare area names are returned with Strong false.
func (r *Registry) Find(text string) []Mention {
	ws := words(text)
	var out []Mention
	for i := 0; i < len(ws); {
		best, n := r.longestAt(ws, i)
		if n == 0 {
			i++
			continue
		}
		out = append(out, Mention{
			ID:     best.id,
			Text:   text[ws[i].start:ws[i+n-1].end],
			Start:  ws[i].start,
			End:    ws[i+n-1].end,
			Strong: best.str == strong,
		})
		i += n
	}
	return out
}

func (r *Registry) longestAt(ws []word, i int) (phrase, int) {
	for _, p := range r.phrases[fold(ws[i].text)] {
		if i+len(p.tokens) > len(ws) {
			continue
		}
		ok := true
		for k, t := range p.tokens {
			w := ws[i+k]
			if fold(w.text) != t || (p.exactCase && k == len(p.tokens)-1 && w.text != p.raw[k]) {
				ok = false
				break
			}
			// A phrase does not run across punctuation or a line break.
			if k > 0 && ws[i+k-1].breakAfter {
				ok = false
				break
			}
		}
		if ok {
			return p, len(p.tokens)
		}
	}
	return phrase{}, 0
}

// Match resolves a name as a person or a reply writes it ("Lancs Police",
// "Cambridgeshire Constabulary", "the Dyfed-Powys force area",
// "dyfed-powys") to one authority. It returns an error when the name matches
// no authority or more than one.
func (r *Registry) Match(name string) (string, error) {
	name = strings.TrimSpace(name)
	if _, ok := r.byID[strings.ToLower(name)]; ok {
		return strings.ToLower(name), nil
	}
	ms := r.Find(name)
	ids := map[string]bool{}
	for _, m := range ms {
		ids[m.ID] = true
	}
	switch len(ids) {
	case 0:
		return "", fmt.Errorf("no authority is called %q", name)
	case 1:
		return ms[0].ID, nil
	}
	return "", fmt.Errorf("%q names more than one authority", name)
}

type word struct {
	text       string
	start, end int
	breakAfter bool // a full stop, colon or newline follows before the next word
}

// words splits text into runs of letters and digits, treating "&" as the
// word "and" so "Devon & Cornwall" matches "Devon and Cornwall".
func words(text string) []word {
	// Room for a word in every six bytes, about what prose holds, spares
	// most of the slice's growing.
	out := make([]word, 0, len(text)/6+1)
	start := -1
	flush := func(end int) {
		if start >= 0 {
			out = append(out, word{text: text[start:end], start: start, end: end})
			start = -1
		}
	}
	for i, c := range text {
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c) || ((c == '\'' || c == '’') && start >= 0):
			if start < 0 {
				start = i
			}
		case c == '&':
			flush(i)
			out = append(out, word{text: "&", start: i, end: i + 1})
		default:
			flush(i)
			if len(out) > 0 && (c == '.' || c == ',' || c == '\n' || c == ':' || c == ';' || c == '|' || c == '!' || c == '?') {
				out[len(out)-1].breakAfter = true
			}
		}
	}
	flush(len(text))
	return out
}

// fold lower-cases a word and maps "&" to "and", for comparing names.
func fold(w string) string {
	if w == "&" {
		return "and"
	}
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	return strings.ToLower(w)
}
