package multiplier

import (
	"testing"
	"time"
)

func TestIdentityKey(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"email with spaces and case", "  Ada.Okafor@Example.COM ", "ada.okafor@example.com"},
		{"login with @", "@aokafor", "aokafor"},
		{"name with inner runs", "Ada \t  Okafor", "ada okafor"},
		{"empty", "   ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IdentityKey(tt.in); got != tt.want {
				t.Errorf("IdentityKey(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestIsBot(t *testing.T) {
	for in, want := range map[string]bool{
		"dependabot[bot]": true, "Renovate[bot]": true, "github-actions": true, "deploy-bot": true,
		"aokafor": false, "Abbot Kinney": false, "": false,
	} {
		if got := IsBot(in); got != want {
			t.Errorf("IsBot(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestPeriod(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	p := Period{From: day("2026-04-01"), To: day("2026-09-30")}
	if p.Days() != 183 {
		t.Errorf("Days = %d, want 183 (April–September)", p.Days())
	}
	for at, want := range map[string]bool{
		"2026-03-31T23:59:59Z": false, "2026-04-01T00:00:00Z": true,
		"2026-09-30T23:59:59Z": true, "2026-10-01T00:00:00Z": false,
	} {
		tm, _ := time.Parse(time.RFC3339, at)
		if got := p.Contains(tm); got != want {
			t.Errorf("Contains(%s) = %v, want %v", at, got, want)
		}
	}
	if !(Period{}).Contains(time.Now()) || !(Period{}).IsZero() {
		t.Error("the zero Period should hold every time")
	}
	in := Interaction{Requested: day("2026-05-01"), At: day("2026-05-01").Add(90 * time.Minute)}
	if h, ok := in.LatencyHours(); !ok || h != 1.5 {
		t.Errorf("LatencyHours = %v %v, want 1.5 true", h, ok)
	}
	in.Requested = in.At.Add(time.Hour)
	if _, ok := in.LatencyHours(); ok {
		t.Error("a request after the help has no latency")
	}
}

func TestQuarterAndPrevious(t *testing.T) {
	if q := Quarter(2026, 2); q.String() != "2026-04-01 – 2026-06-30" {
		t.Fatalf("Q2 2026 = %s", q)
	}
	half := Period{From: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)}
	tests := []struct {
		name string
		p    Period
		want string
	}{
		{"quarter to quarter", Quarter(2026, 2), "2026-01-01 – 2026-03-31"},
		{"first quarter to last year's fourth", Quarter(2026, 1), "2025-10-01 – 2025-12-31"},
		{"183 days to the 183 before", half, "2025-09-30 – 2026-03-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Previous().String(); got != tt.want {
				t.Errorf("Previous(%s) = %s, want %s", tt.p, got, tt.want)
			}
		})
	}
	if !(Period{}).Previous().IsZero() {
		t.Error("the zero Period has a previous period")
	}
}
