// Package orggen generates a synthetic engineering organisation: an HR
// roster and a code-review export, with known people planted in them —
// cross-team multipliers, team bottlenecks, shared-library gatekeepers,
// high-output soloists, fast in-team reviewers and managers — so that the
// analysis can be tested and demonstrated on data whose answer is known.
//
// Everything is made up here: names come from short lists of first names and
// surnames from many cultures, emails are first.last@example.com. The same
// Config always gives the same Org and the same file bytes.
//
// Each team has a repository, acme/<team in lower case>, and about 12% of
// people's pull requests go to two shared libraries, acme/shared-lib and
// acme/platform-sdk. Each pull request gets one to three reviewers, mostly
// from the author's team; a reviewer who asks for changes usually comes
// back to approve. Latencies are lognormal around each person's median and
// moved into working hours (weekdays 08:00–19:00) when they fall outside.
// The export is taken at the end of Config.To: later reviews and merges are
// not in it.
//
// The data is noisy on purpose, as real exports are: roster cells with stray
// spaces and mixed-case emails, a contractor who is not on the roster, bots
// that open pull requests, and a few review rows an importer must skip and
// report (Org.Malformed).
//
// orggen imports only the standard library, excelize and the root package.
package orggen
