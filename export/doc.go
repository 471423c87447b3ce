// Package export writes a campaign in the forms journalists open in their
// own tools: one XLSX workbook (figures, review, facts, stories,
// corrections: a sheet each), Datawrapper-ready CSVs (a force × year wide
// table and a national ranking), and CSVs with a UTF-8 byte-order mark for
// Excel, which otherwise reads curly quotes and accents as garbage.
package export
