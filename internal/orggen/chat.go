package orggen

import (
	"cmp"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"time"

	"github.com/multiplier/multiplier"
)

// ChatMessage is one message of the Slack export, as its day file holds
// it.
type ChatMessage struct {
	// Channel is the conversation's folder in the export: the name of a
	// channel or private channel, the ID of a DM or group DM.
	Channel string
	// User is the author's Slack member ID; "" for a bot message posted
	// through a webhook, which has only a BotID.
	User string
	TS   string // "1778150000.000100": seconds and microseconds, unique in the export
	// ThreadTS is the thread's root ts on a thread's root and on its
	// replies; "" on a message no one replied to in a thread.
	ThreadTS string
	Text     string
	Subtype  string // "", "channel_join", "channel_leave" or "bot_message"
	BotID    string
	Username string // a webhook bot's name
	// Bot says that a bot or an app wrote the message: a bot_message, a
	// bot user's or Slackbot's.
	Bot bool
}

// IsReply reports whether m answers a thread.
func (m ChatMessage) IsReply() bool { return m.ThreadTS != "" && m.ThreadTS != m.TS }

// slackUser is one member of users.json.
type slackUser struct {
	ID                string       `json:"id"`
	TeamID            string       `json:"team_id"`
	Name              string       `json:"name"`
	Deleted           bool         `json:"deleted"`
	RealName          string       `json:"real_name,omitempty"`
	TZ                string       `json:"tz,omitempty"`
	Profile           slackProfile `json:"profile"`
	IsAdmin           bool         `json:"is_admin"`
	IsBot             bool         `json:"is_bot"`
	IsAppUser         bool         `json:"is_app_user"`
	IsRestricted      bool         `json:"is_restricted"`
	IsUltraRestricted bool         `json:"is_ultra_restricted"`
	Updated           int64        `json:"updated"`
}

type slackProfile struct {
	Title       string `json:"title"`
	RealName    string `json:"real_name"`
	DisplayName string `json:"display_name"`
	Email       string `json:"email,omitempty"`
	BotID       string `json:"bot_id,omitempty"`
	Team        string `json:"team"`
}

// isBot reports whether u is a bot: a bot user or Slackbot.
func (u *slackUser) isBot() bool { return u.IsBot || u.ID == "USLACKBOT" }

// slackConv is a channel, private channel, DM or group DM.
type slackConv struct {
	kind    string // "channel", "group", "dm" or "mpim"
	id      string
	name    string
	created int64
	creator string
	general bool
	members []string
	topic   string
	purpose string
}

// folder is the conversation's folder in the export.
func (c *slackConv) folder() string {
	if c.kind == "dm" || c.kind == "mpim" {
		return c.id
	}
	return c.name
}

// slackExport is the workspace the Slack export writes.
type slackExport struct {
	team     string
	users    []slackUser
	convs    []*slackConv
	messages []ChatMessage // as Org.Chat, for the writer
}

// post is a message while the chat is made.
type post struct {
	conv     *slackConv
	at       time.Time
	user     string // Slack ID; "" for a webhook bot
	botID    string
	username string
	subtype  string
	text     string
	bot      bool
	root     *post // the thread's first message; nil for a message outside a thread
	replies  int
	ts       string
}

// chat makes the Slack workspace.
type chat struct {
	s      *social
	y      *gen // the organisation with the chat's random stream
	ex     slackExport
	posts  []*post
	taken  map[string]bool // Slack IDs
	byID   map[string]*persona
	idOf   map[*persona]string
	help   map[int]*slackConv // team → help channel
	leave  map[*persona]time.Time
	joined map[*slackConv]map[string]bool

	general, incidents, deploys, partner, managers, mpim *slackConv
	dms                                                  []dmPair

	deploybot, pagerduty slackUser
	median               map[*persona]float64 // hours to a first reply
}

// dmPair is a DM in which asker brings questions to helper.
type dmPair struct {
	conv          *slackConv
	asker, helper *persona
}

// makeChat makes the Slack workspace of the organisation.
func (s *social) makeChat() *chat {
	g := s.g
	c := &chat{
		s:      s,
		y:      &gen{c: g.c, r: rand.New(rand.NewSource(g.c.Seed + chatSeed)), scale: g.scale, teams: g.teams, members: g.members},
		taken:  map[string]bool{},
		byID:   map[string]*persona{},
		idOf:   map[*persona]string{},
		help:   map[int]*slackConv{},
		leave:  map[*persona]time.Time{},
		joined: map[*slackConv]map[string]bool{},
		median: map[*persona]float64{},
	}
	for _, m := range g.members {
		c.taken[m.SlackID] = true
	}
	c.ex.team = c.newID("T0")
	c.makeUsers()
	c.makeConversations()
	for _, day := range g.c.workdays() {
		c.day(day)
	}
	c.finish()
	return c
}

