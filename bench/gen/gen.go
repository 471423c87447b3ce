// Package gen writes synthetic campaigns for measuring foiwire at newsroom
// scale: any number of forces, each with any number of replies, laid out in
// the formats forces send (CSV, an HTML disclosure page, aligned plain
// text, a spreadsheet and an email with an attachment). Offence and outcome
// rows use the vocabularies' own wordings, varied the ways replies vary
// them (codes in front, lower case, abbreviations, a slip of the keyboard),
// so the wording matcher sees realistic work. The same options always give
// the same bytes.
package gen

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"html"
	"math/rand/v2"
	"mime/multipart"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/taxonomy"
)

// Options say how big a campaign to write.
type Options struct {
	Forces  int // how many forces reply (at most the registry's size)
	Replies int // reply files per force
	// Rows is the number of offence rows in each reply's offence table;
	// each row has one figure per column.
	Rows int
	// Months, when not 0, gives each reply's offence table that many
	// monthly columns, each reply of a force its own months from April
	// 2019 on; 0 gives one column, the year 2023/24.
	Months int
	Seed   uint64
}

// Formats are the reply formats written, in turn.
var Formats = []string{"csv", "html", "txt", "xlsx", "eml"}

// Campaign writes campaign.yaml, story.yaml and replies/<force>/... under
// dir, which must exist. It returns the number of reply files written.
func Campaign(ctx context.Context, dir string, o Options) (int, error) {
	if o.Months*o.Replies > 60 {
		return 0, fmt.Errorf("gen: %d replies of %d months: at most 60 months in all", o.Replies, o.Months)
	}
	if err := os.WriteFile(filepath.Join(dir, "campaign.yaml"), []byte(campaignYAML), 0o644); err != nil {
		return 0, fmt.Errorf("gen: write campaign.yaml: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "story.yaml"), []byte(storyYAML), 0o644); err != nil {
		return 0, fmt.Errorf("gen: write story.yaml: %w", err)
	}
	forces := authority.Police().All()
	if o.Forces > len(forces) {
		return 0, fmt.Errorf("gen: %d forces: the registry has %d", o.Forces, len(forces))
	}
	v := newVocab()
	n := 0
	for i, f := range forces[:o.Forces] {
		fdir := filepath.Join(dir, "replies", f.ID)
		if err := os.MkdirAll(fdir, 0o755); err != nil {
			return n, fmt.Errorf("gen: %w", err)
		}
		for j := range o.Replies {
			if err := ctx.Err(); err != nil {
				return n, err
			}
			rnd := rand.New(rand.NewPCG(o.Seed, uint64(i*1000+j)))
			r := v.reply(rnd, f.Name, j, o)
			format := Formats[(i+j)%len(Formats)]
			b, err := r.encode(format)
			if err != nil {
				return n, fmt.Errorf("gen: %s reply %d: %w", f.ID, j, err)
			}
			name := fmt.Sprintf("foi-%04d-%02d.%s", 100+i, j, format)
			if err := os.WriteFile(filepath.Join(fdir, name), b, 0o644); err != nil {
				return n, fmt.Errorf("gen: %w", err)
			}
			n++
		}
	}
	return n, nil
}

// Rewrite writes a revised version of an existing reply, as a force that
// resends its answer: the first offence row gets a new label, numbered by
// version, that names no offence, so its figure changes (to one for a
// person to review) without contradicting the force's other replies.
func Rewrite(ctx context.Context, dir, force string, reply int, o Options, version int) error {
	forces := authority.Police().All()
	for i, f := range forces {
		if f.ID != force {
			continue
		}
		rnd := rand.New(rand.NewPCG(o.Seed, uint64(i*1000+reply)))
		r := newVocab().reply(rnd, f.Name, reply, o)
		if len(r.offences) > 0 {
			r.offences[0].label = fmt.Sprintf("Revision %d: row withdrawn pending review", version)
		}
		format := Formats[(i+reply)%len(Formats)]
		b, err := r.encode(format)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("foi-%04d-%02d.%s", 100+i, reply, format)
		return os.WriteFile(filepath.Join(dir, "replies", f.ID, name), b, 0o644)
	}
	return fmt.Errorf("gen: no force %q", force)
}

type vocab struct {
	offences []labelled
	outcomes []labelled
}

type labelled struct {
	text string
	code string
}

func newVocab() *vocab {
	v := &vocab{}
	for _, e := range taxonomy.Offences() {
		if e.Level != taxonomy.LevelClass && e.Level != taxonomy.LevelOffence {
			continue
		}
		code := ""
		if len(e.HOCodes) > 0 {
			code = e.HOCodes[0]
		}
		v.offences = append(v.offences, labelled{e.Name, code})
		for _, a := range e.Aliases {
			v.offences = append(v.offences, labelled{a, code})
		}
	}
	for _, e := range taxonomy.Outcomes() {
		v.outcomes = append(v.outcomes, labelled{e.Title, e.Code})
		for _, a := range e.Aliases {
			v.outcomes = append(v.outcomes, labelled{a, e.Code})
		}
	}
	return v
}

// vary writes a wording the way some force might.
func vary(rnd *rand.Rand, l labelled, outcome bool) string {
	t := l.text
	switch rnd.IntN(8) {
	case 0:
		if l.code != "" {
			if outcome {
				return "Outcome " + l.code + " - " + t
			}
			return l.code + " - " + t
		}
	case 1:
		return strings.ToLower(t)
	case 2:
		return strings.ToUpper(t[:1]) + strings.ToLower(t[1:])
	case 3:
		// a slip: two letters of the longest word swapped
		ws := strings.Fields(t)
		k := 0
		for i, w := range ws {
			if len(w) > len(ws[k]) {
				k = i
			}
		}
		if w := ws[k]; len(w) >= 8 {
			b := []byte(w)
			p := 2 + rnd.IntN(len(b)-4)
			b[p], b[p+1] = b[p+1], b[p]
			ws[k] = string(b)
			return strings.Join(ws, " ")
		}
	case 4:
		r := strings.NewReplacer("communications", "comms", "Communications", "Comms", "suspect", "sus", "Suspect", "Sus",
			"evidence", "evid", "Evidence", "Evid", "investigation", "investig", "Investigation", "Investig")
		return r.Replace(t)
	case 5:
		return strings.ReplaceAll(t, " and ", " & ")
	}
	return t
}

type row struct {
	label  string
	values []int
}

type reply struct {
	force    string
	ref      string
	years    []string
	q1       []row
	offences []row
	outcomes []row
}

var fyears = []string{"2021/22", "2022/23", "2023/24"}

var months = []string{"Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"}

// count is the figure a force gives for a key in a period, the same in
// every reply that states it, so that replies never contradict each other.
func count(force, key, period string, limit int) int {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%s|%s", force, key, period)
	return int(h.Sum64() % uint64(limit))
}

func (v *vocab) reply(rnd *rand.Rand, force string, j int, o Options) *reply {
	r := &reply{force: force, ref: fmt.Sprintf("%d/%03d", 2024, 100+j), years: []string{"2023/24"}}
	if o.Months > 0 {
		r.years = nil
		for m := j * o.Months; m < (j+1)*o.Months; m++ {
			r.years = append(r.years, fmt.Sprintf("%s %d", months[m%12], 2019+(m+9)/12))
		}
	}
	for _, y := range fyears {
		r.q1 = append(r.q1, row{y, []int{3000 + count(force, "", y, 2000)}})
	}
	for range o.Rows {
		label := vary(rnd, v.offences[rnd.IntN(len(v.offences))], false)
		key := label
		if m, _ := taxonomy.MatchOffence(label); m.Key != "" {
			key = m.Key
		}
		vals := make([]int, len(r.years))
		for k, y := range r.years {
			vals[k] = count(force, key, y, 20)
		}
		r.offences = append(r.offences, row{label, vals})
	}
	for range 4 + rnd.IntN(6) {
		label := vary(rnd, v.outcomes[rnd.IntN(len(v.outcomes))], true)
		key := label
		if m, _ := taxonomy.MatchOutcome(label); m.Key != "" {
			key = m.Key
		}
		r.outcomes = append(r.outcomes, row{label, []int{count(force, key, "2023/24", 40)}})
	}
	return r
}

// section is one question's table as a reply heads it.
type section struct {
	title  string
	header []string
	rows   []row
}

func (r *reply) sections() []section {
	span := r.years[0]
	if len(r.years) > 1 {
		span = r.years[0] + " to " + r.years[len(r.years)-1]
	}
	return []section{
		{"Question 1 - Crimes recorded in each financial year", []string{"Financial year", "Crimes"}, r.q1},
		{"Question 1a - Offences recorded, " + span, append([]string{"Offence"}, r.years...), r.offences},
		{"Question 1b - Outcomes of crimes recorded in 2023/24", []string{"Outcome", "Crimes"}, r.outcomes},
	}
}

const intro = "Thank you for your request for information about crimes in which the app was recorded as playing a part. The force holds the information, and the figures are set out below by question. Years run from 1 April to 31 March."

func (r *reply) encode(format string) ([]byte, error) {
	switch format {
	case "csv":
		return r.csv(), nil
	case "html":
		return r.html(), nil
	case "txt":
		return r.text(), nil
	case "xlsx":
		return r.xlsx()
	case "eml":
		return r.eml()
	}
	return nil, fmt.Errorf("unknown format %q", format)
}

func cells(rw row) []string {
	out := []string{rw.label}
	for _, v := range rw.values {
		out = append(out, fmt.Sprint(v))
	}
	return out
}

func (r *reply) csv() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{r.force + " - Freedom of Information response"})
	w.Write([]string{"Reference: FOI " + r.ref})
	w.Write([]string{""})
	for _, s := range r.sections() {
		w.Write([]string{s.title})
		w.Write(s.header)
		for _, rw := range s.rows {
			w.Write(cells(rw))
		}
		w.Write([]string{""})
	}
	w.Flush()
	return b.Bytes()
}

