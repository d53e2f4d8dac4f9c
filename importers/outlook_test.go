package importers

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
)

// outlookHeader is the header of Outlook's "Export to CSV" of a calendar
// folder, as DATA_FORMATS.md gives it.
var outlookHeader = []string{"Subject", "Start Date", "Start Time", "End Date", "End Time", "All day event", "Reminder on/off", "Reminder Date", "Reminder Time", "Meeting Organizer", "Required Attendees", "Optional Attendees", "Meeting Resources", "Billing Information", "Categories", "Description", "Location", "Mileage", "Priority", "Private", "Sensitivity", "Show time as"}

// outlookRow makes a row under outlookHeader.
func outlookRow(subject, startDate, startTime, endDate, endTime, allDay, organizer, required, optional, resources string) []string {
	return []string{subject, startDate, startTime, endDate, endTime, allDay, "True", startDate, "", organizer, required, optional, resources, "", "", "", "Teams Meeting", "", "Normal", "False", "Normal", "2"}
}

var outlookColumns = map[string]string{
	"subject": "Subject", "start date": "Start Date", "start time": "Start Time", "end date": "End Date", "end time": "End Time",
	"all day": "All day event", "organizer": "Meeting Organizer", "attendees": "Required Attendees",
	"optional attendees": "Optional Attendees", "resources": "Meeting Resources",
}

const utcNote = "times read as UTC (Outlook CSV has no time zone)"