// newID draws a Slack ID: prefix and letters and digits to nine
// characters.
func (c *chat) newID(prefix string) string {
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	for {
		b := []byte(prefix)
		for len(b) < 9 {
			b = append(b, alnum[c.y.r.Intn(len(alnum))])
		}
		if id := string(b); !c.taken[id] {
			c.taken[id] = true
			return id
		}
	}
}

// makeUsers lists users.json: the roster, the former employees (deleted),
// the partner's guests, the bots and Slackbot.
func (c *chat) makeUsers() {
	r := c.y.r
	updated := c.y.c.From.Add(-30 * 24 * time.Hour).Unix()
	add := func(p *persona, id, title string) *slackUser {
		email := p.email
		if r.Float64() < 0.1 {
			email = mixedCase(email)
		}
		local, _, _ := strings.Cut(p.email, "@")
		c.byID[id], c.idOf[p] = p, id
		c.ex.users = append(c.ex.users, slackUser{
			ID: id, TeamID: c.ex.team, Name: local, RealName: p.name, TZ: p.zone.iana,
			Profile: slackProfile{Title: title, RealName: p.name, DisplayName: p.first, Email: email, Team: c.ex.team},
			Updated: updated + int64(r.Intn(86400*20)),
		})
		c.median[p] = c.medianFor(p)
		return &c.ex.users[len(c.ex.users)-1]
	}
	for i, m := range c.y.members {
		if !m.external {
			u := add(c.s.member(i), m.SlackID, m.Title)
			u.IsAdmin = m.team < 0
		}
	}
	days := c.y.c.days()
	for _, p := range c.s.leavers {
		u := add(p, c.newID("U0"), "Software Engineer")
		u.Deleted = true
		c.leave[p] = c.y.c.From.AddDate(0, 0, days/8+r.Intn(max(1, days/4)))
		u.Updated = c.leave[p].Unix()
	}
	for _, p := range c.s.guests {
		u := add(p, c.newID("U0"), "Solutions Engineer")
		u.IsRestricted = true
	}
	bot := func(name, real string) slackUser {
		id, botID := c.newID("U0"), c.newID("B0")
		u := slackUser{
			ID: id, TeamID: c.ex.team, Name: name, RealName: real, IsBot: true,
			Profile: slackProfile{RealName: real, DisplayName: name, BotID: botID, Team: c.ex.team},
			Updated: updated,
		}
		c.ex.users = append(c.ex.users, u)
		return u
	}
	c.deploybot = bot("deploybot", "Deploy Bot")
	c.pagerduty = bot("pagerduty", "PagerDuty")
	c.ex.users = append(c.ex.users, slackUser{
		ID: "USLACKBOT", TeamID: c.ex.team, Name: "slackbot", RealName: "Slackbot", TZ: "America/Los_Angeles",
		Profile: slackProfile{RealName: "Slackbot", DisplayName: "Slackbot", Team: c.ex.team},
	})
}

// medianFor draws how many hours p takes to answer a question, by
// archetype: multipliers and fast reviewers within minutes, bottlenecks
// after most of a day. Under Weak planting each planted archetype's range
// moves halfway, on a log scale, toward the ordinary engineer's 0.5–3 h.
func (c *chat) medianFor(p *persona) float64 {
	const ordinaryLo, ordinaryHi = 0.5, 3.0
	lo, hi := ordinaryLo, ordinaryHi
	if p.member >= 0 {
		switch c.y.members[p.member].arch {
		case Multiplier:
			lo, hi = 0.08, 0.4
		case FastReviewer:
			lo, hi = 0.15, 0.6
		case TeamBottleneck:
			lo, hi = 6, 24
		case SharedGatekeeper:
			lo, hi = 3, 12
		case Soloist:
			lo, hi = 2, 8
		case Manager:
			lo, hi = 1, 6
		}
		if a := c.y.members[p.member].arch; a != Engineer && a != Manager {
			lo, hi = c.y.towardLog(lo, ordinaryLo), c.y.towardLog(hi, ordinaryHi)
		}
	} else if p.kind == "guest" {
		lo, hi = 1, 5
	}
	return c.y.logUniform(lo, hi)
}

