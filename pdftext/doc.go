// Package pdftext reads the text of a PDF with every glyph's position, in
// pure Go, and lays each page out as lines of text in which words keep
// their horizontal place: a table's columns stay lined up, as they do in
// poppler's "pdftotext -layout", so that the same aligned-text reader can
// find the table.
//
// It reads PDFs built by word processors and report generators: simple
// (one byte a glyph) and composite (two bytes a glyph) fonts, ToUnicode
// maps, WinAnsi, MacRoman and Differences encodings, text inside form
// XObjects, and pages turned by a quarter. A page that has images but no
// text is reported as scanned, so the caller can OCR it or ask a person.
//
// The PDF object syntax (cross-reference tables and streams, object
// streams, Flate and ASCII85 filters, the standard security handler with an
// empty user password) is read by github.com/ledongthuc/pdf; this package
// reads the content streams and ToUnicode maps itself, so that positions
// are kept for every font kind, a hostile stream cannot hang it and a
// damaged page cannot take the others down. A file whose cross-reference
// table is missing or wrong is read by rebuilding the table from the
// objects in the file, as viewers do.
package pdftext
