package orggen

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
)

var (
	tsRE      = regexp.MustCompile(`^\d{10}\.\d{6}$`)
	dayFileRE = regexp.MustCompile(`^([^/]+)/(\d{4}-\d{2}-\d{2})\.json$`)
)

// zipJSON decodes the zip entry f into v.
func zipJSON(t *testing.T, f *zip.File, v any) {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
}

type zipUser struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Deleted      bool   `json:"deleted"`
	IsBot        bool   `json:"is_bot"`
	IsRestricted bool   `json:"is_restricted"`
	Profile      struct {
		Email string `json:"email"`
		BotID string `json:"bot_id"`
	} `json:"profile"`
}

type zipConv struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Members []string `json:"members"`
}

type zipMessage struct {
	Type         string `json:"type"`
	Subtype      string `json:"subtype"`
	User         string `json:"user"`
	BotID        string `json:"bot_id"`
	Text         string `json:"text"`
	TS           string `json:"ts"`
	ThreadTS     string `json:"thread_ts"`
	ReplyCount   int    `json:"reply_count"`
	ParentUserID string `json:"parent_user_id"`
	day          string
}

// TestSlackZip opens the export as a Slack importer would and checks the
// listings, the day files and the threads.
func TestSlackZip(t *testing.T) {
	o := defaultOrg()
	raw := write(t, func(b *bytes.Buffer) error { return o.WriteSlackZip(b) })
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
		if !f.Modified.Equal(o.Config.end()) {
			t.Errorf("%s dated %v", f.Name, f.Modified)
		}
	}
	for _, name := range []string{"users.json", "channels.json", "groups.json", "dms.json", "mpims.json"} {
		if files[name] == nil {
			t.Fatalf("no %s", name)
		}
	}

	var users []zipUser
	zipJSON(t, files["users.json"], &users)
	byID := map[string]zipUser{}
	var deleted, bots, guests, mixed int
	for _, u := range users {
		byID[u.ID] = u
		email := multiplier.IdentityKey(u.Profile.Email)
		switch {
		case u.IsBot || u.ID == "USLACKBOT":
			bots++
		case u.Deleted && o.Truth[email] == "" && email != "":
			deleted++
		case u.IsRestricted && o.Truth[email] == "" && strings.HasSuffix(email, "@partner.example"):
			guests++
		case o.Truth[email] == "":
			t.Errorf("user %s (%s) is neither on the roster nor a leaver, guest or bot", u.ID, u.Profile.Email)
		}
		if u.Profile.Email != email {
			mixed++
		}
	}
	for _, p := range o.People {
		if u, ok := byID[p.SlackID]; !ok || multiplier.IdentityKey(u.Profile.Email) != p.Email || u.IsBot || u.Deleted {
			t.Errorf("%s (%s) is not in users.json as themselves: %+v", p.Email, p.SlackID, u)
		}
	}
	if _, ok := byID["USLACKBOT"]; !ok || deleted != 2 || bots != 3 || guests != 2 || mixed == 0 {
		t.Errorf("Slackbot %v, %d deleted, %d bots, %d guests, %d mixed-case emails; want Slackbot, 2, 3, 2, some",
			byID["USLACKBOT"].ID != "", deleted, bots, guests, mixed)
	}

	folders := map[string]bool{}
	for _, l := range []struct {
		file, folderBy string
		min            int
	}{{"channels.json", "name", 5}, {"groups.json", "name", 1}, {"dms.json", "id", 2}, {"mpims.json", "id", 1}} {
		var convs []zipConv
		zipJSON(t, files[l.file], &convs)
		if len(convs) < l.min {
			t.Errorf("%s lists %d conversations, want at least %d", l.file, len(convs), l.min)
		}
		for _, c := range convs {
			folder := c.Name
			if l.folderBy == "id" {
				folder = c.ID
			}
			folders[folder] = true
			for _, m := range c.Members {
				if _, ok := byID[m]; !ok {
					t.Errorf("%s: member %s not in users.json", folder, m)
				}
			}
		}
	}
	for _, name := range []string{"eng-general", "incidents", "help-payments-core"} {
		if !folders[name] {
			t.Errorf("no channel %s", name)
		}
	}

	byFolder := map[string][]zipMessage{}
	for _, f := range zr.File {
		if files[f.Name] != nil && !strings.Contains(f.Name, "/") {
			continue
		}
		sub := dayFileRE.FindStringSubmatch(f.Name)
		if sub == nil || !folders[sub[1]] {
			t.Errorf("stray entry %s", f.Name)
			continue
		}
		var msgs []zipMessage
		zipJSON(t, f, &msgs)
		for i, m := range msgs {
			if !tsRE.MatchString(m.TS) || tsTime(m.TS).Format(time.DateOnly) != sub[2] || m.Type != "message" {
				t.Errorf("%s: message %d: type %q ts %q", f.Name, i, m.Type, m.TS)
			}
			if i > 0 && m.TS <= msgs[i-1].TS {
				t.Errorf("%s: ts %s after %s", f.Name, m.TS, msgs[i-1].TS)
			}
			m.day = sub[2]
			byFolder[sub[1]] = append(byFolder[sub[1]], m)
		}
	}

	var n, mentions, replies, nextDay, ownThread, joins, botMessages int
	for folder, msgs := range byFolder {
		roots := map[string]zipMessage{}
		seen := map[string]bool{}
		for _, m := range msgs {
			n++
			if seen[m.TS] {
				t.Errorf("%s: ts %s twice", folder, m.TS)
			}
			seen[m.TS] = true
			switch m.Subtype {
			case "channel_join":
				joins++
			case "bot_message":
				botMessages++
			}
			if strings.Contains(m.Text, "<@") && m.Subtype == "" {
				mentions++
			}
			if m.ThreadTS == m.TS {
				roots[m.TS] = m
			}
			if m.ThreadTS == "" || m.ThreadTS == m.TS {
				continue
			}
			replies++
			root, ok := roots[m.ThreadTS]
			switch {
			case !ok:
				t.Errorf("%s: reply %s to %s, which is not an earlier message", folder, m.TS, m.ThreadTS)
			case root.User != m.ParentUserID:
				t.Errorf("%s: reply %s names parent %q, the root is %q's", folder, m.TS, m.ParentUserID, root.User)
			case root.User == m.User:
				ownThread++
			}
			if ok && root.day != m.day {
				nextDay++
			}
		}
		for _, r := range roots {
			count := 0
			for _, m := range msgs {
				if m.ThreadTS == r.TS && m.TS != r.TS {
					count++
				}
			}
			if r.ReplyCount != count || count == 0 {
				t.Errorf("%s: root %s says %d replies, has %d", folder, r.TS, r.ReplyCount, count)
			}
		}
	}
	if n != len(o.Chat) {
		t.Errorf("%d messages in the day files, %d in Chat", n, len(o.Chat))
	}
	if share := float64(mentions) / float64(n); share < 0.12 || share > 0.3 {
		t.Errorf("%.3f of messages mention someone, want about a fifth", share)
	}
	if replies < n/3 || nextDay == 0 || ownThread == 0 || joins == 0 || botMessages == 0 {
		t.Errorf("%d replies of %d messages, %d on a later day than the root, %d in the replier's own thread, %d joins, %d bot messages: want a third, and some of each",
			replies, n, nextDay, ownThread, joins, botMessages)
	}
}