// conv adds a conversation.
func (c *chat) conv(kind, name string, creator *persona, members []*persona) *slackConv {
	r := c.y.r
	prefix := map[string]string{"channel": "C0", "group": "G0", "dm": "D0", "mpim": "G0"}[kind]
	cv := &slackConv{
		kind: kind, id: c.newID(prefix), name: name,
		created: c.y.c.From.AddDate(0, 0, -30-r.Intn(700)).Add(hours(8 + 10*r.Float64())).Unix(),
	}
	if creator != nil {
		cv.creator = c.idOf[creator]
	}
	for _, p := range members {
		if id := c.idOf[p]; id != "" && !slices.Contains(cv.members, id) {
			cv.members = append(cv.members, id)
		}
	}
	c.ex.convs = append(c.ex.convs, cv)
	c.joined[cv] = map[string]bool{}
	for _, id := range cv.members {
		c.joined[cv][id] = true
	}
	return cv
}

// makeConversations sets up the channels, the managers' private channel,
// a few DMs and one group DM.
func (c *chat) makeConversations() {
	y, s := c.y, c.s
	var staff, engineers, managers []*persona
	for i, m := range y.members {
		if m.external {
			continue
		}
		staff = append(staff, s.member(i))
		if m.arch == Manager {
			managers = append(managers, s.member(i))
		} else {
			engineers = append(engineers, s.member(i))
		}
	}
	director := managers[0]
	for i, m := range y.members {
		if m.team < 0 {
			director = s.member(i)
		}
	}
	c.general = c.conv("channel", "eng-general", director, append(slices.Clone(staff), s.leavers...))
	c.general.general = true
	c.general.topic, c.general.purpose = "All-hands Thursday 16:00 UTC", "Announcements and questions for all of engineering"
	for t, tm := range y.teams {
		members := append(s.personas(tm.engineers), s.member(tm.manager))
		cv := c.conv("channel", "help-"+strings.ToLower(tm.name), s.member(tm.manager), members)
		cv.purpose = "Questions for " + tm.name + ": ask here, not in DMs"
		c.help[t] = cv
	}
	for k, p := range s.leavers {
		t := k % len(y.teams)
		c.help[t].members = append(c.help[t].members, c.idOf[p])
		c.joined[c.help[t]][c.idOf[p]] = true
	}
	c.incidents = c.conv("channel", "incidents", director, staff)
	c.incidents.members = append(c.incidents.members, c.pagerduty.ID)
	c.incidents.purpose = "Declare and coordinate incidents. PagerDuty posts here."
	c.deploys = c.conv("channel", "deploys", managers[len(managers)-1], engineers)
	c.deploys.members = append(c.deploys.members, c.deploybot.ID)
	c.deploys.purpose = "Deploy notifications"
	partnerTeam := y.teams[0]
	c.partner = c.conv("channel", "ext-partner-integration", s.member(partnerTeam.manager),
		append(append(s.personas(partnerTeam.engineers), s.member(partnerTeam.manager)), s.guests...))
	c.partner.purpose = "Shared with our integration partner"
	c.managers = c.conv("group", "eng-managers", director, managers)
	c.managers.purpose = "Managers only"

	// DMs: teammates who take their questions to the bottleneck, and
	// someone who asks a multiplier directly, and a manager's report.
	for i, m := range y.members {
		switch {
		case m.arch == TeamBottleneck:
			for _, e := range y.teams[m.team].engineers[:min(2, len(y.teams[m.team].engineers))] {
				if e != i {
					c.dm(s.member(e), s.member(i))
				}
			}
		case m.arch == Multiplier && len(m.helps) > 0:
			eng := y.teams[m.helps[0]].engineers
			c.dm(s.member(eng[y.r.Intn(len(eng))]), s.member(i))
		}
	}
	if len(y.teams[0].engineers) > 0 {
		c.dm(s.member(y.teams[0].engineers[0]), s.member(y.teams[0].manager))
	}
	for i, m := range y.members {
		if m.arch == Multiplier && len(m.helps) > 1 {
			a := y.teams[m.helps[0]].engineers
			b := y.teams[m.helps[1]].engineers
			people := []*persona{s.member(i), s.member(a[y.r.Intn(len(a))]), s.member(b[y.r.Intn(len(b))])}
			var locals []string
			for _, p := range people {
				local, _, _ := strings.Cut(p.email, "@")
				locals = append(locals, local)
			}
			c.mpim = c.conv("mpim", "mpdm-"+strings.Join(locals, "--")+"-1", people[0], people)
			break
		}
	}
}

// dm opens a DM in which asker asks helper.
func (c *chat) dm(asker, helper *persona) {
	cv := c.conv("dm", "", nil, []*persona{asker, helper})
	c.dms = append(c.dms, dmPair{conv: cv, asker: asker, helper: helper})
}

