package export

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// testReport is the synthetic report at a size the tests can afford: 12
// people in teams of 2 and 3 (and a sixth team, Identity, seen only in
// the flows), so that with MinGroupSize 3 the aggregates of Platform and
// Search are shown and those of the other teams hidden. Person 1 has no
// role and one general sentence of evidence; person 2 has far more
// evidence than a page holds.
func testReport() Report {
	r := synthReport(12)
	r.MinGroupSize = 3
	p := &r.People[1]
	p.Roles = nil
	var general []Evidence
	for _, e := range p.Evidence {
		if e.Role == "" {
			general = append(general, e)
		}
	}
	p.Evidence = general
	return r
}

// Indices into testReport().People.
const (
	noRolePerson       = 1
	longEvidencePerson = 2
)

// writeExport writes r with opt into a new directory and returns it with
// the files Write reports.
func writeExport(t testing.TB, r Report, opt Options) (string, []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "export")
	files, err := Write(context.Background(), dir, r, opt, nil)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return dir, files
}

// relFiles lists the files under dir, slash-separated and relative to it,
// sorted; a missing dir has none.
func relFiles(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// relPaths turns the paths Write returned into sorted relative ones.
func relPaths(t testing.TB, dir string, files []string) []string {
	t.Helper()
	out := make([]string, len(files))
	for i, f := range files {
		rel, err := filepath.Rel(dir, f)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = filepath.ToSlash(rel)
	}
	slices.Sort(out)
	return out
}

// needTool returns the path of a poppler-utils program, failing the test
// when it is missing: the PDF checks must not pass by being skipped.
func needTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not on PATH; the PDF checks need poppler-utils: apt-get install poppler-utils", name)
	}
	return p
}

// run runs a program and returns its standard output; it fails the test
// on a non-zero exit or anything on standard error.
func run(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(needTool(t, name), args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.Bytes())
	}
	if stderr.Len() > 0 {
		t.Fatalf("%s %s wrote to stderr:\n%s", name, strings.Join(args, " "), stderr.Bytes())
	}
	return stdout.Bytes()
}

var pagesLine = regexp.MustCompile(`(?m)^Pages:\s+(\d+)\s*$`)

// pdfPages is the page count pdfinfo reads from the PDF at path.
func pdfPages(t testing.TB, path string) int {
	t.Helper()
	out := run(t, "pdfinfo", path)
	m := pagesLine.FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo %s: no Pages line in\n%s", path, out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// renderPDF renders every page of the PDF at path with pdftoppm at a low
// resolution and returns how many PNG pages it wrote.
func renderPDF(t testing.TB, path string) int {
	t.Helper()
	out := filepath.Join(t.TempDir(), "page")
	run(t, "pdftoppm", "-r", "24", "-png", path, out)
	pngs, err := filepath.Glob(out + "*.png")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pngs {
		if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
			t.Fatalf("pdftoppm %s: empty page %s", path, p)
		}
	}
	return len(pngs)
}

// zipParts returns every part of the zip (xlsx) file at path by name.
func zipParts(t testing.TB, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer zr.Close()
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: open %s: %v", path, f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: read %s: %v", path, f.Name, err)
		}
		parts[f.Name] = b
	}
	return parts
}

// xmlText parses data as XML to its end and returns its character data
// and attribute values, joined without separators so that text split
// across elements (rich-text runs, tspans) still reads whole.
func xmlText(data []byte) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return b.String(), nil
		}
		if err != nil {
			return "", err
		}
		switch tok := tok.(type) {
		case xml.CharData:
			b.Write(tok)
		case xml.StartElement:
			for _, a := range tok.Attr {
				b.WriteString(a.Value)
			}
		}
	}
}

var pdfFontNames = regexp.MustCompile(`/(?:Identity-H|Adobe-Identity-UCS)\b`)

