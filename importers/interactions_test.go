package importers

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/multiplier/multiplier"
)

func TestImportInteractions(t *testing.T) {
	at := utc(2026, 5, 4, 9, 0, 0)
	in := func(kind, from, to string, weight float64, context string) multiplier.Interaction {
		return multiplier.Interaction{Kind: multiplier.Kind(kind), From: from, To: to, At: at, Weight: weight, Context: context, Ref: multiplier.IdentityKey(to)}
	}
	tests := []struct {
		name         string
		rows         [][]string
		interactions []multiplier.Interaction
		columns      map[string]string
		bots, self   int
		skipped      []string
		badNumber    int // how many skipped rows wrap ErrBadNumber
	}{
		{
			name: "weights and defaults",
			rows: [][]string{
				{"From", "To", "Kind", "Timestamp", "Weight"},
				{"ada.okafor@example.com", "jun.kim@example.com", "Pairing", "2026-05-04T09:00:00Z", "2"},
				{"Mei Tanaka", "Jun Kim", "", "2026-05-04 09:00", ""},
				{"aokafor", "mtanaka", "  Incident Review ", "2026-05-04T11:00:00+02:00", "0.25"},
				{"aokafor", "mtanaka", "mentoring", "2026-05-04 09:00", "1,5"},
				{"aokafor", "mtanaka", "mentoring", "2026-05-04 09:00", "0"},
			},
			interactions: []multiplier.Interaction{
				in("pairing", "ada.okafor@example.com", "jun.kim@example.com", 2, ""),
				in("interaction", "Mei Tanaka", "Jun Kim", 1, ""),
				in("incident review", "aokafor", "mtanaka", 0.25, ""),
				in("mentoring", "aokafor", "mtanaka", 1.5, ""),
				in("mentoring", "aokafor", "mtanaka", 0, ""),
			},
			columns: map[string]string{"from": "From", "to": "To", "kind": "Kind", "timestamp": "Timestamp", "weight": "Weight"},
		},
		{
			name: "bad weights skipped",
			rows: [][]string{
				{"From", "To", "Timestamp", "Weight"},
				{"a", "b", "2026-05-04 09:00", "heavy"},
				{"a", "b", "2026-05-04 09:00", "-1"},
				{"a", "b", "2026-05-04 09:00", "NaN"},
				{"a", "b", "2026-05-04 09:00", "Inf"},
				{"a", "b", "2026-05-04 09:00", "1e400"},
				{"a", "b", "2026-05-04 09:00", "3"},
			},
			interactions: []multiplier.Interaction{in("interaction", "a", "b", 3, "")},
			columns:      map[string]string{"from": "From", "to": "To", "timestamp": "Timestamp", "weight": "Weight"},
			skipped: []string{
				`people.csv, row 2, column 'Weight': "heavy" is not a weight (a number, 0 or more)`,
				`people.csv, row 3, column 'Weight': "-1" is not a weight (a number, 0 or more)`,
				`people.csv, row 4, column 'Weight': "NaN" is not a weight (a number, 0 or more)`,
				`people.csv, row 5, column 'Weight': "Inf" is not a weight (a number, 0 or more)`,
				`people.csv, row 6, column 'Weight': "1e400" is not a weight (a number, 0 or more)`,
			},
			badNumber: 5,
		},
		{
			name: "synonyms, context, bots and self",
			rows: [][]string{
				{"Giver", "Receiver", "Type", "When", "Note"},
				{"Ada Okafor", "Jun Kim", "Mentoring", "2026-05-04 09:00", "career chat"},
				{"Ada Okafor", " ada  OKAFOR ", "pairing", "2026-05-04 09:00", ""},
				{"dependabot[bot]", "Jun Kim", "pairing", "2026-05-04 09:00", ""},
				{"", "Jun Kim", "pairing", "2026-05-04 09:00", ""},
				{"Ada Okafor", "", "pairing", "2026-05-04 09:00", ""},
				{"Ada Okafor", "Jun Kim", "pairing", "", ""},
				{"Ada Okafor", "Jun Kim", "pairing", "whenever", ""},
			},
			interactions: []multiplier.Interaction{in("mentoring", "Ada Okafor", "Jun Kim", 1, "career chat")},
			columns:      map[string]string{"from": "Giver", "to": "Receiver", "kind": "Type", "timestamp": "When", "context": "Note"},
			bots:         1,
			self:         1,
			skipped: []string{
				"people.csv, row 5, column 'Giver': missing value",
				"people.csv, row 6, column 'Receiver': missing value",
				"people.csv, row 7, column 'When': missing value",
				`people.csv, row 8, column 'When': "whenever" is not a date`,
			},
		},
		{
			name: "source and target, two people helped at one moment",
			rows: [][]string{
				{"Source", "Target", "Channel", "Date", "Context"},
				{"Ada Okafor", "Jun Kim", "Slack", "2026-05-04 09:00", "#help-payments"},
				{"Ada Okafor", "Mei Tanaka", "Slack", "2026-05-04 09:00", "#help-payments"},
			},
			interactions: []multiplier.Interaction{
				in("slack", "Ada Okafor", "Jun Kim", 1, "#help-payments"),
				in("slack", "Ada Okafor", "Mei Tanaka", 1, "#help-payments"),
			},
			columns: map[string]string{"from": "Source", "to": "Target", "kind": "Channel", "timestamp": "Date", "context": "Context"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeCSV(t, t.TempDir(), "people.csv", ',', false, tt.rows)
			var sink recorder
			rep, err := Import(context.Background(), path, &sink, nil)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			if !reflect.DeepEqual(sink.interactions, tt.interactions) {
				t.Errorf("interactions:\n got %+v\nwant %+v", sink.interactions, tt.interactions)
			}
			var skipped []string
			bad := 0
			for _, e := range rep.Skipped {
				skipped = append(skipped, e.Error())
				if errors.Is(e, ErrBadNumber) {
					bad++
				}
			}
			if !reflect.DeepEqual(skipped, tt.skipped) {
				t.Errorf("skipped:\n got %q\nwant %q", skipped, tt.skipped)
			}
			if bad != tt.badNumber {
				t.Errorf("%d skipped rows wrap ErrBadNumber, want %d", bad, tt.badNumber)
			}
			want := &Report{File: "people.csv", Kind: KindInteractions, Source: "interactions sheet", Format: "csv", Columns: tt.columns,
				Rows: len(tt.rows) - 1, Imported: len(tt.interactions), Bots: tt.bots, SelfReviews: tt.self, SkippedCount: len(tt.skipped),
				Signature: Signature(tt.rows[0])}
			got := *rep
			got.Skipped, got.Notes = nil, nil
			if !reflect.DeepEqual(&got, want) {
				t.Errorf("report:\n got %+v\nwant %+v", &got, want)
			}
		})
	}
}

func TestParseWeight(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"", 1, true},
		{"1", 1, true},
		{"2.5", 2.5, true},
		{"0,5", 0.5, true},
		{"0", 0, true},
		{"1e2", 100, true},
		{"-0.1", 0, false},
		{"1,000.5", 0, false},
		{"1,2,3", 0, false},
		{"NaN", 0, false},
		{"+Inf", 0, false},
		{"two", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseWeight(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("parseWeight(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}