// active reports whether p still works here at t.
func (c *chat) active(p *persona, t time.Time) bool {
	left, ok := c.leave[p]
	return !ok || t.Before(left)
}

// say adds a message.
func (c *chat) say(cv *slackConv, p *persona, at time.Time, text string, root *post) *post {
	pt := &post{conv: cv, at: at, user: c.idOf[p], text: text, root: root}
	c.posts = append(c.posts, pt)
	return pt
}

// mention is how Slack writes a mention of p in a message's text.
func (c *chat) mention(p *persona) string { return "<@" + c.idOf[p] + ">" }

// workTime draws a moment of a working day in p's zone.
func (c *chat) workTime(p *persona, day time.Time) time.Time {
	r := c.y.r
	return wallClock(day, 9, 0, p.zone.loc).Add(time.Duration(r.Int63n(int64(8*time.Hour/time.Microsecond))) * time.Microsecond).UTC()
}

var (
	questions = []string{
		"How do I run the %s tests locally?",
		"Is anyone else seeing flaky failures in the %s?",
		"What's the right way to add a field to the %s?",
		"Who owns the %s these days?",
		"Getting a 500 from the %s on staging, any ideas?",
		"Can someone explain why the %s retries twice?",
		"Is there a runbook for the %s?",
		"Quick question: does the %s support pagination?",
		"Why is the %s so slow since Tuesday's deploy?",
		"Where do I find the config for the %s?",
	}
	answers = []string{
		"Try `make test INTEGRATION=1`, the %s needs the local stack.",
		"Known issue, the fix for the %s is in review.",
		"Check the %s dashboard, it usually shows the cause.",
		"I'd put the %s change behind a feature flag first.",
		"We changed that last sprint, see the README next to the %s.",
		"Yes: look at the example in the %s package.",
		"Pairing on the %s now, will post the fix here.",
		"That's the retry helper wrapping the %s; set `max_attempts: 1` in tests.",
	}
	followUps = []string{"Thanks, that worked!", "Got it, thanks!", "Perfect, thank you 🙏", "Makes sense.", "Follow-up: does that apply to the %s too?", "Still failing for me, see the log above."}
)

// day makes one working day of chat.
func (c *chat) day(day time.Time) {
	y, s := c.y, c.s
	r := y.r
	for i, m := range y.members {
		if m.external {
			continue
		}
		p := s.member(i)
		for range y.poisson(y.askRate(m.arch)) {
			c.question(p, m.team, day)
		}
	}
	for k, p := range s.leavers {
		if c.active(p, day) {
			for range y.poisson(0.2) {
				c.helpThread(c.help[k%len(y.teams)], k%len(y.teams), p, c.workTime(p, day))
			}
		}
	}
	for _, p := range s.guests {
		for range y.poisson(0.15) {
			c.helpThread(c.partner, 0, p, c.workTime(p, day))
		}
	}
	for _, d := range c.dms {
		if r.Float64() < 0.06 {
			c.dmThread(d, day)
		}
	}
	if c.mpim != nil && r.Float64() < 0.05 {
		c.mpimThread(day)
	}
	c.deploysDay(day)
	c.generalDay(day)
	c.incidentsDay(day)
	if day.Weekday() == time.Wednesday && r.Float64() < 0.7 {
		c.managersThread(day)
	}
}

// askRate is how many questions a day people of an archetype ask: the
// planted ones 0.07 (0.115 under Weak planting), managers 0.02, ordinary
// engineers 0.16.
func (g *gen) askRate(a Archetype) float64 {
	const ordinary = 0.16
	switch a {
	case Multiplier, TeamBottleneck, SharedGatekeeper, Soloist:
		return g.toward(0.07, ordinary)
	case Manager:
		return 0.02
	}
	return ordinary
}

// question is one question p of team t asks: mostly in the own team's
// help channel, now and then in another team's or the partner channel.
func (c *chat) question(p *persona, t int, day time.Time) {
	r := c.y.r
	at := c.workTime(p, day)
	switch u := r.Float64(); {
	case t < 0:
		c.generalThread(p, at)
	case u < 0.72:
		c.helpThread(c.help[t], t, p, at)
	case t == 0 && u < 0.8:
		c.helpThread(c.partner, 0, p, at)
	default:
		other := r.Intn(len(c.y.teams))
		c.helpThread(c.help[other], other, p, at)
	}
}

