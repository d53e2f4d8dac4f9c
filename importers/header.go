package importers

import (
	"strings"
	"unicode"
)

// field is one column we read: its name (the key of Report.Columns) and the
// header spellings that name it, best first.
type field struct {
	name     string
	synonyms []string
}

// Roster fields, in the order of rosterFields.
const (
	rName = iota
	rEmail
	rTeam
	rDepartment
	rTitle
	rLevel
	rManager
	rGitHub
	rSlack
)

var rosterFields = []field{
	rName:       {"name", []string{"Employee Name", "Name", "Full Name", "Preferred Name", "Display Name", "Employee", "Legal Name", "Worker Name", "Person"}},
	rEmail:      {"email", []string{"Work Email", "Email", "Email Address", "E-mail", "Mail", "Work Email Address", "Business Email", "Corporate Email", "Primary Email", "Company Email"}},
	rTeam:       {"team", []string{"Team", "Team Name", "Squad", "Group", "Pod"}},
	rDepartment: {"department", []string{"Department", "Org", "Organisation", "Organization", "Division", "Dept", "Department Name", "Business Unit", "Org Unit"}},
	rTitle:      {"title", []string{"Business Title", "Title", "Job Title", "Position", "Role", "Position Title"}},
	rLevel:      {"level", []string{"Job Level", "Level", "Grade", "Career Level", "Job Grade", "Band", "Seniority"}},
	rManager:    {"manager", []string{"Manager Email", "Manager", "Manager Name", "Reports To", "Supervisor", "Line Manager", "Manager Work Email", "Supervisor Email", "Reports To Email"}},
	rGitHub:     {"github", []string{"GitHub Username", "GitHub", "GitHub Login", "GH Login", "GitHub Handle", "GitHub User", "GitHub Account"}},
	rSlack:      {"slack", []string{"Slack Member ID", "Slack ID", "Slack User ID", "Slack Member", "Slack User"}},
}

// Review fields, in the order of reviewFields.
const (
	vRepository = iota
	vChange
	vTitle
	vAuthor
	vCreated
	vMerged
	vReviewer
	vSubmitted
	vState
	vComments
)

var reviewFields = []field{
	vRepository: {"repository", []string{"Repository", "Repo", "Project", "Repo Name", "Repository Name", "Project Name"}},
	vChange:     {"change", []string{"PR Number", "PR", "Pull Request", "Number", "Change", "Change Number", "MR", "MR IID", "Pull Request Number", "PR No", "MR ID", "Merge Request", "Merge Request IID"}},
	vTitle:      {"title", []string{"PR Title", "Title", "Pull Request Title", "MR Title", "Change Title", "Subject"}},
	vAuthor:     {"author", []string{"PR Author", "Author", "Created By", "Owner", "Opened By", "Author Login", "PR Author Login", "Author Username", "MR Author", "Change Owner"}},
	vCreated:    {"created", []string{"PR Created At", "Created At", "Created", "Opened", "Opened At", "Requested At", "Review Requested At", "Created On", "Opened On", "Review Requested"}},
	vMerged:     {"merged", []string{"PR Merged At", "Merged At", "Merged", "Merged On"}},
	vReviewer:   {"reviewer", []string{"Reviewer", "Reviewed By", "Review Author", "Reviewer Login", "Reviewer Username", "Reviewer Name", "Reviewer Email"}},
	vSubmitted:  {"submitted", []string{"Review Submitted At", "Submitted", "Submitted At", "Reviewed At", "Review Date", "Review Submitted", "Reviewed On", "Review Time"}},
	vState:      {"state", []string{"Review State", "State", "Status", "Review Status", "Review Result"}},
	vComments:   {"comments", []string{"Review Comments", "Comments", "Comment Count", "Comments Count", "Review Comment Count", "Number of Comments", "Num Comments"}},
}

// spec is one kind of file: its fields and, per normalised header, the
// field it names and the synonym's rank (0 best).
type spec struct {
	kind   Kind
	fields []field
	lookup map[string]slot
}

type slot struct{ field, rank int }

var (
	rosterSpec = newSpec(KindRoster, rosterFields)
	reviewSpec = newSpec(KindReviews, reviewFields)
)

func newSpec(k Kind, fields []field) *spec {
	s := &spec{kind: k, fields: fields, lookup: make(map[string]slot)}
	for i, f := range fields {
		for rank, syn := range f.synonyms {
			key := normalise(syn)
			if old, dup := s.lookup[key]; dup {
				if old.field != i {
					panic("importers: header " + syn + " names both " + fields[old.field].name + " and " + f.name)
				}
				continue
			}
			s.lookup[key] = slot{field: i, rank: rank}
		}
	}
	return s
}

