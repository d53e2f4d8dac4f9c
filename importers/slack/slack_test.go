package slack

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/importers/parse"
)

// counts are the Stats numbers a case expects.
type counts struct {
	Rows, Imported, Bots, SelfReviews, Skipped int
}

// skip is a skipped record a case expects.
type skip struct {
	sheet  string
	row    int
	column string
	err    error
}

type readCase struct {
	name         string
	files        []file
	aliases      []multiplier.Alias
	interactions []multiplier.Interaction
	counts       counts
	skipped      []skip
	notes        []string // substrings, each of some note
	err          error    // sentinel the error must wrap; nil for success
	errText      string   // substring of the error
}

// minimal is an export with two people and one public channel.
func minimal(day any) []file {
	return []file{
		{"users.json", []slackUser{
			{ID: "U01ADA", Name: "aokafor", RealName: "Ada Okafor", Profile: profile{Email: "ada.okafor@example.com"}},
			{ID: "U02JUN", Name: "jkim", RealName: "Jun Kim", Profile: profile{Email: "jun.kim@example.com"}},
		}},
		{"channels.json", []channel{{ID: "C01GEN", Name: "general"}}},
		{"general/2026-05-07.json", day},
	}
}

var minimalAliases = []multiplier.Alias{
	{Identity: "U01ADA", Email: "ada.okafor@example.com", Name: "Ada Okafor"},
	{Identity: "U02JUN", Email: "jun.kim@example.com", Name: "Jun Kim"},
}

