package orggen

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
)

// defaultOrg is the organisation of DefaultConfig, made once for the tests
// that only read it.
var defaultOrg = sync.OnceValue(func() *Org { return Generate(DefaultConfig()) })

// newWriters are the writers of the meeting and chat exports, by name.
func newWriters(o *Org) map[string]func(*bytes.Buffer) error {
	w := map[string]func(*bytes.Buffer) error{
		"outlook.csv": func(b *bytes.Buffer) error { return o.WriteOutlookCSV(b, "") },
		"all.ics":     func(b *bytes.Buffer) error { return o.WriteICS(b, "") },
		"slack.zip":   func(b *bytes.Buffer) error { return o.WriteSlackZip(b) },
	}
	for _, d := range o.Departments() {
		w[d+".csv"] = func(b *bytes.Buffer) error { return o.WriteOutlookCSV(b, d) }
		w[d+".ics"] = func(b *bytes.Buffer) error { return o.WriteICS(b, d) }
	}
	return w
}

// write returns what write writes.
func write(t *testing.T, write func(*bytes.Buffer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSampleUnchanged checks that the meetings and the chat, drawn from
// random streams of their own, left the roster and the review export of
// the embedded sample as they were.
func TestSampleUnchanged(t *testing.T) {
	o := defaultOrg()
	for _, tc := range []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"roster.xlsx", func(b *bytes.Buffer) error { return o.WriteRosterXLSX(b) }},
		{"reviews.xlsx", func(b *bytes.Buffer) error { return o.WriteReviewsXLSX(b) }},
	} {
		t.Run(tc.file, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("..", "..", "assets", "sample", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if got := write(t, tc.write); !bytes.Equal(got, want) {
				t.Errorf("%s: %d bytes differ from the sample's %d", tc.file, len(got), len(want))
			}
		})
	}
}

func TestNewWritersAreDeterministic(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Config
	}{
		{"default", DefaultConfig()},
		{"small", smallConfig()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := Generate(tc.c), Generate(tc.c)
			other := tc.c
			other.Seed++
			c := Generate(other)
			wa, wb, wc := newWriters(a), newWriters(b), newWriters(c)
			for name, w := range wa {
				da := sha256.Sum256(write(t, w))
				if db := sha256.Sum256(write(t, wb[name])); da != db {
					t.Errorf("%s: bytes differ between two runs", name)
				}
				if wc[name] != nil && sha256.Sum256(write(t, wc[name])) == da {
					t.Errorf("%s: seeds differ but bytes are the same", name)
				}
			}
		})
	}
}

// TestMeetings checks the kinds of meeting and the shape of every
// occurrence.
func TestMeetings(t *testing.T) {
	o := defaultOrg()
	if n := len(o.Meetings); n < 1500 || n > 4000 {
		t.Errorf("%d meetings, want 1500..4000", n)
	}
	team := map[string]string{}
	for _, p := range o.People {
		team[p.Email] = p.Team
	}
	type key struct {
		start     time.Time
		organizer string
		subject   string
	}
	seen := map[key]bool{}
	var oneOnOnes, allHands, external, crossTeam, big int
	for i, m := range o.Meetings {
		if i > 0 && m.Start.Before(o.Meetings[i-1].Start) {
			t.Fatalf("meeting %d not in order of start", i)
		}
		k := key{m.Start, m.Organizer, m.Subject}
		if seen[k] {
			t.Errorf("two meetings %q by %s at %v: the app would take the second for a duplicate", m.Subject, m.Organizer, m.Start)
		}
		seen[k] = true
		if m.Start.Location() != time.UTC || !m.End.After(m.Start) || m.Start.Before(o.Config.From) || !m.End.Before(o.Config.end().Add(24*time.Hour)) {
			t.Errorf("%q: %v..%v", m.Subject, m.Start, m.End)
		}
		if m.UID == "" || m.Subject == "" || m.Organizer != strings.ToLower(m.Organizer) {
			t.Errorf("meeting %+v", m)
		}
		people := append([]string{m.Organizer}, m.Attendees...)
		teams := map[string]bool{}
		for _, a := range people {
			if a != strings.ToLower(a) || !strings.Contains(a, "@") {
				t.Errorf("%q: attendee %q is not a lower-case email", m.Subject, a)
			}
			if o.Truth[a] == "" {
				external++
			}
			teams[team[a]] = true
		}
		if u := slices.Compact(slices.Sorted(slices.Values(people))); len(u) != len(people) {
			t.Errorf("%q: someone listed twice: %q", m.Subject, people)
		}
		switch {
		case strings.Contains(m.Subject, "1:1"):
			oneOnOnes++
			if len(m.Attendees) != 1 {
				t.Errorf("%q has %d attendees", m.Subject, len(m.Attendees))
			}
		case m.Subject == "Engineering all-hands":
			allHands++
			if len(m.Attendees) < len(o.People)*3/4 {
				t.Errorf("all-hands with %d of %d people", len(m.Attendees), len(o.People))
			}
		case strings.Contains(m.Subject, "review") && !strings.HasPrefix(m.Subject, "Incident"):
			if len(teams) >= 2 {
				crossTeam++
			}
		}
		if len(people) > 20 {
			big++
		}
	}
	for _, tc := range []struct {
		what   string
		got    int
		lo, hi int
	}{
		{"1:1 occurrences", oneOnOnes, 800, 2500},
		{"all-hands (monthly)", allHands, 5, 7},
		{"cross-team reviews", crossTeam, 30, 400},
		{"mentions of people outside the roster", external, 20, 1000},
		{"large meetings", big, 5, 7},
	} {
		if tc.got < tc.lo || tc.got > tc.hi {
			t.Errorf("%s: %d, want %d..%d", tc.what, tc.got, tc.lo, tc.hi)
		}
	}
}

