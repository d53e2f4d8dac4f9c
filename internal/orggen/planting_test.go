package orggen

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"testing"
)

// TestWeakPlanting checks that Weak planting changes what it says it
// does: the same people are planted, each archetype stands out less from
// the ordinary engineer than under Strong, in the reviews and in the chat,
// and still stands out. Sums over the planted people of one kind are
// compared, so that the noise of one person's draws cannot flip a
// comparison; the "still" checks hold for each person.
func TestWeakPlanting(t *testing.T) {
	for _, seed := range plantedSeeds[:6] {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			c := DefaultConfig()
			c.Seed = seed
			strong := newSide(Generate(c))
			c.Planting = Weak
			weak := newSide(Generate(c))
			if !reflect.DeepEqual(strong.o.People, weak.o.People) || !reflect.DeepEqual(strong.o.Truth, weak.o.Truth) {
				t.Fatal("strong and weak planting of one seed have different people")
			}
			if weak.o.Config.Planting != Weak {
				t.Errorf("Config.Planting = %v, want weak", weak.o.Config.Planting)
			}

			// weaker checks that the sum of f over the people planted as a
			// is lower (less) or higher (!less) under Weak than under Strong.
			weaker := func(a Archetype, what string, less bool, f func(*side, *personStats) float64) {
				t.Helper()
				s, w := strong.total(a, f), weak.total(a, f)
				if less && !(w < s) || !less && !(w > s) {
					t.Errorf("%s %s, summed: strong %.2f, weak %.2f, want weak %s", a, what, s, w, map[bool]string{true: "lower", false: "higher"}[less])
				}
			}
			cross := func(sd *side, s *personStats) float64 { return float64(s.cross) / sd.medGiven }
			given := func(sd *side, s *personStats) float64 { return float64(s.given) / sd.medGiven }
			latency := func(sd *side, s *personStats) float64 { return s.medianLatency() / sd.latency }
			teamsHelped := func(sd *side, s *personStats) float64 { return float64(sd.st.teamsHelped(sd.o, s, 3)) }
			teamShare := func(sd *side, s *personStats) float64 {
				return repoShare(sd.o, s.person.GitHub, teamRepo(s.person.Team))
			}
			libShare := func(sd *side, s *personStats) float64 { return repoShare(sd.o, s.person.GitHub, sharedLibs...) }
			authored := func(sd *side, s *personStats) float64 { return float64(s.authored) / sd.medAuthored }

			weaker(Multiplier, "cross-team reviews against the median engineer's reviews given", true, cross)
			weaker(Multiplier, "reviews given against the median engineer's", true, given)
			weaker(Multiplier, "other teams helped with 3+ reviews", true, teamsHelped)
			weaker(Multiplier, "median latency against the org's", false, latency)
			weaker(TeamBottleneck, "median latency against the org's", true, latency)
			weaker(TeamBottleneck, "share of the team repository's reviews", true, teamShare)
			weaker(SharedGatekeeper, "median latency against the org's", true, latency)
			weaker(SharedGatekeeper, "share of shared-library reviews", true, libShare)
			weaker(Soloist, "changes authored against the median engineer's", true, authored)
			weaker(Soloist, "reviews given against the median engineer's", false, given)
			weaker(FastReviewer, "median latency against the org's", false, latency)
			if s, w := chatCross(strong.o), chatCross(weak.o); !(w < s) {
				t.Errorf("multipliers' answers in other teams' help channels: strong %d, weak %d, want fewer", s, w)
			}

			// Still what they are, against the ordinary engineers of the
			// weak organisation.
			for _, s := range weak.st.planted(weak.o, Multiplier) {
				name := "weak multiplier " + s.person.Email
				above(t, name+" cross-team reviews against the median engineer's", float64(s.cross)/max(weak.medCross, 1), 4)
				above(t, name+" cross-team reviews against the median engineer's reviews given", cross(weak, s), 0.6)
				above(t, name+" reviews given against the median engineer's", given(weak, s), 1.25)
				above(t, name+" cross-team share", s.crossShare(), 0.4)
				below(t, name+" median latency against the org's", latency(weak, s), 1.25)
				above(t, name+" other teams helped with 3+ reviews", teamsHelped(weak, s), 1.5)
			}
			for _, s := range weak.st.planted(weak.o, TeamBottleneck) {
				name := "weak bottleneck " + s.person.Email
				above(t, name+" median latency against the org's", latency(weak, s), 2)
				above(t, name+" share of the team repository's reviews", teamShare(weak, s), 0.35)
				if top := topReviewer(weak.o, teamRepo(s.person.Team)); top != s.person.GitHub {
					t.Errorf("%s is not the top reviewer of %s (%s is)", name, teamRepo(s.person.Team), top)
				}
			}
			for _, s := range weak.st.planted(weak.o, SharedGatekeeper) {
				name := "weak gatekeeper " + s.person.Email
				above(t, name+" share of shared-library reviews", libShare(weak, s), 0.4)
				above(t, name+" median latency against the org's", latency(weak, s), 2)
			}
			for _, s := range weak.st.planted(weak.o, Soloist) {
				name := "weak soloist " + s.person.Email
				above(t, name+" changes authored against the median engineer's", authored(weak, s), 1.6)
				below(t, name+" reviews given against the median engineer's", given(weak, s), 0.3)
			}
		})
	}
}

