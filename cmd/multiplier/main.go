// Command multiplier is Multiplier's desktop app. With -w it opens that
// workspace file (created when missing); without, it opens the embedded
// sample organisation. Wiring only: the screens live in package ui.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/multiplier/multiplier/assets"
	"github.com/multiplier/multiplier/ui"
	"github.com/multiplier/multiplier/workspace"
)

var version = "dev"

func main() {
	wsPath := flag.String("w", "", "workspace `file` to open (default: the sample organisation)")
	ready := flag.String("ready-file", "", "write the people table's row count to this `file` once it is shown (for smoke tests)")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println("multiplier", version)
		return
	}
	ws, err := openWorkspace(*wsPath)
	if err != nil {
		log.Fatal(err)
	}
	defer ws.Close()

	a := app.NewWithID("io.github.multiplier.app")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow("Multiplier — " + title(ws, *wsPath))
	w.SetContent(ui.New(a, w, ws, ui.Options{OnAnalysed: readyWriter(*ready)}))
	w.Resize(fyne.NewSize(1400, 860))
	w.ShowAndRun()
}

func openWorkspace(path string) (*workspace.Workspace, error) {
	if path != "" {
		return workspace.Open(path)
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return workspace.OpenSample(context.Background(), filepath.Join(dir, "multiplier", "sample-"+assets.SampleID()), nil)
}

func title(ws *workspace.Workspace, path string) string {
	if path == "" {
		return "sample organisation"
	}
	return filepath.Base(ws.Path())
}

func readyWriter(path string) func(int) {
	if path == "" {
		return nil
	}
	return func(rows int) {
		if err := os.WriteFile(path, fmt.Appendf(nil, "%d\n", rows), 0o644); err != nil {
			log.Print(err)
		}
	}
}
