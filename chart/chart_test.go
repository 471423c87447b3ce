package chart

import (
	"bytes"
	"flag"
	"fmt"
	"golang.org/x/image/font"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sample is a chart shaped like a force's: three years, the latest picked
// out, and an offence mix with one long name.
func sample() Chart {
	return Chart{
		Title:    "TikTok-linked offences recorded by Northshire Constabulary",
		Subtitle: "Offences with a link to TikTok, by financial year, and what they were in 2023/24",
		Panels: []Panel{
			{
				Title:        "Offences recorded each year",
				ValueAxis:    "Offences recorded",
				CategoryAxis: "Financial year (April to March)",
				Bars: []Bar{
					{Label: "2021/22", Value: 71},
					{Label: "2022/23", Value: 66},
					{Label: "2023/24", Value: 98, Accent: true},
				},
			},
			{
				Title:        "Offence types in 2023/24",
				ValueAxis:    "Offences recorded",
				CategoryAxis: "Offence, as the force described it",
				Horizontal:   true,
				Bars: []Bar{
					{Label: "Malicious communications", Value: 41},
					{Label: "Taking, making or distributing indecent photographs or pseudo-photographs of children", Value: 37},
					{Label: "Stalking", Value: 9},
					{Label: "Harassment", Value: 4},
				},
			},
		},
		Notes:  []string{"Offence types are those the force listed; they need not add up to the year's total."},
		Source: "Source: Freedom of Information reply from Northshire Constabulary",
		Alt:    "Bar chart: 71 offences in 2021/22, 66 in 2022/23 and 98 in 2023/24 & more",
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test -update and look at the diff", name)
	}
}

func TestSVGGolden(t *testing.T) {
	got, err := sample().SVG()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "sample.svg", got)
	s := string(got)
	for _, want := range []string{
		`<title id="chart-title">TikTok-linked offences recorded by Northshire Constabulary</title>`,
		`2023/24 &amp; more</desc>`,
		`>98</text>`,
		`>Offences recorded</text>`,
		`>Financial year (April to March)</text>`,
		`>Source: Freedom of Information reply from`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
	if strings.Contains(s, ">Taking, making or distributing indecent photographs or pseudo-photographs of children<") {
		t.Errorf("long label was not wrapped")
	}
}

func TestPNG(t *testing.T) {
	c := sample()
	a, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two PNGs of one chart differ")
	}
	img, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if w := img.Bounds().Dx(); w != Width*PNGScale {
		t.Errorf("PNG is %d pixels wide, want %d", w, Width*PNGScale)
	}
	// The accent bar's colour must be on the image: the latest year is drawn.
	found := false
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y && !found; y += 2 {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			if uint8(r>>8) == colAccent.R && uint8(g>>8) == colAccent.G && uint8(b>>8) == colAccent.B {
				found = true
				break
			}
		}
	}
	if !found {
		t.Error("no accent-coloured pixel: the highlighted bar was not drawn")
	}
	if *update {
		// Kept for looking at, not compared: PNG bytes follow the font rasteriser.
		if err := os.WriteFile(filepath.Join("testdata", "sample.png"), a, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		c    Chart
		want string
	}{
		{"no title", Chart{Panels: []Panel{{Bars: []Bar{{Label: "a", Value: 1}}}}}, "no title"},
		{"no bars", Chart{Title: "T"}, "no bars"},
		{"negative", Chart{Title: "T", Panels: []Panel{{Bars: []Bar{{Label: "2021/22", Value: -3}}}}}, "panel 1, bar 1 (2021/22): negative value -3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.c.SVG()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("SVG() error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestScale(t *testing.T) {
	tests := []struct {
		m, top, step int64
	}{
		{0, 1, 1},
		{3, 4, 1},
		{98, 125, 25},
		{100, 125, 25},
		{252, 300, 100},
		{513, 600, 200},
		{12000, 15000, 5000},
	}
	for _, tt := range tests {
		top, step := scale(tt.m)
		if top != tt.top || step != tt.step {
			t.Errorf("scale(%d) = %d, %d; want %d, %d", tt.m, top, step, tt.top, tt.step)
		}
		if top < tt.m {
			t.Errorf("scale(%d): top %d is below the largest value", tt.m, top)
		}
	}
}

func TestFormatInt(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 140000: "140,000", -1234567: "-1,234,567"} {
		if got := formatInt(n); got != want {
			t.Errorf("formatInt(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestTextFitsInAnyFont: every line of text, measured in the Go fonts and
// made fitMargin wider (as a wide fallback font may set it), stays inside
// the chart, or carries a textLength holding it to its laid-out width.
func TestTextFitsInAnyFont(t *testing.T) {
	c := sample()
	c.Title = "TikTok-linked offences recorded by Avon and Somerset Constabulary, with a title far longer than any editor would allow"
	fs, err := newFaces(1, font.HintingNone)
	if err != nil {
		t.Fatal(err)
	}
	shapes, _ := layout(c, fs)
	svg, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range shapes {
		if s.text == "" {
			continue
		}
		w := fs.width(s.text, s.size, s.bold)
		left := s.x
		switch s.anchor {
		case anchorMiddle:
			left = s.x - w*fitMargin/2
		case anchorEnd:
			left = s.x - w*fitMargin
		}
		fits := left >= 0 && left+w*fitMargin <= Width && (s.box == 0 || w*fitMargin <= s.box)
		held := strings.Contains(string(svg), fmt.Sprintf(`textLength="%s"`, num(math.Min(w, s.box))))
		if !fits && !held {
			t.Errorf("%q (%.0f px in Go, %.0f in a wide font) may overflow its box of %.0f px", s.text, w, w*fitMargin, s.box)
		}
		if s.size*float64(390)/Width < 9.5 {
			t.Errorf("%q is %.1f px at 390 px wide: too small to read", s.text, s.size*390/Width)
		}
	}
}
