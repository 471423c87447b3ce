// Package table finds the tables in a reply file, whatever form it arrived
// in: an HTML page, a CSV file, an Excel workbook, a PDF, pasted or
// flattened text, or an email with any of those attached.
//
// Read sniffs the file's type from its content (magic bytes, markup, mail
// headers), falling back to its name's extension, and returns the
// readable text and every table as a foiwire.Table: a grid of cells with
// 0-based rows and columns, the text just before it as context, and a flag
// when the table visibly stops part-way. It does not interpret the cells:
// telling a count from a period or a refusal is the dataset package's job.
//
// Cells that span rows or columns (HTML colspan and rowspan, merged
// spreadsheet cells) have their text repeated in every position they cover,
// so that each cell's position is where a reader would see it. Columns
// that are empty in every row of a table are dropped.
//
// Warnings and errors number tables and rows from 1, as a person counts;
// Table.Index and Cell positions count from 0.
package table
