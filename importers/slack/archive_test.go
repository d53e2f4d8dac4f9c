package slack

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/multiplier/multiplier/importers/parse"
)

// zeros is an endless stream of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// writeBomb writes an export whose entry bomb holds size zero bytes,
// streamed through the zip writer so the test never holds them.
func writeBomb(t *testing.T, bomb string, size int64) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bomb.zip")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	for _, f := range minimal([]msg{}) {
		w, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		if f.name == bomb {
			_, err = io.Copy(w, io.LimitReader(zeros{}, size))
		} else {
			_, err = w.Write(bodyBytes(t, f.body))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeLiar writes an export whose day file unpacks to 80 MiB while its
// header says 100 bytes and 1:1.
func writeLiar(t *testing.T) string {
	t.Helper()
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestCompression)
	io.Copy(fw, io.LimitReader(zeros{}, 80<<20))
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range minimal(nil)[:2] {
		w, _ := zw.Create(f.name)
		w.Write(bodyBytes(t, f.body))
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "general/2026-05-07.json", Method: zip.Deflate,
		CompressedSize64: uint64(packed.Len()), UncompressedSize64: 100})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(packed.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, "liar.zip", buf.Bytes())
}

// TestZipBomb: an entry that unpacks past a limit is refused with
// ErrCorrupt naming the entry and the limit, quickly.
func TestZipBomb(t *testing.T) {
	tests := []struct {
		name  string
		path  func(t *testing.T) string
		entry string
		limit string
	}{
		{"80 MiB day file", func(t *testing.T) string { return writeBomb(t, "general/2026-05-07.json", 80<<20) },
			"general/2026-05-07.json", "64 MiB uncompressed, the limit for one entry"},
		{"80 MiB users.json", func(t *testing.T) string { return writeBomb(t, "users.json", 80<<20) },
			"users.json", "64 MiB uncompressed, the limit for one entry"},
		{"2 MiB at 1000:1", func(t *testing.T) string { return writeBomb(t, "general/2026-05-07.json", 2<<20) },
			"general/2026-05-07.json", "compressed more than 200:1"},
		{"header says 100 bytes", writeLiar, "general/2026-05-07.json", "damaged file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path(t)
			start := time.Now()
			_, err := Read(context.Background(), path, &recorder{}, nil)
			took := time.Since(start)
			if !errors.Is(err, parse.ErrCorrupt) {
				t.Fatalf("error = %v, want ErrCorrupt", err)
			}
			if msg := err.Error(); !strings.Contains(msg, tc.entry) || !strings.Contains(msg, tc.limit) {
				t.Errorf("error %q does not name %q and %q", msg, tc.entry, tc.limit)
			}
			if took > 2*time.Second {
				t.Errorf("Read took %v to refuse the bomb", took)
			}
		})
	}
}

// TestEntryCounts: the limits hold on the bytes really read, whatever the
// header says.
func TestEntryCounts(t *testing.T) {
	big := limits{entry: 1 << 40, total: 1 << 40, entries: 10, ratio: 200, ratioFrom: 1 << 40}
	tests := []struct {
		name       string
		lim        limits
		compressed int64
		before     int64 // bytes the archive read before this entry
		want       string
		maxRead    int64
	}{
		{"one entry", withLimit(big, func(l *limits) { l.entry = 1 << 20 }), 1 << 40, 0, "more than 1 MiB uncompressed, the limit for one entry", 1<<20 + 1},
		{"all entries", withLimit(big, func(l *limits) { l.total = 3 << 20 }), 1 << 40, 2 << 20, "more than 3 MiB, the limit for an export", 2 << 20},
		{"ratio", withLimit(big, func(l *limits) { l.ratioFrom = 1 << 20 }), 4096, 0, "compressed more than 200:1", 2 << 20},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			total := tc.before
			e := newEntry(zeros{}, "export.zip", "general/2026-05-07.json", tc.compressed, &tc.lim, &total)
			err := e.drain()
			if !errors.Is(err, parse.ErrCorrupt) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("drain: %v, want ErrCorrupt saying %q", err, tc.want)
			}
			if e.n > tc.maxRead+64<<10 {
				t.Errorf("read %d bytes before refusing, want about %d", e.n, tc.maxRead)
			}
			if _, again := e.Read(make([]byte, 10)); again != err {
				t.Errorf("Read after the limit: %v, want the same error", again)
			}
		})
	}
	t.Run("archive error", func(t *testing.T) {
		var total int64
		lim := defaultLimits
		e := newEntry(io.MultiReader(strings.NewReader("[]"), iotest{}), "export.zip", "users.json", 10, &lim, &total)
		err := e.drain()
		if !errors.Is(err, parse.ErrCorrupt) || !errors.Is(err, zip.ErrChecksum) {
			t.Errorf("drain: %v, want ErrCorrupt and zip.ErrChecksum", err)
		}
	})
}

