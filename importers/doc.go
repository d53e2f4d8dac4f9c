// Package importers reads the files a manager exports from other tools —
// today an HR roster and a code-review spreadsheet, each as .xlsx or as
// delimited text — and streams them as plain multiplier records (Person,
// Review) into a Sink.
//
// It owns file-format detection (by content: zip magic and header row,
// never by file name), forgiving header matching, value clean-up (trimmed
// text, lower-case emails, dates in many styles, UTC times) and the
// positioned errors and Report that tell a person what was read and what
// was skipped. Files are read as a stream: a large export never sits in
// memory as a grid of cells.
//
// It must not import fyne.io, database packages, or any package of ours
// other than the root multiplier package: callers (the workspace) decide
// where records go, and the sink is the only way out.
package importers
