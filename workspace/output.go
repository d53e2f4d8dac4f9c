package workspace

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/multiplier/multiplier/graph"
)

// ErrOutputIsData is returned when an output path would overwrite the
// workspace, one of SQLite's files beside it, or any SQLite file.
var ErrOutputIsData = errors.New("refusing to overwrite a database")

// WriteJSONFile writes the analysis as the contract's JSON (WriteJSON)
// to path: through a temporary file in the same folder, renamed into
// place when complete, so a kill leaves the previous file whole. It
// refuses a path that is this workspace, its journal files, a folder or
// an existing SQLite file.
func (w *Workspace) WriteJSONFile(path string, res, prev *graph.Result) error {
	if err := w.CheckOutput(path); err != nil {
		return err
	}
	return writeAtomic(path, func(out io.Writer) error { return WriteJSON(out, res, prev) })
}

// CheckOutput reports why a file must not be written at path: it is the
// workspace or one of the files SQLite keeps beside it, a folder, or an
// existing SQLite file (another workspace). A new or ordinary file is fine.
func (w *Workspace) CheckOutput(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	ws, err := filepath.Abs(w.Path())
	if err != nil {
		return err
	}
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if abs != ws+suffix && !sameFile(abs, ws+suffix) {
			continue
		}
		what := "the workspace"
		if suffix != "" {
			what = "a journal file of the workspace"
		}
		return fmt.Errorf("%w: %s is %s; choose another file", ErrOutputIsData, path, what)
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case fi.IsDir():
		return fmt.Errorf("%s is a folder; give a file name", path)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file", path)
	}
	if isSQLite(abs) {
		return fmt.Errorf("%w: %s is an SQLite file; choose another file", ErrOutputIsData, path)
	}
	return nil
}

func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}

// isSQLite reports whether the file at path starts as an SQLite database.
func isSQLite(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 16)
	_, err = io.ReadFull(f, head)
	return err == nil && bytes.Equal(head, []byte("SQLite format 3\x00"))
}

// writeAtomic writes path with write through a temporary file in the
// same folder, synced and renamed into place when write succeeds; on any
// error the temporary file is removed and path is untouched.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriter(tmp)
	if err = write(bw); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
