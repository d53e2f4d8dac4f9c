// Package slack reads a Slack workspace export (.zip) into Multiplier
// records: an Alias for each person in users.json who has an email, a
// KindThread Interaction for each reply in a thread (the replier helped the
// thread's author) and a KindMention Interaction for each <@U…> mention.
//
// It reads users.json, channels.json and, when present, groups.json,
// dms.json and mpims.json, then the per-channel day files
// <folder>/<YYYY-MM-DD>.json, channel by channel and day by day, so that a
// thread started on one day is found when it is answered on a later one.
// The export may sit at the root of the zip or under one top-level folder.
//
// The archive is not trusted: every entry is read as a stream through
// limits on its uncompressed size, on the total, on the number of entries
// and on the compression ratio, so a zip bomb is refused with an error
// wrapping parse.ErrCorrupt rather than unpacked. Day files are decoded one
// message at a time.
//
// Bots (is_bot, a bot_id, Slackbot) are not people: their messages are
// counted in Stats.Bots and produce nothing, and mentions of them and
// replies to their threads are left out.
//
// It imports only the standard library, the root multiplier package and
// importers/parse; never package importers, the store, the graph or Fyne.
package slack
