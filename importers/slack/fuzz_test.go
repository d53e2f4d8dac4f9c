package slack

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/importers/parse"
)

// FuzzRead: no archive may panic or hang Read or Detect; Read fails only
// with one of its documented errors, and what it sends is sound.
func FuzzRead(f *testing.F) {
	for _, tc := range readCases() {
		f.Add(zipBytes(f, tc.files))
	}
	good := zipBytes(f, realistic())
	f.Add(good[:len(good)/2])
	for _, tc := range testdataCases {
		f.Add(tc.make(f))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// The archive is read from memory, as Read and Detect read a
		// file: a file per input would make the fuzzer crawl.
		format, err := detect(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("detect: %v", err)
		}
		var sink recorder
		r := newReader(context.Background(), "export.zip", &sink, defaultLimits)
		err = r.readArchive(bytes.NewReader(data), int64(len(data)), nil)
		stats := r.stats
		if err != nil {
			if !errors.Is(err, parse.ErrCorrupt) && !errors.Is(err, parse.ErrUnrecognised) {
				t.Fatalf("Read: %v, neither ErrCorrupt nor ErrUnrecognised", err)
			}
			if errors.Is(err, parse.ErrUnrecognised) && format != "" {
				t.Fatalf("Detect said %q but Read says %v", format, err)
			}
			return
		}
		if format != Format {
			t.Fatalf("Read succeeded on a file Detect calls %q", format)
		}
		checkSent(t, &sink, stats)
	})
}

// FuzzMessages: no day file may panic or hang the message reader; broken
// JSON is skipped, never an error, and what it sends is sound.
func FuzzMessages(f *testing.F) {
	for _, tc := range readCases() {
		for _, file := range tc.files {
			if _, base := splitName(file.name); len(base) == len("2026-05-07.json") && base[4] == '-' {
				f.Add(bodyBytes(f, file.body))
			}
		}
	}
	f.Add([]byte(`[{"user":"U01ADA","text":"<@U02JUN|jun> <@U09BOT> <@U01ADA>","ts":"1.5","thread_ts":"1","parent_user_id":"U02JUN"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var sink recorder
		r := newReader(context.Background(), "export.zip", &sink, defaultLimits)
		r.bots["U09BOT"] = true
		r.folders["general"] = "general"
		r.startChannel("general")
		e := newEntry(bytes.NewReader(data), "export.zip", "general/2026-05-07.json", int64(len(data)), &r.lim, &r.total)
		if err := r.readDay(e); err != nil {
			t.Fatalf("readDay: %v", err)
		}
		if r.stats.Rows < r.stats.Bots+r.stats.SelfReviews {
			t.Errorf("rows %d < bots %d + self %d", r.stats.Rows, r.stats.Bots, r.stats.SelfReviews)
		}
		checkSent(t, &sink, r.stats)
	})
}

// checkSent checks what a read sent: counted, with people on both ends,
// no one helping themselves, no bot, UTC times.
func checkSent(t *testing.T, sink *recorder, stats *parse.Stats) {
	t.Helper()
	if n := len(sink.aliases) + len(sink.interactions); n != stats.Imported || sink.others != 0 {
		t.Fatalf("sink got %d records (+%d others), Imported = %d", n, sink.others, stats.Imported)
	}
	for _, a := range sink.aliases {
		if a.Identity == "" || a.Email == "" {
			t.Errorf("alias without identity or email: %+v", a)
		}
	}
	for _, in := range sink.interactions {
		switch {
		case in.Kind != multiplier.KindThread && in.Kind != multiplier.KindMention:
			t.Errorf("kind %q", in.Kind)
		case in.From == "" || in.To == "" || in.From == in.To:
			t.Errorf("from %q to %q", in.From, in.To)
		case in.From == "U09BOT" || in.To == "U09BOT" || in.To == "USLACKBOT" || in.From == "USLACKBOT":
			t.Errorf("a bot in %+v", in)
		case in.At.Location() != time.UTC || in.At.IsZero():
			t.Errorf("At %v not a UTC time", in.At)
		case in.Kind == multiplier.KindThread && (in.Requested.IsZero() || in.Requested.Location() != time.UTC):
			t.Errorf("thread without a UTC request time: %+v", in)
		case in.Weight != 1 || in.Context == "" || in.Ref == "":
			t.Errorf("weight, context or ref missing: %+v", in)
		}
	}
}
