package export

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWriteFiles writes every format for three people (one without a
// role, one with more evidence than a page holds) and checks that each
// file is what its name says and opens in the programs people use.
func TestWriteFiles(t *testing.T) {
	r := testReport()
	sel := []int{0, noRolePerson, longEvidencePerson}
	dir, files := writeExport(t, r, Options{People: sel})

	t.Run("list", func(t *testing.T) {
		want := []string{"calibration.xlsx", "people.csv", "people.pdf"}
		for _, c := range []string{"quadrant", "team-flows", "network"} {
			for _, f := range []string{"png", "svg", "pdf"} {
				want = append(want, c+"."+f)
			}
		}
		for _, i := range sel {
			s := slug(r.People[i].Name)
			want = append(want, "people/"+s+".pdf", "trends/"+s+".png", "trends/"+s+".svg", "trends/"+s+".pdf")
		}
		slices.Sort(want)
		if got := relPaths(t, dir, files); !slices.Equal(got, want) {
			t.Errorf("Write returned\n%v\nwant\n%v", got, want)
		}
		// Nothing else in the directory but the manifest: no temporary
		// files.
		if got := relFiles(t, dir); !slices.Equal(got, append([]string{manifestName}, want...)) {
			t.Errorf("directory holds\n%v\nwant\n%v", got, want)
		}
	})

	byExt := map[string][]string{}
	for _, f := range files {
		byExt[filepath.Ext(f)] = append(byExt[filepath.Ext(f)], f)
	}

	t.Run("png", func(t *testing.T) {
		for _, f := range byExt[".png"] {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
			b := img.Bounds()
			if b.Dx() < 600 || b.Dx() > 4000 || b.Dy() < 400 || b.Dy() > 4000 {
				t.Errorf("%s: %d × %d pixels, want 600…4000 × 400…4000", f, b.Dx(), b.Dy())
			}
			if n := colours(img, 64); n < 16 {
				t.Errorf("%s: only %d colours: blank?", f, n)
			}
		}
	})

	t.Run("svg", func(t *testing.T) {
		for _, f := range byExt[".svg"] {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text, err := xmlText(data)
			if err != nil {
				t.Errorf("%s: not XML: %v", f, err)
				continue
			}
			if !bytes.Contains(data, []byte("<svg")) || !strings.Contains(text, "Signals for a conversation") {
				t.Errorf("%s: no <svg> element or no footer text", f)
			}
		}
	})

	t.Run("pdf", func(t *testing.T) {
		needTool(t, "pdftoppm")
		needTool(t, "pdfinfo")
		for _, f := range byExt[".pdf"] {
			rel, _ := filepath.Rel(dir, f)
			want := 1
			if rel == "people.pdf" {
				want = len(sel)
			}
			if got := pdfPages(t, f); got != want {
				t.Errorf("%s: pdfinfo says %d pages, want %d", rel, got, want)
			}
			if got := renderPDF(t, f); got != want {
				t.Errorf("%s: pdftoppm rendered %d pages, want %d", rel, got, want)
			}
		}
	})

	t.Run("pdf fonts", func(t *testing.T) {
		// Each font has a font file of its own (gonum's vgpdf gave all
		// fonts of a document the glyphs of the last one registered).
		for _, f := range byExt[".pdf"] {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			descs := bytes.Count(data, []byte("/Type /FontDescriptor"))
			var refs []string
			for _, m := range regexp.MustCompile(`/FontFile2 (\d+) 0 R`).FindAllSubmatch(data, -1) {
				refs = append(refs, string(m[1]))
			}
			slices.Sort(refs)
			if descs == 0 || len(refs) != descs || len(slices.Compact(refs)) != descs {
				t.Errorf("%s: %d font descriptors but font files %v", f, descs, refs)
			}
		}
		person := filepath.Join(dir, "people", slug(r.People[0].Name)+".pdf")
		out := string(run(t, "pdffonts", person))
		for _, face := range []string{"liberationsans-regular", "liberationsans-bold"} {
			if !strings.Contains(out, face) {
				t.Errorf("person page has no %s font:\n%s", face, out)
			}
		}
	})
}

// colours counts the distinct colours of img, up to limit.
func colours(img image.Image, limit int) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}

