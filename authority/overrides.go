package authority

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/internal/atomicfile"
)

// OverrideFile is the file in a campaign directory that gives authorities'
// FOI addresses and mail domains for that campaign, over the embedded
// registry's. foiwire authorities import writes it; people may edit it.
const OverrideFile = "authorities.csv"

// Override is what a campaign says about one authority.
type Override struct {
	ID       string
	FOIEmail string   // "" leaves the registry's
	Domains  []string // nil leaves the registry's
}

// column names accepted for each field of an addresses file.
var (
	idCols     = []string{"id", "authority", "force", "name", "authority_id"}
	emailCols  = []string{"foi_email", "email", "address", "foi_address", "to"}
	domainCols = []string{"domains", "domain", "sender_domains", "sender_domain"}
)

// ReadOverrides reads an addresses file: CSV with a header naming an
// authority column (id, authority, force or name: an id or a name the
// registry knows, such as "Lancs Police"), and an FOI address column
// (foi_email, email or address), a domains column (domains or domain; more
// than one separated by ";"), or both. Rows with the same authority are
// merged. It returns an error naming the line and the field of the first
// row it cannot read: an unknown authority, a malformed address or a
// domain that is not one organisation's (see NormaliseDomain).
func (r *Registry) ReadOverrides(in io.Reader) ([]Override, error) {
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	find := func(names []string) int {
		for i, h := range head {
			h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
			if slices.Contains(names, strings.ReplaceAll(h, " ", "_")) {
				return i
			}
		}
		return -1
	}
	idc, ec, dc := find(idCols), find(emailCols), find(domainCols)
	if idc < 0 {
		return nil, fmt.Errorf("header %q: no authority column (call it id, authority, force or name)", strings.Join(head, ","))
	}
	if ec < 0 && dc < 0 {
		return nil, fmt.Errorf("header %q: no foi_email or domains column", strings.Join(head, ","))
	}
	var out []Override
	index := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read: %w", err)
		}
		line, _ := cr.FieldPos(0)
		get := func(i int) string {
			if i >= 0 && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		name := get(idc)
		if name == "" && strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		id := name
		if _, ok := r.ByID(id); !ok {
			if id, err = r.Match(name); err != nil {
				return nil, fmt.Errorf("line %d: %w (see foiwire authorities for the ids)", line, err)
			}
		}
		var o Override
		if e := get(ec); e != "" {
			if _, perr := mail.ParseAddress(e); perr != nil {
				return nil, fmt.Errorf("line %d (%s): FOI address %q: %w", line, id, e, perr)
			}
			o.FOIEmail = e
		}
		if d := get(dc); d != "" {
			if o.Domains, err = ParseDomains(d); err != nil {
				return nil, fmt.Errorf("line %d (%s): domains: %w", line, id, err)
			}
		}
		if i, ok := index[id]; ok {
			out[i] = merge(out[i], o)
			continue
		}
		o.ID = id
		index[id] = len(out)
		out = append(out, o)
	}
	return out, nil
}

// merge returns old with what o gives: o's address when it has one, and
// the domains of both.
func merge(old, o Override) Override {
	if o.FOIEmail != "" {
		old.FOIEmail = o.FOIEmail
	}
	for _, d := range o.Domains {
		if !slices.Contains(old.Domains, d) {
			old.Domains = append(old.Domains, d)
		}
	}
	return old
}

// Apply returns a copy of the registry with the overrides applied: an
// override's FOI address replaces the registry's, and its domains replace
// the registry's list. It returns an error naming an override whose id the
// registry does not know.
func (r *Registry) Apply(ovs []Override) (*Registry, error) {
	var changed []foiwire.Authority
	for _, o := range ovs {
		a, ok := r.ByID(o.ID)
		if !ok {
			return nil, fmt.Errorf("%s: not an authority id (see foiwire authorities)", o.ID)
		}
		if o.FOIEmail != "" {
			a.FOIEmail = o.FOIEmail
		}
		if o.Domains != nil {
			a.Domains = slices.Clone(o.Domains)
		}
		changed = append(changed, a)
	}
	return r.With(changed...), nil
}

// ForCampaign returns the embedded police registry with the overrides in
// dir/authorities.csv applied, or the embedded registry alone when there
// is no such file. It returns an error naming the file and the line of a
// row it cannot read.
func ForCampaign(dir string) (*Registry, error) {
	reg := Police()
	name := filepath.Join(dir, OverrideFile)
	b, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return reg, nil
	}
	if err != nil {
		return nil, fmt.Errorf("authority overrides: %w", err)
	}
	ovs, err := reg.ReadOverrides(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	out, err := reg.Apply(ovs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// Import merges the overrides read from an addresses file into
// dir/authorities.csv, which it creates when there is none: for each
// authority in the file, a given FOI address replaces the one kept, and
// given domains replace the ones kept. The file is replaced whole, through
// a temporary file, so a failure leaves the old one. It returns the
// merged overrides, or an error naming the file and line of a row it
// cannot read, in which case nothing is written.
func Import(dir string, in io.Reader) ([]Override, error) {
	reg := Police()
	name := filepath.Join(dir, OverrideFile)
	var kept []Override
	if b, err := os.ReadFile(name); err == nil {
		if kept, err = reg.ReadOverrides(bytes.NewReader(b)); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("authority overrides: %w", err)
	}
	add, err := reg.ReadOverrides(in)
	if err != nil {
		return nil, err
	}
	for _, o := range add {
		i := slices.IndexFunc(kept, func(k Override) bool { return k.ID == o.ID })
		if i < 0 {
			kept = append(kept, o)
			continue
		}
		if o.FOIEmail != "" {
			kept[i].FOIEmail = o.FOIEmail
		}
		if o.Domains != nil {
			kept[i].Domains = o.Domains
		}
	}
	slices.SortFunc(kept, func(a, b Override) int { return strings.Compare(a.ID, b.ID) })
	var b bytes.Buffer
	if err := WriteOverrides(&b, kept); err != nil {
		return nil, err
	}
	if err := atomicfile.WriteFile(name, b.Bytes(), 0o644); err != nil {
		return nil, err
	}
	return kept, nil
}

// WriteOverrides writes overrides as authorities.csv holds them: columns
// id, foi_email and domains (separated by ";").
func WriteOverrides(w io.Writer, ovs []Override) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "foi_email", "domains"})
	for _, o := range ovs {
		cw.Write([]string{o.ID, o.FOIEmail, strings.Join(o.Domains, ";")})
	}
	cw.Flush()
	return cw.Error()
}
