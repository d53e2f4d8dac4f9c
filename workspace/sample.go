package workspace

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/multiplier/multiplier/assets"
)

// OpenSample opens (creating when needed) the workspace of the embedded
// sample organisation in dir: it writes the sample files there and imports
// those not yet in the workspace. progress may be nil.
func OpenSample(ctx context.Context, dir string, progress func(Progress)) (*Workspace, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open sample: %w", err)
	}
	w, err := Open(filepath.Join(dir, "sample.db"))
	if err != nil {
		return nil, err
	}
	for _, name := range assets.SampleFiles {
		if err := w.importSample(ctx, dir, name, progress); err != nil {
			w.Close()
			return nil, err
		}
	}
	return w, nil
}

func (w *Workspace) importSample(ctx context.Context, dir, name string, progress func(Progress)) error {
	b, err := assets.Sample.ReadFile(name)
	if err != nil {
		return fmt.Errorf("open sample: %w", err)
	}
	dst := filepath.Join(dir, path.Base(name))
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		return fmt.Errorf("open sample: %w", err)
	}
	_, err = w.Import(ctx, dst, progress)
	if errors.Is(err, ErrAlreadyImported) {
		return nil
	}
	return err
}

// SampleDir is where the desktop app keeps the sample organisation's
// workspace: a folder in the user's cache named by the sample's content,
// so a new sample never reuses an old workspace.
func SampleDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "multiplier", "sample-"+assets.SampleID())
}
