package store

import (
	"context"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
)

// importAll imports records of every kind as one source.
func importAll(t *testing.T, s *Store, sha string, recs ...any) Counts {
	t.Helper()
	im, err := s.Begin(context.Background(), Source{Name: sha, Kind: "test", Format: "test", SHA256: sha})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		switch r := r.(type) {
		case multiplier.Person:
			err = im.Person(r)
		case multiplier.Meeting:
			err = im.Meeting(r)
		case multiplier.Alias:
			err = im.Alias(r)
		case multiplier.Interaction:
			err = im.Interaction(r)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	c := im.Counts()
	if err := im.Commit(Counts{Read: len(recs)}); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMeetingsResolveAndDedupe(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	m := multiplier.Meeting{Subject: "Design review", Start: t0, End: t0.Add(time.Hour),
		Organizer: "Ada.Okafor@example.com", Attendees: []string{"Jun Kim", "Ada Okafor", "visitor@elsewhere.org", ""}}
	first := importAll(t, s, "cal1", ada, jun, m)
	again := importAll(t, s, "cal2", m)
	if first.Imported != 3 || again.Imported != 0 || again.Duplicate != 1 {
		t.Fatalf("first %+v again %+v", first, again)
	}
	got, err := s.Meetings(ctx, multiplier.Period{})
	if err != nil {
		t.Fatal(err)
	}
	// "Ada Okafor" by name is the organizer again: one person, not two.
	if len(got) != 1 || got[0].Organizer != ada.Email || len(got[0].Attendees) != 2 {
		t.Fatalf("meetings = %+v", got)
	}
	if got[0].Attendees[0] != jun.Email || got[0].Attendees[1] != "visitor@elsewhere.org" {
		t.Fatalf("attendees = %v", got[0].Attendees)
	}
	un, _ := s.Unmatched(ctx, 0)
	if len(un) != 1 || un[0].Key != "visitor@elsewhere.org" {
		t.Fatalf("unmatched = %+v", un)
	}
	claimedN, total, err := s.Attribution(ctx, 0)
	if err != nil || claimedN != 3 || total != 4 {
		t.Fatalf("attribution %d of %d (%v), want 3 of 4", claimedN, total, err)
	}
}

func TestAliasesJoinSlackIDsInAnyOrder(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	reply := multiplier.Interaction{Kind: multiplier.KindThread, From: "U02JUN", To: "U01ADA",
		At: t0.Add(time.Hour), Requested: t0, Weight: 1, Context: "help-payments", Ref: "1778150000.000100"}
	// Chat before the roster: the alias waits for the person.
	importAll(t, s, "slack", multiplier.Alias{Identity: "U01ADA", Email: "ADA.OKAFOR@example.com", Name: "Ada"},
		multiplier.Alias{Identity: "U02JUN", Email: "jun.kim@example.com"},
		multiplier.Alias{Identity: "U03EXT", Email: "guest@partner.org", Name: "Guest"},
		reply, multiplier.Interaction{Kind: multiplier.KindMention, From: "U03EXT", To: "U01ADA", At: t0, Weight: 1, Ref: "x/U01ADA"})
	un, _ := s.Unmatched(ctx, 0)
	if len(un) != 3 {
		t.Fatalf("before the roster, unmatched = %+v", un)
	}
	importAll(t, s, "roster", ada, jun)
	got, err := s.Interactions(ctx, multiplier.Period{})
	if err != nil {
		t.Fatal(err)
	}
	var thread multiplier.Interaction
	for _, in := range got {
		if in.Kind == multiplier.KindThread {
			thread = in
		}
	}
	if thread.From != jun.Email || thread.To != ada.Email {
		t.Fatalf("thread reply resolved %s→%s", thread.From, thread.To)
	}
	un, _ = s.Unmatched(ctx, 0)
	if len(un) != 1 || un[0].Key != "u03ext" || un[0].Name != "Guest <guest@partner.org>" {
		t.Fatalf("unmatched = %+v, want the guest with the alias's name", un)
	}
}
