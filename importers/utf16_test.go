package importers

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf16"

	"github.com/multiplier/multiplier"
)

// encodeUTF16 encodes s as UTF-16 with a byte-order mark.
func encodeUTF16(s string, big bool) []byte {
	var order binary.AppendByteOrder = binary.LittleEndian
	b := []byte{0xFF, 0xFE}
	if big {
		order, b = binary.BigEndian, []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, u)
	}
	return b
}

func TestUTF16Reader(t *testing.T) {
	tests := []struct {
		name string
		in   []byte // after the byte-order mark
		big  bool
		want string
	}{
		{"ascii LE", encodeUTF16("Name\tEmail\r\n", false)[2:], false, "Name\tEmail\r\n"},
		{"ascii BE", encodeUTF16("Name\tEmail\r\n", true)[2:], true, "Name\tEmail\r\n"},
		{"accents and a surrogate pair", encodeUTF16("Zoë Müller 🚀 Łukasz", false)[2:], false, "Zoë Müller 🚀 Łukasz"},
		{"empty", nil, false, ""},
		{"odd trailing byte", []byte{'A', 0, 'B'}, false, "A\uFFFD"},
		{"lone low surrogate", []byte{0x00, 0xDC, 'A', 0}, false, "\uFFFDA"},
		{"high surrogate then a letter", []byte{0x3D, 0xD8, 'A', 0}, false, "\uFFFDA"},
		{"high surrogate at the end", []byte{'A', 0, 0x3D, 0xD8}, false, "A\uFFFD"},
		{"two high surrogates then a pair", []byte{0x3D, 0xD8, 0x3D, 0xD8, 0x80, 0xDE}, false, "\uFFFD🚀"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := io.ReadAll(newUTF16Reader(bytes.NewReader(tt.in), tt.big))
			if err != nil || string(got) != tt.want {
				t.Errorf("decoded %q, %v; want %q", got, err, tt.want)
			}
			// The same through one-byte reads on both sides, and the
			// io.Reader contract.
			got, err = io.ReadAll(iotest.OneByteReader(newUTF16Reader(iotest.OneByteReader(bytes.NewReader(tt.in)), tt.big)))
			if err != nil || string(got) != tt.want {
				t.Errorf("one byte at a time: decoded %q, %v; want %q", got, err, tt.want)
			}
			if err := iotest.TestReader(newUTF16Reader(bytes.NewReader(tt.in), tt.big), []byte(tt.want)); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestUTF16ReaderError(t *testing.T) {
	errDisk := io.ErrClosedPipe
	r := newUTF16Reader(io.MultiReader(bytes.NewReader([]byte{'A', 0, 'B'}), iotest.ErrReader(errDisk)), false)
	got, err := io.ReadAll(r)
	if err != errDisk || string(got) != "A" {
		t.Errorf("ReadAll = %q, %v; want %q, %v", got, err, "A", errDisk)
	}
}

// TestImportUTF16 reads Excel's "Unicode Text" (UTF-16LE with a BOM, tab
// separated) and the big-endian form.
func TestImportUTF16(t *testing.T) {
	toText := func(rows [][]string) string {
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\r\n")
		}
		return b.String()
	}
	roster := [][]string{
		{"Employee Name", "Work Email", "Team"},
		{"Zoë Müller", "Zoe.Muller@example.com", "Köln – Core"},
		{"Ada Okafor", "ada.okafor@example.com", "Payments 💳"},
	}
	people := []multiplier.Person{
		{Email: "zoe.muller@example.com", Name: "Zoë Müller", Team: "Köln – Core"},
		{Email: "ada.okafor@example.com", Name: "Ada Okafor", Team: "Payments 💳"},
	}
	outlook := [][]string{
		outlookHeader,
		outlookRow("Café sync", "5/7/2026", "2:00:00 PM", "5/7/2026", "3:00:00 PM", "False", "Müller, Zoë", "Jun Kim;Ada Okafor <ada.okafor@example.com>", "", ""),
	}
	meetings := []multiplier.Meeting{{Subject: "Café sync", Start: utc(2026, 5, 7, 14, 0, 0), End: utc(2026, 5, 7, 15, 0, 0),
		Organizer: "Zoë Müller", Attendees: []string{"Jun Kim", "ada.okafor@example.com"}}}
	tests := []struct {
		name     string
		data     []byte
		kind     Kind
		people   []multiplier.Person
		meetings []multiplier.Meeting
	}{
		{"roster LE", encodeUTF16(toText(roster), false), KindRoster, people, nil},
		{"roster BE", encodeUTF16(toText(roster), true), KindRoster, people, nil},
		{"outlook LE", encodeUTF16(toText(outlook), false), KindMeetings, nil, meetings},
		{"outlook BE", encodeUTF16(toText(outlook), true), KindMeetings, nil, meetings},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "export.txt", string(tt.data))
			var sink recorder
			var calls [][2]int64
			rep, err := Import(context.Background(), path, &sink, func(done, total int64) { calls = append(calls, [2]int64{done, total}) })
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			if rep.Kind != tt.kind || rep.Format != "csv" {
				t.Errorf("Kind, Format = %q, %q; want %q, csv", rep.Kind, rep.Format, tt.kind)
			}
			if !reflect.DeepEqual(sink.people, tt.people) || !reflect.DeepEqual(sink.meetings, tt.meetings) {
				t.Errorf("records:\n got %+v %+v\nwant %+v %+v", sink.people, sink.meetings, tt.people, tt.meetings)
			}
			size := int64(len(tt.data))
			if last := calls[len(calls)-1]; last != [2]int64{size, size} {
				t.Errorf("last progress %v, want done == total == %d bytes of the file", last, size)
			}
			if k, err := Detect(path); err != nil || k != tt.kind {
				t.Errorf("Detect = %q, %v; want %q", k, err, tt.kind)
			}
		})
	}
}