func TestImportOutlook(t *testing.T) {
	// The row DATA_FORMATS.md shows, exactly.
	docRow := outlookRow("Design review: search ranking", "5/7/2026", "2:00:00 PM", "5/7/2026", "3:00:00 PM", "False", "Ada Okafor", "Jun Kim;Mei Tanaka;Omar Patel", "Lina Rossi", "")
	docMeeting := multiplier.Meeting{Subject: "Design review: search ranking", Start: utc(2026, 5, 7, 14, 0, 0), End: utc(2026, 5, 7, 15, 0, 0),
		Organizer: "Ada Okafor", Attendees: []string{"Jun Kim", "Mei Tanaka", "Omar Patel", "Lina Rossi"}}
	tests := []struct {
		name     string
		rows     [][]string
		meetings []multiplier.Meeting
		count    int // Report.Rows
		skipped  []string
		notes    []string
	}{
		{
			name:     "as in DATA_FORMATS",
			rows:     [][]string{outlookHeader, docRow},
			meetings: []multiplier.Meeting{docMeeting},
			count:    1,
			notes:    []string{utcNote, "column 'Start Date': dates read month-first (US); no value showed the order", "column 'End Date': dates read month-first (US); no value showed the order"},
		},
		{
			name: "Last, First and angle-bracket emails",
			rows: [][]string{outlookHeader,
				outlookRow("1:1", "2026-05-08", "9:30:00 AM", "2026-05-08", "10:00:00 AM", "False", "Okafor, Ada", "Kim, Jun; Tanaka , Mei ;O'Neil-Smith, Mary Ann", "", ""),
				outlookRow("Retro", "2026-05-11", "16:00", "2026-05-11", "17:30", "False",
					"Ada Okafor <ada.okafor@example.com>", `"Kim, Jun" <jun.kim@example.com>;mailto:mei.tanaka@example.com;MEI.TANAKA@example.com; ;ada.okafor@example.com`, "Omar Patel <omar.patel@example.com>", ""),
				outlookRow("Two people, wrong separator", "2026-05-12", "10:00", "2026-05-12", "10:30", "False", "Ada Okafor", "Jun Kim, Mei Tanaka;Kim, Jun, Dr.;a@b, c", "", ""),
			},
			meetings: []multiplier.Meeting{
				{Subject: "1:1", Start: utc(2026, 5, 8, 9, 30, 0), End: utc(2026, 5, 8, 10, 0, 0), Organizer: "Ada Okafor", Attendees: []string{"Jun Kim", "Mei Tanaka", "Mary Ann O'Neil-Smith"}},
				{Subject: "Retro", Start: utc(2026, 5, 11, 16, 0, 0), End: utc(2026, 5, 11, 17, 30, 0), Organizer: "ada.okafor@example.com",
					Attendees: []string{"jun.kim@example.com", "mei.tanaka@example.com", "omar.patel@example.com"}},
				{Subject: "Two people, wrong separator", Start: utc(2026, 5, 12, 10, 0, 0), End: utc(2026, 5, 12, 10, 30, 0), Organizer: "Ada Okafor",
					Attendees: []string{"Jun Kim, Mei Tanaka", "Kim, Jun, Dr.", "a@b, c"}},
			},
			count: 3,
			notes: []string{utcNote},
		},
		{
			name: "all-day rows left out, not faults",
			rows: [][]string{outlookHeader,
				outlookRow("Holiday", "5/25/2026", "12:00:00 AM", "5/26/2026", "12:00:00 AM", "True", "Lina Rossi", "Ada Okafor", "", ""),
				docRow,
				outlookRow("Offsite", "5/27/2026", "", "5/29/2026", "", "TRUE", "Lina Rossi", "Ada Okafor", "", ""),
			},
			meetings: []multiplier.Meeting{docMeeting},
			count:    1,
			notes: []string{utcNote, "column 'Start Date': dates read month-first (US); no value showed the order", "column 'End Date': dates read month-first (US); no value showed the order",
				"2 all-day event(s) left out: they are not meetings with a length"},
		},
		{
			name: "European dates, day order shown by the first row",
			rows: [][]string{outlookHeader,
				outlookRow("Standup", "13/05/2026", "09:00:00", "13/05/2026", "09:15:00", "False", "Mei Tanaka", "Jun Kim", "", ""),
				outlookRow("Sprint review", "07/05/2026", "14:00:00", "07/05/2026", "15:00:00", "False", "Mei Tanaka", "Jun Kim", "", ""),
			},
			meetings: []multiplier.Meeting{
				{Subject: "Standup", Start: utc(2026, 5, 13, 9, 0, 0), End: utc(2026, 5, 13, 9, 15, 0), Organizer: "Mei Tanaka", Attendees: []string{"Jun Kim"}},
				{Subject: "Sprint review", Start: utc(2026, 5, 7, 14, 0, 0), End: utc(2026, 5, 7, 15, 0, 0), Organizer: "Mei Tanaka", Attendees: []string{"Jun Kim"}},
			},
			count: 2,
			notes: []string{utcNote, "column 'Start Date': dates read day-first (European)", "column 'End Date': dates read day-first (European)"},
		},
		{
			name: "European dates, ambiguous first: read month-first and said so",
			rows: [][]string{outlookHeader,
				outlookRow("Sprint review", "07/05/2026", "14:00:00", "07/05/2026", "15:00:00", "False", "Mei Tanaka", "Jun Kim", "", ""),
				outlookRow("Standup", "13/05/2026", "09:00:00", "13/05/2026", "09:15:00", "False", "Mei Tanaka", "Jun Kim", "", ""),
			},
			meetings: []multiplier.Meeting{
				{Subject: "Sprint review", Start: utc(2026, 7, 5, 14, 0, 0), End: utc(2026, 7, 5, 15, 0, 0), Organizer: "Mei Tanaka", Attendees: []string{"Jun Kim"}},
				{Subject: "Standup", Start: utc(2026, 5, 13, 9, 0, 0), End: utc(2026, 5, 13, 9, 15, 0), Organizer: "Mei Tanaka", Attendees: []string{"Jun Kim"}},
			},
			count: 2,
			notes: []string{utcNote,
				"column 'Start Date': dates read day-first (European); 1 ambiguous date(s) before the first day-first one were read month-first",
				"column 'End Date': dates read day-first (European); 1 ambiguous date(s) before the first day-first one were read month-first"},
		},
		{
			name: "rooms are not attendees; organizer and repeats dropped",
			rows: [][]string{outlookHeader,
				outlookRow("Retro", "2026-05-11", "4:00 PM", "2026-05-11", "5:00 PM", "False", "Ada Okafor", "Room 4.01;Jun Kim;ada okafor;jun kim", "Jun Kim;Board Room", "Room 4.01; Board Room"),
			},
			meetings: []multiplier.Meeting{{Subject: "Retro", Start: utc(2026, 5, 11, 16, 0, 0), End: utc(2026, 5, 11, 17, 0, 0), Organizer: "Ada Okafor", Attendees: []string{"Jun Kim"}}},
			count:    1,
			notes:    []string{utcNote},
		},
		{
			name: "missing or bad start skipped, missing end kept as zero length",
			rows: [][]string{outlookHeader,
				outlookRow("No date", "", "2:00 PM", "", "", "False", "Ada Okafor", "Jun Kim", "", ""),
				outlookRow("No time", "2026-05-12", "", "2026-05-12", "", "False", "Ada Okafor", "Jun Kim", "", ""),
				outlookRow("Bad time", "2026-05-12", "noon", "2026-05-12", "", "False", "Ada Okafor", "Jun Kim", "", ""),
				outlookRow("Bad date", "someday", "2:00 PM", "", "", "False", "Ada Okafor", "Jun Kim", "", ""),
				outlookRow("No end", "2026-05-13", "5:00 PM", "", "", "False", "Mei Tanaka", "Omar Patel", "", ""),
				outlookRow("Ends before", "2026-05-13", "5:00 PM", "2026-05-12", "6:00 PM", "False", "Mei Tanaka", "Omar Patel", "", ""),
				outlookRow("Overnight", "2026-05-13", "11:00 PM", "2026-05-14", "1:00 AM", "False", "", "", "", ""),
			},
			meetings: []multiplier.Meeting{
				{Subject: "No end", Start: utc(2026, 5, 13, 17, 0, 0), End: utc(2026, 5, 13, 17, 0, 0), Organizer: "Mei Tanaka", Attendees: []string{"Omar Patel"}},
				{Subject: "Ends before", Start: utc(2026, 5, 13, 17, 0, 0), End: utc(2026, 5, 13, 17, 0, 0), Organizer: "Mei Tanaka", Attendees: []string{"Omar Patel"}},
				{Subject: "Overnight", Start: utc(2026, 5, 13, 23, 0, 0), End: utc(2026, 5, 14, 1, 0, 0)},
			},
			count: 7,
			skipped: []string{
				"outlook.csv, row 2, column 'Start Date': missing value",
				"outlook.csv, row 3, column 'Start Time': missing value",
				`outlook.csv, row 4, column 'Start Time': "noon" is not a time of day`,
				`outlook.csv, row 5, column 'Start Date': "someday" is not a date`,
			},
			notes: []string{utcNote, "2 meeting(s) had no readable end, or one before the start, and were read as ending when they start"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeCSV(t, t.TempDir(), "outlook.csv", ',', true, tt.rows)
			var sink recorder
			rep, err := Import(context.Background(), path, &sink, nil)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			if !reflect.DeepEqual(sink.meetings, tt.meetings) {
				t.Errorf("meetings:\n got %+v\nwant %+v", sink.meetings, tt.meetings)
			}
			if n := sink.records() - len(sink.meetings); n != 0 {
				t.Errorf("got %d other records from a calendar", n)
			}
			var skipped []string
			for _, e := range rep.Skipped {
				skipped = append(skipped, e.Error())
			}
			want := &Report{File: "outlook.csv", Kind: KindMeetings, Source: "outlook-csv", Format: "csv", Columns: outlookColumns,
				Rows: tt.count, Imported: len(tt.meetings), SkippedCount: len(tt.skipped), Notes: tt.notes, Signature: Signature(tt.rows[0])}
			got := *rep
			got.Skipped = nil
			if !reflect.DeepEqual(&got, want) {
				t.Errorf("report:\n got %+v\nwant %+v", &got, want)
			}
			if !reflect.DeepEqual(skipped, tt.skipped) {
				t.Errorf("skipped:\n got %q\nwant %q", skipped, tt.skipped)
			}
			if rep.Rows != rep.Imported+rep.SkippedCount {
				t.Errorf("Rows %d != Imported %d + SkippedCount %d", rep.Rows, rep.Imported, rep.SkippedCount)
			}
		})
	}
}