// helpThread is a question asked by asker at t in cv, the help channel of
// team, answered in a thread by people drawn by how much they help there.
// A team bottleneck is named in most questions of their team and answers
// them, late.
func (c *chat) helpThread(cv *slackConv, team int, asker *persona, t time.Time) {
	y, s := c.y, c.s
	r := y.r
	area := y.teams[team].areas[r.Intn(len(y.teams[team].areas))]
	text := fmt.Sprintf(questions[r.Intn(len(questions))], area)

	var cands []*persona
	var weights []float64
	add := func(p *persona, w float64) {
		if p != asker && w > 0 && c.idOf[p] != "" && c.active(p, t) && !slices.Contains(cands, p) {
			cands, weights = append(cands, p), append(weights, w)
		}
	}
	var bottleneck *persona
	tm := y.teams[team]
	for _, e := range tm.engineers {
		m := y.members[e]
		if m.arch == TeamBottleneck {
			bottleneck = s.member(e)
		}
		add(s.member(e), y.helpWeight(m))
	}
	add(s.member(tm.manager), 0.3)
	for i, m := range y.members {
		if m.arch == Multiplier && slices.Contains(m.helps, team) {
			add(s.member(i), y.toward(3, 0))
		}
	}
	for k, p := range s.leavers {
		if k%len(y.teams) == team {
			add(p, 1)
		}
	}
	if cv == c.partner {
		if asker.kind == "guest" {
			weights = slices.Repeat([]float64{1}, len(cands))
		} else {
			for _, g := range s.guests {
				add(g, 2)
			}
		}
	}

	var first *persona // answers first, whatever the draw
	switch {
	case bottleneck != nil && bottleneck != asker && cv == c.help[team] && r.Float64() < y.toward(0.6, 0):
		text = c.mention(bottleneck) + " " + text
		if r.Float64() < y.toward(0.9, 0) {
			first = bottleneck
		}
	case r.Float64() < 0.08 && len(cands) > 0:
		text += " cc " + c.mention(cands[r.Intn(len(cands))])
	case r.Float64() < 0.004:
		text = "Note to self " + c.mention(asker) + ": " + text
	}
	root := c.say(cv, asker, t, text, nil)

	n := []int{0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 1}[r.Intn(20)]
	var who []*persona
	if first != nil {
		who = append(who, first)
		if k := slices.Index(cands, first); k >= 0 {
			weights[k] = 0
		}
		n = max(0, n-1)
	}
	for range n {
		k := y.weighted(weights)
		if k < 0 {
			break
		}
		who = append(who, cands[k])
		weights[k] = 0
	}
	c.answer(root, asker, who, area)
}

// helpWeight is how readily m answers questions in the own team's help
// channel, against an ordinary engineer's 1 or so; under Weak planting
// each planted archetype's weight moves halfway toward 1.
func (g *gen) helpWeight(m *member) float64 {
	switch m.arch {
	case Engineer:
		return m.inTeam
	case FastReviewer, Multiplier:
		return g.toward(2.5, 1)
	case TeamBottleneck:
		return g.toward(1.5, 1)
	case SharedGatekeeper:
		return g.toward(0.8, 1)
	case Soloist:
		return g.toward(0.1, 1)
	}
	return 0
}

// answer replies in root's thread: each of who after their own delay,
// the asker thanking or asking on, now and then a second reply.
func (c *chat) answer(root *post, asker *persona, who []*persona, area string) {
	r := c.y.r
	type reply struct {
		p  *persona
		at time.Time
	}
	var replies []reply
	for _, p := range who {
		h := c.y.lognormal(c.median[p], 0.7)
		replies = append(replies, reply{p, c.y.localWorkAfter(root.at, h, p.zone.loc)})
	}
	slices.SortStableFunc(replies, func(a, b reply) int { return a.at.Compare(b.at) })
	last := root.at
	next := func(t time.Time) time.Time {
		if earliest := last.Add(30 * time.Second); t.Before(earliest) {
			t = earliest.Add(time.Duration(r.Intn(90)) * time.Second)
		}
		last = t.Add(time.Duration(r.Intn(1e6)) * time.Microsecond)
		return last
	}
	for k, rp := range replies {
		text := fmt.Sprintf(answers[r.Intn(len(answers))], area)
		if r.Float64() < 0.25 {
			text = c.mention(asker) + " " + text
		}
		c.say(root.conv, rp.p, next(rp.at), text, root)
		if k > 0 || r.Float64() >= 0.5 {
			continue
		}
		text = fmt.Sprintf(followUps[r.Intn(len(followUps))], area)
		if r.Float64() < 0.4 {
			text = c.mention(rp.p) + " " + text
		}
		c.say(root.conv, asker, next(last.Add(hours(0.03+0.4*r.Float64()))), text, root)
		if r.Float64() < 0.3 {
			c.say(root.conv, rp.p, next(last.Add(hours(0.05+0.6*r.Float64()))), "Yes, same thing there.", root)
		}
	}
}