// word is one word of a PDF page as pdftotext -bbox places it, in points
// from the top left.
type word struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

var bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

func pageWords(t testing.TB, path string) []word {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", path, "-")
	var ws []word
	for _, m := range bboxWord.FindAllSubmatch(out, -1) {
		f := func(i int) float64 { v, _ := strconv.ParseFloat(string(m[i]), 64); return v }
		ws = append(ws, word{text: htmlUnescape(string(m[5])), xMin: f(1), yMin: f(2), xMax: f(3), yMax: f(4)})
	}
	if len(ws) == 0 {
		t.Fatalf("pdftotext -bbox %s: no words", path)
	}
	return ws
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&#39;", "'").Replace(s)
}

// firstWord is the first word (reading order) equal to text.
func firstWord(t testing.TB, ws []word, text string) word {
	t.Helper()
	for _, w := range ws {
		if w.text == text {
			return w
		}
	}
	t.Fatalf("no word %q on the page", text)
	return word{}
}

// TestPersonPageLayout reads the person pages back with pdftotext: the
// sections follow each other (evidence, key metrics beside the ego
// network, trend beside coverage, caveat) with no large gap, everything
// stays on the page, long evidence is cut with a note, metric labels
// are whole and the period names under the trend are separate words.
func TestPersonPageLayout(t *testing.T) {
	r := testReport()
	dir, _ := writeExport(t, r, Options{Formats: []string{FormatPDF}, People: []int{noRolePerson, longEvidencePerson}})
	for _, tc := range []struct {
		name      string
		person    int
		shortened bool
	}{
		{"no role, one sentence", noRolePerson, false},
		{"long evidence", longEvidencePerson, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "people", slug(r.People[tc.person].Name)+".pdf")
			if n := pdfPages(t, path); n != 1 {
				t.Fatalf("%d pages, want 1", n)
			}
			ws := pageWords(t, path)
			for _, w := range ws {
				if w.xMin < 0 || w.yMin < 0 || w.xMax > float64(a4W) || w.yMax > float64(a4H) {
					t.Errorf("word %q at (%.0f,%.0f)–(%.0f,%.0f) is off the page", w.text, w.xMin, w.yMin, w.xMax, w.yMax)
				}
			}
			roles := firstWord(t, ws, "Roles")
			key := firstWord(t, ws, "Key")
			ego := firstWord(t, ws, "Who")
			trend := firstWord(t, ws, "Trend")
			coverage := firstWord(t, ws, "Data")
			caveat := firstWord(t, ws, "These")
			if !(roles.yMax < key.yMin && key.yMax < trend.yMin && trend.yMax < caveat.yMin) {
				t.Errorf("sections out of order: Roles %.0f, Key metrics %.0f, Trend %.0f, caveat %.0f", roles.yMin, key.yMin, trend.yMin, caveat.yMin)
			}
			if math.Abs(key.yMin-ego.yMin) > 1 || math.Abs(trend.yMin-coverage.yMin) > 1 {
				t.Errorf("rows not aligned: Key metrics %.0f / Who they work with %.0f, Trend %.0f / Data coverage %.0f", key.yMin, ego.yMin, trend.yMin, coverage.yMin)
			}
			// The evidence ends just above the key metrics.
			lastEvidence := 0.0
			for _, w := range ws {
				if w.yMax < key.yMin-1 {
					lastEvidence = max(lastEvidence, w.yMax)
				}
			}
			if gap := key.yMin - lastEvidence; gap > 40 {
				t.Errorf("%.0f pt between the evidence and Key metrics, want ≤ 40", gap)
			}
			var text []string
			for _, w := range ws {
				text = append(text, w.text)
			}
			all := strings.Join(text, " ")
			if got := strings.Contains(all, "Evidence shortened to fit one page"); got != tc.shortened {
				t.Errorf("note on shortened evidence shown: %v, want %v", got, tc.shortened)
			}
			for _, mt := range r.People[tc.person].Metrics {
				for _, lw := range strings.Fields(mt.Label) {
					if !slices.Contains(text, lw) {
						t.Errorf("metric label %q: word %q not on the page (cut?)", mt.Label, lw)
					}
				}
			}
			var periods []word
			for _, tp := range r.People[tc.person].Trend {
				periods = append(periods, firstWord(t, ws, tp.Label))
			}
			for k := 1; k < len(periods); k++ {
				if periods[k].xMin < periods[k-1].xMax+4 {
					t.Errorf("period names %q and %q run together", periods[k-1].text, periods[k].text)
				}
			}
		})
	}
}

