package story

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"gopkg.in/yaml.v3"
)

// FileName is the story template inside a campaign directory.
const FileName = "story.yaml"

// Template is a campaign's story template: headline and standfirst options
// and a list of paragraphs, each with a condition on the force's facts and
// wording variants. It is read once and rendered for every force; it is
// safe for concurrent use.
//
// In story.yaml:
//
//	headline:                       # the first option whose `when` holds is used
//	  - when: high and not part_year
//	    say:                        # one variant is picked per force, the same every build
//	      - "{{.Topic}}-linked crime in {{.Force.ShortName}} reaches {{.High}}"
//	  - say: ["..."]
//	standfirst:
//	  - say: ["..."]
//	paragraphs:
//	  - name: years                 # named in errors and in the variant seed
//	    when: years >= 2
//	    say: ["..."]
//	  - name: change
//	    choose:                     # like headline: the first option that holds
//	      - when: change_pct > 0
//	        say: ["..."]
//	      - say: ["..."]
//	  - chart: true                 # where the chart goes
//	  - quote: 1                    # the campaign's first quote
//	  - boilerplate: true           # the campaign's notes to editors
//
// Text is Go text/template with the functions listed at Funcs; the dot is a
// Data.
type Template struct {
	name       string
	headline   []option
	standfirst []option
	paragraphs []paragraph
	root       *template.Template
}

type option struct {
	when     condition
	variants []string // names of templates in root
}

type paragraph struct {
	name        string
	when        condition
	options     []option
	quote       int // 1-based; 0 for none
	boilerplate bool
	chart       bool
}

type fileOption struct {
	When string   `yaml:"when"`
	Say  []string `yaml:"say"`
	Text string   `yaml:"text"`
}

type fileParagraph struct {
	Name        string       `yaml:"name"`
	When        string       `yaml:"when"`
	Say         []string     `yaml:"say"`
	Text        string       `yaml:"text"`
	Choose      []fileOption `yaml:"choose"`
	Quote       int          `yaml:"quote"`
	Boilerplate bool         `yaml:"boilerplate"`
	Chart       bool         `yaml:"chart"`
}

type file struct {
	Headline   []fileOption    `yaml:"headline"`
	Standfirst []fileOption    `yaml:"standfirst"`
	Paragraphs []fileParagraph `yaml:"paragraphs"`
}

//go:embed default.yaml
var defaultYAML []byte

// Default returns the built-in template, used for a campaign without a
// story.yaml: a plain story of counts, change, offences and charges that
// names the campaign's topic. It panics only if the embedded file is
// broken, which the tests rule out.
func Default() *Template {
	t, err := ParseTemplate(defaultYAML, "default.yaml")
	if err != nil {
		panic(fmt.Sprintf("story: built-in template: %v", err))
	}
	return t
}

// LoadTemplate reads DIR/story.yaml. A directory without one gets Default.
// It returns an error naming the file and the block for anything it cannot
// read: bad YAML, an unknown field, a condition naming no known fact, or
// text that is not a valid template.
func LoadTemplate(ctx context.Context, dir string) (*Template, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, FileName)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read story template: %w", err)
	}
	return ParseTemplate(b, path)
}

// ParseTemplate reads a story template from YAML; name is used in errors.
// Errors name the block ("paragraphs[3] (charges): choose[1]") and what is
// wrong with it.
func ParseTemplate(b []byte, name string) (*Template, error) {
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	t := &Template{name: name, root: template.New(name).Funcs(funcs(&Data{}, ""))}
	var err error
	if t.headline, err = t.options("headline", f.Headline); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(t.headline) == 0 {
		return nil, fmt.Errorf("%s: no headline", name)
	}
	if t.standfirst, err = t.options("standfirst", f.Standfirst); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for i, fp := range f.Paragraphs {
		where := fmt.Sprintf("paragraphs[%d]", i+1)
		if fp.Name != "" {
			where += " (" + fp.Name + ")"
		}
		p := paragraph{name: fp.Name, quote: fp.Quote, boilerplate: fp.Boilerplate, chart: fp.Chart}
		if p.name == "" {
			p.name = fmt.Sprintf("p%d", i+1)
		}
		kinds := 0
		for _, set := range []bool{len(fp.Say) > 0 || fp.Text != "", len(fp.Choose) > 0, fp.Quote != 0, fp.Boilerplate, fp.Chart} {
			if set {
				kinds++
			}
		}
		if kinds != 1 {
			return nil, fmt.Errorf("%s: %s: give exactly one of say (or text), choose, quote, boilerplate or chart", name, where)
		}
		if fp.Quote < 0 {
			return nil, fmt.Errorf("%s: %s: quote %d: quotes count from 1", name, where, fp.Quote)
		}
		if p.when, err = parseCondition(fp.When, knownVar); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", name, where, err)
		}
		opts := fp.Choose
		if len(fp.Say) > 0 || fp.Text != "" {
			opts = []fileOption{{Say: fp.Say, Text: fp.Text}}
		}
		if p.options, err = t.options(where, opts); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		t.paragraphs = append(t.paragraphs, p)
	}
	return t, nil
}

func (t *Template) options(where string, fos []fileOption) ([]option, error) {
	var out []option
	for i, fo := range fos {
		at := fmt.Sprintf("%s[%d]", where, i+1)
		if strings.HasPrefix(where, "paragraphs") {
			at = fmt.Sprintf("%s: choose[%d]", where, i+1)
		}
		c, err := parseCondition(fo.When, knownVar)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", at, err)
		}
		say := fo.Say
		if fo.Text != "" {
			say = append([]string{fo.Text}, say...)
		}
		if len(say) == 0 {
			return nil, fmt.Errorf("%s: nothing to say", at)
		}
		o := option{when: c}
		for j, s := range say {
			name := fmt.Sprintf("%s/%d", at, j+1)
			if _, err := t.root.New(name).Parse(s); err != nil {
				return nil, fmt.Errorf("%s, variant %d: %w", at, j+1, err)
			}
			o.variants = append(o.variants, name)
		}
		out = append(out, o)
	}
	return out, nil
}
