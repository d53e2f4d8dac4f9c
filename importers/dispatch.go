package importers

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/multiplier/multiplier/importers/ics"
	"github.com/multiplier/multiplier/importers/parse"
	"github.com/multiplier/multiplier/importers/reviewjson"
	"github.com/multiplier/multiplier/importers/slack"
)

// reader is one format package: it recognises its files by content and
// reads them into a Sink.
type reader struct {
	kind   Kind
	detect func(path string) (string, error)
	read   func(ctx context.Context, path string, sink parse.Sink, progress func(done, total int64)) (*parse.Stats, error)
}

// readers are tried before the tabular formats, in this order: each looks
// at content (zip directory, BEGIN:VCALENDAR, JSON shape), never at the
// file name.
var readers = []reader{
	{KindChat, slack.Detect, slack.Read},
	{KindMeetings, ics.Detect, ics.Read},
	{KindReviews, reviewjson.Detect, reviewjson.Read},
}

// detectReader returns the reader and format for path, or nil when the
// file is none of theirs (it may still be a spreadsheet).
func detectReader(path string) (*reader, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", err
	}
	f.Close()
	for i := range readers {
		format, err := readers[i].detect(path)
		if err != nil {
			return nil, "", fmt.Errorf("read %s: %w", filepath.Base(path), err)
		}
		if format != "" {
			return &readers[i], format, nil
		}
	}
	return nil, "", nil
}

// importWith reads path with a format package and reports as Import does.
func importWith(ctx context.Context, r *reader, format, path string, sink Sink, progress func(done, total int64)) (*Report, error) {
	rep := &Report{File: filepath.Base(path), Kind: r.kind, Format: format, Source: format}
	st, err := r.read(ctx, path, sink, progress)
	if st != nil {
		rep.Rows, rep.Imported, rep.Bots, rep.SelfReviews = st.Rows, st.Imported, st.Bots, st.SelfReviews
		rep.Skipped, rep.SkippedCount, rep.Notes = st.Skipped, st.SkippedCount, st.Notes
	}
	return rep, err
}
