// Command multiplier is Multiplier's desktop app. With -w it opens that
// workspace file (created when missing); without, the workspace open when
// the app last closed, or on a first start the embedded sample
// organisation. Wiring only: the screens live in package ui.
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
	sample := flag.Bool("sample", false, "open the sample organisation, not the last workspace")
	screen := flag.String("screen", "", "open on this `tab` (overview, people, network, flows, quadrant, areas, settings, import, identities, export, about), for screenshots")
	flag.Parse()
	if *showVersion {
		fmt.Println("multiplier", version)
		return
	}
	a := app.NewWithID("io.github.multiplier.app")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	path := *wsPath
	if path == "" && !*sample {
		path = ui.LastWorkspace(a)
	}
	ws, err := openWorkspace(path)
	if err != nil {
		log.Fatal(err)
	}
	defer ws.Close()

	w := a.NewWindow("Multiplier — " + title(ws, path))
	ui.RestoreWindow(a, w)
	w.SetContent(ui.New(a, w, ws, ui.Options{OnAnalysed: readyWriter(*ready), Version: version, Sample: path == "", Screen: *screen}))
	w.ShowAndRun()
}

func openWorkspace(path string) (*workspace.Workspace, error) {
	if path != "" {
		return workspace.Open(path)
	}
	return workspace.OpenSample(context.Background(), workspace.SampleDir(), nil)
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