// dmThread is a question in a DM, answered in a thread or, as often in
// DMs, just below.
func (c *chat) dmThread(d dmPair, day time.Time) {
	r := c.y.r
	t := c.workTime(d.asker, day)
	if !c.active(d.asker, t) {
		return
	}
	root := c.say(d.conv, d.asker, t, "Hey, got a minute? "+fmt.Sprintf(questions[r.Intn(len(questions))], "build"), nil)
	at := c.y.localWorkAfter(t, c.y.lognormal(c.median[d.helper], 0.7), d.helper.zone.loc)
	if r.Intn(2) == 0 {
		c.say(d.conv, d.helper, at, "Sure, answering in the thread.", root)
		c.say(d.conv, d.asker, at.Add(hours(0.1+r.Float64())), "Thanks!", root)
		return
	}
	c.say(d.conv, d.helper, at, "Sure — look at the build cache settings first.", nil)
}

// mpimThread is a question in the group DM, answered by its first member.
func (c *chat) mpimThread(day time.Time) {
	r := c.y.r
	people := c.mpim.members
	asker := c.byID[people[1+r.Intn(len(people)-1)]]
	helper := c.byID[people[0]]
	root := c.say(c.mpim, asker, c.workTime(asker, day), "Can we sync on the shared client options? "+c.mention(helper), nil)
	c.answer(root, asker, []*persona{helper}, "client options")
}

// generalThread is a question in eng-general (people outside teams ask
// there), answered by a manager or two.
func (c *chat) generalThread(asker *persona, t time.Time) {
	y := c.y
	var who []*persona
	for range 1 + y.r.Intn(2) {
		tm := y.teams[y.r.Intn(len(y.teams))]
		if p := c.s.member(tm.manager); !slices.Contains(who, p) {
			who = append(who, p)
		}
	}
	root := c.say(c.general, asker, t, "Which team owns the on-call rota tool? "+c.mention(who[0]), nil)
	c.answer(root, asker, who, "rota tool")
}

// deploysDay is deploybot announcing deploys, with a reply in a bot thread
// now and then, and people telling the bot what to deploy.
func (c *chat) deploysDay(day time.Time) {
	y := c.y
	r := y.r
	for t, tm := range y.teams {
		if r.Float64() >= 0.4 {
			continue
		}
		eng := tm.engineers
		by := c.s.member(eng[r.Intn(len(eng))])
		at := c.workTime(by, day)
		if !c.active(by, at) {
			continue
		}
		if r.Float64() < 0.2 {
			c.say(c.deploys, by, at.Add(-2*time.Minute), fmt.Sprintf("%s deploy %s to production", mention(c.deploybot.ID), strings.TrimPrefix(tm.repo, "acme/")), nil)
		}
		bp := &post{conv: c.deploys, at: at, botID: c.deploybot.Profile.BotID, username: c.deploybot.Name, subtype: "bot_message", bot: true,
			text: fmt.Sprintf("Deployed `%s@%07x` to production (requested by %s)", tm.repo, r.Intn(1<<28), c.mention(by))}
		c.posts = append(c.posts, bp)
		if r.Float64() < 0.05 {
			other := c.s.member(y.teams[(t+1)%len(y.teams)].engineers[0])
			c.say(c.deploys, other, at.Add(hours(0.2+r.Float64())), "Was this the hotfix for the error spike?", bp)
		}
	}
}

func mention(id string) string { return "<@" + id + ">" }

// generalDay is eng-general: kudos from managers with replies, the
// director's Monday notes, Slackbot's reminders.
func (c *chat) generalDay(day time.Time) {
	y, s := c.y, c.s
	r := y.r
	if r.Float64() < 0.25 {
		tm := y.teams[r.Intn(len(y.teams))]
		mgr := s.member(tm.manager)
		to := s.member(tm.engineers[r.Intn(len(tm.engineers))])
		root := c.say(c.general, mgr, c.workTime(mgr, day), "Kudos to "+c.mention(to)+" for untangling the "+tm.areas[r.Intn(len(tm.areas))]+" 🎉", nil)
		var who []*persona
		for range r.Intn(4) {
			t2 := y.teams[r.Intn(len(y.teams))]
			p := s.member(t2.engineers[r.Intn(len(t2.engineers))])
			if p != mgr && !slices.Contains(who, p) {
				who = append(who, p)
			}
		}
		last := root.at
		for _, p := range who {
			last = last.Add(hours(0.05 + 2*r.Float64()))
			c.say(c.general, p, last, "+1, great work!", root)
		}
	}
	if day.Weekday() == time.Monday {
		for i, m := range y.members {
			if m.team < 0 {
				p := s.member(i)
				c.say(c.general, p, wallClock(day, 8, 30, time.UTC).Add(time.Duration(r.Intn(600))*time.Second), "Good morning! This week: hiring loop debriefs, the reliability review and Thursday's demo. Shout if you need anything.", nil)
			}
		}
	}
	if day.Weekday() == time.Friday && r.Intn(2) == 0 {
		c.posts = append(c.posts, &post{conv: c.general, at: wallClock(day, 14, 0, time.UTC), user: "USLACKBOT", bot: true, text: "Reminder: demo day at 16:00 UTC, add your slot to the doc."})
	}
}