// TestImportOutlookXLSX reads an Outlook export that was opened in Excel
// and saved as a workbook: real date cells and time cells (fractions of a
// day).
func TestImportOutlookXLSX(t *testing.T) {
	day := time.Date(2026, 5, 7, 0, 0, 0, 0, time.UTC)
	rows := [][]any{
		strSlice([]string{"Subject", "Start Date", "Start Time", "End Date", "End Time", "All day event", "Meeting Organizer", "Required Attendees"}),
		{"Design review", day, styled{v: 14.0 / 24, numFmt: 21}, day, 15.5 / 24, false, "Ada Okafor", "Jun Kim"},
	}
	path := writeXLSX(t, t.TempDir(), "cal.xlsx", sheet{"Calendar", rows})
	var sink recorder
	rep, err := Import(context.Background(), path, &sink, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []multiplier.Meeting{{Subject: "Design review", Start: utc(2026, 5, 7, 14, 0, 0), End: utc(2026, 5, 7, 15, 30, 0), Organizer: "Ada Okafor", Attendees: []string{"Jun Kim"}}}
	if !reflect.DeepEqual(sink.meetings, want) {
		t.Errorf("meetings:\n got %+v\nwant %+v\nreport %+v", sink.meetings, want, rep)
	}
}

func TestOutlookStartErrors(t *testing.T) {
	rows := [][]string{outlookHeader, outlookRow("x", "2026-05-07", "25:00", "", "", "False", "Ada", "Jun", "", "")}
	path := writeCSV(t, t.TempDir(), "o.csv", ',', false, rows)
	rep, err := Import(context.Background(), path, &recorder{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) != 1 {
		t.Fatalf("skipped %v, want one row", rep.Skipped)
	}
	e := rep.Skipped[0]
	if !errors.Is(e, ErrBadDate) || e.Col != 3 || e.Column != "Start Time" || e.Row != 2 {
		t.Errorf("skipped %+v (%v), want row 2, column 3 'Start Time', wrapping ErrBadDate", e, e)
	}
}

func TestIdentity(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ada Okafor", "Ada Okafor"},
		{"  Ada Okafor  ", "Ada Okafor"},
		{"Okafor, Ada", "Ada Okafor"},
		{"Okafor,Ada", "Ada Okafor"},
		{"van Dijk, Anna", "Anna van Dijk"},
		{"Müller, Zoë", "Zoë Müller"},
		{"O'Neil, Mary-Kate", "Mary-Kate O'Neil"},
		{"Jun Kim, Mei Tanaka", "Jun Kim, Mei Tanaka"},
		{"Kim, Jun, Dr.", "Kim, Jun, Dr."},
		{"Team 7, Ops", "Team 7, Ops"},
		{"Okafor, ", "Okafor,"},
		{"Ada Okafor <ada.okafor@example.com>", "ada.okafor@example.com"},
		{`"Okafor, Ada" <Ada.Okafor@Example.com>`, "Ada.Okafor@Example.com"},
		{"<mailto:ada@example.com>", "ada@example.com"},
		{"Ada <not an address>", "Ada <not an address>"},
		{"ada.okafor@example.com", "ada.okafor@example.com"},
		{"MAILTO:ada@example.com", "ada@example.com"},
		{"okafor@example.com, ada", "okafor@example.com, ada"},
		{"", ""},
		{"   ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := identity(tt.in); got != tt.want {
				t.Errorf("identity(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseTimeOfDay(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"9:30:00 AM", 9*time.Hour + 30*time.Minute, true},
		{"2:00:00 PM", 14 * time.Hour, true},
		{"12:00:00 AM", 0, true},
		{"12:30 PM", 12*time.Hour + 30*time.Minute, true},
		{"14:00", 14 * time.Hour, true},
		{"09:15:30", 9*time.Hour + 15*time.Minute + 30*time.Second, true},
		{"14:00:00+02:00", 12 * time.Hour, true},
		{"0.5", 12 * time.Hour, true},
		{"46149.75", 18 * time.Hour, true},
		{"0", 0, true},
		{"", 0, false},
		{"noon", 0, false},
		{"25:00", 0, false},
		{"13:00 PM", 0, false},
		{"9:3", 0, false},
		{"-0.5", 0, false},
		{"14:00 tomorrow", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseTimeOfDay(tt.in)
			if ok != tt.ok || got != tt.want {
				t.Errorf("parseTimeOfDay(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestRecogniseKinds checks that a header matching several formats is read
// as the one with the most matched columns, so exports are not taken for
// one another.
func TestRecogniseKinds(t *testing.T) {
	gitlabHeader := []string{"MR ID", "URL", "Title", "State", "Description", "Source Branch", "Target Branch", "Source Project ID", "Target Project ID", "Author", "Author Username", "Assignees", "Assignee Usernames", "Approvers", "Approver Usernames", "Merged User", "Merged Username", "Milestone ID", "Created At (UTC)", "Updated At (UTC)"}
	tests := []struct {
		name   string
		header []string
		source string // "" when no complete header
	}{
		{"outlook", outlookHeader, "outlook-csv"},
		{"outlook with roster columns", append(append([]string{}, outlookHeader...), "Name", "Email", "Team"), "outlook-csv"},
		{"outlook with interaction columns", append(append([]string{}, outlookHeader...), "From", "To", "Date"), "outlook-csv"},
		{"outlook lookalike without a start time is not read as anything", []string{"Subject", "Start Date", "Meeting Organizer", "Location"}, ""},
		{"gitlab", gitlabHeader, "gitlab-mr-csv"},
		{"gitlab with a reviewer and submitted column", append(append([]string{}, gitlabHeader...), "Reviewer", "Submitted"), "gitlab-mr-csv"},
		{"review sheet", githubHeader, "review sheet"},
		{"review sheet with approvers", append(append([]string{}, githubHeader...), "Approvers", "Author Username", "Updated At"), "review sheet"},
		{"interactions", []string{"From", "To", "Kind", "Timestamp", "Weight"}, "interactions sheet"},
		{"interactions synonyms", []string{"Giver", "Receiver", "Type", "When"}, "interactions sheet"},
		{"interactions with name and email", []string{"From", "To", "Kind", "Timestamp", "Weight", "Name", "Email"}, "interactions sheet"},
		{"roster", hrHeader, "roster"},
		{"roster with a date column", append(append([]string{}, hrHeader...), "Date"), "roster"},
		{"roster with from and to", []string{"Name", "Email", "Team", "Level", "From", "To"}, "roster"},
		// Ties go to the more specific format, the earlier in specs.
		{"roster and review sheet tie", []string{"Name", "Email", "Team", "Author", "Reviewer", "Submitted"}, "review sheet"},
		{"gitlab and review sheet tie", []string{"Author Username", "Approvers", "Created At", "Updated At", "Reviewer", "Submitted"}, "gitlab-mr-csv"},
		{"interactions and roster tie", []string{"From", "To", "Date", "Name", "Email", "Team"}, "interactions sheet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, _ := recognise(tt.header, 1)
			got := ""
			if h != nil {
				got = h.spec.source
			}
			if got != tt.source {
				t.Errorf("recognise(%q) = %q, want %q", tt.header, got, tt.source)
			}
		})
	}
}

var identityKeyTests = []string{"", "ada okafor", "Ada Okafor", "ada  okafor", " ada", "ada ", "@ada", "ada\tokafor", "zoë", "ada@example.com", "a\x00b", "a\x85b", "ADA", "a b c"}

func TestIdentityKey(t *testing.T) {
	for _, in := range identityKeyTests {
		if got, want := identityKey(in), multiplier.IdentityKey(in); got != want {
			t.Errorf("identityKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzIdentityKey: the allocation-free path agrees with the root's
// IdentityKey on every input.
func FuzzIdentityKey(f *testing.F) {
	for _, in := range identityKeyTests {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := identityKey(in), multiplier.IdentityKey(in); got != want {
			t.Fatalf("identityKey(%q) = %q, want %q", in, got, want)
		}
	})
}
