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
// Write owns the folder it exports into: beside the files it lists
// (charts, person PDFs under people/, trend charts under trends/, the
// workbook and the CSV) it keeps a manifest, .multiplier-export.json,
// naming the files it wrote, whether they are anonymised and whether the
// export completed. The manifest is not among the files Write returns.
// Write refuses a non-empty folder it does not own (ErrForeignFolder),
// removes what an earlier export left that this one did not write
// again, and never lets a named and an anonymised export share a folder.
//
// Export is a leaf package. It imports nothing of ours but the root
// package; it does not import graph, store, importers, workspace or ui,
// and never Fyne. Its input is a plain Report, which the workspace fills
// from an analysis.
//
// Output is reproducible: the same Report and Options give byte-identical
// CSV, SVG, PNG, PDF and xlsx files (document dates come from
// Report.Generated or the end of the period). PDFs are drawn on a canvas
// of this package (pdf.go), adapted from gonum's vgpdf, which mixes up
// fonts and translucent colours; it sets each document's dates and
// sorts its catalogue, with no state shared between documents.
package export
