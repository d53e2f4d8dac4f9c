// Package ui is Multiplier's desktop interface, and the only package that
// imports Fyne. It shows the people table and the person pane, imports
// files chosen in a dialog or dropped on the window, and runs all long
// work (import, analysis) off the UI goroutine behind a progress bar that
// can be cancelled; every widget update from that work goes through
// fyne.Do.
//
// ui calls the workspace package for everything it shows; it must not
// import the store, importers or graph internals beyond their result types.
package ui