func readCases() []readCase {
	root, reply := at(7, 9, 0, 100), at(7, 9, 30, 200)
	return []readCase{
		{
			name:         "full export at the root",
			files:        realistic(),
			aliases:      realisticAliases,
			interactions: realisticInteractions,
			counts:       counts{Rows: 18, Imported: 15, Bots: 2, SelfReviews: 1, Skipped: 1},
			skipped:      []skip{{"help-payments/2026-05-07.json", 6, "thread_ts", parse.ErrMissingValue}},
			notes: []string{
				"1 users in users.json have no email", "2 bot users", "2 system messages",
				"1 messages without an author", "1 replies to threads a bot started",
				"1 mentions of bots", "1 mentions of their own author",
			},
		},
		{
			name:         "full export under a top-level folder",
			files:        withPrefix("Acme Slack export May 6 2026 - May 9 2026/", realistic()),
			aliases:      realisticAliases,
			interactions: realisticInteractions,
			counts:       counts{Rows: 18, Imported: 15, Bots: 2, SelfReviews: 1, Skipped: 1},
			skipped:      []skip{{"Acme Slack export May 6 2026 - May 9 2026/help-payments/2026-05-07.json", 6, "thread_ts", parse.ErrMissingValue}},
		},
		{
			name: "a thread and a mention",
			files: minimal([]msg{
				{User: "U02JUN", Text: "anyone?", TS: ts(root), ThreadTS: ts(root), ReplyCount: 1},
				{User: "U01ADA", Text: "yes <@U02JUN|jun>", TS: ts(reply), ThreadTS: ts(root)},
			}),
			aliases: minimalAliases,
			interactions: []multiplier.Interaction{
				thread("U01ADA", "U02JUN", reply, root, "general"),
				mention("U01ADA", "U02JUN", reply, "general"),
			},
			counts: counts{Rows: 2, Imported: 4},
		},
		{
			name: "a root known by reply_count alone",
			files: minimal([]msg{
				{User: "U02JUN", Text: "anyone?", TS: ts(root), ReplyCount: 1},
				{User: "U01ADA", Text: "yes", TS: ts(reply), ThreadTS: ts(root)},
			}),
			aliases:      minimalAliases,
			interactions: []multiplier.Interaction{thread("U01ADA", "U02JUN", reply, root, "general")},
			counts:       counts{Rows: 2, Imported: 3},
		},
		{
			name: "a mention of someone not in users.json",
			files: minimal([]msg{
				{User: "U01ADA", Text: "ping <@W0EXTERNAL>, and <@ not a mention> <@U02JUN", TS: ts(root)},
			}),
			aliases:      minimalAliases,
			interactions: []multiplier.Interaction{mention("U01ADA", "W0EXTERNAL", root, "general")},
			counts:       counts{Rows: 1, Imported: 3},
		},
		{
			name: "a folder no list names",
			files: append(minimal([]msg{{User: "U01ADA", Text: "x", TS: ts(root)}}),
				file{"shared-ext/2026-05-07.json", []msg{{User: "U01ADA", Text: "hi <@U02JUN>", TS: ts(reply)}}},
				file{"shared-ext/notes.txt", "not a day file"},
			),
			aliases:      minimalAliases,
			interactions: []multiplier.Interaction{mention("U01ADA", "U02JUN", reply, "shared-ext")},
			counts:       counts{Rows: 2, Imported: 3},
			notes:        []string{"1 folders not in any channel list, read under their folder name: shared-ext"},
		},
		{
			name: "a bad timestamp",
			files: minimal([]msg{
				{User: "U01ADA", Text: "<@U02JUN>", TS: "yesterday"},
				{User: "U01ADA", Text: "<@U02JUN>"},
			}),
			aliases: minimalAliases,
			counts:  counts{Rows: 2, Imported: 2, Skipped: 2},
			skipped: []skip{
				{"general/2026-05-07.json", 1, "ts", parse.ErrBadDate},
				{"general/2026-05-07.json", 2, "ts", parse.ErrMissingValue},
			},
		},
		{
			name: "a message of the wrong shape",
			files: minimal(`[{"user":"U01ADA","text":"<@U02JUN>","ts":"1778150000.000100"},
				{"user":42,"text":"<@U02JUN>","ts":"1778150001.000100"}, "just a string",
				{"user":"U02JUN","text":"<@U01ADA>","ts":"1778150002.000100"}]`),
			aliases: minimalAliases,
			interactions: []multiplier.Interaction{
				{Kind: multiplier.KindMention, From: "U01ADA", To: "U02JUN", Weight: 1, Context: "general", Ref: "1778150000.000100/U02JUN"},
				{Kind: multiplier.KindMention, From: "U02JUN", To: "U01ADA", Weight: 1, Context: "general", Ref: "1778150002.000100/U01ADA"},
			},
			counts: counts{Rows: 4, Imported: 4, Skipped: 2},
			skipped: []skip{
				{"general/2026-05-07.json", 2, "user", parse.ErrCorrupt},
				{"general/2026-05-07.json", 3, "", parse.ErrCorrupt},
			},
		},
		{
			name: "a day file that breaks off",
			files: minimal(`[{"user":"U01ADA","text":"<@U02JUN>","ts":"1778150000.000100"},
				{"user":"U02JUN","text":"<@U01A`),
			aliases: minimalAliases,
			interactions: []multiplier.Interaction{
				{Kind: multiplier.KindMention, From: "U01ADA", To: "U02JUN", Weight: 1, Context: "general", Ref: "1778150000.000100/U02JUN"},
			},
			counts:  counts{Rows: 1, Imported: 3, Skipped: 1},
			skipped: []skip{{"general/2026-05-07.json", 2, "", parse.ErrCorrupt}},
		},
		{
			name:    "a day file that is an object",
			files:   minimal(`{"messages":[]}`),
			aliases: minimalAliases,
			counts:  counts{Imported: 2, Skipped: 1},
			skipped: []skip{{"general/2026-05-07.json", 0, "", parse.ErrCorrupt}},
		},
		{
			name: "a user of the wrong shape and one without id",
			files: []file{
				{"users.json", `[{"id":"U01ADA","real_name":"Ada Okafor","profile":{"email":"ada.okafor@example.com"}},
					{"id":"U02JUN","is_bot":"no"}, {"name":"ghost","profile":{"email":"ghost@example.com"}}]`},
				{"channels.json", `[]`},
			},
			aliases: []multiplier.Alias{{Identity: "U01ADA", Email: "ada.okafor@example.com", Name: "Ada Okafor"}},
			counts:  counts{Imported: 1, Skipped: 2},
			skipped: []skip{
				{"users.json", 2, "is_bot", parse.ErrCorrupt},
				{"users.json", 3, "id", parse.ErrMissingValue},
			},
		},
		{
			name:    "users.json is not JSON",
			files:   []file{{"users.json", `[{"id":"U01ADA",`}, {"channels.json", `[]`}},
			err:     parse.ErrCorrupt,
			errText: "users.json",
		},
		{
			name:    "channels.json is not an array",
			files:   []file{{"users.json", `[]`}, {"channels.json", `{"channels":[]}`}},
			err:     parse.ErrCorrupt,
			errText: "channels.json",
		},
		{
			name:    "a zip without channels.json",
			files:   []file{{"users.json", `[]`}, {"general/2026-05-07.json", `[]`}},
			err:     parse.ErrUnrecognised,
			errText: "users.json and channels.json",
		},
		{
			name: "an xlsx workbook",
			files: []file{
				{"[Content_Types].xml", `<?xml version="1.0"?><Types/>`},
				{"xl/workbook.xml", `<workbook/>`},
				{"xl/worksheets/sheet1.xml", `<worksheet/>`},
			},
			err: parse.ErrUnrecognised,
		},
	}
}

