// Package export writes the files managers take into calibration meetings
// and HR systems: charts (PNG, SVG and PDF, drawn with gonum.org/v1/plot),
// a one-page PDF per person and one combined PDF, an .xlsx workbook with
// native Excel charts (excelize) and a CSV of the people table.
//
// It owns the look of those files and what they may reveal: the
// anonymised variant replaces every name with a stable pseudonym, scrubs
// names and emails out of free text, hides team aggregates of small teams,
// and no text cell of a workbook or CSV can be read as a formula.
//
// Export is a leaf package. It imports nothing of ours but the root
// package; it does not import graph, store, importers, workspace or ui,
// and never Fyne. Its input is a plain Report, which the workspace fills
// from an analysis.
//
// Output is reproducible: the same Report and Options give byte-identical
// CSV, SVG, PNG and PDF files, and xlsx files whose parts are identical
// (document dates come from Report.Generated or the end of the period).
// To make PDFs reproducible, Write sets the PDF library's default creation
// and modification dates and its catalogue sorting while it creates a
// document; nothing else in this program writes PDFs with that library.
package export
