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
	"sync"
	"time"

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
	latency := flag.String("latency-file", "", "measure the UI goroutine's latency until the first analysis is shown and write it to this `file` (for tests)")
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
	onAnalysed := readyWriter(*ready)
	if *latency != "" {
		onAnalysed = latencyWriter(*latency, ui.StartLatencyProbe(), onAnalysed)
	}
	w.SetContent(ui.New(a, w, ws, ui.Options{OnAnalysed: onAnalysed, Version: version, Screen: *screen}))
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

// latencyWriter stops the probe after the first analysis is shown and
// writes "samples p50 p99 max" (milliseconds) to path, then calls next.
func latencyWriter(path string, probe *ui.LatencyProbe, next func(int)) func(int) {
	var once sync.Once
	return func(rows int) {
		once.Do(func() {
			go func() { // Stop waits for the probe, which needs this goroutine free
				l := probe.Stop()
				ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
				line := fmt.Sprintf("%d %.1f %.1f %.1f\n", l.Samples, ms(l.P50), ms(l.P99), ms(l.Max))
				if err := os.WriteFile(path, []byte(line), 0o644); err != nil {
					log.Print(err)
				}
			}()
		})
		if next != nil {
			next(rows)
		}
	}
}
