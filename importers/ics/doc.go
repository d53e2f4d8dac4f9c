// Package ics reads iCalendar files (RFC 5545, .ics) as Google Calendar
// and Outlook export them, and streams each meeting occurrence as a
// multiplier.Meeting into a parse.Sink.
//
// It owns the iCalendar details: folded content lines, escaped text,
// quoted parameters, time zones (UTC, IANA names, Windows names and the
// file's own VTIMEZONE blocks), recurrence rules with their exceptions and
// overrides, and which attendees count as people (not rooms, not those
// who declined). A file is read twice as a stream — once to learn its time
// zones, overrides and extent and to check it is whole, once to emit — so
// a large calendar never sits in memory and a truncated one emits nothing.
//
// It imports only the standard library, the root multiplier package and
// importers/parse; never package importers itself, the store, the graph
// or the UI.
package ics
