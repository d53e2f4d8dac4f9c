package export

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// folderStep is one export into the folder of a TestWriteFolder case.
type folderStep struct {
	opt      Options
	cancelAt int   // cancel when done reaches this; 0: run to the end
	err      error // what Write must return (errors.Is); nil: success
}

var (
	named3 = Options{Formats: []string{FormatSVG, FormatPDF, FormatCSV}, People: []int{0, 1, 2}}
	anon3  = Options{Formats: named3.Formats, People: named3.People, Anonymize: true}
	named1 = Options{Formats: named3.Formats, People: []int{0}}
)

// TestWriteFolder exports once or more into one folder, prepared by
// setup, and checks after every step: a refused export changed nothing
// in the folder and called no progress; a cancelled one left the
// manifest incomplete and listing every file there; a complete one left
// exactly its files (and clutter) with a complete manifest listing
// them. Wherever the last export was anonymised, no file name and no
// text of any file holds a name, name part, email or alias.
func TestWriteFolder(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string)
		steps []folderStep
		check func(t *testing.T, dir string) // after the last step
	}{
		{name: "missing folder", steps: []folderStep{{opt: named3}}},
		{name: "empty folder", setup: mkdir, steps: []folderStep{{opt: named3}}},
		{name: "named then anonymised", steps: []folderStep{{opt: named3}, {opt: anon3}}},
		{name: "anonymised then named", steps: []folderStep{{opt: anon3}, {opt: named3}}},
		{name: "named, then anonymised cancelled", steps: []folderStep{{opt: named3}, {opt: anon3, cancelAt: 4}}},
		{name: "named, then anonymised cancelled, then anonymised", steps: []folderStep{{opt: named3}, {opt: anon3, cancelAt: 4}, {opt: anon3}}},
		{name: "cancelled, then the same again", steps: []folderStep{{opt: named3, cancelAt: 4}, {opt: named3}}},
		{name: "cancelled, then fewer people", steps: []folderStep{{opt: named3, cancelAt: 8}, {opt: named1}}},
		{name: "cancelled, then anonymised", steps: []folderStep{{opt: named3, cancelAt: 4}, {opt: anon3}}},
		{name: "fewer people removes their files", steps: []folderStep{{opt: named3}, {opt: named1}}},
		{
			name:  "fewer formats removes the emptied folders",
			steps: []folderStep{{opt: named3}, {opt: Options{Formats: []string{FormatCSV}}}},
			check: func(t *testing.T, dir string) {
				for _, sub := range []string{"people", "trends"} {
					if _, err := os.Lstat(filepath.Join(dir, sub)); !errors.Is(err, fs.ErrNotExist) {
						t.Errorf("%s/ left behind: %v", sub, err)
					}
				}
			},
		},
		{
			name: "clutter and a leftover manifest in the making",
			setup: func(t *testing.T, dir string) {
				writeFiles(t, dir, map[string]string{".DS_Store": "x", "Thumbs.db": "x", "..multiplier-export.json.123456.tmp": "{"})
			},
			steps: []folderStep{{opt: named3}},
			check: func(t *testing.T, dir string) {
				if got := relFiles(t, dir); !slices.Contains(got, ".DS_Store") || !slices.Contains(got, "Thumbs.db") {
					t.Errorf("clutter removed: %v", got)
				}
			},
		},
		{
			name: "a foreign folder is refused",
			setup: func(t *testing.T, dir string) {
				writeFiles(t, dir, map[string]string{"notes.txt": "mine", "sub/more.txt": "mine too"})
			},
			steps: []folderStep{{opt: named3, err: ErrForeignFolder}},
		},
		{
			name:  "a foreign subfolder is refused",
			setup: func(t *testing.T, dir string) { mkdir(t, filepath.Join(dir, "people")) },
			steps: []folderStep{{opt: named3, err: ErrForeignFolder}},
		},
		{
			name:  "a foreign file named like a temporary file is refused",
			setup: func(t *testing.T, dir string) { writeFiles(t, dir, map[string]string{".notes.txt.123.tmp": "mine"}) },
			steps: []folderStep{{opt: named3, err: ErrForeignFolder}},
		},
		{
			name:  "a broken manifest is refused",
			setup: func(t *testing.T, dir string) { writeFiles(t, dir, map[string]string{manifestName: "{not json"}) },
			steps: []folderStep{{opt: named3, err: ErrForeignFolder}},
		},
		{
			name:  "a symbolic link is refused",
			setup: func(t *testing.T, dir string) { mkdir(t, dir); symlink(t, dir, "link", "/") },
			steps: []folderStep{{opt: named3, err: ErrForeignFolder}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := testReport()
			dir := filepath.Join(t.TempDir(), "parent", "export")
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			for k, st := range tc.steps {
				runFolderStep(t, dir, r, st)
				if t.Failed() {
					t.Fatalf("after step %d (%+v)", k+1, st)
				}
			}
			if tc.check != nil {
				tc.check(t, dir)
			}
		})
	}
}