// TestWorkbook opens the workbook with excelize: its sheets, the header
// row frozen and filtered on Summary, number formats on number cells
// and the two native charts.
func TestWorkbook(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  Options
	}{
		{"named", Options{Formats: []string{FormatXLSX}}},
		{"anonymised", Options{Formats: []string{FormatXLSX}, Anonymize: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := testReport()
			dir, _ := writeExport(t, r, tc.opt)
			path := filepath.Join(dir, "calibration.xlsx")
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()

			wantSheets := []string{"Summary", "Evidence", "Teams", "Flows", "Quadrant", "Trend", "About"}
			if got := f.GetSheetList(); !slices.Equal(got, wantSheets) {
				t.Errorf("sheets %v, want %v", got, wantSheets)
			}
			for _, sheet := range []string{"Summary", "Evidence", "Teams"} {
				panes, err := f.GetPanes(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if !panes.Freeze || panes.YSplit != 1 {
					t.Errorf("%s: panes %+v, want the header row frozen", sheet, panes)
				}
			}
			parts := zipParts(t, path)
			sheetXML := parts["xl/worksheets/sheet1.xml"]
			rows, err := f.GetRows("Summary")
			if err != nil {
				t.Fatal(err)
			}
			// excelize writes the filter's range with absolute
			// references ($A$1:$S$13); Excel and LibreOffice read both.
			wantFilter := "A1:" + ref(len(rows[0]), len(rows))
			m := regexp.MustCompile(`<autoFilter ref="([^"]+)"`).FindSubmatch(sheetXML)
			if m == nil || strings.ReplaceAll(string(m[1]), "$", "") != wantFilter {
				t.Errorf("Summary's autoFilter is %q, want %s", m, wantFilter)
			}
			if dn := f.GetDefinedName(); !slices.ContainsFunc(dn, func(d excelize.DefinedName) bool {
				return d.Name == "_xlnm._FilterDatabase" && d.Scope == "Summary"
			}) {
				t.Errorf("no _xlnm._FilterDatabase name for Summary in %+v", dn)
			}
			if len(rows) != len(r.People)+1 {
				t.Errorf("Summary has %d rows, want a header and %d people", len(rows), len(r.People))
			}

			// Number cells: every cell right of Coverage is a number
			// (or blank) with a number format.
			header := rows[0]
			firstNum := slices.Index(header, "Coverage") + 1
			if firstNum == 0 {
				t.Fatalf("no Coverage column in %v", header)
			}
			formats := map[int]bool{}
			for row := 2; row <= len(rows); row++ {
				for col := firstNum + 1; col <= len(header); col++ {
					cell := ref(col, row)
					v, err := f.GetCellValue("Summary", cell, excelize.Options{RawCellValue: true})
					if err != nil {
						t.Fatal(err)
					}
					if v == "" {
						continue
					}
					if _, err := strconv.ParseFloat(v, 64); err != nil {
						t.Errorf("Summary!%s (%s) = %q, want a number", cell, header[col-1], v)
					}
					typ, _ := f.GetCellType("Summary", cell)
					if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
						t.Errorf("Summary!%s (%s) has type %v, want a number", cell, header[col-1], typ)
					}
					id, err := f.GetCellStyle("Summary", cell)
					if err != nil {
						t.Fatal(err)
					}
					st, err := f.GetStyle(id)
					if err != nil {
						t.Fatal(err)
					}
					if st.NumFmt == 0 && st.CustomNumFmt == nil {
						t.Errorf("Summary!%s (%s) has the General format", cell, header[col-1])
					}
					formats[st.NumFmt] = true
					if strings.HasSuffix(header[col-1], "(%)") && st.NumFmt != 9 {
						t.Errorf("Summary!%s (%s) has number format %d, want 9 (0%%)", cell, header[col-1], st.NumFmt)
					}
				}
			}
			for _, nf := range []int{1, 2, 9} {
				if !formats[nf] {
					t.Errorf("no Summary number cell has format %d", nf)
				}
			}

			var charts []string
			for name := range parts {
				if regexp.MustCompile(`^xl/charts/chart\d+\.xml$`).MatchString(name) {
					charts = append(charts, name)
				}
			}
			if len(charts) != 2 {
				t.Errorf("%d native charts %v, want 2 (teams, quadrant)", len(charts), charts)
			}
		})
	}
}