// TestDeclinedDoNotAttend checks that people who declined are invited but
// not among a meeting's attendees.
func TestDeclinedDoNotAttend(t *testing.T) {
	o := defaultOrg()
	byUID := map[string][]multiplier.Meeting{}
	for _, m := range o.Meetings {
		byUID[m.UID] = append(byUID[m.UID], m)
	}
	declined := 0
	for _, se := range o.cal {
		for _, v := range se.invited {
			if v.p == nil || v.attends() {
				continue
			}
			declined++
			for _, m := range byUID[se.uid] {
				if slices.Contains(m.Attendees, v.p.email) {
					t.Errorf("%s declined %q but attends it", v.p.email, se.subject)
				}
			}
		}
	}
	if declined < 5 {
		t.Errorf("%d declined invitations, want some", declined)
	}
}

// TestExpectedMentionsRules works the rules of ExpectedMentions through a
// small organisation by hand.
func TestExpectedMentionsRules(t *testing.T) {
	o := &Org{
		Truth: map[string]Archetype{"a@example.com": Engineer, "b@example.com": Manager},
		Meetings: []multiplier.Meeting{
			// a, b: 2 roster; the guest: 1 external.
			{Organizer: "a@example.com", Attendees: []string{"b@example.com", "guest@partner.example"}},
		},
		slack: slackExport{users: []slackUser{
			{ID: "UA", Profile: slackProfile{Email: "A@Example.com"}},
			{ID: "UB", Profile: slackProfile{Email: "b@example.com"}},
			{ID: "UX", Profile: slackProfile{Email: "ex@example.com"}},
			{ID: "UBOT", IsBot: true},
			{ID: "USLACKBOT"},
		}},
		Chat: []ChatMessage{
			{Channel: "help", User: "UA", TS: "1.000001", ThreadTS: "1.000001", Text: "question"},
			{Channel: "help", User: "UB", TS: "1.000002", ThreadTS: "1.000001", Text: "answer"},             // B→A: 2 roster
			{Channel: "help", User: "UA", TS: "1.000003", ThreadTS: "1.000001", Text: "thanks"},             // own thread: none
			{Channel: "help", User: "UX", TS: "1.000004", ThreadTS: "1.000001", Text: "me too"},             // X→A: 1 external, 1 roster
			{Channel: "help", User: "UA", TS: "1.000005", Text: "<@UB> <@UB|b> <@UA> <@UBOT> <@USLACKBOT>"}, // A→B once: 2 roster
			{Channel: "help", User: "UB", TS: "1.000006", Subtype: "channel_join", Text: "<@UB> has joined the channel"},
			{Channel: "deploys", BotID: "B1", TS: "1.000007", ThreadTS: "1.000007", Subtype: "bot_message", Bot: true, Text: "<@UA> deployed"},
			{Channel: "deploys", User: "UB", TS: "1.000008", ThreadTS: "1.000007", Text: "<@UX> was it you?"}, // bot thread: none; B→X: 1 roster, 1 external
			{Channel: "deploys", User: "USLACKBOT", TS: "1.000009", Text: "<@UA> reminder", Bot: true},
		},
	}
	roster, external := o.ExpectedMentions()
	if roster != 8 || external != 3 {
		t.Errorf("ExpectedMentions = %d, %d; want 8, 3", roster, external)
	}
}

// TestExpectedMentions checks the default organisation's truth is in
// proportion: almost everything names roster people, with a share of
// guests, the vendor, the contractor and former employees.
func TestExpectedMentions(t *testing.T) {
	o := defaultOrg()
	roster, external := o.ExpectedMentions()
	meetings := 0
	for _, m := range o.Meetings {
		meetings += m.Size()
	}
	chat := 2 * len(o.chatInteractions())
	if roster+external != meetings+chat {
		t.Errorf("%d + %d mentions, want %d in meetings and %d in chat", roster, external, meetings, chat)
	}
	if share := float64(external) / float64(roster+external); external == 0 || share > 0.05 {
		t.Errorf("%d of %d mentions external (%.3f), want some but under 5%%", external, roster+external, share)
	}
}

func TestDepartments(t *testing.T) {
	o := defaultOrg()
	got := o.Departments()
	if want := []string{"Discovery", "Engineering", "Payments", "Platform"}; !slices.Equal(got, want) {
		t.Fatalf("Departments() = %q, want %q", got, want)
	}
	dept := map[string]string{}
	for _, p := range o.People {
		dept[p.Email] = p.Department
	}
	for _, se := range o.cal {
		if dept[se.organizer.email] != se.dept || !slices.Contains(got, se.dept) {
			t.Errorf("%q organised by %s is filed under %q", se.subject, se.organizer.email, se.dept)
		}
	}
}

// TestNoWeekdays checks that a period without a weekday makes no
// meetings and no chat, and that the writers still write.
func TestNoWeekdays(t *testing.T) {
	c := DefaultConfig()
	c.From, c.To = time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 3, 0, 0, 0, 0, time.UTC)
	o := Generate(c)
	if len(o.Meetings) != 0 || len(o.Chat) != 0 {
		t.Errorf("a weekend has %d meetings and %d messages", len(o.Meetings), len(o.Chat))
	}
	for name, w := range newWriters(o) {
		if len(write(t, w)) == 0 {
			t.Errorf("%s: nothing written", name)
		}
	}
}
