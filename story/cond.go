package story

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// A condition is the `when:` of a template block: names of facts compared
// with numbers, joined by and, or, not and brackets:
//
//	change_pct > 0 and not part_year
//	high or (years >= 3 and year_change_pct >= 25)
//
// A bare name holds when the fact exists and is not zero. A comparison with
// a fact the force does not have is false, so "charges == 0" never holds
// for a force that gave no charge figure.
type condition interface {
	holds(vars map[string]float64) bool
}

type always struct{}

func (always) holds(map[string]float64) bool { return true }

type notCond struct{ c condition }

func (n notCond) holds(v map[string]float64) bool { return !n.c.holds(v) }

type andCond struct{ a, b condition }

func (c andCond) holds(v map[string]float64) bool { return c.a.holds(v) && c.b.holds(v) }

type orCond struct{ a, b condition }

func (c orCond) holds(v map[string]float64) bool { return c.a.holds(v) || c.b.holds(v) }

type compare struct {
	name string
	op   string // "" for a bare name
	n    float64
}

func (c compare) holds(v map[string]float64) bool {
	x, ok := v[c.name]
	if !ok {
		return false
	}
	switch c.op {
	case "":
		return x != 0
	case ">":
		return x > c.n
	case ">=":
		return x >= c.n
	case "<":
		return x < c.n
	case "<=":
		return x <= c.n
	case "==":
		return x == c.n
	case "!=":
		return x != c.n
	}
	return false
}

// parseCondition reads a condition. known says which names exist; a name
// outside it is an error, so a misspelt fact in story.yaml is caught when
// the template is read rather than silently never holding.
func parseCondition(s string, known func(string) bool) (condition, error) {
	toks, err := condTokens(s)
	if err != nil {
		return nil, fmt.Errorf("condition %q: %w", s, err)
	}
	if len(toks) == 0 {
		return always{}, nil
	}
	p := &condParser{toks: toks, known: known}
	c, err := p.or()
	if err == nil && p.i < len(p.toks) {
		err = fmt.Errorf("unexpected %q", p.toks[p.i])
	}
	if err != nil {
		return nil, fmt.Errorf("condition %q: %w", s, err)
	}
	return c, nil
}

type condParser struct {
	toks  []string
	i     int
	known func(string) bool
	depth int
}

func (p *condParser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

func (p *condParser) or() (condition, error) {
	c, err := p.and()
	for err == nil && p.peek() == "or" {
		p.i++
		var d condition
		if d, err = p.and(); err == nil {
			c = orCond{c, d}
		}
	}
	return c, err
}

func (p *condParser) and() (condition, error) {
	c, err := p.unary()
	for err == nil && p.peek() == "and" {
		p.i++
		var d condition
		if d, err = p.unary(); err == nil {
			c = andCond{c, d}
		}
	}
	return c, err
}

func (p *condParser) unary() (condition, error) {
	switch t := p.peek(); {
	case t == "":
		return nil, fmt.Errorf("ends too soon")
	case t == "not":
		p.i++
		c, err := p.unary()
		return notCond{c}, err
	case t == "(":
		if p.depth > 50 {
			return nil, fmt.Errorf("brackets nested too deep")
		}
		p.i++
		p.depth++
		c, err := p.or()
		p.depth--
		if err != nil {
			return nil, err
		}
		if p.peek() != ")" {
			return nil, fmt.Errorf("missing )")
		}
		p.i++
		return c, nil
	case isName(t):
		p.i++
		if !p.known(t) {
			return nil, fmt.Errorf("unknown name %q", t)
		}
		c := compare{name: t}
		switch op := p.peek(); op {
		case ">", ">=", "<", "<=", "==", "!=":
			p.i++
			n, err := strconv.ParseFloat(p.peek(), 64)
			if err != nil {
				return nil, fmt.Errorf("%s %s needs a number, not %q", t, op, p.peek())
			}
			p.i++
			c.op, c.n = op, n
		}
		return c, nil
	default:
		return nil, fmt.Errorf("unexpected %q", t)
	}
}

func isName(t string) bool {
	if t == "" || t == "and" || t == "or" || t == "not" {
		return false
	}
	for i, r := range t {
		if !(r == '_' || unicode.IsLetter(r) || (i > 0 && unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}

// condTokens splits a condition into names, numbers, operators and brackets.
func condTokens(s string) ([]string, error) {
	var out []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case c == '(' || c == ')':
			out = append(out, string(c))
			i++
		case strings.ContainsRune("<>=!", rune(c)):
			if i+1 < len(s) && s[i+1] == '=' {
				out = append(out, s[i:i+2])
				i += 2
				continue
			}
			if c == '=' || c == '!' {
				return nil, fmt.Errorf("%q at %d: write == or !=", c, i)
			}
			out = append(out, string(c))
			i++
		case c == '-' || c == '.' || (c >= '0' && c <= '9'):
			j := i + 1
			for j < len(s) && (s[j] == '.' || (s[j] >= '0' && s[j] <= '9')) {
				j++
			}
			out = append(out, s[i:j])
			i = j
		case c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
			j := i + 1
			for j < len(s) && (s[j] == '_' || (s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9')) {
				j++
			}
			out = append(out, s[i:j])
			i = j
		default:
			return nil, fmt.Errorf("unexpected %q at %d", c, i)
		}
	}
	return out, nil
}