// TestWriteFolderOwned exports named into a folder, then changes the
// folder as a user might, and exports anonymised into it: Write refuses
// and changes nothing.
func TestWriteFolderOwned(t *testing.T) {
	r := testReport()
	person := slug(r.People[1].Name)
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, dir string)
	}{
		{"a user file beside the manifest", func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"notes.txt": "mine"})
		}},
		{"a user file in people/", func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"people/notes.txt": "mine"})
		}},
		{"a user file the export would overwrite", func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"people/" + slug(defaultPseudonyms(r.People)[0]) + ".pdf": "mine"})
		}},
		{"a symbolic link to a folder", func(t *testing.T, dir string) {
			symlink(t, dir, "elsewhere", t.TempDir())
		}},
		{"a listed file replaced by a symbolic link", func(t *testing.T, dir string) {
			target := filepath.Join(t.TempDir(), "keep.pdf")
			writeFiles(t, filepath.Dir(target), map[string]string{"keep.pdf": "keep me"})
			p := filepath.Join(dir, "people", person+".pdf")
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			symlink(t, filepath.Dir(p), filepath.Base(p), target)
		}},
		{"the manifest replaced by a symbolic link", func(t *testing.T, dir string) {
			p := filepath.Join(dir, manifestName)
			target := filepath.Join(t.TempDir(), "manifest.json")
			if err := os.Rename(p, target); err != nil {
				t.Fatal(err)
			}
			symlink(t, dir, manifestName, target)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "export")
			runFolderStep(t, dir, r, folderStep{opt: named3})
			tc.change(t, dir)
			runFolderStep(t, dir, r, folderStep{opt: anon3, err: ErrForeignFolder})
		})
	}
}

// TestWriteFolderTemps: temporary files an export killed while writing
// left in people/ and beside the manifest are removed by the next
// export; so are the folders they emptied.
func TestWriteFolderTemps(t *testing.T) {
	r := testReport()
	dir := filepath.Join(t.TempDir(), "export")
	runFolderStep(t, dir, r, folderStep{opt: named3})
	p := slug(r.People[2].Name)
	writeFiles(t, dir, map[string]string{
		"people/." + p + ".pdf.4242.tmp":    "half a PDF",
		"." + manifestName + ".17.tmp":      "{",
		".people.pdf.99.tmp":                "half a PDF",
		"trends/." + p + ".svg.1234567.tmp": "<svg",
	})
	runFolderStep(t, dir, r, folderStep{opt: Options{Formats: []string{FormatCSV}}})
	for _, f := range relFiles(t, dir) {
		if strings.HasSuffix(f, ".tmp") {
			t.Errorf("%s left", f)
		}
	}
}