// incidentsDay is the incidents of the day: PagerDuty's alert with the
// on-call's acknowledgements in its thread, a person declaring the
// incident with a thread of its own, PagerDuty's resolution.
func (c *chat) incidentsDay(day time.Time) {
	y, s := c.y, c.s
	r := y.r
	for _, inc := range s.incident {
		if !multiplier.Day(inc.at).Equal(day) {
			continue
		}
		tm := y.teams[inc.team]
		alert := &post{conv: c.incidents, at: inc.at, user: c.pagerduty.ID, botID: c.pagerduty.Profile.BotID, bot: true,
			text: fmt.Sprintf("[Triggered] INC-%d: high error rate on %s (%s)", inc.number, inc.area, tm.name)}
		c.posts = append(c.posts, alert)
		oncall := s.member(tm.engineers[r.Intn(len(tm.engineers))])
		c.say(c.incidents, oncall, inc.at.Add(hours(0.05+0.1*r.Float64())), "Ack, looking.", alert)
		decl := c.say(c.incidents, oncall, inc.at.Add(hours(0.2+0.1*r.Float64())),
			fmt.Sprintf("Declaring INC-%d: %s %s. %s FYI, %s can you hold off deploys?", inc.number, inc.area, symptoms[inc.number%len(symptoms)],
				c.mention(s.member(tm.manager)), mention(c.deploybot.ID)), nil)
		var who []*persona
		for _, e := range r.Perm(len(tm.engineers))[:min(2, len(tm.engineers))] {
			if p := s.member(tm.engineers[e]); p != oncall {
				who = append(who, p)
			}
		}
		for i, m := range y.members {
			if m.arch == Multiplier && slices.Contains(m.helps, inc.team) && r.Intn(2) == 0 && (!y.weak() || r.Intn(2) == 0) {
				who = append(who, s.member(i))
			}
		}
		last := decl.at
		for _, p := range who {
			last = last.Add(hours(0.05 + 0.5*r.Float64()))
			c.say(c.incidents, p, last, "Rolled back the last change to the "+inc.area+", error rate is dropping.", decl)
		}
		c.say(c.incidents, oncall, last.Add(hours(0.2)), "Resolved, review to follow. Thanks all!", decl)
		c.posts = append(c.posts, &post{conv: c.incidents, at: last.Add(hours(0.25)), user: c.pagerduty.ID, botID: c.pagerduty.Profile.BotID, bot: true,
			text: fmt.Sprintf("[Resolved] INC-%d", inc.number)})
	}
}

// managersThread is the managers' weekly thread in their private channel.
func (c *chat) managersThread(day time.Time) {
	r := c.y.r
	people := c.managers.members
	asker := c.byID[people[r.Intn(len(people))]]
	root := c.say(c.managers, asker, c.workTime(asker, day), "Headcount and hiring update for the week, please add yours in the thread.", nil)
	var who []*persona
	for _, k := range r.Perm(len(people))[:min(3, len(people))] {
		if p := c.byID[people[k]]; p != asker {
			who = append(who, p)
		}
	}
	c.answer(root, asker, who, "hiring plan")
}

