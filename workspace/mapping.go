package workspace

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/multiplier/multiplier/importers"
	"github.com/multiplier/multiplier/store"
)

// previewRows is how many data rows Preview shows.
const previewRows = 10

// Preview shows the file at path before it is imported, reading only its
// head (see importers.PreviewFile): its kind and format, and for a
// spreadsheet or CSV file its header, first 10 rows and the columns each
// field would be read from. When detection is unsure of the header (Sure
// is false) but a column mapping was saved for its Signature by
// ImportMapped, Kind, Source, Fields and Missing follow that mapping and
// Remembered is true: Import will read the file with it. A saved mapping
// that no longer fits the header is not shown.
func (w *Workspace) Preview(path string) (*importers.Preview, error) {
	if err := regularFile(path); err != nil {
		return nil, fmt.Errorf("preview %s: %w", filepath.Base(path), err)
	}
	p, err := importers.PreviewFile(path, previewRows)
	if err != nil || p.Sure || p.Signature == "" {
		return p, err
	}
	cm, ok, err := w.st.ColumnMap(context.Background(), p.Signature)
	if err != nil {
		return nil, fmt.Errorf("preview %s: %w", p.File, err)
	}
	if !ok {
		return p, nil
	}
	m, err := decodeMapping(cm)
	if err != nil {
		return p, nil
	}
	m.HeaderRow, m.Sheet = 0, "" // the signature found the header
	if p.Apply(*m) == nil {
		p.Remembered = true
	}
	return p, nil
}

// ImportMapped imports the file at path as Import does, in one
// transaction, with its columns read as m says (see importers.Mapping),
// and saves the mapping for the file's header signature in the same
// transaction, so that Import reads the next file of the same layout
// without asking. On any error nothing is kept, the mapping included.
// progress may be nil.
func (w *Workspace) ImportMapped(ctx context.Context, path string, m importers.Mapping, progress func(Progress)) (*ImportReport, error) {
	return w.importFile(ctx, path, progress, func(im *store.Import, p func(done, total int64)) (*importers.Report, error) {
		rep, err := importers.ImportWith(ctx, path, im, p, importers.Options{Mapping: &m})
		if err != nil {
			return rep, err
		}
		saved := *rep.Mapping
		saved.HeaderRow, saved.Sheet = 0, "" // where the next file has its header is for its signature to find
		js, err := json.Marshal(saved)
		if err != nil {
			return rep, fmt.Errorf("import %s: save column mapping: %w", rep.File, err)
		}
		if err := im.SaveColumnMap(rep.Signature, string(rep.Kind), string(js)); err != nil {
			return rep, fmt.Errorf("import %s: %w", rep.File, err)
		}
		return rep, nil
	})
}

// remembered looks up the column mappings saved in the workspace, inside
// the import's transaction, for importers.Options.Remembered.
func remembered(im *store.Import) func(signature string) (*importers.Mapping, error) {
	return func(signature string) (*importers.Mapping, error) {
		cm, ok, err := im.ColumnMap(signature)
		if err != nil || !ok {
			return nil, err
		}
		return decodeMapping(cm)
	}
}

func decodeMapping(cm store.ColumnMap) (*importers.Mapping, error) {
	var m importers.Mapping
	if err := json.Unmarshal([]byte(cm.Mapping), &m); err != nil {
		return nil, fmt.Errorf("column mapping %s: %w", cm.Signature, err)
	}
	return &m, nil
}
