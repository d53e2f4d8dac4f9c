package importers

import (
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
	"github.com/xuri/excelize/v2"
)

var benchSizes = []int{1_000, 10_000, 100_000}

var (
	benchOnce  sync.Once
	benchDir   string
	benchFiles map[string]string // "csv/1000" → path
	benchErr   error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	for _, dir := range outlookDirs {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// benchFile returns a review export of n rows in format, written once per
// run from a fixed seed.
func benchFile(b *testing.B, format string, n int) string {
	b.Helper()
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "importers-bench-")
		if benchErr != nil {
			return
		}
		benchFiles = make(map[string]string)
		for _, size := range benchSizes {
			rows := benchRows(size)
			for _, f := range []string{"csv", "xlsx"} {
				path := filepath.Join(benchDir, fmt.Sprintf("reviews-%d.%s", size, f))
				if f == "csv" {
					benchErr = writeBenchCSV(path, rows)
				} else {
					benchErr = writeBenchXLSX(path, rows)
				}
				if benchErr != nil {
					return
				}
				benchFiles[fmt.Sprintf("%s/%d", f, size)] = path
			}
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchFiles[fmt.Sprintf("%s/%d", format, n)]
}

// benchRows makes n GitHub-style review rows (all importable) from a fixed
// seed. Submitted is a time.Time, so the workbook holds real date cells.
func benchRows(n int) [][]any {
	r := rand.New(rand.NewPCG(2026, 5))
	states := []string{"APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := make([][]any, 0, n)
	for i := range n {
		author := r.IntN(200)
		reviewer := (author + 1 + r.IntN(199)) % 200
		created := start.Add(time.Duration(r.IntN(180*24*3600)) * time.Second)
		submitted := created.Add(time.Duration(r.IntN(72*3600)) * time.Second)
		rows = append(rows, []any{
			fmt.Sprintf("acme/repo-%d", r.IntN(40)),
			4000 + i/3,
			fmt.Sprintf("Change %d", i/3),
			fmt.Sprintf("dev%03d", author),
			created.Format(time.RFC3339),
			"",
			fmt.Sprintf("dev%03d", reviewer),
			states[r.IntN(len(states))],
			submitted,
			r.IntN(12),
		})
	}
	return rows
}

func writeBenchCSV(path string, rows [][]any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write(githubHeader)
	rec := make([]string, len(githubHeader))
	for _, row := range rows {
		for i, v := range row {
			switch v := v.(type) {
			case time.Time:
				rec[i] = v.Format(time.RFC3339)
			case int:
				rec[i] = strconv.Itoa(v)
			default:
				rec[i] = fmt.Sprint(v)
			}
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func writeBenchXLSX(path string, rows [][]any) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", strSlice(githubHeader)); err != nil {
		return err
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// nullSink counts records and keeps nothing.
type nullSink struct{ n int }

func (s *nullSink) Person(multiplier.Person) error           { s.n++; return nil }
func (s *nullSink) Review(multiplier.Review) error           { s.n++; return nil }
func (s *nullSink) Meeting(multiplier.Meeting) error         { s.n++; return nil }
func (s *nullSink) Interaction(multiplier.Interaction) error { s.n++; return nil }
func (s *nullSink) Alias(multiplier.Alias) error             { s.n++; return nil }

func BenchmarkImport(b *testing.B) {
	for _, format := range []string{"csv", "xlsx"} {
		for _, n := range benchSizes {
			b.Run(fmt.Sprintf("%s/rows=%d", format, n), func(b *testing.B) {
				path := benchFile(b, format, n)
				b.ReportAllocs()
				for b.Loop() {
					var sink nullSink
					rep, err := Import(context.Background(), path, &sink, nil)
					if err != nil {
						b.Fatal(err)
					}
					if sink.n != n || rep.Imported != n {
						b.Fatalf("imported %d (sink %d) of %d rows; skipped %v", rep.Imported, sink.n, n, rep.Skipped[:min(3, len(rep.Skipped))])
					}
				}
			})
		}
	}
}

func BenchmarkParseTime(b *testing.B) {
	inputs := []string{"2026-05-04T09:12:00Z", "5/4/2026 9:12 AM", "04.05.2026 09:12", "46146.38", "May 4, 2026"}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range inputs {
			if _, _, err := parseTime(s, orderUnknown); err != nil {
				b.Fatal(err)
			}
		}
	}
}

var (
	outlookOnce  sync.Once
	outlookFiles map[int]string // rows → path
	outlookErr   error
)

// outlookFile returns an Outlook calendar CSV of n meetings, written once
// per run from a fixed seed; TestMain removes the folder.
func outlookFile(b *testing.B, n int) string {
	b.Helper()
	outlookOnce.Do(func() {
		dir, err := os.MkdirTemp("", "importers-bench-outlook-")
		if err != nil {
			outlookErr = err
			return
		}
		outlookDirs = append(outlookDirs, dir)
		outlookFiles = make(map[int]string)
		for _, size := range benchSizes {
			path := filepath.Join(dir, fmt.Sprintf("calendar-%d.csv", size))
			if outlookErr = writeOutlookCSV(path, size); outlookErr != nil {
				return
			}
			outlookFiles[size] = path
		}
	})
	if outlookErr != nil {
		b.Fatal(outlookErr)
	}
	return outlookFiles[n]
}

// outlookDirs are the folders outlookFile made, removed after the run.
var outlookDirs []string

// writeOutlookCSV writes n meetings as Outlook's "Export to CSV" does: US
// dates, 12-hour times, attendees as names, "Last, First" and emails.
func writeOutlookCSV(path string, n int) error {
	r := rand.New(rand.NewPCG(2026, 7))
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.UseCRLF = true
	w.Write(outlookHeader)
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	person := func(i int) string {
		switch i % 3 {
		case 0:
			return fmt.Sprintf("Dev %03d", i)
		case 1:
			return fmt.Sprintf("%03d, Dev", i)
		}
		return fmt.Sprintf("Dev %03d <dev%03d@example.com>", i, i)
	}
	for i := range n {
		at := start.AddDate(0, 0, r.IntN(180)).Add(time.Duration(8*60+r.IntN(9*4)*15) * time.Minute)
		end := at.Add(time.Duration(1+r.IntN(4)) * 15 * time.Minute)
		organizer := r.IntN(200)
		var required []string
		for range 2 + r.IntN(7) {
			required = append(required, person(r.IntN(200)))
		}
		w.Write(outlookRow(fmt.Sprintf("Meeting %d", i), at.Format("1/2/2006"), at.Format("3:04:05 PM"),
			end.Format("1/2/2006"), end.Format("3:04:05 PM"), "False", person(organizer),
			strings.Join(required, ";"), person(r.IntN(200)), ""))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func BenchmarkImportOutlook(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			path := outlookFile(b, n)
			b.ReportAllocs()
			for b.Loop() {
				var sink nullSink
				rep, err := Import(context.Background(), path, &sink, nil)
				if err != nil {
					b.Fatal(err)
				}
				if sink.n != n || rep.Imported != n || rep.Kind != KindMeetings {
					b.Fatalf("imported %d (sink %d) of %d meetings as %s; skipped %v", rep.Imported, sink.n, n, rep.Kind, rep.Skipped[:min(3, len(rep.Skipped))])
				}
			}
		})
	}
}