// fixTimes fills At of interactions whose Ref starts with a timestamp and
// whose At is zero, so cases can be written from the raw strings.
func fixTimes(ins []multiplier.Interaction) []multiplier.Interaction {
	out := make([]multiplier.Interaction, len(ins))
	for i, in := range ins {
		if in.Kind == multiplier.KindMention && in.At.IsZero() {
			stamp, _, _ := strings.Cut(in.Ref, "/")
			in.At, _ = parseTS(stamp)
		}
		out[i] = in
	}
	return out
}

func TestRead(t *testing.T) {
	for _, tc := range readCases() {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, "export.zip", zipBytes(t, tc.files))
			var sink recorder
			stats, err := Read(context.Background(), path, &sink, nil)
			if stats == nil {
				t.Fatal("Stats is nil")
			}
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("error = %v, want one wrapping %v", err, tc.err)
				}
				if !strings.Contains(err.Error(), tc.errText) {
					t.Errorf("error %q does not mention %q", err, tc.errText)
				}
				return
			}
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			checkRecords(t, &sink, tc.aliases, fixTimes(tc.interactions))
			checkStats(t, stats, tc.counts, len(sink.aliases)+len(sink.interactions))
			checkSkipped(t, stats, tc.skipped)
			checkNotes(t, stats, tc.notes)
		})
	}
}

func checkRecords(t *testing.T, sink *recorder, aliases []multiplier.Alias, interactions []multiplier.Interaction) {
	t.Helper()
	if !reflect.DeepEqual(sink.aliases, aliases) && (len(sink.aliases) > 0 || len(aliases) > 0) {
		t.Errorf("aliases:\n got %+v\nwant %+v", sink.aliases, aliases)
	}
	if len(sink.interactions) != len(interactions) {
		t.Errorf("%d interactions, want %d", len(sink.interactions), len(interactions))
	}
	for i := range max(len(sink.interactions), len(interactions)) {
		var got, want multiplier.Interaction
		if i < len(sink.interactions) {
			got = sink.interactions[i]
		}
		if i < len(interactions) {
			want = interactions[i]
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("interaction %d:\n got %+v\nwant %+v", i, got, want)
		}
	}
	if sink.others != 0 {
		t.Errorf("%d records other than aliases and interactions", sink.others)
	}
}

func checkStats(t *testing.T, s *parse.Stats, want counts, sent int) {
	t.Helper()
	got := counts{s.Rows, s.Imported, s.Bots, s.SelfReviews, s.SkippedCount}
	if got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	if s.Imported != sent {
		t.Errorf("Imported = %d, but the sink got %d records", s.Imported, sent)
	}
}

func checkSkipped(t *testing.T, s *parse.Stats, want []skip) {
	t.Helper()
	if len(s.Skipped) != len(want) {
		t.Errorf("skipped %v, want %d", s.Skipped, len(want))
		return
	}
	for i, pe := range s.Skipped {
		w := want[i]
		if pe.File != "export.zip" || pe.Sheet != w.sheet || pe.Row != w.row || pe.Column != w.column || !errors.Is(pe, w.err) {
			t.Errorf("skipped[%d] = %q (sheet %q row %d column %q), want sheet %q row %d column %q wrapping %v",
				i, pe, pe.Sheet, pe.Row, pe.Column, w.sheet, w.row, w.column, w.err)
		}
	}
}

