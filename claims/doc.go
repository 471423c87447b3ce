// Package claims reads the numeric claims in an article's prose (a printed
// news story or one of foiwire's own) and checks each against a campaign's
// facts.
//
// Extraction works sentence by sentence: every number, in digits or words
// ("three", "a third", "48 per cent", "doubled", "the majority", "a
// three-year high"), is tied to the authority the sentence is about, the
// period its words name ("in 2021", "the following year", "this year so
// far"), the offence or outcome it counts and the kind of claim it makes.
// Checking then gives each claim a verdict (supported, contradicted or
// unsupported) with a reason written for a journalist, and named warnings
// for the errors local reprints make: a calendar year printed for a
// financial year, "so far" for a year that had ended, "the majority" for
// under half, a figure attributed to the wrong force.
//
// The same reader checks printed articles and foiwire's generated stories,
// so the two can never disagree about what a sentence claims.
package claims
