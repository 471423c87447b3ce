package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/claims"
	"github.com/foiwire/foiwire/story"
)

// FuzzLinkStory reads arbitrary story text back for its numbers: the
// segments must give back exactly the text, and every link must name a
// fact that exists.
func FuzzLinkStory(f *testing.F) {
	f.Add("Drone crime in Dorset up 121 per cent", "Police recorded 31 offences in 2023/24.", "That is up from 14 in 2021/22.")
	f.Add("", "", "")
	f.Add("31 31 31", "<p>14</p>", "nearly doubled, the highest of 2 forces")
	f.Add("£1.5m", "1,000,000", "2021/22 to 2023/24: 64")
	reg := authority.Police()
	dorset, _ := reg.ByID("dorset")
	fy := func(y int) foiwire.Period {
		return foiwire.Period{Start: foiwire.NewDate(y, 4, 1), End: foiwire.NewDate(y+1, 3, 31)}
	}
	facts := []foiwire.Fact{
		{ID: "dorset/count/2021", Authority: "dorset", Kind: foiwire.FactCount, Measure: foiwire.MeasurePeriod, Period: fy(2021), Value: 14},
		{ID: "dorset/count/2023", Authority: "dorset", Kind: foiwire.FactCount, Measure: foiwire.MeasurePeriod, Period: fy(2023), Value: 31},
		{ID: "dorset/change", Authority: "dorset", Kind: foiwire.FactChangePct, Measure: foiwire.MeasurePeriod, Period: fy(2023), Base: fy(2021), Value: 121.4},
		{ID: "dorset/total", Authority: "dorset", Kind: foiwire.FactTotal, Measure: foiwire.MeasurePeriod, Period: foiwire.Period{Start: fy(2021).Start, End: fy(2023).End}, Value: 64},
	}
	known := map[string]bool{}
	for _, fa := range facts {
		known[fa.ID] = true
	}
	periods := []foiwire.Period{fy(2021), fy(2022), fy(2023)}
	f.Fuzz(func(t *testing.T, headline, standfirst, para string) {
		st := story.Story{Force: dorset, Headline: headline, Standfirst: standfirst,
			Blocks: []story.Block{{Kind: story.BlockText, Text: para}, {Kind: story.BlockChart}}}
		sv := linkStory(st, facts, reg, periods, foiwire.NewDate(2024, 4, 1))
		for i, pair := range []struct {
			text string
			segs []segment
		}{{headline, sv.Headline}, {standfirst, sv.Standfirst}, {para, sv.Blocks[0].Text}} {
			if got, want := plain(pair.segs), claims.PlainText(pair.text); got != want {
				t.Fatalf("piece %d: segments give %q, want %q", i, got, want)
			}
			for _, sg := range pair.segs {
				if sg.Fact != "" && !known[sg.Fact] {
					t.Fatalf("link to unknown fact %q", sg.Fact)
				}
				if sg.Fact != "" && sg.Loose {
					t.Fatalf("segment %q is both linked and loose", sg.Text)
				}
			}
		}
		if sv.Blocks[1].Text != nil {
			t.Fatal("the chart block got text")
		}
	})
}

// FuzzLocalPath holds that whatever a "next" parameter says, the app only
// ever redirects within itself.
func FuzzLocalPath(f *testing.F) {
	for _, s := range []string{"/", "/forces/kent", "//evil.example", "/\\evil", "https://evil.example", "/a?b=c#d", "\t/x", "/%2F%2Fevil", "/\r\n", "/./\\evil", "/a/../\\evil", "/.%5Cevil"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := localPath(in, "/")
		if got == "/" {
			return
		}
		if got != in {
			t.Fatalf("localPath(%q) = %q: neither the input nor the default", in, got)
		}
		u, err := url.Parse(got)
		if err != nil || u.Host != "" || u.Scheme != "" || u.User != nil {
			t.Fatalf("localPath(%q) let through a URL with host %q scheme %q", in, u.Host, u.Scheme)
		}
		if !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") || strings.HasPrefix(got, "/\\") || strings.ContainsAny(got, "\r\n") {
			t.Fatalf("localPath(%q) = %q", in, got)
		}
		// What a browser would do with it: resolve against this site.
		base, _ := url.Parse("http://127.0.0.1:8080/login")
		if r := base.ResolveReference(u); r.Host != base.Host {
			t.Fatalf("localPath(%q) = %q resolves to host %q", in, got, r.Host)
		}
		// And with what http.Redirect sends, which cleans the path first.
		w := httptest.NewRecorder()
		http.Redirect(w, httptest.NewRequest(http.MethodPost, "/login", nil), got, http.StatusSeeOther)
		if h := browserHost(w.Header().Get("Location")); h != base.Host {
			t.Fatalf("localPath(%q) = %q, redirected as %q, opens on host %q", in, got, w.Header().Get("Location"), h)
		}
	})
}
