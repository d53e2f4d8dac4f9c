package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// ErrForeignFolder is returned by Write for a folder that holds files
// Multiplier did not write: a non-empty folder without a manifest, or
// one whose manifest does not list a file in it, or a symbolic link.
// Write then changes nothing. It is wrapped with the folder and the
// first entry in the way: a file at the top of the folder, else the
// subfolder that holds it ("people/").
var ErrForeignFolder = errors.New("holds files Multiplier did not write")

// manifestName is the file in an export folder that lists what the
// export wrote there (manifest).
const manifestName = ".multiplier-export.json"

const (
	manifestFormat  = "multiplier-export"
	manifestVersion = 1
)

// manifest is what manifestName holds. Files are relative,
// slash-separated and sorted; while an export runs (and after one is
// cancelled) Complete is false and Files lists the files of the earlier
// export still there and those planned.
type manifest struct {
	Format     string   `json:"format"`  // manifestFormat
	Version    int      `json:"version"` // manifestVersion
	Anonymised bool     `json:"anonymised"`
	Complete   bool     `json:"complete"`
	Files      []string `json:"files"`
}

// clutter are files the operating system leaves in folders; they do not
// make a folder foreign and are not listed.
var clutter = map[string]bool{".DS_Store": true, "Thumbs.db": true, "desktop.ini": true}

// tempFile matches the temporary files of writeAtomic, which an export
// killed while writing leaves behind: "." + the file's name + "." +
// digits + ".tmp".
var tempFile = regexp.MustCompile(`^\.(.+)\.[0-9]+\.tmp$`)

// folder is an export directory as Write found it.
type folder struct {
	dir     string
	anon    bool            // this export is anonymised
	old     *manifest       // of the earlier export; nil when none
	ours    []string        // files of old present in dir
	temps   []string        // leftover temporary files of ours or planned files
	planned []string        // the files this export will write, sorted
	listed  map[string]bool // the files of old
	known   map[string]bool // the manifest, the files of old and planned files
}

// openFolder reads dir, which may be missing, for an export that will
// write planned (relative, slash-separated). It changes nothing and
// refuses, with ErrForeignFolder, a folder that is neither empty (but
// for clutter and temporary files of ours) nor Multiplier-owned, and an
// owned one holding a file its manifest does not list, even one this
// export would overwrite. A symbolic link is always foreign.
func openFolder(dir string, anon bool, planned []string) (*folder, error) {
	f := &folder{dir: dir, anon: anon, planned: slices.Sorted(slices.Values(planned)), known: map[string]bool{manifestName: true}}
	for _, name := range planned {
		f.known[name] = true
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	f.old = readManifest(dir)
	var foreign string
	if f.old == nil {
		foreign = f.scanTop(entries)
	} else {
		f.listed = map[string]bool{}
		for _, name := range f.old.Files {
			f.listed[name], f.known[name] = true, true
		}
		if foreign, err = f.scanOwned(""); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
	}
	if i := strings.IndexByte(foreign, '/'); i >= 0 {
		// A file in a subfolder is named by the subfolder: its own
		// name may be a person's (people/<name>.pdf).
		foreign = foreign[:i+1]
	}
	if foreign != "" {
		return nil, fmt.Errorf("export: %s %w (%s …); choose an empty folder", dir, ErrForeignFolder, foreign)
	}
	return f, nil
}

// readManifest returns the manifest of dir; nil when there is none, it
// is no regular file or not one this version of Multiplier writes.
func readManifest(dir string) *manifest {
	p := filepath.Join(dir, manifestName)
	if fi, err := os.Lstat(p); err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	var m manifest
	if json.Unmarshal(data, &m) != nil || m.Format != manifestFormat || m.Version != manifestVersion {
		return nil
	}
	return &m
}

// scanTop checks the top level of a folder without a manifest: it
// returns the first entry that is neither clutter nor a temporary file
// of ours (a folder with a trailing slash), "" when there is none.
func (f *folder) scanTop(entries []fs.DirEntry) string {
	for _, e := range entries {
		switch name := e.Name(); {
		case clutter[name] && e.Type().IsRegular():
		case f.isTemp(name) && e.Type().IsRegular():
			f.temps = append(f.temps, name)
		case e.IsDir():
			return name + "/"
		default:
			return name
		}
	}
	return ""
}

// scanOwned walks the folder rel (relative to dir, "" for dir) of a
// folder with a manifest, not following symbolic links: it collects
// the files the manifest lists and the temporary files of ours, and
// returns the first other file, "" when there is none. Only files found
// here are ever removed, so a manifest cannot point the removal outside
// the folder.
func (f *folder) scanOwned(rel string) (string, error) {
	entries, err := os.ReadDir(filepath.Join(f.dir, filepath.FromSlash(rel)))
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		name := path.Join(rel, e.Name())
		if e.IsDir() { // a link to a folder is no folder here
			if foreign, err := f.scanOwned(name); foreign != "" || err != nil {
				return foreign, err
			}
			continue
		}
		switch regular := e.Type().IsRegular(); {
		case !regular:
			return name, nil
		case name == manifestName, clutter[e.Name()]:
		case f.isTemp(name):
			f.temps = append(f.temps, name)
		case f.listed[name]:
			f.ours = append(f.ours, name)
		default:
			return name, nil
		}
	}
	return "", nil
}

