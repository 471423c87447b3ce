// Package dataset reads the replies to a campaign into figures: it finds
// which authority sent each one, matches each table to the question it
// answers, reads periods, offences and outcomes into canonical form, checks
// stated totals, recognises refusals and "not held" answers, and marks for
// review whatever it cannot read with confidence.
//
// Every cell is typed once (typing.go). Each table is read under several
// candidate layouts (its own one or two heading rows, a line of headings
// above it, the headings of the table it continues over a page break, a
// run of prose lines) and each reading is scored on the counts it
// explains, keys that clash, totals that add up and wording the offence
// and outcome lists know; a runner-up that scores nearly as well sends the
// reading to review, naming it. The reply is then reconciled as a whole:
// dashes are read with evidence from all of it, totals are checked across
// continued tables, contradicting values go to review, and a reply from
// which nothing was read and which refuses nothing gives one "unread"
// review row, so no reply passes in silence.
package dataset

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/period"
	"github.com/foiwire/foiwire/table"
)

// Input is one reply file to read.
type Input struct {
	Name string // the file's name, for messages and provenance
	Data []byte
	// Authority is the sender's id when known (the campaign folder it was
	// filed in); empty to find it from the reply.
	Authority string
	Campaign  *foiwire.Campaign // nil when reading a reply on its own
	Registry  *authority.Registry
	Now       foiwire.Date // for "so far"; zero if unknown
}

// Output is what was read from one reply.
type Output struct {
	Document foiwire.Document
	Figures  []foiwire.Figure
	Warnings []string
	// Refused is set when the reply refused the request or said the
	// information is not held and gave no figures; Figures then holds one
	// "refusal" figure. A reply that gives figures and cites an exemption
	// holds its figures and a refusal figure for review.
	Refused bool
	// Missing names the periods the campaign asked for that the reply gives
	// no figure for ("question q1: no figure for 2023-04-01..2024-03-31");
	// empty without a campaign.
	Missing []string
}

