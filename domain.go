package multiplier

import (
	"strings"
	"time"
	"unicode"
)

// Person is one row of the HR roster. Email is the key: trimmed and
// lower-case. Fields the roster did not have are empty.
type Person struct {
	Email      string
	Name       string
	Team       string
	Department string
	Title      string
	Level      string
	// Manager is the manager's email (lower-case) or, when the roster gave
	// a name instead, that name as written.
	Manager string
	GitHub  string
	SlackID string
}

// Review is one review of one change, as a review export lists it.
// Author and Reviewer are identities as the export wrote them: a login,
// an email or a display name; they are resolved to people later.
type Review struct {
	Repository string
	Change     string // PR or change number, as text
	Title      string
	Author     string
	Reviewer   string
	// Created is when the change was opened or the review requested (UTC);
	// zero when the export does not say.
	Created time.Time
	// Submitted is when the review was given (UTC); never zero.
	Submitted time.Time
	State     string // APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or as exported
	Comments  int
}

// Kind names a channel of help.
type Kind string

// The kinds of interaction the importers produce. A generic interactions
// sheet may bring other kinds, as written ("pairing", "mentoring"…).
const (
	KindReview  Kind = "review"  // From reviewed To's change
	KindThread  Kind = "thread"  // From replied in a chat thread To started
	KindMention Kind = "mention" // From mentioned To in a chat message
)

// Meeting is one occurrence of a meeting, as a calendar export lists it;
// a recurring series is expanded into its occurrences.
type Meeting struct {
	UID     string // the calendar's UID, or "" when the export has none
	Subject string
	Start   time.Time // UTC
	End     time.Time // UTC
	// Organizer and Attendees are identities as the export wrote them: an
	// email, or a display name ("Ada Okafor", "Okafor, Ada"). Attendees
	// holds required and optional attendees who did not decline, without
	// the organizer.
	Organizer string
	Attendees []string
}

// MaxAttendees is the most attendees a meeting keeps: imports cut longer
// lists (and say so) and the workspace reads no more. An invitation to a
// whole company ties no one to anyone, and a longer list only costs time.
const MaxAttendees = 1000

// Hours is the meeting's length in hours.
func (m Meeting) Hours() float64 { return m.End.Sub(m.Start).Hours() }

// Size is the number of people in the meeting, organizer included.
func (m Meeting) Size() int {
	n := len(m.Attendees)
	if m.Organizer != "" {
		n++
	}
	return n
}

// Alias says that an identity one tool uses — a Slack member ID, a login —
// belongs to the person with Email, as that tool's own export says (for
// Slack, users.json). Name is the tool's display name, if any.
type Alias struct {
	Identity string
	Email    string
	Name     string
}

// Interaction is one act of help: From helped To. From and To are person
// keys: a roster email, or for an identity not matched to the roster its
// identity key (see IdentityKey).
type Interaction struct {
	Kind Kind
	From string
	To   string
	// At is when the help was given (UTC).
	At time.Time
	// Requested is when the help was asked for (UTC); zero when unknown.
	Requested time.Time
	Weight    float64
	Context   string // repository, channel or meeting
	Ref       string // change number or thread
	State     string
	Comments  int
}

// LatencyHours is the time from request to help in hours, and false when
// the request time is unknown or after the help.
func (i Interaction) LatencyHours() (float64, bool) {
	if i.Requested.IsZero() || i.At.Before(i.Requested) {
		return 0, false
	}
	return i.At.Sub(i.Requested).Hours(), true
}

// Period is a span of whole days, From and To both included, in UTC.
// A zero Period holds every time.
type Period struct {
	From time.Time // midnight UTC of the first day
	To   time.Time // midnight UTC of the last day
}

// IsZero reports whether p is the zero Period (no bounds).
func (p Period) IsZero() bool { return p.From.IsZero() && p.To.IsZero() }

// Contains reports whether t falls on a day of p.
func (p Period) Contains(t time.Time) bool {
	if !p.From.IsZero() && t.Before(p.From) {
		return false
	}
	if !p.To.IsZero() && !t.Before(p.To.AddDate(0, 0, 1)) {
		return false
	}
	return true
}

// Days is the number of days in p, at least 1; 0 for the zero Period.
func (p Period) Days() int {
	if p.From.IsZero() || p.To.IsZero() {
		return 0
	}
	d := int(p.To.Sub(p.From).Hours()/24) + 1
	return max(d, 1)
}

// String formats p as "2026-04-01 – 2026-09-30".
func (p Period) String() string {
	if p.IsZero() {
		return "all time"
	}
	return p.From.Format(time.DateOnly) + " – " + p.To.Format(time.DateOnly)
}

// Day returns midnight UTC of t's calendar day in UTC.
func Day(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// IdentityKey normalises an identity as exports write it — an email, a
// login, a Slack ID or a display name — to the key the store matches on:
// trimmed, lower-case, inner runs of white space collapsed to one space,
// and a leading "@" dropped.
func IdentityKey(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "@")
	s = strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
	return strings.ToLower(s)
}

// IsBot reports whether an identity names a bot rather than a person:
// GitHub's "name[bot]" logins and the common automation accounts.
func IsBot(identity string) bool {
	k := IdentityKey(identity)
	if strings.HasSuffix(k, "[bot]") || strings.HasSuffix(k, "-bot") || strings.HasSuffix(k, "_bot") {
		return true
	}
	switch k {
	case "dependabot", "renovate", "github-actions", "codecov", "snyk-bot", "mergify", "jenkins", "gitlab-bot":
		return true
	}
	return false
}

// Quarter returns calendar quarter q (1–4) of year as a Period.
func Quarter(year, q int) Period {
	from := time.Date(year, time.Month(3*(q-1)+1), 1, 0, 0, 0, 0, time.UTC)
	return Period{From: from, To: from.AddDate(0, 3, -1)}
}

// Previous returns the period just before p: the previous calendar
// quarter when p is one, else the same number of days ending the day
// before p starts. The zero Period has no previous one (zero).
func (p Period) Previous() Period {
	if p.From.IsZero() || p.To.IsZero() {
		return Period{}
	}
	if p.From.Day() == 1 && (p.From.Month()-1)%3 == 0 && p.To.Equal(p.From.AddDate(0, 3, -1)) {
		from := p.From.AddDate(0, -3, 0)
		return Period{From: from, To: p.From.AddDate(0, 0, -1)}
	}
	days := p.Days()
	return Period{From: p.From.AddDate(0, 0, -days), To: p.From.AddDate(0, 0, -1)}
}
