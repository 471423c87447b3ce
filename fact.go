package foiwire

// FactKind says what a derived number is.
type FactKind string

// The kinds of fact the analysis derives.
const (
	FactCount         FactKind = "count"          // a figure as read: one period, offence or outcome
	FactTotal         FactKind = "total"          // a sum over periods
	FactChangePct     FactKind = "change_pct"     // per cent change between two periods
	FactRatio         FactKind = "ratio"          // later/earlier, for "doubled", "halved"
	FactHigh          FactKind = "high"           // 1 when the latest period is the highest of the series
	FactShare         FactKind = "share"          // a part over its whole, 0..1
	FactCharges       FactKind = "charges"        // charge/summons count
	FactChargeRate    FactKind = "charge_rate"    // charges over offences, 0..1
	FactRank          FactKind = "rank"           // 1 = highest among authorities that supplied the figure
	FactNationalTotal FactKind = "national_total" // a sum over authorities
	FactResponders    FactKind = "responders"     // how many authorities supplied a figure
)

// National is the Authority value of facts about all authorities together.
const National = "national"

// Fact is a number derived from figures, with the formula that made it and
// the figures it came from, so any sentence built on it can be traced back.
type Fact struct {
	ID        string   `json:"id"`        // stable: "lancashire/change_pct/2022-04-01..2024-03-31"
	Authority string   `json:"authority"` // an authority id, or National
	Kind      FactKind `json:"kind"`
	Measure   Measure  `json:"measure"` // what the underlying figures count by
	Period
	// Base is the earlier period of a change, ratio or comparison.
	Base     Period  `json:"base"`
	Category string  `json:"category,omitempty"`
	Label    string  `json:"label,omitempty"` // the authority's own words for the category
	Value    float64 `json:"value"`
	// Words is the value said in words where the kind has them:
	// "doubled", "nearly trebled", "halved", "fell", "unchanged", "tied".
	Words string `json:"words,omitempty"`
	// Of is how many authorities a rank or national total is among.
	Of      int      `json:"of,omitempty"`
	Formula string   `json:"formula"`
	Inputs  []string `json:"inputs"`            // figure references: "document#table/row/col" or "figures.csv:row"
	Caveats []string `json:"caveats,omitempty"` // "part year", "small numbers", "3 of 44 forces answered"
}