// Read reads one reply into figures. It returns an error naming the file
// when the file cannot be read at all (empty, corrupt, too large, of a kind
// it does not know); a reply that is readable but holds no figures is not
// an error.
func Read(ctx context.Context, in Input) (*Output, error) {
	sum := sha256.Sum256(in.Data)
	out := &Output{Document: foiwire.Document{
		SHA256: hex.EncodeToString(sum[:]), Name: in.Name, Size: int64(len(in.Data)), Authority: in.Authority,
		ReceivedAt: time.Time{},
	}}
	res, err := table.Read(ctx, in.Name, in.Data)
	if err != nil {
		return out, fmt.Errorf("%s: %w", in.Name, err)
	}
	out.Document.MediaType = res.MediaType
	out.Warnings = append(out.Warnings, res.Warnings...)
	reg := in.Registry
	if reg == nil {
		reg = authority.Police()
	}
	w := whose{id: in.Authority, how: "given", sure: true}
	if in.Authority == "" {
		w = detectAuthority(reg, res.Header, res.Text, in.Name)
		if w.id == "" {
			out.Warnings = append(out.Warnings, "cannot tell which authority sent this reply; give it with --authority")
			w.how = "unknown"
		}
	} else if d := detectAuthority(reg, res.Header, res.Text, ""); d.sure && d.id != in.Authority {
		out.Warnings = append(out.Warnings, fmt.Sprintf("filed under %s, but the reply names %s (%s)", in.Authority, d.id, d.how))
		w.sure = false
		w.how = "filed under " + in.Authority + ", but the reply names " + d.id
	}
	out.Document.Authority = w.id
	r := &reader{
		authority: w.id, sure: w.sure, from: w.how, campaign: in.Campaign,
		doc: out.Document.SHA256, file: in.Name, text: res.Text,
		popt: period.Options{FiscalStartMonth: time.April, FiscalStartDay: 1, Now: in.Now},
	}
	r.fyEvidence = fyEvidenceIn(res.Text)
	r.latestFY = latestFinancialYearEnd(res.Text, r.popt)
	if day, _ := yearConvention(res.Text); day == 6 {
		r.popt.FiscalStartDay = 6
	}
	figs, err := r.tables(ctx, res.Tables, res.Text)
	out.Figures = append(out.Figures, figs...)
	if err != nil {
		return out, err
	}
	if len(figs) == 0 && len(res.Blocks) > 0 {
		// No table gave a figure: the figures may be in prose, in runs of
		// lines or sentences that pair words with a count. Most prose
		// numbers are not answers, so whatever is read there is for review.
		figs, err = r.tables(ctx, res.Blocks, res.Text)
		kind := map[int]foiwire.TableKind{}
		for _, b := range res.Blocks {
			kind[b.Index] = b.Kind
		}
		for i := range figs {
			review(&figs[i], fmt.Sprintf("read from the reply's prose (%s, block %d), not from a table", kind[figs[i].Source.Table], figs[i].Source.Table))
		}
		out.Figures = append(out.Figures, figs...)
		if err != nil {
			return out, err
		}
	}
	// authority_from says how the sender was found; a sender given by the
	// user needs no saying.
	for i := range out.Figures {
		if in.Authority != "" {
			out.Figures[i].AuthorityFrom = ""
		}
	}
	read := len(out.Figures)
	// A reply that gave figures is searched for a refusal only when a cheap
	// look finds the words a refusal needs (refusalcheck.go).
	var ref *refusal
	if read == 0 || mayRefuse(res.Text) {
		ref = findRefusal(responsePart(res.Text))
	}
	if ref != nil {
		f := foiwire.Figure{
			Authority: w.id, Measure: foiwire.MeasureRefusal, Label: ref.section, Status: foiwire.StatusRefused,
			Confidence: foiwire.ConfidenceHigh, Reason: ref.why,
			Source: foiwire.Source{Document: out.Document.SHA256, File: in.Name, Table: -1, Row: -1, Col: -1},
		}
		if in.Authority == "" {
			f.AuthorityFrom = w.how
		}
		if ref.notHeld {
			f.Status = foiwire.StatusNotHeld
		}
		if !ref.full {
			review(&f, "the reply may refuse only part of the request")
		}
		if read > 0 {
			// Figures and a refusal in one reply: part of the request was
			// answered, and a person should see which part was refused.
			review(&f, fmt.Sprintf("the reply gives %d figures and also cites %s: it may refuse part of the request", read, ref.section))
		}
		if !w.sure {
			review(&f, "the authority was guessed ("+w.how+")")
		}
		out.Figures = append(out.Figures, f)
		out.Refused = read == 0
	}
	if !out.Refused {
		out.Missing = missingPeriods(in.Campaign, out.Figures)
		for _, m := range out.Missing {
			out.Warnings = append(out.Warnings, "incomplete: "+m)
		}
	}
	if len(out.Figures) == 0 {
		f := unread(r, res.Text)
		if in.Authority != "" {
			f.AuthorityFrom = ""
		}
		out.Figures = append(out.Figures, f)
		out.Warnings = append(out.Warnings, "nothing read with confidence and no refusal found: one review row says so")
	}
	return out, nil
}

// tables reads a document's tables in order into figures: a table that
// continues the one before over a page break takes its headings; dashes
// are read with evidence from the whole text; stated totals are checked
// across continued tables; and contradictions between tables go to review.
func (r *reader) tables(ctx context.Context, tables []foiwire.Table, text string) ([]foiwire.Figure, error) {
	var out []foiwire.Figure
	var prev *layout
	var short []shortPiece
	group := map[int]int{}
	for _, t := range tables {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		if r.isShort(t, prev) {
			// A piece of a continued table whose empty cells vanished:
			// placed once the whole group's totals are known.
			short = append(short, shortPiece{t, prev})
			continue
		}
		figs, lay := r.figuresIn(t, prev)
		if lay != nil {
			group[t.Index] = lay.group
			// A table's headings carry on to the next table only while
			// they head columns by period; a table with headings of its
			// own of another kind ends the run.
			switch {
			case lay.periodCols() > 0:
				prev = lay
			case lay.own:
				prev = nil
			}
		}
		out = append(out, figs...)
	}
	readDashes(out, group, text)
	for _, p := range short {
		figs, ok := r.placeByTotals(p, out, group)
		if !ok {
			figs, _ = r.figuresIn(p.t, nil)
		} else {
			group[p.t.Index] = p.prev.group
		}
		out = append(out, figs...)
	}
	checkTotals(out, group)
	confirmContinued(out, group)
	seriesFromContext(out, tables, group)
	r.sanctionsAsOutcomes(out, tables)
	clipToCutoff(out, tables)
	reconcile(out)
	return out, nil
}
