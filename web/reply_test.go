package web

import (
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHostileReplyShowsAsText serves a reply holding a script, event
// handlers, a javascript: link, a style sheet and a remote image, and
// proves none of it reaches the browser as anything but text.
func TestHostileReplyShowsAsText(t *testing.T) {
	f := testFixture(t)
	s := f.signIn(t, "vic", viewerPass)
	snap := f.srv.snap.Load()
	fv := snap.byID["dorset"]
	fig := snap.figureRow(fv.Figures[1])
	w := s.get(fig.Href[:strings.IndexByte(fig.Href, '#')])
	if w.Code != http.StatusOK {
		t.Fatalf("reply page: %d\n%s", w.Code, w.Body)
	}
	doc, err := html.Parse(strings.NewReader(w.Body.String()))
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	var picked []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			text.WriteString(n.Data)
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "iframe", "object", "embed", "form":
				if n.Data != "form" || attr(n, "action") != "/logout" {
					t.Errorf("the page holds a <%s> element", n.Data)
				}
			case "img":
				if src := attr(n, "src"); !strings.HasPrefix(src, "/") {
					t.Errorf("the page loads an image from %q", src)
				}
			}
			for _, a := range n.Attr {
				k, v := strings.ToLower(a.Key), strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(k, "on") {
					t.Errorf("<%s> has an event handler %s=%q", n.Data, a.Key, a.Val)
				}
				if k == "style" {
					t.Errorf("<%s> has a style attribute", n.Data)
				}
				if (k == "href" || k == "src" || k == "action") && strings.HasPrefix(strings.ReplaceAll(v, " ", ""), "javascript:") {
					t.Errorf("<%s> has %s=%q", n.Data, a.Key, a.Val)
				}
			}
			if attr(n, "id") == "cell" {
				picked = append(picked, textOf(n))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	shown := text.String()
	for _, want := range []string{
		`<script>document.title = "owned"`, // the source, as text
		`onerror="alert('onerror')"`,
		`href="javascript:alert('link')"`,
		"disclosure log", // the sanitised rendering keeps the words
		"Offences recorded involving a drone",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("the page's text lacks %q", want)
		}
	}
	if len(picked) != 1 || picked[0] != fig.Figure.Source.Text {
		t.Errorf("picked cells %q, want just %q", picked, fig.Figure.Source.Text)
	}
	if !strings.Contains(w.Header().Get("Content-Security-Policy"), "default-src 'none'") {
		t.Error("no Content-Security-Policy forbidding scripts")
	}
}

func TestReplyPolicy(t *testing.T) {
	tests := []struct {
		name, in string
		keep     []string
		drop     []string
	}{
		{"script", `<p>a</p><script>alert(1)</script>`, []string{"<p>a</p>"}, []string{"script", "alert"}},
		{"handler", `<p onclick="x()">b</p><img src=x onerror=y()>`, []string{"<p>b</p>"}, []string{"onclick", "onerror", "<img"}},
		{"js link", `<a href="javascript:alert(1)">c</a>`, []string{"c"}, []string{"javascript"}},
		{"entity-hidden js link", `<a href="jav&#x09;ascript:alert(1)">d</a>`, []string{"d"}, []string{"ascript:"}},
		{"web link", `<a href="https://example.org/x">e</a>`, []string{`href="https://example.org/x"`, `rel="nofollow noreferrer"`}, nil},
		{"relative link", `<a href="/figure/confirm">i</a>`, []string{"i"}, []string{"href"}},
		{"style", `<div style="background:url(x)">f</div><style>p{}</style>`, []string{"<div>f</div>"}, []string{"style", "url("}},
		{"frame and form", `<iframe src="https://x"></iframe><form action="/logout"><button>g</button></form>`, []string{"g"}, []string{"iframe", "form", "button"}},
		{"svg", `<svg onload="x()"><script>y()</script></svg>h`, []string{"h"}, []string{"svg", "onload", "y()"}},
		{"table", `<table><tr><td colspan="2">1</td><td colspan="x">2</td></tr></table>`, []string{`<td colspan="2">1</td>`, "<td>2</td>"}, []string{`colspan="x"`}},
	}
	p := replyPolicy()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := p.Sanitize(tt.in)
			for _, k := range tt.keep {
				if !strings.Contains(got, k) {
					t.Errorf("Sanitize(%q) = %q, lost %q", tt.in, got, k)
				}
			}
			for _, d := range tt.drop {
				if strings.Contains(got, d) {
					t.Errorf("Sanitize(%q) = %q, kept %q", tt.in, got, d)
				}
			}
		})
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
