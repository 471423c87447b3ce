package claims

import (
	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
)

// ref is a sentence's reference to an authority: a force named ("North
// Yorkshire Police"), the article's own force implied ("the force",
// "police"), or all of them ("across England and Wales").
type ref struct {
	first, last int // tokens [first, last)
	id          string
	named       string // the name as printed, for named forces
}

// findRefs returns the references of a sentence in order. ms are the
// mentions the registry found in the whole article; those inside the
// sentence are used. Forces in a comparison ("more than any other police
// force in England and Wales") are not what the sentence is about and are
// left out.
func findRefs(ts []token, ms []authority.Mention, subject string) []ref {
	if len(ts) == 0 {
		return nil
	}
	skip := make([]bool, len(ts))
	for i := range ts {
		if seq(ts, i, "any", "other") || seq(ts, i, "other", "forces") || seq(ts, i, "other", "police", "forces") {
			j := i + 2
			for j < len(ts) && j < i+5 && !ts[j].punct {
				j++
			}
			if seq(ts, j, "in", "england", "and", "wales") {
				j += 4
			}
			for k := i; k < j && k < len(ts); k++ {
				skip[k] = true
			}
		}
	}
	var out []ref
	covered := make([]bool, len(ts))
	from, to := ts[0].start, ts[len(ts)-1].end
	for _, m := range ms {
		if m.Start < from || m.End > to {
			continue
		}
		f, l := -1, -1
		for k, t := range ts {
			if t.start >= m.Start && f < 0 {
				f = k
			}
			if t.end <= m.End {
				l = k + 1
			}
		}
		if f < 0 || l <= f || skip[f] {
			continue
		}
		for k := f; k < l; k++ {
			covered[k] = true
		}
		out = append(out, ref{first: f, last: l, id: m.ID, named: m.Text})
	}
	for i := 0; i < len(ts); i++ {
		if covered[i] || skip[i] {
			continue
		}
		switch {
		case seq(ts, i, "england", "and", "wales"):
			out = append(out, ref{first: i, last: i + 3, id: foiwire.National})
			i += 2
		case seq(ts, i, "across", "the", "country") || seq(ts, i, "across", "the", "uk"):
			out = append(out, ref{first: i, last: i + 3, id: foiwire.National})
			i += 2
		case ts[i].low == "nationally" || ts[i].low == "nationwide" || ts[i].low == "britain" || seq(ts, i, "the", "uk"):
			out = append(out, ref{first: i, last: i + 1, id: foiwire.National})
		case subject != "" && (seq(ts, i, "the", "force") || seq(ts, i, "the", "constabulary") || seq(ts, i, "the", "county")):
			out = append(out, ref{first: i, last: i + 2, id: subject})
			i++
		case subject != "" && ts[i].low == "police" && !(i+1 < len(ts) && (ts[i+1].low == "forces" || ts[i+1].low == "force")):
			out = append(out, ref{first: i, last: i + 1, id: subject})
		}
	}
	sortRefs(out)
	return out
}

func sortRefs(rs []ref) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j].first < rs[j-1].first; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// nearest returns the reference a claim at tokens [first, last) is about:
// one inside the claim's own words, else the nearest before it, else the
// nearest after it; false when the sentence has none.
func nearest(rs []ref, first, last int) (ref, bool) {
	for _, r := range rs {
		if r.first >= first && r.last <= last {
			return r, true
		}
	}
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i].last <= first {
			return rs[i], true
		}
	}
	for _, r := range rs {
		if r.first >= last {
			return r, true
		}
	}
	return ref{}, false
}

// subjectOf returns the authority an article is about: the first force it
// names in full ("Dyfed-Powys Police"), else the first area it names.
func subjectOf(ms []authority.Mention) string {
	for _, m := range ms {
		if m.Strong {
			return m.ID
		}
	}
	if len(ms) > 0 {
		return ms[0].ID
	}
	return ""
}
