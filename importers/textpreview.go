package importers

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/multiplier/multiplier/importers/reviewjson"
	"github.com/multiplier/multiplier/importers/slack"
)

// textLimit is the most bytes a text preview reads of a file or of one
// entry of an archive.
const textLimit = 4 << 20

// textPreview describes the first n items of a file of a format without
// a header, best effort: what cannot be read is left out (Import says
// why). Its error is for a file that cannot be opened.
func textPreview(path, format string, n int) ([]string, error) {
	if format == slack.Format {
		return slackPreview(path, n)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReader(io.LimitReader(f, textLimit))
	if bom, _ := br.Peek(len(utf8BOM)); bytes.Equal(bom, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	switch format {
	case "ics":
		return icsPreview(br, n), nil
	case reviewjson.FormatGerrit:
		return gerritPreview(br, n), nil
	case reviewjson.FormatGitHub:
		return githubPreview(br, n), nil
	}
	return nil, nil
}

// slackPreview lists the channels of a Slack export with their members
// and days of messages, from channels.json and the archive's directory.
func slackPreview(file string, n int) ([]string, error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var list *zip.File
	for _, f := range zr.File {
		if path.Base(f.Name) == "channels.json" && strings.Count(f.Name, "/") <= 1 &&
			(list == nil || strings.Count(f.Name, "/") < strings.Count(list.Name, "/")) {
			list = f
		}
	}
	if list == nil {
		return nil, nil
	}
	root := strings.TrimSuffix(list.Name, "channels.json")
	days := map[string]int{}
	total := 0
	for _, f := range zr.File {
		rest, ok := strings.CutPrefix(f.Name, root)
		folder, day, ok2 := strings.Cut(rest, "/")
		if ok && ok2 && folder != "" && !strings.Contains(day, "/") && isDayFile(day) {
			days[folder]++
			total++
		}
	}
	var channels []struct {
		Name    string   `json:"name"`
		Members []string `json:"members"`
	}
	if rc, err := list.Open(); err == nil {
		json.NewDecoder(io.LimitReader(rc, textLimit)).Decode(&channels)
		rc.Close()
	}
	out := []string{fmt.Sprintf("%d channel(s) listed; %d conversation(s) with %d day(s) of messages", len(channels), len(days), total)}
	for _, c := range channels {
		if len(out) > n {
			break
		}
		out = append(out, fmt.Sprintf("#%s: %d member(s), %d day(s) of messages", c.Name, len(c.Members), days[c.Name]))
	}
	return out, nil
}

// isDayFile reports whether name is a Slack day file, "2026-05-07.json".
func isDayFile(name string) bool {
	day, ok := strings.CutSuffix(name, ".json")
	if !ok || len(day) != len("2006-01-02") {
		return false
	}
	for i, c := range day {
		if (i == 4 || i == 7) != (c == '-') || (c != '-' && (c < '0' || c > '9')) {
			return false
		}
	}
	return true
}

// icsPreview lists the first n events of a calendar: start and summary.
func icsPreview(br *bufio.Reader, n int) []string {
	var out []string
	var start, zone, summary string
	inEvent := false
	var line string
	flush := func(l string) {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			return
		}
		name, params, _ := strings.Cut(name, ";")
		switch strings.ToUpper(name) {
		case "BEGIN":
			if strings.EqualFold(value, "VEVENT") {
				inEvent, start, zone, summary = true, "", "", ""
			}
		case "END":
			if inEvent && strings.EqualFold(value, "VEVENT") {
				inEvent = false
				out = append(out, strings.TrimSpace(showICSTime(start, zone)+" "+summary))
			}
		case "DTSTART":
			if inEvent {
				start, zone = value, ""
				for p := range strings.SplitSeq(params, ";") {
					if k, v, ok := strings.Cut(p, "="); ok && strings.EqualFold(k, "TZID") {
						zone = strings.Trim(v, `"`)
					}
				}
			}
		case "SUMMARY":
			if inEvent {
				summary = icsText(value)
			}
		}
	}
	for len(out) < n {
		l, err := br.ReadString('\n')
		l = strings.TrimRight(l, "\r\n")
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			line += l[1:] // a folded line goes on
		} else {
			flush(line)
			line = l
		}
		if err != nil {
			flush(line)
			break
		}
	}
	return out[:min(n, len(out))]
}