// isTemp says whether name (relative, slash-separated) is a temporary
// file of writeAtomic for the manifest, a planned file or one of the
// earlier export.
func (f *folder) isTemp(name string) bool {
	m := tempFile.FindStringSubmatch(path.Base(name))
	return m != nil && f.known[path.Join(path.Dir(name), m[1])]
}

// begin prepares the folder before the first file is written: it
// removes the temporary files left behind, all files of an earlier
// export of the other kind (named or anonymised), and writes a manifest
// with Complete false listing the earlier files left and the planned
// ones, so that an export cancelled or killed from here on leaves a
// folder the next export knows as its own.
func (f *folder) begin() error {
	for _, name := range f.temps {
		if err := removeFile(f.dir, name); err != nil {
			return err
		}
	}
	if f.old != nil && f.old.Anonymised != f.anon {
		if err := removeFiles(f.dir, f.ours); err != nil {
			return err
		}
		f.ours = nil
	}
	files := slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(f.ours), f.planned...))))
	return f.writeManifest(false, files)
}

// finish removes the files of the earlier export that this one, which
// wrote written (relative, slash-separated), did not write again, and
// the folders they leave empty, and writes the manifest with Complete
// true.
func (f *folder) finish(written []string) error {
	wrote := map[string]bool{}
	for _, name := range written {
		wrote[name] = true
	}
	var stale []string
	for _, name := range f.ours {
		if !wrote[name] {
			stale = append(stale, name)
		}
	}
	if err := removeFiles(f.dir, stale); err != nil {
		return err
	}
	return f.writeManifest(true, slices.Sorted(slices.Values(written)))
}

func (f *folder) writeManifest(complete bool, files []string) error {
	data, err := json.MarshalIndent(manifest{
		Format:     manifestFormat,
		Version:    manifestVersion,
		Anonymised: f.anon,
		Complete:   complete,
		Files:      files,
	}, "", "\t")
	if err != nil {
		return fmt.Errorf("export: manifest: %w", err)
	}
	if err := writeAtomic(filepath.Join(f.dir, manifestName), append(data, '\n')); err != nil {
		return fmt.Errorf("export: manifest: %w", err)
	}
	return nil
}

// removeFiles removes the files names (relative to dir, slash-separated)
// and then each folder below dir they leave empty but for clutter.
func removeFiles(dir string, names []string) error {
	parents := map[string]bool{}
	for _, name := range names {
		if err := removeFile(dir, name); err != nil {
			return err
		}
		for p := path.Dir(name); p != "."; p = path.Dir(p) {
			parents[p] = true
		}
	}
	// Deepest first, so that a parent is empty when its turn comes.
	for _, p := range slices.Backward(slices.Sorted(maps.Keys(parents))) {
		if err := removeEmptyDir(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			return err
		}
	}
	return nil
}

// removeFile removes one file; one already gone is no error. The error
// does not name the file, whose name may be a person's.
func removeFile(dir, name string) error {
	err := os.Remove(filepath.Join(dir, filepath.FromSlash(name)))
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return fmt.Errorf("export: %s: remove a file of the earlier export: %w", dir, withoutPath(err))
}

// removeEmptyDir removes the folder at p if it holds nothing but
// clutter, the clutter with it.
func removeEmptyDir(p string) error {
	entries, err := os.ReadDir(p)
	if err != nil {
		return nil // gone, or not ours to judge
	}
	for _, e := range entries {
		if !clutter[e.Name()] || !e.Type().IsRegular() {
			return nil
		}
	}
	for _, e := range entries {
		os.Remove(filepath.Join(p, e.Name()))
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("export: remove the emptied folder %s: %w", p, withoutPath(err))
	}
	return nil
}

// withoutPath is err without the paths an *fs.PathError or an
// *os.LinkError names, which may hold a person's name.
func withoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
