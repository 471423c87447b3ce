// Package authority holds the registry of public authorities a campaign can
// ask (the police forces of England and Wales, and a few others whose
// replies should be recognised) and finds their names in text.
package authority

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/foiwire/foiwire"
)

//go:embed data/forces.csv
var forcesCSV []byte

// Registry is a read-only set of authorities with a name index.
type Registry struct {
	list    []foiwire.Authority
	byID    map[string]int
	phrases map[string][]phrase // first token → phrases starting with it
	maxLen  int                 // longest phrase, in tokens
}

type strength int

const (
	weak   strength = iota + 1 // a bare area name: "Lancashire", "West Midlands"
	strong                     // a force's name or alias: "Lancashire Constabulary", "Lancs Police"
)

type phrase struct {
	tokens []string
	id     string
	str    strength
	// exactCase is set for acronyms and short aliases ("GMP", "Met") that are
	// ordinary words or letters in lower case.
	exactCase bool
	raw       []string
}

// Police returns the embedded registry of police forces: the 43 territorial
// forces of England and Wales and British Transport Police, plus forces
// outside England and Wales (marked InRegistry false). It panics only if the
// embedded data is corrupt, which the tests rule out.
var Police = sync.OnceValue(func() *Registry {
	r, err := Parse(bytes.NewReader(forcesCSV))
	if err != nil {
		panic(fmt.Sprintf("authority: embedded forces.csv: %v", err))
	}
	return r
})

// Parse reads a registry from CSV with the columns
// id,name,short_name,nation,region,ons_code,aliases,foi_email,in_registry
// and, optionally, domains (aliases and domains separated by ";"). It
// returns an error naming the line of the first malformed or duplicate row.
func Parse(r io.Reader) (*Registry, error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read authority header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	for _, need := range []string{"id", "name", "short_name"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("authority data: no %q column", need)
		}
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	reg := &Registry{byID: map[string]int{}}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read authority data: %w", err)
		}
		line, _ := cr.FieldPos(0)
		a := foiwire.Authority{
			ID:         get(rec, "id"),
			Name:       get(rec, "name"),
			ShortName:  get(rec, "short_name"),
			Nation:     get(rec, "nation"),
			Region:     get(rec, "region"),
			ONSCode:    get(rec, "ons_code"),
			FOIEmail:   get(rec, "foi_email"),
			InRegistry: get(rec, "in_registry") != "false",
		}
		if a.ID == "" || a.Name == "" {
			return nil, fmt.Errorf("authority data line %d: id and name are required", line)
		}
		if _, dup := reg.byID[a.ID]; dup {
			return nil, fmt.Errorf("authority data line %d: duplicate id %q", line, a.ID)
		}
		for _, al := range strings.Split(get(rec, "aliases"), ";") {
			if al = strings.TrimSpace(al); al != "" {
				a.Aliases = append(a.Aliases, al)
			}
		}
		if a.Domains, err = ParseDomains(get(rec, "domains")); err != nil {
			return nil, fmt.Errorf("authority data line %d (%s): %w", line, a.ID, err)
		}
		reg.byID[a.ID] = len(reg.list)
		reg.list = append(reg.list, a)
	}
	reg.index()
	return reg, nil
}

// All returns the authorities in the registry proper (for police: England and
// Wales), in file order. The slice is a copy.
func (r *Registry) All() []foiwire.Authority {
	var out []foiwire.Authority
	for _, a := range r.list {
		if a.InRegistry {
			out = append(out, a)
		}
	}
	return out
}

// Known returns every authority the registry can recognise, including those
// outside it (InRegistry false).
func (r *Registry) Known() []foiwire.Authority { return slices.Clone(r.list) }

// ByID returns the authority with the given id, and false if there is none.
func (r *Registry) ByID(id string) (foiwire.Authority, bool) {
	i, ok := r.byID[id]
	if !ok {
		return foiwire.Authority{}, false
	}
	return r.list[i], true
}

// With returns a copy of the registry with a or its replacement (same ID).
// It is how a campaign adds bodies of its own.
func (r *Registry) With(as ...foiwire.Authority) *Registry {
	n := &Registry{list: slices.Clone(r.list), byID: map[string]int{}}
	for i, a := range n.list {
		n.byID[a.ID] = i
	}
	for _, a := range as {
		if i, ok := n.byID[a.ID]; ok {
			n.list[i] = a
			continue
		}
		n.byID[a.ID] = len(n.list)
		n.list = append(n.list, a)
	}
	n.index()
	return n
}

// policeWords turn an area name into a force's name: "Dyfed-Powys force",
// "Lancashire Police".
var policeWords = []string{"police", "constabulary", "police force", "force", "police service", "force area", "police force area"}

func (r *Registry) index() {
	r.phrases = map[string][]phrase{}
	r.maxLen = 0
	add := func(text, id string, s strength) {
		raw := words(text)
		if len(raw) == 0 {
			return
		}
		toks := make([]string, len(raw))
		for i, w := range raw {
			toks[i] = fold(w.text)
		}
		rawText := make([]string, len(raw))
		for i, w := range raw {
			rawText[i] = w.text
		}
		p := phrase{tokens: toks, id: id, str: s, raw: rawText}
		// Acronyms and one-word aliases that are common words ("Met", "NYP")
		// only count when printed as written.
		if len(raw) == 1 && (strings.ToUpper(text) == text || len(text) <= 3) {
			p.exactCase = true
		}
		if len(raw) == 2 && toks[0] == "the" && len(raw[1].text) <= 3 {
			p.exactCase = true
		}
		r.phrases[toks[0]] = append(r.phrases[toks[0]], p)
		r.maxLen = max(r.maxLen, len(toks))
	}
	for _, a := range r.list {
		add(a.Name, a.ID, strong)
		for _, al := range a.Aliases {
			add(al, a.ID, strong)
		}
		add(a.ShortName, a.ID, weak)
		for _, w := range policeWords {
			add(a.ShortName+" "+w, a.ID, strong)
		}
	}
	// Longest phrases first, so "North Yorkshire Police" beats "North Yorkshire".
	for k := range r.phrases {
		slices.SortStableFunc(r.phrases[k], func(a, b phrase) int { return len(b.tokens) - len(a.tokens) })
	}
}