// showICSTime shows an iCalendar date or date-time value as yyyy-mm-dd
// hh:mm, with its zone.
func showICSTime(v, zone string) string {
	if len(v) < 8 {
		return v
	}
	s := v[:4] + "-" + v[4:6] + "-" + v[6:8]
	if len(v) >= 13 && v[8] == 'T' {
		s += " " + v[9:11] + ":" + v[11:13]
	}
	switch {
	case strings.HasSuffix(v, "Z"):
		s += " UTC"
	case zone != "":
		s += " " + zone
	}
	return s
}

var icsUnescape = strings.NewReplacer(`\,`, ",", `\;`, ";", `\n`, " ", `\N`, " ", `\\`, `\`)

func icsText(s string) string { return icsUnescape.Replace(s) }

// gerritPreview lists the first n changes of a gerrit query output.
func gerritPreview(br *bufio.Reader, n int) []string {
	var out []string
	for len(out) < n {
		line, err := br.ReadBytes('\n')
		var c struct {
			Type    string          `json:"type"`
			Project string          `json:"project"`
			Number  json.RawMessage `json:"number"`
			Subject string          `json:"subject"`
			Status  string          `json:"status"`
			Owner   struct {
				Name     string `json:"name"`
				Username string `json:"username"`
				Email    string `json:"email"`
			} `json:"owner"`
		}
		if json.Unmarshal(line, &c) == nil && c.Type != "stats" && c.Project != "" {
			owner := firstOf(c.Owner.Name, c.Owner.Username, c.Owner.Email)
			out = append(out, strings.Join(nonEmpty(c.Project+" "+strings.Trim(string(c.Number), `"`), paren(c.Status), c.Subject, dash(owner)), " "))
		}
		if err != nil {
			break
		}
	}
	return out
}

// githubPreview lists the first n pulls or reviews of a GitHub export: a
// top-level array of them, or an object with "pulls", "pull_requests" or
// "reviews" lists.
func githubPreview(r io.Reader, n int) []string {
	var out []string
	dec := json.NewDecoder(r)
	elements := func() {
		for len(out) < n && dec.More() {
			var it struct {
				Number    json.RawMessage `json:"number"`
				Title     string          `json:"title"`
				State     string          `json:"state"`
				Submitted string          `json:"submitted_at"`
				Created   string          `json:"created_at"`
				PullURL   string          `json:"pull_request_url"`
				User      struct {
					Login string `json:"login"`
				} `json:"user"`
			}
			if dec.Decode(&it) != nil {
				return
			}
			if it.Submitted != "" || it.PullURL != "" {
				pull := ""
				if it.PullURL != "" {
					pull = "#" + path.Base(it.PullURL)
				}
				out = append(out, strings.Join(nonEmpty(pull, "review by "+it.User.Login+":", it.State, it.Submitted), " "))
				continue
			}
			out = append(out, strings.Join(nonEmpty("#"+strings.Trim(string(it.Number), `"`), it.Title, dash(it.User.Login), paren(it.Created)), " "))
		}
	}
	tok, err := dec.Token()
	if err != nil {
		return nil
	}
	switch tok {
	case json.Delim('['):
		elements()
	case json.Delim('{'):
		for len(out) < n && dec.More() {
			key, err := dec.Token()
			if err != nil {
				return out
			}
			if k, _ := key.(string); k == "pulls" || k == "pull_requests" || k == "reviews" {
				if t, err := dec.Token(); err != nil || t != json.Delim('[') {
					return out
				}
				elements()
				if _, err := dec.Token(); err != nil { // the list's ']'
					return out
				}
				continue
			}
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return out
			}
		}
	}
	return out
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

func dash(s string) string {
	if s == "" {
		return ""
	}
	return "— " + s
}