var pdfStream = regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`)

// pdfTexts returns what a PDF says in every form a name could take in it:
// the raw file, each stream inflated (FlateDecode) but for embedded font
// programs, and the string
// operands of the file and of each stream decoded from their escapes
// (octal, \(, …) and hex, read both as single bytes (Latin-1, what
// simple fonts use) and as UTF-16BE (what Unicode fonts use), all
// strings of a stream joined so that text drawn glyph by glyph or in
// pieces reads whole.
func pdfTexts(data []byte) []string {
	bodies := [][]byte{data}
	for _, m := range pdfStream.FindAllSubmatch(data, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		// The stream's data may be followed by an end of line before
		// "endstream"; what was inflated counts even then.
		b, _ := io.ReadAll(zr)
		if len(b) > 0 && !isFontProgram(b) {
			bodies = append(bodies, b)
		}
	}
	var out []string
	for _, body := range bodies {
		// The names of the Unicode fonts' encoding and character map are
		// no text of the document ("identity" is a team name of the
		// test report).
		body = pdfFontNames.ReplaceAll(body, nil)
		out = append(out, string(body))
		var latin, wide strings.Builder
		for _, s := range pdfStrings(body) {
			for _, c := range s {
				latin.WriteRune(rune(c))
			}
			u := make([]uint16, len(s)/2)
			for i := range u {
				u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
			}
			wide.WriteString(string(utf16.Decode(u)))
		}
		out = append(out, latin.String(), wide.String())
	}
	return out
}

// isFontProgram says whether an inflated stream is an embedded TrueType
// or OpenType font: glyphs, and a name table with the font's own
// copyright text ("… across platforms"), nothing the document says.
func isFontProgram(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0, 1, 0, 0}) || bytes.HasPrefix(b, []byte("true")) || bytes.HasPrefix(b, []byte("OTTO"))
}

// pdfStrings returns the literal "(…)" and hex "<…>" strings of a PDF
// body, decoded.
func pdfStrings(b []byte) [][]byte {
	var out [][]byte
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '(':
			var s []byte
			depth := 1
			j := i + 1
		lit:
			for ; j < len(b); j++ {
				c := b[j]
				switch c {
				case '(':
					depth++
				case ')':
					depth--
					if depth == 0 {
						break lit
					}
				case '\\':
					j++
					if j >= len(b) {
						break lit
					}
					e := b[j]
					switch e {
					case 'n':
						s = append(s, '\n')
					case 'r':
						s = append(s, '\r')
					case 't':
						s = append(s, '\t')
					case 'b':
						s = append(s, '\b')
					case 'f':
						s = append(s, '\f')
					case '\r':
						if j+1 < len(b) && b[j+1] == '\n' {
							j++
						}
					case '\n':
					default:
						if e >= '0' && e <= '7' {
							v := 0
							k := 0
							for ; k < 3 && j+k < len(b) && b[j+k] >= '0' && b[j+k] <= '7'; k++ {
								v = v*8 + int(b[j+k]-'0')
							}
							j += k - 1
							s = append(s, byte(v))
						} else {
							s = append(s, e)
						}
					}
					continue
				}
				s = append(s, c)
			}
			out = append(out, s)
			i = j
		case b[i] == '<' && i+1 < len(b) && b[i+1] == '<':
			i++
		case b[i] == '<':
			j := i + 1
			var hexDigits []byte
			for ; j < len(b) && b[j] != '>'; j++ {
				if c := b[j]; (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') {
					hexDigits = append(hexDigits, c)
				} else if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
					break // not a hex string
				}
			}
			if j < len(b) && b[j] == '>' {
				if len(hexDigits)%2 == 1 {
					hexDigits = append(hexDigits, '0')
				}
				s := make([]byte, len(hexDigits)/2)
				for k := range s {
					v, _ := strconv.ParseUint(string(hexDigits[2*k:2*k+2]), 16, 8)
					s[k] = byte(v)
				}
				out = append(out, s)
				i = j
			}
		}
	}
	return out
}

// fileTexts returns, in lower case, everything a reader or a program
// could read as text in the file at path: its raw bytes always; for
// xlsx every zip part raw and as XML text; for SVG its XML text; for
// PDF what pdfTexts finds. PNG pixels are not read: every chart is drawn
// from the same figure as its SVG and PDF, whose text is read.
func fileTexts(t testing.TB, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	switch filepath.Ext(path) {
	case ".pdf":
		texts = pdfTexts(data) // the raw file among them
	default:
		texts = []string{string(data)}
	}
	switch filepath.Ext(path) {
	case ".xlsx":
		for name, part := range zipParts(t, path) {
			texts = append(texts, name, string(part))
			if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
				s, err := xmlText(part)
				if err != nil {
					t.Fatalf("%s: part %s: %v", path, name, err)
				}
				texts = append(texts, s)
			}
		}
	case ".svg":
		s, err := xmlText(data)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		texts = append(texts, s)
	}
	for i, s := range texts {
		texts[i] = strings.ToLower(s)
	}
	return texts
}

// found returns the needles (lower case) that occur in any of texts.
func found(texts []string, needles []string) []string {
	var out []string
	for _, n := range needles {
		for _, s := range texts {
			if strings.Contains(s, n) {
				out = append(out, n)
				break
			}
		}
	}
	return out
}