// TestChatPlanted checks that the planted people show in the chat as they
// do in the reviews: multipliers answer many threads in other teams' help
// channels, fast; team bottlenecks are named in many questions and answer
// late.
func TestChatPlanted(t *testing.T) {
	for _, seed := range plantedSeeds[:3] {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			c := DefaultConfig()
			c.Seed = seed
			o := defaultOrg()
			if seed != DefaultConfig().Seed {
				o = Generate(c)
			}
			st := helpStats(o)
			var cross, named, latency []float64
			for _, p := range o.People {
				if s := st[p.SlackID]; o.Truth[p.Email] == Engineer {
					cross = append(cross, float64(s.cross))
					named = append(named, float64(s.named))
					latency = append(latency, median(slices.Clone(s.latency)))
				}
			}
			medCross, medNamed, medLatency := median(cross), median(named), median(latency)
			for _, p := range o.People {
				s := st[p.SlackID]
				switch o.Truth[p.Email] {
				case Multiplier:
					if s.cross < 50 || float64(s.cross) < 5*max(medCross, 1) || median(s.latency) > medLatency/2 {
						t.Errorf("multiplier %s: %d answers in other teams' channels (median engineer %.0f), median %.2f h (%.2f h)",
							p.Email, s.cross, medCross, median(s.latency), medLatency)
					}
				case TeamBottleneck:
					if float64(s.named) < 3*medNamed || median(s.latency) < 4*medLatency {
						t.Errorf("bottleneck %s: named %d times (median engineer %.0f), median %.2f h (%.2f h)",
							p.Email, s.named, medNamed, median(s.latency), medLatency)
					}
				}
			}
		})
	}
}

// helpStat is what one person did in the chat's threads.
type helpStat struct {
	cross   int       // replies in other teams' help channels
	named   int       // mentions of them
	latency []float64 // hours from a thread's start to their first reply in it
}

// helpStats measures the chat per Slack ID.
func helpStats(o *Org) map[string]*helpStat {
	st := map[string]*helpStat{}
	get := func(id string) *helpStat {
		if st[id] == nil {
			st[id] = &helpStat{}
		}
		return st[id]
	}
	own := map[string]string{}
	for _, p := range o.People {
		own[p.SlackID] = "help-" + strings.ToLower(p.Team)
	}
	roots := map[string]string{} // channel and ts → author
	answered := map[string]bool{}
	for _, m := range o.Chat {
		if m.ThreadTS == m.TS {
			roots[m.Channel+" "+m.TS] = m.User
		}
		if m.Subtype != "" || m.Bot {
			continue
		}
		for _, id := range mentionIDs(m.Text) {
			if id != m.User {
				get(id).named++
			}
		}
		if !m.IsReply() || roots[m.Channel+" "+m.ThreadTS] == m.User {
			continue
		}
		if strings.HasPrefix(m.Channel, "help-") && m.Channel != own[m.User] {
			get(m.User).cross++
		}
		if k := m.User + " " + m.Channel + " " + m.ThreadTS; !answered[k] {
			answered[k] = true
			get(m.User).latency = append(get(m.User).latency, tsTime(m.TS).Sub(tsTime(m.ThreadTS)).Hours())
		}
	}
	return st
}
