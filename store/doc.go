// Package store keeps a Multiplier workspace: one SQLite file (pure Go,
// modernc.org/sqlite) that the user chooses, holding the roster, the
// identities that join a person across tools, every imported source file
// and the interactions read from them.
//
// The schema is versioned with PRAGMA user_version and migrated on Open;
// the file runs in WAL mode. One imported file is one transaction (Begin …
// Commit), so a file is either wholly present or wholly absent.
//
// Interactions are stored with the identity keys the exports used, not
// with person IDs; they are resolved to roster people when read, so a
// roster imported after the reviews, or a manual merge, applies to every
// interaction, past and future.
//
// It also keeps the column mappings a person chose for spreadsheet
// layouts Multiplier did not recognise, by the signature of their header
// row (ColumnMap, SaveColumnMap), as JSON it does not read.
//
// store must not import Fyne, the importers, the graph or export packages.
package store