// TestWriteForeignError: the error names the folder and the first entry
// in the way, a file in a subfolder by the subfolder (its name may be a
// person's), and says what to do.
func TestWriteForeignError(t *testing.T) {
	for _, tc := range []struct {
		name  string
		owned bool // a named export first
		files map[string]string
		entry string
	}{
		{"no manifest", false, map[string]string{"notes.txt": "mine", "zz.txt": "mine"}, "notes.txt"},
		{"no manifest, a subfolder", false, map[string]string{"zz/notes.txt": "mine"}, "zz/"},
		{"manifest", true, map[string]string{"zz.txt": "mine"}, "zz.txt"},
		{"manifest, a file in people/", true, map[string]string{"people/ada-okafor.pdf": "mine"}, "people/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "export")
			if tc.owned {
				runFolderStep(t, dir, testReport(), folderStep{opt: named3})
			}
			writeFiles(t, dir, tc.files)
			_, err := Write(context.Background(), dir, testReport(), anon3, nil)
			want := "export: " + dir + " holds files Multiplier did not write (" + tc.entry + " …); choose an empty folder"
			if !errors.Is(err, ErrForeignFolder) || err.Error() != want {
				t.Errorf("Write returned %q, want %q", err, want)
			}
		})
	}
}

// runFolderStep runs one step of TestWriteFolder and checks the folder.
func runFolderStep(t *testing.T, dir string, r Report, st folderStep) {
	t.Helper()
	before := snapshot(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	called := false
	files, err := Write(ctx, dir, r, st.opt, func(done, total int) {
		called = true
		if st.cancelAt > 0 && done == st.cancelAt {
			cancel()
		}
	})
	got := withoutClutter(relFiles(t, dir))
	switch {
	case st.err != nil:
		if !errors.Is(err, st.err) {
			t.Fatalf("Write returned %v, want %v", err, st.err)
		}
		if files != nil || called {
			t.Errorf("refused, Write returned %v and called progress: %v", files, called)
		}
		if after := snapshot(t, dir); !reflect.DeepEqual(after, before) {
			t.Errorf("refused, Write changed the folder:\nbefore %v\nafter  %v", before, after)
		}
		return
	case st.cancelAt > 0:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Write returned %v, want it cancelled", err)
		}
		m := mustManifest(t, dir)
		if m.Complete || m.Anonymised != st.opt.Anonymize {
			t.Errorf("cancelled: manifest complete %v, anonymised %v", m.Complete, m.Anonymised)
		}
		for _, f := range got {
			if f != manifestName && !slices.Contains(m.Files, f) {
				t.Errorf("cancelled: %s is not in the manifest %v", f, m.Files)
			}
		}
	default:
		if err != nil {
			t.Fatalf("Write: %v", err)
		}
		want := append([]string{manifestName}, relPaths(t, dir, files)...)
		if !slices.Equal(got, want) {
			t.Errorf("folder holds\n%v\nwant the files written and the manifest\n%v", got, want)
		}
		m := mustManifest(t, dir)
		if !m.Complete || m.Anonymised != st.opt.Anonymize || !slices.Equal(m.Files, want[1:]) {
			t.Errorf("manifest %+v, want complete, anonymised %v, files %v", m, st.opt.Anonymize, want[1:])
		}
	}
	if st.opt.Anonymize {
		secrets := synthSecrets(r)
		for _, f := range got {
			if leaks := found([]string{strings.ToLower(f)}, secrets); len(leaks) > 0 {
				t.Errorf("file name %s holds %q", f, leaks)
			}
			if leaks := found(fileTexts(t, filepath.Join(dir, f)), secrets); len(leaks) > 0 {
				t.Errorf("%s holds %q", f, leaks)
			}
		}
	}
}

// mustManifest reads the manifest of dir.
func mustManifest(t *testing.T, dir string) manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("manifest: %v\n%s", err, data)
	}
	if m.Format != "multiplier-export" || m.Version != 1 || !slices.IsSorted(m.Files) {
		t.Errorf("manifest %+v: want format multiplier-export, version 1, sorted files", m)
	}
	return m
}

// snapshot is everything under dir: each entry's mode and its content,
// or a symbolic link's target.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		v := fi.Mode().String()
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			v += " → " + target
		case fi.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			v += " " + string(data)
		}
		out[p] = v
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return out
}

func withoutClutter(files []string) []string {
	return slices.DeleteFunc(files, func(f string) bool { return clutter[filepath.Base(f)] })
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

// writeFiles writes files (relative to dir, slash-separated) with their
// content.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		mkdir(t, filepath.Dir(p))
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(t *testing.T, dir, name, target string) {
	t.Helper()
	if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}