// TestWriteDeterministic writes the same report twice: every file is
// byte-identical, including the PDFs (their dates come from the report)
// and every part of the workbook.
func TestWriteDeterministic(t *testing.T) {
	r := testReport()
	opt := Options{People: []int{0, longEvidencePerson}, Anonymize: true}
	dirA, filesA := writeExport(t, r, opt)
	dirB, filesB := writeExport(t, r, opt)
	if a, b := relPaths(t, dirA, filesA), relPaths(t, dirB, filesB); !slices.Equal(a, b) {
		t.Fatalf("file lists differ:\n%v\n%v", a, b)
	}
	for _, rel := range relPaths(t, dirA, filesA) {
		a, err := os.ReadFile(filepath.Join(dirA, rel))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dirB, rel))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(rel, ".xlsx") {
			pa, pb := zipParts(t, filepath.Join(dirA, rel)), zipParts(t, filepath.Join(dirB, rel))
			for name, da := range pa {
				if db, ok := pb[name]; !ok || !bytes.Equal(da, db) {
					t.Errorf("%s: part %s differs", rel, name)
				}
			}
			if len(pa) != len(pb) {
				t.Errorf("%s: %d parts and %d parts", rel, len(pa), len(pb))
			}
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two exports", rel)
		}
	}
	// The PDF dates are those of the report, not of the clock.
	data, err := os.ReadFile(filepath.Join(dirA, "people.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	want := "/CreationDate (D:" + r.Generated.Format("20060102150405") + ")"
	if !bytes.Contains(data, []byte(want)) {
		t.Errorf("people.pdf has no %s", want)
	}
}

// TestWriteProgress checks the progress calls: (0, total) first, then
// done increasing by each file or page, ending at total.
func TestWriteProgress(t *testing.T) {
	r := testReport()
	sel := []int{0, 1}
	var calls [][2]int
	files, err := Write(context.Background(), t.TempDir(), r, Options{People: sel}, func(done, total int) {
		calls = append(calls, [2]int{done, total})
	})
	if err != nil {
		t.Fatal(err)
	}
	// 3 charts × 3 formats, a trend chart × 3 formats, a person PDF and
	// a page of people.pdf per person, the workbook and the CSV.
	total := 9 + 3*len(sel) + 2*len(sel) + 2
	if len(calls) == 0 || calls[0] != [2]int{0, total} {
		t.Fatalf("first call %v, want [0 %d]", calls[:min(1, len(calls))], total)
	}
	for k := 1; k < len(calls); k++ {
		if calls[k][1] != total {
			t.Errorf("call %d: total %d, want %d", k, calls[k][1], total)
		}
		if calls[k][0] <= calls[k-1][0] {
			t.Errorf("call %d: done %d after %d", k, calls[k][0], calls[k-1][0])
		}
	}
	if last := calls[len(calls)-1]; last != [2]int{total, total} {
		t.Errorf("last call %v, want [%d %d]", last, total, total)
	}
	if len(files) != total-len(sel)+1 {
		t.Errorf("%d files, want %d", len(files), total-len(sel)+1)
	}
}

// TestWriteCancel cancels an export before it starts, between files and
// between the pages of the combined PDF: Write returns ctx.Err(), the
// files it returns are complete, and no other file (no temporary one)
// but the manifest is left in the directory; cancelled before it
// starts, it leaves the directory alone.
func TestWriteCancel(t *testing.T) {
	r := testReport()
	sel := []int{0, 1, 2}
	for _, tc := range []struct {
		name     string
		formats  []string
		before   bool                // cancel before Write
		cancelAt func(total int) int // else cancel when done reaches this
		complete []string            // files that must have been written
		missing  []string            // files that must not exist
	}{
		{"before start", nil, true, nil, nil, []string{"quadrant.png"}},
		{"between files", nil, false, func(int) int { return 4 }, []string{"quadrant.png", "quadrant.svg", "quadrant.pdf", "team-flows.png"}, []string{"people.csv", "calibration.xlsx"}},
		// PDF only: 3 charts, 3 trends, 3 person PDFs, then the pages of
		// people.pdf; cancel after its first page.
		{"between pages", []string{FormatPDF}, false, func(total int) int { return total - len(sel) + 1 }, []string{"network.pdf"}, []string{"people.pdf"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "export")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tc.before {
				cancel()
			}
			files, err := Write(ctx, dir, r, Options{Formats: tc.formats, People: sel}, func(done, total int) {
				if !tc.before && done == tc.cancelAt(total) {
					cancel()
				}
			})
			if !errors.Is(err, context.Canceled) || err != ctx.Err() {
				t.Fatalf("Write returned %v, want ctx.Err() = %v", err, ctx.Err())
			}
			got, want := relFiles(t, dir), relPaths(t, dir, files)
			if !tc.before {
				// The manifest says the export is incomplete.
				want = append([]string{manifestName}, want...)
			}
			if !slices.Equal(got, want) {
				t.Errorf("directory holds %v, Write returned %v", got, want)
			}
			for _, f := range got {
				if f == manifestName {
					continue
				}
				if strings.HasSuffix(f, ".tmp") || strings.HasPrefix(filepath.Base(f), ".") {
					t.Errorf("temporary file %s left", f)
				}
			}
			for _, f := range tc.complete {
				if !slices.Contains(got, f) {
					t.Errorf("%s not written before the cancel", f)
				}
			}
			for _, f := range tc.missing {
				if slices.Contains(got, f) {
					t.Errorf("%s written after the cancel", f)
				}
			}
			for _, f := range files {
				checkComplete(t, f)
			}
		})
	}
}