func checkNotes(t *testing.T, s *parse.Stats, want []string) {
	t.Helper()
	all := strings.Join(s.Notes, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("no note says %q; notes:\n%s", w, all)
		}
	}
}

func TestDetect(t *testing.T) {
	good := zipBytes(t, realistic())
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"export at the root", good, Format},
		{"export in a folder", zipBytes(t, withPrefix("export/", realistic())), Format},
		{"listings only", zipBytes(t, []file{{"users.json", "[]"}, {"channels.json", "[]"}}), Format},
		{"xlsx workbook", zipBytes(t, []file{{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>"}}), ""},
		{"users.json alone", zipBytes(t, []file{{"users.json", "[]"}}), ""},
		{"listings in different folders", zipBytes(t, []file{{"a/users.json", "[]"}, {"b/channels.json", "[]"}}), ""},
		{"listings two folders down", zipBytes(t, []file{{"a/b/users.json", "[]"}, {"a/b/channels.json", "[]"}}), ""},
		{"truncated zip", good[:len(good)/2], ""},
		{"csv", []byte("Employee Name,Work Email\nAda Okafor,ada@example.com\n"), ""},
		{"empty", nil, ""},
		{"magic only", []byte(zipMagic), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Detect(writeFile(t, "in", tc.data))
			if err != nil || got != tc.want {
				t.Errorf("Detect = %q, %v; want %q, nil", got, err, tc.want)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		if _, err := Detect(t.TempDir() + "/nope.zip"); err == nil {
			t.Error("Detect of a missing file: no error")
		}
	})
}

// TestReadDamaged: a zip cut short or with a bad CRC is ErrCorrupt.
func TestReadDamaged(t *testing.T) {
	good := zipBytes(t, realistic())
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"truncated", good[:len(good)*2/3], parse.ErrCorrupt},
		{"central directory cut", good[:len(good)-10], parse.ErrCorrupt},
		{"bad CRC in users.json", badCRC(t, "users.json"), parse.ErrCorrupt},
		{"bad CRC in a day file", badCRC(t, "general/2026-05-07.json"), parse.ErrCorrupt},
		{"not a zip", []byte("Subject,Start Date\n"), parse.ErrUnrecognised},
		{"empty", nil, parse.ErrUnrecognised},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stats, err := Read(context.Background(), writeFile(t, "export.zip", tc.data), &recorder{}, nil)
			if !errors.Is(err, tc.want) {
				t.Errorf("error = %v, want one wrapping %v", err, tc.want)
			}
			if stats == nil {
				t.Error("Stats is nil")
			}
		})
	}
}

