// Package campaign reads a campaign directory: campaign.yaml (the request,
// its questions, quotes and boilerplate), the replies under replies/, and
// already-collated figures in data/figures.csv.
package campaign

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/period"
)

// FileName is the campaign file inside a campaign directory.
const FileName = "campaign.yaml"

// MaxFileSize is the largest campaign.yaml Load reads: a request and its
// questions fill a few kilobytes.
const MaxFileSize = 1 << 20

// Dir is a loaded campaign directory.
type Dir struct {
	Path     string
	Campaign foiwire.Campaign
	Registry *authority.Registry
}

// file is campaign.yaml as written by a journalist.
type file struct {
	Slug         string     `yaml:"slug"`
	Title        string     `yaml:"title"`
	Topic        string     `yaml:"topic"`
	Authorities  any        `yaml:"authorities"` // "all", or a list of ids
	Sender       senderFile `yaml:"sender"`
	PercentStyle string     `yaml:"percent_style"`
	Embargo      string     `yaml:"embargo"`
	Request      string     `yaml:"request"`
	Questions    []struct {
		ID       string   `yaml:"id"`
		Text     string   `yaml:"text"`
		Measure  string   `yaml:"measure"`
		Periods  []string `yaml:"periods"`
		Keywords []string `yaml:"keywords"`
	} `yaml:"questions"`
	Quotes []struct {
		Name string `yaml:"name"`
		Role string `yaml:"role"`
		Text string `yaml:"text"`
	} `yaml:"quotes"`
	Boilerplate string `yaml:"boilerplate"`
}

type senderFile struct {
	Name         string `yaml:"name"`
	Email        string `yaml:"email"`
	Organisation string `yaml:"organisation"`
}

// Load reads DIR/campaign.yaml and checks it: known authorities, questions
// with a measure and readable periods. Errors name the file and the field.
// A directory without campaign.yaml but with data/figures.csv loads as an
// unnamed campaign over every authority.
func Load(ctx context.Context, dir string) (*Dir, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("campaign %s: %w", dir, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("campaign %s: not a directory", dir)
	}
	// The campaign's own FOI addresses and mail domains (authorities.csv).
	reg, err := authority.ForCampaign(dir)
	if err != nil {
		return nil, fmt.Errorf("campaign %s: %w", dir, err)
	}
	name := filepath.Join(dir, FileName)
	b, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		if _, ferr := os.Stat(filepath.Join(dir, "data", "figures.csv")); ferr == nil {
			return &Dir{Path: dir, Registry: reg, Campaign: foiwire.Campaign{Slug: filepath.Base(dir), Title: filepath.Base(dir)}}, nil
		}
		return nil, fmt.Errorf("campaign %s: no %s (and no data/figures.csv)", dir, FileName)
	}
	if err != nil {
		return nil, fmt.Errorf("campaign %s: %w", dir, err)
	}
	if len(b) > MaxFileSize {
		return nil, fmt.Errorf("%s: the file is %d KB; a campaign file is at most %d KB", name, len(b)>>10, MaxFileSize>>10)
	}
	c, err := Parse(b, reg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if c.Slug == "" {
		c.Slug = filepath.Base(filepath.Clean(dir))
	}
	return &Dir{Path: dir, Campaign: c, Registry: reg}, nil
}

