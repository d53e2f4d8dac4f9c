package export

import (
	"crypto/sha256"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// scrubber replaces names, emails and other identities in free text with
// pseudonyms. Matching ignores case and only takes whole words: a needle
// that starts (ends) with a letter or digit must not be preceded
// (followed) by one.
type scrubber struct {
	re   *regexp.Regexp // ^(?:(n1)B|(n2)B|…), longest needle first
	repl []string       // replacement of group i+1
}

// newScrubber builds a scrubber from needles (any case) to replacements.
// Empty needles are ignored. A nil scrubber, or one without needles,
// returns text unchanged.
func newScrubber(pairs map[string]string) *scrubber {
	needles := make([]string, 0, len(pairs))
	for n := range pairs {
		if strings.TrimSpace(n) != "" {
			needles = append(needles, n)
		}
	}
	if len(needles) == 0 {
		return nil
	}
	sort.Slice(needles, func(i, j int) bool {
		if len(needles[i]) != len(needles[j]) {
			return len(needles[i]) > len(needles[j])
		}
		return needles[i] < needles[j]
	})
	var b strings.Builder
	b.WriteString(`(?i)^(?:`)
	s := &scrubber{repl: make([]string, len(needles))}
	for i, n := range needles {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteByte('(')
		b.WriteString(regexp.QuoteMeta(n))
		b.WriteByte(')')
		if r, _ := utf8.DecodeLastRuneInString(n); isWordRune(r) {
			b.WriteString(`(?:[^\p{L}\p{N}]|$)`)
		}
		s.repl[i] = pairs[n]
	}
	b.WriteByte(')')
	s.re = regexp.MustCompile(b.String())
	return s
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' }

// scrub returns text with every needle replaced.
func (s *scrubber) scrub(text string) string {
	if s == nil || text == "" {
		return text
	}
	var out strings.Builder
	prev := rune(-1) // the rune before i; -1 at the start
	last := 0        // text[last:i] is still to be copied
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if prev == -1 || !isWordRune(prev) || !isWordRune(r) {
			if m := s.re.FindStringSubmatchIndex(text[i:]); m != nil {
				for g := 1; 2*g < len(m); g++ {
					if m[2*g] < 0 {
						continue
					}
					out.WriteString(text[last:i])
					out.WriteString(s.repl[g-1])
					end := i + m[2*g+1]
					prev, _ = utf8.DecodeLastRuneInString(text[i:end])
					i, last = end, end
					break
				}
				continue
			}
		}
		prev = r
		i += size
	}
	if last == 0 {
		return text
	}
	out.WriteString(text[last:])
	return out.String()
}

// scrubPairs returns the needles that identify the people: each full
// name, the first and last word of a longer name in both orders, each
// word of a name and each part of a hyphenated or apostrophised one (a
// word two people share becomes "a colleague"), each email and its local
// part, and each alias. pseudo[i] replaces people[i].
func scrubPairs(people []Person, pseudo []string) map[string]string {
	pairs := map[string]string{}
	exact := map[string]bool{} // needles that name one person outright
	put := func(needle, repl string, strong bool) {
		needle = strings.Join(strings.Fields(needle), " ")
		if len([]rune(needle)) < 2 {
			return
		}
		k := strings.ToLower(needle)
		old, ok := pairs[k]
		switch {
		case !ok:
			pairs[k] = repl
			exact[k] = strong
		case old == repl:
			exact[k] = exact[k] || strong
		case strong && !exact[k]:
			pairs[k] = repl
			exact[k] = true
		case exact[k] == strong:
			pairs[k] = "a colleague"
		}
	}
	for i, p := range people {
		ps := pseudo[i]
		email := strings.TrimSpace(p.Email)
		put(email, ps, true)
		if at := strings.LastIndexByte(email, '@'); at > 0 {
			local := email[:at]
			put(local, ps, true)
			// ada.okafor → "ada okafor" is covered by the name; the
			// separated words are covered below as name words.
			for _, w := range strings.FieldsFunc(local, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
				put(w, ps, false)
			}
		}
		name := strings.Join(strings.Fields(p.Name), " ")
		put(name, ps, true)
		words := strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
		if len(words) >= 2 {
			first, lastW := words[0], words[len(words)-1]
			put(first+" "+lastW, ps, true)
			put(lastW+", "+first, ps, true)
			put(lastW+" "+first, ps, true)
		}
		for _, w := range words {
			w = strings.Trim(w, `.,;:()"'`)
			put(w, ps, false)
			// Halloway-Finch and O'Fallowmere are also written in parts.
			if parts := strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '\'' || r == '’' }); len(parts) > 1 {
				for _, part := range parts {
					put(part, ps, false)
				}
			}
		}
		for _, a := range p.Aliases {
			a = strings.TrimSpace(a)
			put(a, ps, true)
			put(strings.TrimPrefix(a, "@"), ps, true)
		}
	}
	return pairs
}

// defaultPseudonyms numbers people "Engineer 001"… in the order of the
// SHA-256 of their lower-case email (of their name when the email is
// empty), so a person keeps their number while the roster stays the same.
func defaultPseudonyms(people []Person) []string {
	type keyed struct {
		hash [32]byte
		i    int
	}
	ks := make([]keyed, len(people))
	for i, p := range people {
		key := strings.ToLower(strings.TrimSpace(p.Email))
		if key == "" {
			key = "name:" + strings.ToLower(strings.TrimSpace(p.Name))
		}
		ks[i] = keyed{sha256.Sum256([]byte(key)), i}
	}
	sort.SliceStable(ks, func(a, b int) bool { return string(ks[a].hash[:]) < string(ks[b].hash[:]) })
	width := max(3, len(fmt.Sprint(len(people))))
	out := make([]string, len(people))
	for n, k := range ks {
		out[k.i] = fmt.Sprintf("Engineer %0*d", width, n+1)
	}
	return out
}

// teamPseudonyms names teams "Team A"…"Team Z", "Team AA"… in the order
// of the SHA-256 of their names.
func teamPseudonyms(names []string) map[string]string {
	uniq := map[string]bool{}
	for _, n := range names {
		if n != "" {
			uniq[n] = true
		}
	}
	list := make([]string, 0, len(uniq))
	for n := range uniq {
		list = append(list, n)
	}
	sort.Slice(list, func(a, b int) bool {
		ha, hb := sha256.Sum256([]byte(list[a])), sha256.Sum256([]byte(list[b]))
		if ha != hb {
			return string(ha[:]) < string(hb[:])
		}
		return list[a] < list[b]
	})
	out := make(map[string]string, len(list))
	for i, n := range list {
		out[n] = "Team " + letters(i)
	}
	return out
}

// letters returns A, B, … Z, AA, AB, … for 0, 1, ….
func letters(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}
