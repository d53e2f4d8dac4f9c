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
// The organisation also meets and chats (Org.Meetings, Org.Chat). Each team
// has a standup two or three times a week and a planning every other week;
// managers have weekly 1:1s with their reports, the director fortnightly
// ones with the managers and a monthly all-hands with everyone; staff and
// principal engineers and the multipliers hold cross-team design reviews;
// incidents get a review; each department has an all-day offsite. Some
// meetings have a room, a partner's engineer or a vendor's support; a few
// invitees decline. A meeting belongs to its organizer's department, which
// keeps its calendar in its own zone (Payments in Berlin as Outlook writes
// it, Platform in Berlin as Google does, Discovery in New York, the
// director in UTC); WriteOutlookCSV and WriteICS write a department's
// calendar, or all of them. In Slack (WriteSlackZip) people ask in their
// team's help channel and now and then in another's; multipliers answer
// many threads in the teams they help, within minutes; a team bottleneck is
// named in most of the own team's questions and answers after most of a
// day. Two former employees (deleted users) and the partner's guests are in
// the chat but not on the roster; deploybot, PagerDuty and Slackbot post
// too. ExpectedMentions says what an importer should make of it all.
//
// Config.Planting chooses how far the planted people stand out: Strong,
// the sample's, or Weak, the same people subtler, nearer the edges of the
// analysis' definitions.
//
// The meetings and the chat are drawn from random streams of their own
// (Config.Seed plus 1000 and plus 2000), so the roster and the review export
// of a seed are the same with them as without.
//
// orggen imports only the standard library (time/tzdata among it, for the
// departments' zones), excelize and the root package.
package orggen