// finish drops what falls outside the export, adds the joins of people
// who post in a channel they were not in and the leaves of the former
// employees, and gives every message its ts.
func (c *chat) finish() {
	from, end := c.y.c.From, c.y.c.end()
	c.posts = slices.DeleteFunc(c.posts, func(p *post) bool {
		return p.at.Before(from) || !p.at.Before(end) || p.root != nil && !p.root.at.Before(end)
	})
	slices.SortStableFunc(c.posts, func(a, b *post) int { return a.at.Compare(b.at) })
	var joins []*post
	for _, p := range c.posts {
		if p.user == "" || p.bot || p.conv.kind == "dm" || p.conv.kind == "mpim" || c.joined[p.conv][p.user] {
			continue
		}
		c.joined[p.conv][p.user] = true
		p.conv.members = append(p.conv.members, p.user)
		early := hours(0.01+0.5*c.y.r.Float64()) + time.Duration(c.y.r.Intn(1e6))*time.Microsecond
		j := &post{conv: p.conv, at: p.at.Add(-early), user: p.user, subtype: "channel_join",
			text: "<@" + p.user + "> has joined the channel"}
		if !j.at.Before(from) {
			joins = append(joins, j)
		}
	}
	for k, p := range c.s.leavers {
		day := c.leave[p]
		for weekend(day) {
			day = day.AddDate(0, 0, 1)
		}
		if left := day.Add(hours(17)); left.Before(end) {
			for _, cv := range []*slackConv{c.help[k%len(c.y.teams)], c.general} {
				id := c.idOf[p]
				joins = append(joins, &post{conv: cv, at: left, user: id, subtype: "channel_leave", text: "<@" + id + "> has left the channel"})
				cv.members = slices.DeleteFunc(cv.members, func(m string) bool { return m == id })
			}
		}
	}
	c.posts = append(c.posts, joins...)
	slices.SortStableFunc(c.posts, func(a, b *post) int { return a.at.Compare(b.at) })
	taken := map[string]bool{}
	for _, p := range c.posts {
		sec, micro := p.at.Unix(), p.at.Nanosecond()/1000
		for {
			p.ts = fmt.Sprintf("%d.%06d", sec, micro)
			if !taken[p.ts] {
				break
			}
			micro = (micro + 1) % 1000000
		}
		taken[p.ts] = true
		if p.root != nil {
			p.root.replies++
		}
	}
}

// messages returns the chat as ChatMessages, by folder and ts.
func (c *chat) messages() []ChatMessage {
	posts := slices.Clone(c.posts)
	slices.SortStableFunc(posts, func(a, b *post) int {
		return cmp.Or(strings.Compare(a.conv.folder(), b.conv.folder()), strings.Compare(a.ts, b.ts))
	})
	out := make([]ChatMessage, 0, len(posts))
	for _, p := range posts {
		m := ChatMessage{
			Channel: p.conv.folder(), User: p.user, TS: p.ts, Text: p.text,
			Subtype: p.subtype, BotID: p.botID, Username: p.username, Bot: p.bot,
		}
		switch {
		case p.root != nil:
			m.ThreadTS = p.root.ts
		case p.replies > 0:
			m.ThreadTS = p.ts
		}
		out = append(out, m)
	}
	return out
}

// chatInteractions lists the interactions the chat holds under the rules
// of ExpectedMentions: a KindThread for each reply to another person's
// thread, a KindMention for each person mentioned; From and To are Slack
// member IDs, Context the folder.
func (o *Org) chatInteractions() []multiplier.Interaction {
	bots := map[string]bool{}
	for _, u := range o.slack.users {
		if u.isBot() {
			bots[u.ID] = true
		}
	}
	type rootKey struct{ folder, ts string }
	roots := map[rootKey]ChatMessage{}
	var out []multiplier.Interaction
	for _, m := range o.Chat {
		if m.Subtype == "channel_join" || m.Subtype == "channel_leave" {
			continue
		}
		if m.ThreadTS == m.TS {
			roots[rootKey{m.Channel, m.TS}] = m
		}
		if m.Bot || bots[m.User] {
			continue
		}
		at := tsTime(m.TS)
		if m.IsReply() {
			root := roots[rootKey{m.Channel, m.ThreadTS}]
			if !root.Bot && !bots[root.User] && root.User != m.User {
				out = append(out, multiplier.Interaction{Kind: multiplier.KindThread, From: m.User, To: root.User, At: at, Context: m.Channel, Ref: m.ThreadTS})
			}
		}
		var seen []string
		for _, id := range mentionIDs(m.Text) {
			if slices.Contains(seen, id) || id == m.User || bots[id] {
				continue
			}
			seen = append(seen, id)
			out = append(out, multiplier.Interaction{Kind: multiplier.KindMention, From: m.User, To: id, At: at, Context: m.Channel, Ref: m.TS + "/" + id})
		}
	}
	return out
}

// mentionIDs lists the member IDs of the <@U…> mentions in text, in order.
func mentionIDs(text string) []string {
	var out []string
	for {
		i := strings.Index(text, "<@")
		if i < 0 {
			return out
		}
		text = text[i+2:]
		j := strings.IndexAny(text, ">|")
		if j <= 0 {
			return out
		}
		out = append(out, text[:j])
		text = text[j:]
	}
}

// tsTime reads a Slack ts.
func tsTime(ts string) time.Time {
	var sec, micro int64
	fmt.Sscanf(ts, "%d.%d", &sec, &micro)
	return time.Unix(sec, micro*1000).UTC()
}
