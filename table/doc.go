// Package table finds the tables in a reply file, whatever form it arrived
// in: an HTML page, a CSV file, an Excel workbook, a PDF, pasted or
// flattened text, an email with any of those attached, or a request
// site's message thread exported as JSON.
//
// Read sniffs the file's type from its content (magic bytes, markup, mail
// headers, a JSON object of events), falling back to its name's
// extension, and returns the readable text and every table as a
// foiwire.Table: a grid of cells with 0-based rows and columns, the text
// just before it as context, and a flag when the table visibly stops
// part-way. It does not interpret the cells: telling a count from a
// period or a refusal is the dataset package's job; the number package
// reads counts for both.
//
// Each table says how it was found (Table.Kind). Markup, spreadsheets and
// CSV give grids whose cells are where the document put them. Text set in
// columns (pdftotext's layout output, pasted text) gives KindAligned
// tables: columns from aligned positions, a label wrapped over several
// lines joined into its cell (whether the figures sit on its first, last
// or middle line), running page headers, footers and page numbers
// dropped, and a table broken by a page break joined again. Rows of a
// label and figures separated by single spaces, as email bodies hold them,
// give KindSpaced tables. Result.Blocks holds readings of prose rather
// than tables: lines pairing a label with a figure (KindLines), sentences
// holding counts (KindSentences), and the column-wise reading of a
// flattened table (KindFlatColumns) beside its row-wise reading in Tables;
// each has its source lines in Table.Lines.
//
// In a message thread only the authority's messages are read, without the
// earlier messages they quote; the requester's own words are kept in
// Result.Request as context for the question, never as figures.
//
// Cells that span rows or columns (HTML colspan and rowspan, merged
// spreadsheet cells) have their text repeated in every position they cover,
// so that each cell's position is where a reader would see it. Columns
// that are empty in every row of a table are dropped.
//
// Warnings and errors number tables and rows from 1, as a person counts;
// Table.Index and Cell positions count from 0.
package table
