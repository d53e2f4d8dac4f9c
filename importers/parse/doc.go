// Package parse is the vocabulary every Multiplier importer shares: the
// Sink that receives records, the Stats a reader returns, and the
// positioned ParseError with its sentinel errors. The format readers
// (importers and its subpackages ics, slack, reviewjson) import it;
// it imports only the root package.
package parse