// normalise turns header text into a lookup key: lower case, letters and
// digits only (no spaces, punctuation, underscores or BOM), and without a
// parenthesised part such as "(UTC)" unless that is all there is.
func normalise(s string) string {
	key := letters(dropParens(s))
	if key == "" {
		key = letters(s)
	}
	return key
}

func letters(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func dropParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// header is a matched header row.
type header struct {
	spec  *spec
	row   int      // 1-based row of the header
	cols  []int    // per field: 0-based column, -1 when absent
	names []string // per field: header text as written (trimmed)
	found int      // number of fields found
}

// match reads cells as a header row of sp's kind.
func match(sp *spec, cells []string, row int) *header {
	h := &header{spec: sp, row: row, cols: make([]int, len(sp.fields)), names: make([]string, len(sp.fields))}
	ranks := make([]int, len(sp.fields))
	for i := range h.cols {
		h.cols[i] = -1
	}
	for c, text := range cells {
		s, ok := sp.lookup[normalise(text)]
		if !ok {
			continue
		}
		if h.cols[s.field] >= 0 && ranks[s.field] <= s.rank {
			continue
		}
		if h.cols[s.field] < 0 {
			h.found++
		}
		h.cols[s.field], ranks[s.field] = c, s.rank
		h.names[s.field] = strings.TrimSpace(strings.TrimPrefix(text, "\ufeff"))
	}
	return h
}

func (h *header) has(f int) bool { return h.cols[f] >= 0 }

// missing lists what h lacks to be complete, e.g. "an email column (Work
// Email, Email, …)"; nil when h is complete.
func (h *header) missing() []string {
	var need []string
	switch h.spec.kind {
	case KindRoster:
		if !h.has(rEmail) {
			need = append(need, "an email column ("+synonymList(rosterFields[rEmail])+")")
		}
		if !h.has(rName) && !h.has(rTeam) {
			need = append(need, "a name or team column ("+synonymList(rosterFields[rName])+"; "+synonymList(rosterFields[rTeam])+")")
		}
	case KindReviews:
		for _, f := range []int{vAuthor, vReviewer, vSubmitted} {
			if !h.has(f) {
				need = append(need, "a "+reviewFields[f].name+" column ("+synonymList(reviewFields[f])+")")
			}
		}
	}
	return need
}

func (h *header) complete() bool { return h.missing() == nil }

// partial reports whether h looks like its kind but is not complete: at
// least two of its fields, one of them a key field.
func (h *header) partial() bool {
	if h.complete() || h.found < 2 {
		return false
	}
	if h.spec.kind == KindRoster {
		return h.has(rEmail) || h.has(rName) || h.has(rTeam)
	}
	return h.has(vAuthor) || h.has(vReviewer) || h.has(vSubmitted)
}

func synonymList(f field) string {
	syn := f.synonyms
	if len(syn) > 5 {
		syn = syn[:5]
	}
	return strings.Join(syn, ", ") + ", …"
}

// recognise reads cells as a header row: it returns the complete header
// of the kind that fits best, or nil and, when the row looks like a kind
// with a column missing, that partial header.
func recognise(cells []string, row int) (complete, partial *header) {
	ro := match(rosterSpec, cells, row)
	rv := match(reviewSpec, cells, row)
	switch rc, vc := ro.complete(), rv.complete(); {
	case rc && vc:
		if ro.found > rv.found {
			return ro, nil
		}
		return rv, nil
	case rc:
		return ro, nil
	case vc:
		return rv, nil
	}
	switch {
	case rv.partial() && (!ro.partial() || rv.found >= ro.found):
		return nil, rv
	case ro.partial():
		return nil, ro
	}
	return nil, nil
}

// columns returns Report.Columns for h.
func (h *header) columns() map[string]string {
	m := make(map[string]string, h.found)
	for i, c := range h.cols {
		if c >= 0 {
			m[h.spec.fields[i].name] = h.names[i]
		}
	}
	return m
}

// value returns the trimmed value of field f in cells, "" when the column
// is absent or the row is short.
func (h *header) value(cells []string, f int) string {
	c := h.cols[f]
	if c < 0 || c >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[c])
}

// blank reports whether every cell is empty or white space.
func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
