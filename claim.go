package foiwire

// ClaimKind says what a number in prose claims to be.
type ClaimKind string

// The kinds of claim the reader finds.
const (
	ClaimCount         ClaimKind = "count"
	ClaimTotal         ClaimKind = "total"
	ClaimChangePct     ClaimKind = "percent_change"
	ClaimRatioWord     ClaimKind = "ratio_word" // "doubled", "halved"
	ClaimShare         ClaimKind = "share"
	ClaimRank          ClaimKind = "rank"
	ClaimNationalTotal ClaimKind = "national_total"
	ClaimCharges       ClaimKind = "charges"
	ClaimHigh          ClaimKind = "high" // "a three-year high"
	ClaimOther         ClaimKind = "other_number"
)

// Verdict is the result of checking a claim against the facts.
type Verdict string

// The verdicts a claim can get.
const (
	Supported    Verdict = "supported"
	Contradicted Verdict = "contradicted"
	Unsupported  Verdict = "unsupported"
)

// Claim is a number found in prose, with what it is about.
type Claim struct {
	Text     string    `json:"text"`             // the words of the claim: "up 48 per cent"
	Sentence string    `json:"sentence"`         // the sentence it stands in
	Offset   int       `json:"offset"`           // byte offset of Text in the article
	Value    *float64  `json:"value"`            // nil for claims with no number ("more than any other force")
	Approx   string    `json:"approx,omitempty"` // "", "more_than", "less_than", "about", "nearly"
	Kind     ClaimKind `json:"kind"`
	// Authority is an authority id, National, or "" when the claim names none.
	Authority string `json:"authority"`
	// AuthorityNamed is the name as printed, when the claim's sentence names one.
	AuthorityNamed string `json:"authority_named,omitempty"`
	Period
	Category string `json:"category,omitempty"`
}

// Check is a claim with its verdict.
type Check struct {
	Claim
	Verdict  Verdict  `json:"verdict"`
	Expected *float64 `json:"expected"`       // what the data gives, when it gives something
	Fact     string   `json:"fact,omitempty"` // the fact checked against
	Reason   string   `json:"reason"`
	Warnings []string `json:"warnings,omitempty"` // "calendar year printed for a financial year", ...
}
