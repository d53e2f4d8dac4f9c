package export

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestWorkbookOpensInLibreOffice converts the workbook to PDF with
// LibreOffice, which fails on a workbook it cannot open. It needs
// LibreOffice Calc and takes a while, so it runs only when asked:
//
//	MULTIPLIER_CHECK_OFFICE=1 go test ./export -run TestWorkbookOpensInLibreOffice -v
//
// (make check-office). Debian: apt-get install libreoffice-calc-nogui.
func TestWorkbookOpensInLibreOffice(t *testing.T) {
	if os.Getenv("MULTIPLIER_CHECK_OFFICE") != "1" {
		t.Skip("set MULTIPLIER_CHECK_OFFICE=1 to open the workbook in LibreOffice (make check-office)")
	}
	office := ""
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			office = p
			break
		}
	}
	if office == "" {
		t.Fatal("neither libreoffice nor soffice is on PATH: apt-get install libreoffice-calc-nogui")
	}
	for _, tc := range []struct {
		name string
		r    Report
		opt  Options
	}{
		{"named", testReport(), Options{Formats: []string{FormatXLSX}}},
		{"anonymised, formula injections", injectedReport(), Options{Formats: []string{FormatXLSX}, Anonymize: true, PseudonymTeams: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := writeExport(t, tc.r, tc.opt)
			out := t.TempDir()
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, office, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", out, filepath.Join(dir, "calibration.xlsx"))
			// A profile of its own, so a LibreOffice already running for
			// the user neither takes the job nor is disturbed.
			cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			start := time.Now()
			stdout, err := cmd.Output()
			t.Logf("%s took %v\n%s%s", filepath.Base(office), time.Since(start).Round(time.Millisecond), stdout, stderr.Bytes())
			if err != nil {
				t.Fatalf("%s --convert-to pdf: %v", office, err)
			}
			fi, err := os.Stat(filepath.Join(out, "calibration.pdf"))
			if err != nil {
				t.Fatalf("no PDF from LibreOffice: %v", err)
			}
			if fi.Size() == 0 {
				t.Fatal("LibreOffice wrote an empty PDF")
			}
			if p := filepath.Join(out, "calibration.pdf"); pdfPages(t, p) < 1 {
				t.Errorf("%s has no pages", p)
			}
		})
	}
}