// Parse reads campaign.yaml's bytes against a registry of authorities.
func Parse(b []byte, reg *authority.Registry) (foiwire.Campaign, error) {
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return foiwire.Campaign{}, fmt.Errorf("read yaml: %w", err)
	}
	c := foiwire.Campaign{
		Slug: f.Slug, Title: f.Title, Topic: f.Topic, Request: strings.TrimSpace(f.Request),
		Boilerplate: strings.TrimSpace(f.Boilerplate), PercentStyle: f.PercentStyle,
		Sender: foiwire.Sender{Name: f.Sender.Name, Email: f.Sender.Email, Organisation: f.Sender.Organisation},
	}
	switch c.PercentStyle {
	case "":
		c.PercentStyle = "per cent"
	case "per cent", "%":
	default:
		return c, fmt.Errorf("percent_style %q: use \"per cent\" or \"%%\"", f.PercentStyle)
	}
	if f.Embargo != "" {
		t, err := time.Parse(time.RFC3339, f.Embargo)
		if err != nil {
			return c, fmt.Errorf("embargo %q: want a date and time like 2024-08-04T00:01:00+01:00", f.Embargo)
		}
		c.Embargo = t
	}
	switch v := f.Authorities.(type) {
	case nil:
	case string:
		if v != "all" {
			return c, fmt.Errorf("authorities: %q: write all, or a list of ids", v)
		}
	case []any:
		for i, x := range v {
			s, ok := x.(string)
			if !ok {
				return c, fmt.Errorf("authorities[%d]: not a name", i)
			}
			id, err := reg.Match(s)
			if err != nil {
				return c, fmt.Errorf("authorities[%d]: %w", i, err)
			}
			c.Authorities = append(c.Authorities, id)
		}
	default:
		return c, errors.New("authorities: write all, or a list of ids")
	}
	for i, q := range f.Questions {
		fq := foiwire.Question{ID: q.ID, Text: strings.TrimSpace(q.Text), Measure: foiwire.Measure(q.Measure), Keywords: q.Keywords}
		if fq.ID == "" {
			fq.ID = fmt.Sprintf("q%d", i+1)
		}
		switch fq.Measure {
		case foiwire.MeasurePeriod, foiwire.MeasureOffence, foiwire.MeasureOutcome:
		default:
			return c, fmt.Errorf("questions[%d] (%s): measure %q: use period, offence or outcome", i, fq.ID, q.Measure)
		}
		for _, ps := range q.Periods {
			p, err := period.Parse(ps, period.Options{})
			if err != nil {
				return c, fmt.Errorf("questions[%d] (%s): period %q: %w", i, fq.ID, ps, err)
			}
			fq.Periods = append(fq.Periods, p.Period)
		}
		c.Questions = append(c.Questions, fq)
	}
	for _, q := range f.Quotes {
		c.Quotes = append(c.Quotes, foiwire.Quote{Name: q.Name, Role: q.Role, Text: strings.TrimSpace(q.Text)})
	}
	return c, nil
}

// AuthorityIDs returns the ids the campaign covers: its list, or the whole
// registry.
func (d *Dir) AuthorityIDs() []string {
	if len(d.Campaign.Authorities) > 0 {
		return slices.Clone(d.Campaign.Authorities)
	}
	var ids []string
	for _, a := range d.Registry.All() {
		ids = append(ids, a.ID)
	}
	return ids
}

// ReplyFile is one file found under replies/.
type ReplyFile struct {
	Authority string // the folder it is in; "" when that names no authority
	Name      string // path relative to the authority's folder (to replies/ when Authority is "")
	Path      string
	// Type is the entry's type bits as listed (fs.ModeSymlink,
	// fs.ModeNamedPipe, ...); 0 for a regular file. Links are listed, not
	// followed, so the reader can refuse them.
	Type fs.FileMode
	// Problem says why the file cannot be read as a reply where it is (it
	// is not in an authority's folder, or its folder cannot be listed); ""
	// for a file to read.
	Problem string
}

// Replies lists DIR/replies/<authority>/<files...> in a stable order. Every
// file is listed, so that none is lost without a word: one outside an
// authority's folder, or in a folder whose name is no authority, or in a
// sub-folder that cannot be listed, comes with its Problem set. Symbolic
// links, pipes and devices are listed with their Type and never followed.
// It returns an error only when replies/ itself cannot be listed.
func (d *Dir) Replies() ([]ReplyFile, error) {
	root := filepath.Join(d.Path, "replies")
	ents, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list replies: %w", err)
	}
	var out []ReplyFile
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if !e.IsDir() {
			out = append(out, ReplyFile{Name: e.Name(), Path: filepath.Join(root, e.Name()), Type: e.Type(),
				Problem: "not in an authority's folder: move it to replies/<authority>/ (see foiwire authorities)"})
			continue
		}
		id, problem := e.Name(), ""
		if _, ok := d.Registry.ByID(id); !ok {
			m, err := d.Registry.Match(id)
			if err != nil {
				id, problem = "", "the folder replies/"+e.Name()+"/ is not named for an authority: rename it to an authority id (see foiwire authorities)"
			} else {
				id = m
			}
		}
		base := filepath.Join(root, e.Name())
		if id == "" {
			base = root
		}
		filepath.WalkDir(filepath.Join(root, e.Name()), func(p string, de fs.DirEntry, err error) error {
			rel, _ := filepath.Rel(base, p)
			if err != nil {
				out = append(out, ReplyFile{Authority: id, Name: filepath.ToSlash(rel), Path: p, Type: fs.ModeDir,
					Problem: "cannot list this folder: " + err.Error()})
				return fs.SkipDir
			}
			if de.IsDir() || strings.HasPrefix(de.Name(), ".") {
				return nil
			}
			out = append(out, ReplyFile{Authority: id, Name: filepath.ToSlash(rel), Path: p, Type: de.Type(), Problem: problem})
			return nil
		})
	}
	return out, nil
}