// iotest fails every Read as a bad CRC does.
type iotest struct{}

func (iotest) Read([]byte) (int, error) { return 0, zip.ErrChecksum }

func withLimit(l limits, change func(*limits)) limits {
	change(&l)
	return l
}

// TestReadLimits runs whole reads against lowered limits.
func TestReadLimits(t *testing.T) {
	manyDays := minimal([]msg{})
	for d := 1; d <= 9; d++ {
		manyDays = append(manyDays, file{fmt.Sprintf("general/2026-04-%02d.json", d), "[" + strings.Repeat(" ", 1000) + "]"})
	}
	tests := []struct {
		name  string
		files []file
		lim   func(*limits)
		want  string
	}{
		{"too many entries", manyDays, func(l *limits) { l.entries = 10 }, "12 entries, more than the limit of 10"},
		{"too much in all", manyDays, func(l *limits) { l.total = 5000 }, "the limit for an export"},
		{"one entry too big", manyDays, func(l *limits) { l.entry = 500 }, "the limit for one entry"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, "export.zip", zipBytes(t, tc.files))
			stats, err := read(context.Background(), path, &recorder{}, nil, withLimit(defaultLimits, tc.lim))
			if !errors.Is(err, parse.ErrCorrupt) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want ErrCorrupt saying %q", err, tc.want)
			}
			if stats == nil {
				t.Error("Stats is nil")
			}
		})
	}
	t.Run("within the limits", func(t *testing.T) {
		path := writeFile(t, "export.zip", zipBytes(t, manyDays))
		lim := withLimit(defaultLimits, func(l *limits) { l.entries, l.total, l.entry = 12, 20_000, 1100 })
		if _, err := read(context.Background(), path, &recorder{}, nil, lim); err != nil {
			t.Errorf("read: %v", err)
		}
	})
}

// TestCountEntries reads the entry count from the end of the archive,
// zip64 included, before the directory is loaded.
func TestCountEntries(t *testing.T) {
	for _, n := range []int{0, 3, 70_000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			for i := range n {
				if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprint(i), Method: zip.Store}); err != nil {
					t.Fatal(err)
				}
			}
			zw.SetComment("PK\x05\x06 a comment that looks like a record")
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			data := buf.Bytes()
			got, ok := countEntries(bytes.NewReader(data), int64(len(data)))
			if !ok || got != uint64(n) {
				t.Errorf("countEntries = %d, %v; want %d, true", got, ok, n)
			}
			if n < 70_000 {
				return
			}
			path := writeFile(t, "many.zip", data)
			lim := withLimit(defaultLimits, func(l *limits) { l.entries = 65_536 })
			if _, err := read(context.Background(), path, &recorder{}, nil, lim); !errors.Is(err, parse.ErrCorrupt) || !strings.Contains(err.Error(), "70000 entries") {
				t.Errorf("read with 65536 entries at most: %v, want the count refused", err)
			}
		})
	}
	t.Run("no record", func(t *testing.T) {
		const s = "PK\x03\x04 and nothing at all, not even an end record"
		if _, ok := countEntries(strings.NewReader(s), int64(len(s))); ok {
			t.Error("countEntries found a record in a file without one")
		}
	})
}
