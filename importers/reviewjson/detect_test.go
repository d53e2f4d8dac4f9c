package reviewjson

import (
	"path/filepath"
	"strings"
	"testing"
)

var detectCases = []struct {
	name    string
	content string
	want    string
}{
	{"gerrit change", gerritLine("1", junCR, "", "") + "\n" + stats, FormatGerrit},
	{"gerrit, number before project", `{"number":7,"id":"I1","project":"tools"}` + "\n", FormatGerrit},
	{"gerrit after blank lines and a BOM", "\xEF\xBB\xBF\n\n  " + gerritLine("1", junCR, "", ""), FormatGerrit},
	{"gerrit stats line only", stats + "\n\n", FormatGerrit},
	{"stats line with more after it", stats + "\n" + `{"a":1}`, ""},
	{"gerrit change spread over lines", "{\n\"project\": \"tools\",\n\"number\": 1\n}\n", ""},
	{"gerrit REST API (XSSI prefix)", ")]}'\n[{\"_number\":1,\"project\":\"tools\",\"owner\":{}}]", ""},
	{"github pulls", "[\n  " + `{"url":"u","id":1,"number":1,"state":"open","user":{"login":"a"}}]`, FormatGitHub},
	{"github reviews (submitted_at)", `[{"id":1,"user":{"login":"a"},"state":"APPROVED","submitted_at":"2026-05-04T10:00:00Z"}]`, FormatGitHub},
	{"github pending review (pull_request_url)", `[{"id":1,"user":{"login":"a"},"state":"PENDING","pull_request_url":"u"}]`, FormatGitHub},
	{"github combined object", `{"meta":{"x":[1,{"y":2}]},"pulls":[{"number":1,"user":{"login":"a"}}],"reviews":[]}`, FormatGitHub},
	{"github combined, reviews first", "{\n  \"reviews\": [\n    {\"user\":{\"login\":\"a\"},\"state\":\"APPROVED\",\"submitted_at\":\"t\"}\n  ]\n}", FormatGitHub},
	{"github pull_requests, empty", `{"pull_requests":[]}`, FormatGitHub},
	{"object with an empty reviews list only", `{"reviews":[]}`, ""},
	{"object with pulls of something else", `{"pulls":[{"id":1}]}`, ""},
	{"object with pulls not a list", `{"pulls":{"number":1,"user":{}}}`, ""},
	{"empty array", "[]", ""},
	{"array of numbers", "[1,2,3]", ""},
	{"slack messages", `[{"type":"message","user":"U02XYZ","text":"hi","ts":"1778150000.000100"}]`, ""},
	{"slack users", `[{"id":"U01","name":"aokafor","real_name":"Ada Okafor","profile":{"email":"ada@example.com"}}]`, ""},
	{"github issue-like object without user", `[{"number":1,"title":"x"}]`, ""},
	{"other JSON object", `{"foo":1}`, ""},
	{"JSON lines of something else", `{"level":"info"}` + "\n" + `{"level":"warn"}`, ""},
	{"CSV", "Repository,PR Number,Reviewer\nacme/api,1,jkim\n", ""},
	{"broken array", `[{"number":`, ""},
	{"empty", "", ""},
	{"white space", " \n\t\n", ""},
}

func TestDetect(t *testing.T) {
	dir := t.TempDir()
	for i, tc := range detectCases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, dir, "f"+strings.Repeat("x", i)+".json", tc.content)
			got, err := Detect(path)
			if err != nil || got != tc.want {
				t.Errorf("Detect = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		if _, err := Detect(filepath.Join(dir, "nope.json")); err == nil {
			t.Error("Detect of a missing file: no error")
		}
	})
}

// TestDetectAgreesWithRead checks that a file Detect recognises is one
// Read does not call unrecognised, and the reverse for Detect's "".
func TestDetectAgreesWithRead(t *testing.T) {
	dir := t.TempDir()
	for i, tc := range detectCases {
		path := writeFile(t, dir, "f"+strings.Repeat("x", i)+".json", tc.content)
		_, _, err := readFile(t, path)
		if tc.want != "" && isUnrecognised(err) {
			t.Errorf("%s: Detect says %s but Read: %v", tc.name, tc.want, err)
		}
	}
}
