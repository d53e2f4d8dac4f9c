package parse

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Open opens the file at path for a reader after checking ctx, and
// returns it with its size. Errors name the file: "read team.ics: …".
// The caller closes the file.
func Open(ctx context.Context, path string) (*os.File, int64, error) {
	file := filepath.Base(path)
	if err := ctx.Err(); err != nil {
		return nil, 0, fmt.Errorf("read %s: %w", file, err)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("read %s: %w", file, err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("read %s: %w", file, err)
	}
	return f, info.Size(), nil
}

// CountingReader counts the bytes read through it, for progress.
type CountingReader struct {
	R io.Reader
	N int64 // bytes read so far
}

// Read reads from R and counts.
func (c *CountingReader) Read(p []byte) (int, error) {
	n, err := c.R.Read(p)
	c.N += int64(n)
	return n, err
}
