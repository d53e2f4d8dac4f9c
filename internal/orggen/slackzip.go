package orggen

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// WriteSlackZip writes the chat as a Slack workspace export (.zip) with
// the full export's files: users.json (the roster people with their
// roster Slack IDs and emails, about one in ten in mixed case; two former
// employees, deleted, whose emails are not on the roster; the partner's
// guests; deploybot, PagerDuty and Slackbot), channels.json, groups.json,
// dms.json and mpims.json, then a folder per conversation — named after a
// channel or private channel, after the ID of a DM or group DM — of day
// files YYYY-MM-DD.json (UTC days), each a JSON array of messages by ts.
// Thread roots carry reply_count, reply_users and replies; replies carry
// thread_ts and parent_user_id. JSON is indented with four spaces and
// does not escape <, > and &, as Slack writes it. Every entry is dated at
// the end of the export.
func (o *Org) WriteSlackZip(w io.Writer) error {
	if err := o.writeSlackZip(w); err != nil {
		return fmt.Errorf("write slack zip: %w", err)
	}
	return nil
}

func (o *Org) writeSlackZip(w io.Writer) error {
	zw := zip.NewWriter(w)
	put := func(name string, v any) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: o.Config.end()})
		if err != nil {
			return err
		}
		enc := json.NewEncoder(f)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "    ")
		return enc.Encode(v)
	}
	if err := put("users.json", o.slack.users); err != nil {
		return err
	}
	for _, l := range []struct{ file, kind string }{
		{"channels.json", "channel"}, {"groups.json", "group"}, {"dms.json", "dm"}, {"mpims.json", "mpim"},
	} {
		list := []any{}
		for _, c := range o.slack.convs {
			if c.kind == l.kind {
				list = append(list, c.listing())
			}
		}
		if err := put(l.file, list); err != nil {
			return err
		}
	}
	for folder, msgs := range chunk(o.slack.messages, func(m ChatMessage) string { return m.Channel }) {
		for day, dm := range chunk(msgs, func(m ChatMessage) string { return tsTime(m.TS).Format("2006-01-02") }) {
			out := make([]slackMessage, len(dm))
			for i, m := range dm {
				out[i] = o.slackMessage(m, msgs)
			}
			if err := put(folder+"/"+day+".json", out); err != nil {
				return err
			}
		}
	}
	return zw.Close()
}

// chunk yields the runs of consecutive elements of xs with the same key.
func chunk[T any](xs []T, key func(T) string) func(yield func(string, []T) bool) {
	return func(yield func(string, []T) bool) {
		for i := 0; i < len(xs); {
			k := key(xs[i])
			j := i + 1
			for j < len(xs) && key(xs[j]) == k {
				j++
			}
			if !yield(k, xs[i:j]) {
				return
			}
			i = j
		}
	}
}

// slackMessage is a message of a day file.
type slackMessage struct {
	Type            string       `json:"type"`
	Subtype         string       `json:"subtype,omitempty"`
	User            string       `json:"user,omitempty"`
	BotID           string       `json:"bot_id,omitempty"`
	Username        string       `json:"username,omitempty"`
	Text            string       `json:"text"`
	TS              string       `json:"ts"`
	ThreadTS        string       `json:"thread_ts,omitempty"`
	ReplyCount      int          `json:"reply_count,omitempty"`
	ReplyUsersCount int          `json:"reply_users_count,omitempty"`
	LatestReply     string       `json:"latest_reply,omitempty"`
	ReplyUsers      []string     `json:"reply_users,omitempty"`
	Replies         []slackReply `json:"replies,omitempty"`
	ParentUserID    string       `json:"parent_user_id,omitempty"`
}

type slackReply struct {
	User string `json:"user,omitempty"`
	TS   string `json:"ts"`
}

// slackMessage is m as a day file writes it; channel is its
// conversation's messages, for the thread's details.
func (o *Org) slackMessage(m ChatMessage, channel []ChatMessage) slackMessage {
	sm := slackMessage{
		Type: "message", Subtype: m.Subtype, User: m.User, BotID: m.BotID, Username: m.Username,
		Text: m.Text, TS: m.TS, ThreadTS: m.ThreadTS,
	}
	switch {
	case m.IsReply():
		k, _ := slices.BinarySearchFunc(channel, m.ThreadTS, func(c ChatMessage, ts string) int { return strings.Compare(c.TS, ts) })
		if k < len(channel) && channel[k].TS == m.ThreadTS {
			sm.ParentUserID = channel[k].User
		}
	case m.ThreadTS == m.TS:
		for _, r := range channel {
			if r.ThreadTS != m.TS || !r.IsReply() {
				continue
			}
			sm.ReplyCount++
			sm.LatestReply = r.TS
			sm.Replies = append(sm.Replies, slackReply{User: r.User, TS: r.TS})
			if r.User != "" && !slices.Contains(sm.ReplyUsers, r.User) {
				sm.ReplyUsers = append(sm.ReplyUsers, r.User)
			}
		}
		sm.ReplyUsersCount = len(sm.ReplyUsers)
	}
	return sm
}

// slackTopic is a channel's topic or purpose.
type slackTopic struct {
	Value   string `json:"value"`
	Creator string `json:"creator"`
	LastSet int64  `json:"last_set"`
}

// listing is c as its channel list writes it.
func (c *slackConv) listing() any {
	if c.kind == "dm" {
		return struct {
			ID      string   `json:"id"`
			Created int64    `json:"created"`
			Members []string `json:"members"`
		}{c.id, c.created, c.members}
	}
	topic := func(s string) slackTopic {
		if s == "" {
			return slackTopic{}
		}
		return slackTopic{Value: s, Creator: c.creator, LastSet: c.created}
	}
	var general *bool // channels say whether they are #general
	if c.kind == "channel" {
		general = &c.general
	}
	return struct {
		ID         string     `json:"id"`
		Name       string     `json:"name"`
		Created    int64      `json:"created"`
		Creator    string     `json:"creator"`
		IsArchived bool       `json:"is_archived"`
		IsGeneral  *bool      `json:"is_general,omitempty"`
		Members    []string   `json:"members"`
		Topic      slackTopic `json:"topic"`
		Purpose    slackTopic `json:"purpose"`
	}{c.id, c.name, c.created, c.creator, false, general, c.members, topic(c.topic), topic(c.purpose)}
}
