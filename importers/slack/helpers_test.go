package slack

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
)

// file is one entry of a test archive. body is a string or []byte written
// as is, or any other value written as JSON.
type file struct {
	name string
	body any
}

// zipBytes builds an archive of files, deflated, in order.
func zipBytes(tb testing.TB, files []file) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write(bodyBytes(tb, f.body)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func bodyBytes(tb testing.TB, body any) []byte {
	tb.Helper()
	switch b := body.(type) {
	case string:
		return []byte(b)
	case []byte:
		return b
	}
	data, err := json.MarshalIndent(body, "", " ")
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// writeFile writes data to name in a fresh temporary directory.
func writeFile(tb testing.TB, name string, data []byte) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// withPrefix puts files under folder prefix ("export/").
func withPrefix(prefix string, files []file) []file {
	out := make([]file, len(files))
	for i, f := range files {
		out[i] = file{name: prefix + f.name, body: f.body}
	}
	return out
}

// recorder is a Sink that keeps what it is sent. fail, when not nil, is
// returned by Interaction once failAt interactions have been kept.
type recorder struct {
	aliases      []multiplier.Alias
	interactions []multiplier.Interaction
	others       int
	fail         error
	failAt       int
	onRecord     func()
}

func (s *recorder) Person(multiplier.Person) error   { s.others++; return nil }
func (s *recorder) Review(multiplier.Review) error   { s.others++; return nil }
func (s *recorder) Meeting(multiplier.Meeting) error { s.others++; return nil }

func (s *recorder) Alias(a multiplier.Alias) error {
	s.aliases = append(s.aliases, a)
	return nil
}

func (s *recorder) Interaction(in multiplier.Interaction) error {
	if s.fail != nil && len(s.interactions) >= s.failAt {
		return s.fail
	}
	s.interactions = append(s.interactions, in)
	if s.onRecord != nil {
		s.onRecord()
	}
	return nil
}

// records is how many records s holds.
func (s *recorder) records() int { return len(s.aliases) + len(s.interactions) + s.others }

// ts formats t as a Slack timestamp.
func ts(t time.Time) string { return fmt.Sprintf("%d.%06d", t.Unix(), t.Nanosecond()/1000) }

// at is 2026-05-<day> hh:mm UTC plus micro microseconds.
func at(day, hh, mm, micro int) time.Time {
	return time.Date(2026, 5, day, hh, mm, 0, micro*1000, time.UTC)
}

// msg is a day-file message; fields left empty are not written.
type msg struct {
	Type         string `json:"type,omitempty"`
	Subtype      string `json:"subtype,omitempty"`
	User         string `json:"user,omitempty"`
	BotID        string `json:"bot_id,omitempty"`
	Text         string `json:"text"`
	TS           string `json:"ts,omitempty"`
	ThreadTS     string `json:"thread_ts,omitempty"`
	ReplyCount   int    `json:"reply_count,omitempty"`
	ParentUserID string `json:"parent_user_id,omitempty"`
}

// slackUser is a users.json member as Slack writes it.
type slackUser struct {
	ID       string  `json:"id"`
	TeamID   string  `json:"team_id"`
	Name     string  `json:"name"`
	Deleted  bool    `json:"deleted"`
	RealName string  `json:"real_name,omitempty"`
	TZ       string  `json:"tz,omitempty"`
	IsAdmin  bool    `json:"is_admin"`
	IsBot    bool    `json:"is_bot"`
	Profile  profile `json:"profile"`
}

type profile struct {
	Title       string `json:"title"`
	RealName    string `json:"real_name,omitempty"`
	DisplayName string `json:"display_name"`
	Email       string `json:"email,omitempty"`
	BotID       string `json:"bot_id,omitempty"`
}

// channel is a channels.json (groups, dms, mpims) entry.
type channel struct {
	ID      string   `json:"id"`
	Name    string   `json:"name,omitempty"`
	Created int64    `json:"created"`
	Creator string   `json:"creator,omitempty"`
	Members []string `json:"members"`
}

// Times of the realistic export.
var (
	tRefund   = at(6, 9, 12, 100) // Jun asks in help-payments
	tAda1     = at(6, 9, 40, 200)
	tDeploy   = at(6, 17, 0, 0) // deploybot's alert, a thread root
	tMei1     = at(7, 8, 5, 0)  // Mei answers Jun's thread a day later
	tJunSelf  = at(7, 8, 30, 0)
	tOmar     = at(7, 10, 0, 0)
	tLina     = at(7, 10, 20, 0)
	tOld      = at(1, 12, 0, 0) // a thread root before the export starts
	tMeiOld   = at(7, 11, 0, 0)
	tLost     = at(2, 12, 0, 0) // another, its reply without parent_user_id
	tAdaLost  = at(7, 11, 30, 0)
	tAdaBot   = at(7, 12, 0, 0)
	tWelcome  = at(7, 9, 0, 0)
	tSlackbot = at(7, 9, 1, 0)
	tPager    = at(8, 3, 10, 0)
	tAdaPager = at(8, 3, 25, 0)
	tDM1      = at(8, 14, 0, 0)
	tDM2      = at(8, 14, 2, 0)
	tMpim     = at(9, 16, 0, 0)
	tMpimMei  = at(9, 16, 45, 0)
)

// realistic is a full export: users with a bot, Slackbot, a user without
// email and a deleted one; two public channels over two days, a private
// channel, a DM and a group DM; threads across days, mentions, joins.
func realistic() []file {
	users := []slackUser{
		{ID: "U01ADA", TeamID: "T01", Name: "aokafor", RealName: "Ada Okafor", TZ: "Europe/London",
			Profile: profile{Title: "Staff Engineer", RealName: "Ada Okafor", DisplayName: "Ada", Email: "ada.okafor@example.com"}},
		{ID: "U02JUN", TeamID: "T01", Name: "jkim",
			Profile: profile{DisplayName: "Jun", Email: "jun.kim@example.com"}},
		{ID: "U03MEI", TeamID: "T01", Name: "mtanaka", RealName: "Mei Tanaka",
			Profile: profile{RealName: "Mei Tanaka", Email: "Mei.Tanaka@Example.com"}},
		{ID: "U04OMAR", TeamID: "T01", Name: "opatel", RealName: "Omar Patel",
			Profile: profile{RealName: "Omar Patel", DisplayName: "omar"}},
		{ID: "U05LINA", TeamID: "T01", Name: "lrossi", Deleted: true,
			Profile: profile{RealName: "Lina Rossi", Email: "lina.rossi@example.com"}},
		{ID: "U09DEPLOY", TeamID: "T01", Name: "deploybot", RealName: "Deploy Bot", IsBot: true,
			Profile: profile{BotID: "B01DEPLOY", RealName: "Deploy Bot"}},
		{ID: "USLACKBOT", TeamID: "T01", Name: "slackbot", RealName: "Slackbot",
			Profile: profile{RealName: "Slackbot"}},
	}
	channels := []channel{
		{ID: "C01GEN", Name: "general", Created: 1700000000, Creator: "U01ADA", Members: []string{"U01ADA", "U02JUN", "U03MEI", "U04OMAR"}},
		{ID: "C02HELP", Name: "help-payments", Created: 1700000100, Creator: "U02JUN", Members: []string{"U01ADA", "U02JUN", "U03MEI", "U04OMAR", "U05LINA"}},
	}
	groups := []channel{{ID: "G01ONCALL", Name: "payments-oncall", Created: 1700000200, Members: []string{"U01ADA", "U03MEI"}}}
	dms := []channel{{ID: "D024BE91L", Created: 1700000300, Members: []string{"U01ADA", "U02JUN"}}}
	mpims := []channel{{ID: "G02MPIM", Name: "mpdm-ada--jun--mei-1", Created: 1700000400, Members: []string{"U01ADA", "U02JUN", "U03MEI"}}}
	return []file{
		{"users.json", users},
		{"channels.json", channels},
		{"groups.json", groups},
		{"dms.json", dms},
		{"mpims.json", mpims},
		{"integration_logs.json", `{"logs":[]}`},
		{"help-payments/2026-05-06.json", []msg{
			{Type: "message", Subtype: "channel_join", User: "U04OMAR", Text: "<@U04OMAR> has joined the channel", TS: ts(at(6, 8, 0, 0))},
			{Type: "message", User: "U02JUN", Text: "Why does the refund job retry twice?", TS: ts(tRefund), ThreadTS: ts(tRefund), ReplyCount: 3},
			{Type: "message", User: "U01ADA", Text: "<@U02JUN> it retries on 502 — <@U03MEI|mei> knows more", TS: ts(tAda1), ThreadTS: ts(tRefund), ParentUserID: "U02JUN"},
			{Type: "message", Subtype: "bot_message", BotID: "B01DEPLOY", Text: "Deploy of payments-api failed", TS: ts(tDeploy), ThreadTS: ts(tDeploy), ReplyCount: 1},
		}},
		{"help-payments/2026-05-07.json", []msg{
			{Type: "message", User: "U03MEI", Text: "Fixed in #4312", TS: ts(tMei1), ThreadTS: ts(tRefund)},
			{Type: "message", User: "U02JUN", Text: "thanks! note to self <@U02JUN>", TS: ts(tJunSelf), ThreadTS: ts(tRefund)},
			{Type: "message", User: "U04OMAR", Text: "<@U09DEPLOY> status of the ledger deploy?", TS: ts(tOmar), ThreadTS: ts(tOmar), ReplyCount: 1},
			{Type: "message", User: "U05LINA", Text: "It is green now", TS: ts(tLina), ThreadTS: ts(tOmar)},
			{Type: "message", User: "U03MEI", Text: "Following up on last week", TS: ts(tMeiOld), ThreadTS: ts(tOld), ParentUserID: "U01ADA"},
			{Type: "message", User: "U01ADA", Text: "Same here", TS: ts(tAdaLost), ThreadTS: ts(tLost)},
			{Type: "message", Text: "A file was shared", TS: ts(at(7, 11, 45, 0))},
			{Type: "message", User: "U01ADA", Text: "looks like a flaky test", TS: ts(tAdaBot), ThreadTS: ts(tDeploy)},
		}},
		{"general/2026-05-07.json", []msg{
			{Type: "message", User: "U01ADA", Text: "Welcome <@U04OMAR>!", TS: ts(tWelcome)},
			{Type: "message", User: "USLACKBOT", Text: "Reminder: standup", TS: ts(tSlackbot)},
			{Type: "message", Subtype: "channel_purpose", User: "U01ADA", Text: "set the channel purpose", TS: ts(at(7, 9, 5, 0))},
		}},
		{"payments-oncall/2026-05-08.json", []msg{
			{Type: "message", User: "U03MEI", Text: "Pager fired for <@U01ADA>, <@U01ADA> can you look?", TS: ts(tPager), ThreadTS: ts(tPager), ReplyCount: 1},
			{Type: "message", User: "U01ADA", Text: "on it", TS: ts(tAdaPager), ThreadTS: ts(tPager)},
		}},
		{"D024BE91L/2026-05-08.json", []msg{
			{Type: "message", User: "U01ADA", Text: "quick question about the ledger", TS: ts(tDM1)},
			{Type: "message", User: "U02JUN", Text: "<@U01ADA> sure, call?", TS: ts(tDM2)},
		}},
		{"G02MPIM/2026-05-09.json", []msg{
			{Type: "message", User: "U02JUN", Text: "who owns the FX rates cache?", TS: ts(tMpim), ThreadTS: ts(tMpim), ReplyCount: 1},
			{Type: "message", User: "U03MEI", Text: "my team", TS: ts(tMpimMei), ThreadTS: ts(tMpim)},
		}},
	}
}

// realisticAliases are the aliases realistic gives: people with an email,
// the deleted one included.
var realisticAliases = []multiplier.Alias{
	{Identity: "U01ADA", Email: "ada.okafor@example.com", Name: "Ada Okafor"},
	{Identity: "U02JUN", Email: "jun.kim@example.com", Name: "Jun"},
	{Identity: "U03MEI", Email: "Mei.Tanaka@Example.com", Name: "Mei Tanaka"},
	{Identity: "U05LINA", Email: "lina.rossi@example.com", Name: "Lina Rossi"},
}

func thread(from, to string, reply, root time.Time, where string) multiplier.Interaction {
	return multiplier.Interaction{Kind: multiplier.KindThread, From: from, To: to, At: reply, Requested: root,
		Weight: 1, Context: where, Ref: ts(root)}
}

func mention(from, to string, t time.Time, where string) multiplier.Interaction {
	return multiplier.Interaction{Kind: multiplier.KindMention, From: from, To: to, At: t,
		Weight: 1, Context: where, Ref: ts(t) + "/" + to}
}

// realisticInteractions are the interactions realistic gives, in folder
// then day order.
var realisticInteractions = []multiplier.Interaction{
	mention("U02JUN", "U01ADA", tDM2, "dm"),
	thread("U03MEI", "U02JUN", tMpimMei, tMpim, "group-dm"),
	mention("U01ADA", "U04OMAR", tWelcome, "general"),
	thread("U01ADA", "U02JUN", tAda1, tRefund, "help-payments"),
	mention("U01ADA", "U02JUN", tAda1, "help-payments"),
	mention("U01ADA", "U03MEI", tAda1, "help-payments"),
	thread("U03MEI", "U02JUN", tMei1, tRefund, "help-payments"),
	thread("U05LINA", "U04OMAR", tLina, tOmar, "help-payments"),
	thread("U03MEI", "U01ADA", tMeiOld, tOld, "help-payments"),
	mention("U03MEI", "U01ADA", tPager, "payments-oncall"),
	thread("U01ADA", "U03MEI", tAdaPager, tPager, "payments-oncall"),
}
