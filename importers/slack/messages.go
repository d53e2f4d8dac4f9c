package slack

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/importers/parse"
)

// message is the part of a day file's message Read uses.
type message struct {
	Subtype      string `json:"subtype"`
	User         string `json:"user"`
	BotID        string `json:"bot_id"`
	Text         string `json:"text"`
	TS           string `json:"ts"`
	ThreadTS     string `json:"thread_ts"`
	ReplyCount   int    `json:"reply_count"`
	ParentUserID string `json:"parent_user_id"`
}

// systemSubtypes are messages Slack writes itself: not rows.
var systemSubtypes = map[string]bool{
	"channel_join": true, "channel_leave": true, "group_join": true, "group_leave": true,
	"channel_topic": true, "channel_purpose": true, "channel_name": true,
	"group_topic": true, "group_purpose": true, "group_name": true,
	"pinned_item": true, "unpinned_item": true, "tombstone": true,
}

// errNoRoot: a reply whose thread's first message is not in the export
// and which does not name the thread's author.
var errNoRoot = parse.ValueError("thread root not in export", parse.ErrMissingValue)

// readDay reads one day file of the current channel. JSON that breaks off
// is listed in Stats.Skipped and the rest of the file left out; only the
// archive, the sink and ctx stop the read.
func (r *reader) readDay(e *entry) error {
	item, err := eachItem(e, func(item int, m *message, bad error) error {
		if err := r.checkContext(); err != nil {
			return err
		}
		if bad != nil {
			r.stats.Rows++
			r.stats.Skip(r.badShape(e.name, item, bad))
			return nil
		}
		return r.message(e.name, item, m)
	})
	var s stop
	switch {
	case err == nil:
		return nil
	case e.err != nil:
		return e.err
	case errors.As(err, &s):
		return s.err
	}
	if err := e.drain(); err != nil {
		return err
	}
	r.stats.Skip(&parse.ParseError{File: r.file, Sheet: e.name, Row: item,
		Err: fmt.Errorf("%w: the rest of the file left out: %w", parse.ErrCorrupt, err)})
	return nil
}

// message handles one message of entry name, item its 1-based position.
func (r *reader) message(name string, item int, m *message) error {
	if systemSubtypes[m.Subtype] {
		r.counts.system++
		return nil
	}
	if r.isBotMessage(m) {
		r.stats.Rows++
		r.stats.Bots++
		if m.isRoot() {
			r.roots[m.TS] = root{user: m.User, bot: true}
		}
		return nil
	}
	if m.User == "" {
		r.counts.noUser++
		return nil
	}
	r.stats.Rows++
	at, err := parseTS(m.TS)
	if err != nil {
		r.stats.Skip(&parse.ParseError{File: r.file, Sheet: name, Row: item, Column: "ts", Err: err})
		return nil
	}
	if m.isRoot() {
		r.roots[m.TS] = root{user: m.User}
	}
	if m.isReply() {
		if err := r.reply(name, item, m, at); err != nil {
			return err
		}
	}
	return r.mentions(m, at)
}

// isBotMessage reports whether a bot wrote m.
func (r *reader) isBotMessage(m *message) bool {
	return m.BotID != "" || m.Subtype == "bot_message" || r.bots[m.User]
}

// isRoot reports whether m starts a thread.
func (m *message) isRoot() bool {
	return m.TS != "" && (m.ThreadTS == m.TS || m.ThreadTS == "" && m.ReplyCount > 0)
}

// isReply reports whether m answers a thread.
func (m *message) isReply() bool {
	return m.ThreadTS != "" && m.ThreadTS != m.TS
}

// reply sends the KindThread Interaction for reply m, sent at: its author
// helped the thread's author.
func (r *reader) reply(name string, item int, m *message, at time.Time) error {
	to, ok := r.roots[m.ThreadTS]
	if !ok {
		if m.ParentUserID == "" {
			r.stats.Skip(&parse.ParseError{File: r.file, Sheet: name, Row: item, Column: "thread_ts", Err: errNoRoot})
			return nil
		}
		to = root{user: m.ParentUserID, bot: r.bots[m.ParentUserID]}
	}
	switch {
	case to.bot:
		r.counts.botThreads++
		return nil
	case to.user == m.User:
		r.stats.SelfReviews++
		return nil
	}
	asked, err := parseTS(m.ThreadTS)
	if err != nil {
		r.stats.Skip(&parse.ParseError{File: r.file, Sheet: name, Row: item, Column: "thread_ts", Err: err})
		return nil
	}
	return r.send(multiplier.Interaction{
		Kind: multiplier.KindThread, From: m.User, To: to.user,
		At: at, Requested: asked, Weight: 1, Context: r.channel, Ref: m.ThreadTS,
	})
}

// mentions sends a KindMention Interaction for each person m mentions,
// once each, in the order of first mention.
func (r *reader) mentions(m *message, at time.Time) error {
	var seen map[string]bool // made at the first mention
	for id := range mentioned(m.Text) {
		if seen == nil {
			seen = make(map[string]bool)
		}
		switch {
		case seen[id]:
			continue
		case id == m.User:
			r.counts.selfMentions++
		case r.bots[id]:
			r.counts.botMentions++
		default:
			err := r.send(multiplier.Interaction{
				Kind: multiplier.KindMention, From: m.User, To: id,
				At: at, Weight: 1, Context: r.channel, Ref: m.TS + "/" + id,
			})
			if err != nil {
				return err
			}
		}
		seen[id] = true
	}
	return nil
}

// send hands in to the sink.
func (r *reader) send(in multiplier.Interaction) error {
	if err := r.sink.Interaction(in); err != nil {
		return fmt.Errorf("send interaction: %w", err)
	}
	r.stats.Imported++
	return nil
}

// mentioned yields the member IDs of the <@U…> and <@U…|name> mentions in
// text, in order, repeats included.
func mentioned(text string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for {
			i := strings.Index(text, "<@")
			if i < 0 {
				return
			}
			text = text[i+2:]
			n := 0
			for n < len(text) && isIDByte(text[n]) {
				n++
			}
			if n == 0 || n == len(text) || text[n] != '>' && text[n] != '|' {
				continue
			}
			if !yield(text[:n]) {
				return
			}
			text = text[n:]
		}
	}
}

// isIDByte reports whether c may appear in a Slack member ID.
func isIDByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// parseTS reads a Slack timestamp, seconds and microseconds since the
// Unix epoch as "1778150000.000100", as a UTC time.
func parseTS(ts string) (time.Time, error) {
	if ts == "" {
		return time.Time{}, parse.ValueError("no ts", parse.ErrMissingValue)
	}
	secs, frac, _ := strings.Cut(ts, ".")
	if len(secs) == 0 || len(secs) > 12 || len(frac) > 9 || !allDigits(secs) || !allDigits(frac) {
		return time.Time{}, parse.BadValue(parse.ErrBadDate, ts, "a Slack timestamp")
	}
	s, _ := strconv.ParseInt(secs, 10, 64)
	var ns int64
	if frac != "" {
		ns, _ = strconv.ParseInt(frac+strings.Repeat("0", 9-len(frac)), 10, 64)
	}
	return time.Unix(s, ns).UTC(), nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
