// Package analysis derives facts from a campaign's figures: every number a
// story may state, each with a stable id, the formula that made it and the
// figures it came from.
//
// For each authority it derives the yearly counts, the total over the years
// (summed from the years, or the reply's own total when that is all it
// gave), the change from the first year to the last and from the previous
// year to the latest (in per cent and in words), whether the latest year is a
// high, the latest year's offences and their shares, and its outcomes grouped
// the Home Office way with the charge/summons count and rate. Across
// authorities it derives national totals over those that answered, with how
// many did, and each authority's rank for every figure others also gave.
//
// A refused, withheld or not-held figure is never read as zero: it is left
// out of every sum, and a sum that would need it is not made.
package analysis