// side is one organisation of TestWeakPlanting, measured, with its
// ordinary engineers' medians.
type side struct {
	o  *Org
	st *orgStats
	// medians of the ordinary engineers' reviews given, cross-team reviews
	// and changes authored, and the median latency of all reviews
	medGiven, medCross, medAuthored, latency float64
}

func newSide(o *Org) *side {
	sd := &side{o: o, st: measure(o)}
	var given, cross, authored []float64
	for _, s := range sd.st.planted(o, Engineer) {
		given = append(given, float64(s.given))
		cross = append(cross, float64(s.cross))
		authored = append(authored, float64(s.authored))
	}
	sd.medGiven, sd.medCross, sd.medAuthored = median(given), median(cross), median(authored)
	sd.latency = sd.st.medianLatency()
	return sd
}

// total sums f over the people planted as a.
func (sd *side) total(a Archetype, f func(*side, *personStats) float64) float64 {
	var sum float64
	for _, s := range sd.st.planted(sd.o, a) {
		sum += f(sd, s)
	}
	return sum
}

// chatCross counts the answers o's multipliers gave in other teams' help
// channels.
func chatCross(o *Org) int {
	st := helpStats(o)
	n := 0
	for _, p := range o.People {
		if s := st[p.SlackID]; o.Truth[p.Email] == Multiplier && s != nil {
			n += s.cross
		}
	}
	return n
}

// topReviewer returns the login that gave the most review rows in repo.
func topReviewer(o *Org, repo string) string {
	n := map[string]int{}
	for _, r := range o.Reviews {
		if r.Repository == repo {
			n[r.Reviewer]++
		}
	}
	top := ""
	for _, l := range slices.Sorted(maps.Keys(n)) {
		if top == "" || n[l] > n[top] {
			top = l
		}
	}
	return top
}

func TestPlantingText(t *testing.T) {
	for _, tc := range []struct {
		text string
		want Planting
	}{
		{"strong", Strong},
		{"weak", Weak},
	} {
		t.Run(tc.text, func(t *testing.T) {
			var p Planting
			if err := p.UnmarshalText([]byte(tc.text)); err != nil || p != tc.want {
				t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", tc.text, p, err, tc.want)
			}
			b, err := p.MarshalText()
			if err != nil || string(b) != tc.text {
				t.Errorf("MarshalText() = %q, %v; want %q", b, err, tc.text)
			}
		})
	}
	var p Planting
	if err := p.UnmarshalText([]byte("medium")); err == nil {
		t.Error(`UnmarshalText("medium") did not fail`)
	}
	if _, err := Planting(7).MarshalText(); err == nil {
		t.Error("MarshalText of Planting(7) did not fail")
	}
}
