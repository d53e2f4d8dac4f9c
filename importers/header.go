package importers

import (
	"slices"
	"strconv"
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

// spec is one format of file: the kind of records it gives, the tool
// format it names (Report.Source), its fields and, per normalised header,
// the field it names and the synonym's rank (0 best).
type spec struct {
	kind   Kind
	source string // Report.Source
	what   string // the format in a message: "a roster"
	fields []field
	// need lists what a complete header has: one field of each group.
	need [][]int
	// keys are the fields that make a header with a column missing look
	// like this format (with at least one other field).
	keys   []int
	lookup map[string]slot
}

type slot struct{ field, rank int }

// The formats, in the order that breaks ties: a header complete for
// several is read as the one with the most matched columns, and on a tie
// as the earlier here (the more specific tool format first).
var (
	outlookSpec = newSpec(KindMeetings, "outlook-csv", "an Outlook calendar export", outlookFields,
		[][]int{{oSubject}, {oStartDate}, {oStartTime}, {oOrganizer, oRequired}},
		[]int{oStartDate, oOrganizer, oRequired})
	gitlabSpec = newSpec(KindReviews, "gitlab-mr-csv", "a GitLab merge-request export", gitlabFields,
		[][]int{{gAuthorUsername}, {gApproverUsernames, gApprovers}, {gCreated}, {gUpdated, gMerged}},
		[]int{gAuthorUsername, gApproverUsernames, gApprovers})
	reviewSpec = newSpec(KindReviews, "review sheet", "a review export", reviewFields,
		[][]int{{vAuthor}, {vReviewer}, {vSubmitted}},
		[]int{vAuthor, vReviewer, vSubmitted})
	interactionsSpec = newSpec(KindInteractions, "interactions sheet", "an interactions sheet", interactionFields,
		[][]int{{iFrom}, {iTo}, {iTimestamp}},
		[]int{iFrom, iTo})
	rosterSpec = newSpec(KindRoster, "roster", "a roster", rosterFields,
		[][]int{{rEmail}, {rName, rTeam}},
		[]int{rEmail, rName, rTeam})

	specs = []*spec{outlookSpec, gitlabSpec, reviewSpec, interactionsSpec, rosterSpec}
)

func newSpec(k Kind, source, what string, fields []field, need [][]int, keys []int) *spec {
	s := &spec{kind: k, source: source, what: what, fields: fields, need: need, keys: keys, lookup: make(map[string]slot)}
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
	cells []string // the header row as read (set once it is chosen)
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
// Email, Email, …)" or "a name or team column (…; …)"; nil when h is
// complete.
func (h *header) missing() []string {
	var need []string
	for _, group := range h.spec.need {
		if slices.ContainsFunc(group, h.has) {
			continue
		}
		names := make([]string, len(group))
		lists := make([]string, len(group))
		for i, f := range group {
			names[i] = h.spec.fields[f].name
			lists[i] = synonymList(h.spec.fields[f])
		}
		what := strings.Join(names, " or ")
		need = append(need, article(what)+" "+what+" column ("+strings.Join(lists, "; ")+")")
	}
	return need
}

func article(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "an"
	}
	return "a"
}

func (h *header) complete() bool { return h.missing() == nil }

// partial reports whether h looks like its format but is not complete: at
// least two of its fields, one of them a key field.
func (h *header) partial() bool {
	if h.complete() || h.found < 2 {
		return false
	}
	return slices.ContainsFunc(h.spec.keys, h.has)
}

// synonymList gives the first five spellings of f, with "…" when there
// are more.
func synonymList(f field) string {
	syn := f.synonyms
	if len(syn) <= 5 {
		return strings.Join(syn, ", ")
	}
	return strings.Join(syn[:5], ", ") + ", …"
}

// recognise reads cells as a header row: it returns the complete header
// of the format with the most matched columns (the earlier in specs on a
// tie), or nil and, when the row looks like a format with a column
// missing, that partial header (again the one with the most columns).
func recognise(cells []string, row int) (complete, partial *header) {
	for _, sp := range specs {
		h := match(sp, cells, row)
		switch {
		case h.complete():
			if complete == nil || h.found > complete.found {
				complete = h
			}
		case h.partial():
			if partial == nil || h.found > partial.found {
				partial = h
			}
		}
	}
	if complete != nil {
		return complete, nil
	}
	return nil, partial
}

// columns returns Report.Columns for h.
func (h *header) columns() map[string]string {
	m := make(map[string]string, h.found)
	for i, c := range h.cols {
		switch {
		case c < 0:
		case h.names[i] == "": // a mapped column with a blank header cell
			m[h.spec.fields[i].name] = "column " + strconv.Itoa(c+1)
		default:
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