// badCRC returns realistic stored (not deflated) with one byte of entry
// name changed after its CRC was written.
func badCRC(t *testing.T, name string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var start int
	var body []byte
	for _, f := range realistic() {
		if f.name == name {
			body = bodyBytes(t, f.body)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		zw.Flush()
		if f.name == name {
			start = buf.Len()
		}
		w.Write(bodyBytes(t, f.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	data := bytes.Clone(buf.Bytes())
	i := bytes.Index(data[start:], body)
	if i < 0 {
		t.Fatalf("%s not found stored", name)
	}
	// A space inside the JSON for another: still valid JSON, wrong CRC.
	j := bytes.IndexByte(body, ' ')
	data[start+i+j] = '\t'
	return data
}

func TestReadSinkFails(t *testing.T) {
	path := writeFile(t, "export.zip", zipBytes(t, realistic()))
	boom := errors.New("disk full")
	sink := &recorder{fail: boom, failAt: 3}
	stats, err := Read(context.Background(), path, sink, nil)
	if !errors.Is(err, boom) {
		t.Fatalf("error = %v, want one wrapping the sink's", err)
	}
	if stats.Imported != 4+3 {
		t.Errorf("Imported = %d, want 7 (4 aliases, 3 interactions)", stats.Imported)
	}
}

func TestReadCancelled(t *testing.T) {
	t.Run("before the read", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		path := writeFile(t, "export.zip", zipBytes(t, realistic()))
		_, err := Read(ctx, path, &recorder{}, nil)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error = %v, want context.Canceled", err)
		}
	})
	t.Run("during the read", func(t *testing.T) {
		path := writeFile(t, "export.zip", zipBytes(t, benchExport(5000).files))
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		sink := &recorder{}
		sink.onRecord = func() {
			if len(sink.interactions) == 10 {
				cancel()
			}
		}
		_, err := Read(ctx, path, sink, nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v, want context.Canceled", err)
		}
		if n := len(sink.interactions); n > 10+3*checkEvery {
			t.Errorf("%d interactions sent after the cancel", n-10)
		}
	})
}

func TestReadProgress(t *testing.T) {
	path := writeFile(t, "export.zip", zipBytes(t, realistic()))
	var calls [][2]int64
	_, err := Read(context.Background(), path, &recorder{}, func(done, total int64) {
		calls = append(calls, [2]int64{done, total})
	})
	if err != nil {
		t.Fatal(err)
	}
	// 5 listings and 6 day files.
	if len(calls) == 0 || calls[len(calls)-1] != [2]int64{11, 11} {
		t.Fatalf("progress calls %v, want the last to be 11 of 11", calls)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] < calls[i-1][0] || calls[i][1] != 11 {
			t.Errorf("progress calls %v: not steady", calls)
		}
	}
}

func TestReadNilSinkPanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.HasPrefix(r.(string), "slack: ") {
			t.Errorf("recover() = %v, want a slack: panic", r)
		}
	}()
	Read(context.Background(), "export.zip", nil, nil)
}

func TestParseTS(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339 with nanoseconds; "" for an error
	}{
		{"1778150000.000100", "2026-05-07T10:33:20.0001Z"},
		{"1778150000", "2026-05-07T10:33:20Z"},
		{"1778150000.5", "2026-05-07T10:33:20.5Z"},
		{"0.000001", "1970-01-01T00:00:00.000001Z"},
		{"", ""},
		{".5", ""},
		{"-1.000000", ""},
		{"1778150000.0001x", ""},
		{"1778150000.0000000001", ""},
		{"1e9", ""},
		{"99999999999999", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseTS(tc.in)
			if tc.want == "" {
				if err == nil {
					t.Errorf("parseTS(%q) = %v, want an error", tc.in, got)
				}
				return
			}
			if err != nil || got.Format("2006-01-02T15:04:05.999999999Z07:00") != tc.want || got.Location() != time.UTC {
				t.Errorf("parseTS(%q) = %v, %v; want %s UTC", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestMentioned(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"<@U01ADA> and <@U02JUN|jun>", []string{"U01ADA", "U02JUN"}},
		{"<@U01ADA><@U01ADA>", []string{"U01ADA", "U01ADA"}},
		{"<@W0ENT> enterprise", []string{"W0ENT"}},
		{"<@u01ada> <@> <@U01 > <!here> <#C01GEN|general> <@U01ADA", nil},
		{"<@<@U03MEI>", []string{"U03MEI"}},
		{"", nil},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			var got []string
			for id := range mentioned(tc.text) {
				got = append(got, id)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("mentioned(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestManyMentions: one message naming 100 000 people, each twice, gives
// one mention each and takes linear time.
func TestManyMentions(t *testing.T) {
	var text strings.Builder
	for range 2 {
		for i := range 100_000 {
			fmt.Fprintf(&text, "<@U%07d> ", i)
		}
	}
	files := minimal([]msg{{User: "U01ADA", Text: text.String(), TS: ts(at(7, 9, 0, 0))}})
	var sink recorder
	start := time.Now()
	stats, err := Read(context.Background(), writeFile(t, "export.zip", zipBytes(t, files)), &sink, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sink.interactions) != 100_000 || stats.Rows != 1 {
		t.Errorf("%d mentions from %d rows, want 100000 from 1", len(sink.interactions), stats.Rows)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v", took)
	}
}