func (r *reply) html() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>FOI %s | %s</title></head>\n<body><main>\n", r.ref, html.EscapeString(r.force))
	fmt.Fprintf(&b, "<h1>Crimes involving a video app</h1>\n<p>Reference FOI %s</p>\n<p>%s</p>\n", r.ref, intro)
	for _, s := range r.sections() {
		fmt.Fprintf(&b, "<h3>%s</h3>\n<table>\n<thead><tr>", html.EscapeString(s.title))
		for _, h := range s.header {
			fmt.Fprintf(&b, "<th>%s</th>", html.EscapeString(h))
		}
		b.WriteString("</tr></thead>\n<tbody>\n")
		for _, rw := range s.rows {
			b.WriteString("<tr>")
			for _, c := range cells(rw) {
				fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(c))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</tbody>\n</table>\n")
	}
	b.WriteString("</main></body></html>\n")
	return b.Bytes()
}

func (r *reply) text() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\nFreedom of Information response\n\nFOI %s\n\n", r.force, r.ref)
	for _, line := range wrap(intro, 76) {
		b.WriteString(line + "\n")
	}
	for _, s := range r.sections() {
		fmt.Fprintf(&b, "\n%s\n\n", s.title)
		width := len(s.header[0])
		for _, rw := range s.rows {
			width = max(width, len(rw.label))
		}
		line := func(cs []string) {
			fmt.Fprintf(&b, "    %-*s", width, cs[0])
			for _, c := range cs[1:] {
				fmt.Fprintf(&b, "  %10s", c)
			}
			b.WriteString("\n")
		}
		line(s.header)
		for _, rw := range s.rows {
			line(cells(rw))
		}
	}
	return b.Bytes()
}