// checkComplete fails when the file at path is not a whole file of its
// kind.
func checkComplete(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	switch filepath.Ext(path) {
	case ".png":
		if _, err := png.Decode(bytes.NewReader(data)); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	case ".svg":
		if _, err := xmlText(data); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	case ".pdf":
		if !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) {
			t.Errorf("%s does not end in %%%%EOF", path)
		}
	}
}

// TestWriteBadInput: bad data and unknown formats are errors before
// anything is written.
func TestWriteBadInput(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(r *Report, o *Options)
		want   string
	}{
		{"edge from out of range", func(r *Report, o *Options) { r.Edges = append(r.Edges, Edge{From: len(r.People), To: 0, Weight: 1}) }, "person index"},
		{"edge to negative", func(r *Report, o *Options) { r.Edges = append(r.Edges, Edge{From: 0, To: -1, Weight: 1}) }, "person index"},
		{"edge weight NaN", func(r *Report, o *Options) { r.Edges = append(r.Edges, Edge{From: 0, To: 1, Weight: math.NaN()}) }, "weight"},
		{"unknown format", func(r *Report, o *Options) { o.Formats = []string{FormatPNG, "docx"} }, "unknown format"},
		{"duplicate pseudonyms", func(r *Report, o *Options) {
			o.Anonymize = true
			o.Pseudonyms = func(email string) string {
				if email == r.People[0].Email || email == r.People[1].Email {
					return "Reviewer A"
				}
				return "Reviewer " + email
			}
		}, "share"},
		{"empty pseudonym", func(r *Report, o *Options) {
			o.Anonymize = true
			o.Pseudonyms = func(string) string { return " " }
		}, "pseudonym"},
		{"selected person out of range", func(r *Report, o *Options) { o.People = []int{0, len(r.People)} }, "person index"},
		{"flows not square", func(r *Report, o *Options) { r.Flows.Weight = r.Flows.Weight[1:] }, "flows"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := testReport()
			var opt Options
			tc.change(&r, &opt)
			dir := filepath.Join(t.TempDir(), "export")
			called := false
			files, err := Write(context.Background(), dir, r, opt, func(int, int) { called = true })
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Write returned %v, want an error about %q", err, tc.want)
			}
			if len(files) != 0 || called {
				t.Errorf("Write returned files %v (progress called: %v)", files, called)
			}
			if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the directory was created (%v): %v", err, relFiles(t, dir))
			}
		})
	}
}
