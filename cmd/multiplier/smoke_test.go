//go:build smoke

package main

import (
	"bufio"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSmoke builds the desktop binary, starts it under Xvfb on the sample
// organisation, screenshots the real window and fails unless the people
// table rendered: the app reports its row count, and the screenshot shows
// a column of text lines where the table is. SMOKE_SHOT, when set, keeps
// the screenshot there.
func TestSmoke(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "multiplier")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	display := startXvfb(t)
	ready := filepath.Join(dir, "ready")
	app := exec.Command(bin, "-ready-file", ready, "-screen", "people")
	app.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+dir, "XDG_CACHE_HOME="+filepath.Join(dir, "cache"),
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "LANG=en_US.UTF-8")
	logf, _ := os.Create(filepath.Join(dir, "app.log"))
	app.Stdout, app.Stderr = logf, logf
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { app.Process.Kill(); app.Wait() }()

	rows := waitReady(t, ready, filepath.Join(dir, "app.log"))
	if rows < 20 {
		t.Fatalf("people table shows %d rows, want the sample's people", rows)
	}
	time.Sleep(2 * time.Second) // let the frame that shows them be drawn
	shot := screenshot(t, display, dir)
	lines := textLines(shot)
	t.Logf("table rows %d; text lines in the table area: %d", rows, lines)
	if lines < 12 {
		t.Fatalf("the screenshot shows %d lines of text where the people table should be", lines)
	}
}

func startXvfb(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Fatal("Xvfb is not installed (make deps-test installs it)")
	}
	// -displayfd lets Xvfb pick a free display and write its number to
	// the pipe once it accepts connections: no guessing, and stale
	// sockets of killed servers do not matter.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1440x900x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { x.Process.Signal(syscall.SIGTERM); x.Wait() })
	got := make(chan string, 1)
	go func() {
		b, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(b)
	}()
	select {
	case n := <-got:
		if n == "" {
			t.Fatal("Xvfb exited without a display")
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		t.Fatal("Xvfb did not start in 20 s")
	}
	return ""
}

func waitReady(t *testing.T, ready, logPath string) int {
	t.Helper()
	// The first start of a new machine may compile shaders; allow time.
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(ready); err == nil && len(b) > 0 {
			n, err := strconv.Atoi(strings.TrimSpace(string(b)))
			if err == nil {
				return n
			}
		}
		time.Sleep(250 * time.Millisecond)
	}
	log, _ := os.ReadFile(logPath)
	t.Fatalf("the app never showed its people table\napp log:\n%s", log)
	return 0
}

func screenshot(t *testing.T, display, dir string) image.Image {
	t.Helper()
	path := os.Getenv("SMOKE_SHOT")
	if path == "" {
		path = filepath.Join(dir, "shot.png")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// The window must exist under its title; the shot is of it alone.
	find := exec.CommandContext(ctx, "xdotool", "search", "--name", "^Multiplier")
	find.Env = append(os.Environ(), "DISPLAY="+display)
	ids, err := find.Output()
	if err != nil || len(strings.Fields(string(ids))) == 0 {
		t.Fatalf("no window titled Multiplier on %s: %v", display, err)
	}
	id := strings.Fields(string(ids))[0]
	cmd := exec.CommandContext(ctx, "import", "-display", display, "-window", id, path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v\n%s", err, out)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	return img
}

// textLines counts the bands of rows that carry text in the left half of
// the window, where the people table sits: a row is inked when several of
// its pixels stand out from the background, and each run of inked rows
// is one line of text.
func textLines(img image.Image) int {
	b := img.Bounds()
	bg := luma(img.At(b.Min.X+b.Dx()/4, b.Max.Y-1-b.Dy()/3))
	lines, inLine := 0, false
	for y := b.Min.Y + 40; y < b.Max.Y-40; y++ {
		ink := 0
		for x := b.Min.X + 8; x < b.Min.X+b.Dx()/2; x++ {
			if d := luma(img.At(x, y)) - bg; d > 90 || d < -90 {
				ink++
			}
		}
		switch {
		case ink >= 3 && !inLine:
			lines++
			inLine = true
		case ink < 3:
			inLine = false
		}
	}
	return lines
}

func luma(c interface{ RGBA() (r, g, b, a uint32) }) int {
	r, g, b, _ := c.RGBA()
	return int((299*r + 587*g + 114*b) / 1000 >> 8)
}
