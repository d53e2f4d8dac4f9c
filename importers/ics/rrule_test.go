package ics

import (
	"context"
	"strings"
	"testing"
)

func TestParseRule(t *testing.T) {
	tests := []struct {
		in      string
		wantErr string // "" when the rule is expanded
	}{
		{"FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260930T000000Z", ""},
		{"freq=monthly;byday=-1fr;interval=2", ""},
		{"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", ""},
		{"FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", ""},
		{"FREQ=DAILY;COUNT=10;X-NAME=1", ""},
		{"FREQ=HOURLY;COUNT=5", "FREQ=HOURLY"},
		{"FREQ=DAILY;BYHOUR=9,15", "BYHOUR"},
		{"FREQ=YEARLY;BYWEEKNO=20", "BYWEEKNO"},
		{"FREQ=YEARLY;BYDAY=20MO", "FREQ=YEARLY with BYDAY but no BYMONTH"},
		{"COUNT=5", "no FREQ"},
		{"FREQ=WEEKLY;INTERVAL=0", "INTERVAL=0"},
		{"FREQ=WEEKLY;COUNT=-1", "COUNT=-1"},
		{"FREQ=WEEKLY;BYDAY=XX", "BYDAY=XX"},
		{"FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY=0"},
		{"FREQ=MONTHLY;BYMONTH=13", "BYMONTH=13"},
		{"FREQ=WEEKLY;WKST=XX", "WKST=XX"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := parseRule(tt.in)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("parseRule: %v", err)
			case tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr):
				t.Errorf("parseRule: %v; want %q", err, tt.wantErr)
			}
		})
	}
}

// TestLongLine: a property longer than maxLine (an inline attachment) is
// cut, and the lines after it are still read.
func TestLongLine(t *testing.T) {
	long := "ATTACH;ENCODING=BASE64;VALUE=BINARY:" + strings.Repeat("QUJD", maxLine/2)
	folded := strings.Repeat("X-BLOB:"+strings.Repeat("a", 70)+"\r\n "+strings.Repeat("b", 74)+"\r\n", 2)
	in := cal(vevent("DTSTART:20260507T090000Z", long, strings.TrimSuffix(folded, "\r\n"), "SUMMARY:After", ada, jun))
	var sink recorder
	if _, err := Read(context.Background(), writeFile(t, "team.ics", in), &sink, nil); err != nil {
		t.Fatal(err)
	}
	if len(sink.meetings) != 1 || sink.meetings[0].Subject != "After" || sink.meetings[0].Organizer != "ada.okafor@example.com" {
		t.Fatalf("got %+v", sink.meetings)
	}
}
