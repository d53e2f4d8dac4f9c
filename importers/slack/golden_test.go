package slack

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/multiplier/multiplier/importers/parse"
)

var update = flag.Bool("update", false, "rewrite testdata/*.zip and the .golden files")

// testdataCases are the checked-in files: how each is made, what Detect
// says of it and the error Read returns.
var testdataCases = []struct {
	name   string // the file is testdata/<name>
	make   func(testing.TB) []byte
	format string
	err    error
}{
	{"export.zip", func(tb testing.TB) []byte {
		return zipBytes(tb, withPrefix("Acme Slack export May 6 2026 - May 9 2026/", realistic()))
	}, Format, nil},
	{"truncated.zip", func(tb testing.TB) []byte {
		data := zipBytes(tb, realistic())
		return data[:len(data)*3/5]
	}, "", parse.ErrCorrupt},
	{"workbook.xlsx", func(tb testing.TB) []byte {
		return zipBytes(tb, []file{
			{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
			{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships/>`},
			{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook><sheets><sheet name="users" sheetId="1"/></sheets></workbook>`},
			{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData/></worksheet>`},
		})
	}, "", parse.ErrUnrecognised},
}

// TestTestdata reads the checked-in files and compares what the export
// gives with testdata/<case>.golden. With -update it rewrites them first.
func TestTestdata(t *testing.T) {
	for _, tc := range testdataCases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join("testdata", tc.name)
			if *update {
				if err := os.WriteFile(path, tc.make(t), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			format, err := Detect(path)
			if err != nil || format != tc.format {
				t.Errorf("Detect = %q, %v; want %q", format, err, tc.format)
			}
			var sink recorder
			stats, err := Read(context.Background(), path, &sink, nil)
			if !errors.Is(err, tc.err) || (tc.err == nil) != (err == nil) {
				t.Fatalf("Read: %v, want %v", err, tc.err)
			}
			if err != nil {
				return
			}
			got := dump(&sink, stats)
			golden := filepath.Join("testdata", strings.TrimSuffix(tc.name, filepath.Ext(tc.name))+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("records differ from %s (run with -update to rewrite):\n got:\n%s\nwant:\n%s", golden, got, want)
			}
		})
	}
}

// dump writes what a Read gave as text, one record a line.
func dump(sink *recorder, s *parse.Stats) string {
	var b strings.Builder
	for _, a := range sink.aliases {
		fmt.Fprintf(&b, "alias %s %s %q\n", a.Identity, a.Email, a.Name)
	}
	for _, in := range sink.interactions {
		fmt.Fprintf(&b, "%s %s -> %s at %s", in.Kind, in.From, in.To, in.At.Format("2006-01-02T15:04:05.000000Z07:00"))
		if !in.Requested.IsZero() {
			fmt.Fprintf(&b, " asked %s", in.Requested.Format("2006-01-02T15:04:05.000000Z07:00"))
		}
		fmt.Fprintf(&b, " weight %g in %s ref %s\n", in.Weight, in.Context, in.Ref)
	}
	fmt.Fprintf(&b, "rows %d imported %d bots %d self %d skipped %d\n", s.Rows, s.Imported, s.Bots, s.SelfReviews, s.SkippedCount)
	for _, pe := range s.Skipped {
		fmt.Fprintf(&b, "skip %s\n", pe)
	}
	for _, n := range s.Notes {
		fmt.Fprintf(&b, "note %s\n", n)
	}
	return b.String()
}