func wrap(s string, n int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > n {
			out = append(out, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(out, line)
}

func (r *reply) xlsx() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range r.sections() {
		name := fmt.Sprintf("Q%d", i+1)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		if err := f.SetCellValue(name, "A1", "FOI "+r.ref+" - "+s.title); err != nil {
			return nil, err
		}
		put := func(rowN int, cs []string, numbers bool) error {
			for k, c := range cs {
				ref, _ := excelize.CoordinatesToCellName(k+1, rowN)
				var val any = c
				if numbers && k > 0 {
					var n int
					fmt.Sscan(c, &n)
					val = n
				}
				if err := f.SetCellValue(name, ref, val); err != nil {
					return err
				}
			}
			return nil
		}
		if err := put(3, s.header, false); err != nil {
			return nil, err
		}
		for k, rw := range s.rows {
			if err := put(4+k, cells(rw), true); err != nil {
				return nil, err
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (r *reply) eml() ([]byte, error) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.SetBoundary("foiwire-bench-boundary-" + strings.ReplaceAll(r.ref, "/", "-"))
	fmt.Fprintf(&b, "From: Freedom of Information <foi@force.example>\r\nTo: desk@newsroom.example\r\nSubject: FOI %s - your request\r\nDate: Mon, 22 Jul 2024 10:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=%s\r\n\r\n", r.ref, mw.Boundary())
	body, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"text/plain; charset=utf-8"}})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(body, "Dear requester,\r\n\r\nPlease find attached the response from %s to your request FOI %s.\r\n\r\nInformation Access Team\r\n", r.force, r.ref)
	att, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {"text/csv; name=\"response.csv\""},
		"Content-Disposition":       {"attachment; filename=\"response.csv\""},
		"Content-Transfer-Encoding": {"base64"},
	})
	if err != nil {
		return nil, err
	}
	enc := base64.StdEncoding.EncodeToString(r.csv())
	for len(enc) > 76 {
		fmt.Fprintf(att, "%s\r\n", enc[:76])
		enc = enc[76:]
	}
	fmt.Fprintf(att, "%s\r\n", enc)
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
