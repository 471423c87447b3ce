package claims

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// looksHTML is deliberately loose: a page fragment pasted from a browser's
// source view is HTML even without <html>.
var looksHTML = regexp.MustCompile(`(?i)<(html|body|p|div|article|br|span|h[1-6]|script|a\s)[\s>/]`)

// PlainText returns the text Extract reads: plain text unchanged, or the
// readable text of an HTML page with its markup, scripts, styles,
// navigation, forms, cookie banners and newsletter boxes removed and one
// line per block. Claim offsets point into this text. It never fails: text
// it cannot parse as HTML is returned as it is.
func PlainText(src string) string {
	// HTML needs a "<": most texts, a story's among them, have none and
	// need no regular expression.
	if strings.IndexByte(src, '<') < 0 || !looksHTML.MatchString(src) {
		return src
	}
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	skip := 0 // depth inside elements whose text is not the article
	var stack []bool
	newline := func() {
		s := b.String()
		if len(s) > 0 && s[len(s)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.TrimSpace(collapseBlankLines(b.String()))
		case html.TextToken:
			if skip == 0 {
				t := strings.Join(strings.Fields(string(z.Text())), " ")
				if t != "" {
					s := b.String()
					if len(s) > 0 && s[len(s)-1] != '\n' && s[len(s)-1] != ' ' {
						b.WriteByte(' ')
					}
					b.WriteString(t)
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			drop := skippedTags[tag]
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if key := string(k); key == "class" || key == "id" || key == "role" || key == "aria-label" {
					if boilerAttr.Match(v) {
						drop = true
					}
				}
			}
			if blockTags[tag] {
				newline()
			}
			if tt == html.SelfClosingTagToken || voidTags[tag] {
				continue
			}
			stack = append(stack, drop)
			if drop {
				skip++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if blockTags[string(name)] {
				newline()
			}
			if n := len(stack); n > 0 {
				if stack[n-1] {
					skip--
				}
				stack = stack[:n-1]
			}
		}
	}
}

var skippedTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "nav": true, "form": true,
	"button": true, "svg": true, "iframe": true, "template": true, "select": true,
	"head": true, "footer": true, "aside": true, "figure": true,
}

var voidTags = map[string]bool{
	"br": true, "img": true, "hr": true, "input": true, "meta": true, "link": true,
	"source": true, "wbr": true, "area": true, "base": true, "col": true, "embed": true,
}

var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "article": true, "section": true, "blockquote": true,
	"tr": true, "table": true, "ul": true, "ol": true, "header": true, "main": true, "title": true,
}

// boilerAttr names the page furniture that news sites mark with classes.
var boilerAttr = regexp.MustCompile(`(?i)cookie|consent|gdpr|newsletter|subscribe|signup|sign-up|\bnav|menu|breadcrumb|share|social|related|advert|\bads?\b|promo|paywall|comments?\b|read-?more`)

func collapseBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// isBoilerplate reports whether a sentence is site furniture rather than the
// story: numbers in it are listed but never checked. It runs on every
// sentence, so it is plain string tests rather than a regular expression
// (which made up half the time of checking an article).
func isBoilerplate(sentence string) bool {
	low := strings.ToLower(sentence)
	start := strings.TrimLeft(low, " \t\r\n\f\v")
	for _, p := range []string{"read more", "subscribe", "sign up", "follow us", "share this", "related:", "advertisement"} {
		if strings.HasPrefix(start, p) {
			return true
		}
	}
	if strings.HasPrefix(start, "submit") && wordEnds(start, len("submit")) {
		return true
	}
	for _, p := range []string{"newsletter", "whatsapp channel", "all rights reserved", "©"} {
		if strings.Contains(low, p) {
			return true
		}
	}
	for i := 0; ; {
		j := strings.Index(low[i:], "cookie")
		if j < 0 {
			break
		}
		end := i + j + len("cookie")
		if wordEnds(low, end) || strings.HasPrefix(low[end:], "s") && wordEnds(low, end+1) {
			return true
		}
		i = end
	}
	for i := 0; ; {
		j := strings.IndexByte(low[i:], '|')
		if j < 0 {
			break
		}
		rest := strings.TrimLeft(low[i+j+1:], " \t\r\n\f\v")
		if strings.HasPrefix(rest, "submit") && wordEnds(rest, len("submit")) {
			return true
		}
		i += j + 1
	}
	return false
}

// wordEnds reports whether a word ends at byte i of s: the end of s, or a
// byte that is not an ASCII letter, digit or underscore (as regexp's \b).
func wordEnds(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	c := s[i]
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')
}
