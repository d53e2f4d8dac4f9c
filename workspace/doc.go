// Package workspace holds the use cases that the desktop app and the
// command line share: open a workspace, import a file, analyse a period,
// write the analysis as JSON, and open the embedded sample organisation.
// Both front ends call the same functions and so get the same numbers.
//
// workspace joins importers, store and graph; it must not import Fyne.
// It takes a context.Context for cancel and a progress callback for
// long work, and returns errors for the front ends to put into words.
package workspace
