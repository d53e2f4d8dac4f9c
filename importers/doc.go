// Package importers reads the tabular files a manager exports from other
// tools — an HR roster, a code-review spreadsheet, GitLab's merge-request
// CSV export, Outlook's calendar "Export to CSV" and a generic
// interactions sheet, each as .xlsx or as delimited text (UTF-8,
// Windows-1252 or Excel's UTF-16 "Unicode Text") — and streams them as
// plain multiplier records (Person, Review, Meeting, Interaction) into a
// Sink. Its subpackages read the other formats (ics, slack, reviewjson)
// and share the vocabulary in parse.
//
// It owns file-format detection (by content: zip magic, byte-order mark
// and header row, never by file name), forgiving header matching, value
// clean-up (trimmed text, lower-case emails, dates in many styles, UTC
// times, "Last, First" names) and the positioned errors and Report that
// tell a person what was read and what was skipped. Files are read as a
// stream: a large export never sits in memory as a grid of cells.
//
// Before an import, PreviewFile shows the head of a file — its kind, its
// header and first rows — reading only that much (a workbook's head is
// read straight from the zip, not unpacked by excelize). When a header is
// not one it recognises whole, the preview offers the likely formats and
// their fields, a person maps the columns, and ImportWith reads the file
// with that Mapping; Signature names the header's layout so the caller
// can keep the mapping for the next export of the same layout.
//
// It must not import fyne.io, database packages, or any package of ours
// other than the root multiplier package and importers/parse: callers
// (the workspace) decide where records go, and the sink is the only way
// out.
package importers
