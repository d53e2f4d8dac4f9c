package export

import (
	"crypto/sha256"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// scrubber replaces names, emails and other identities in free text with
// pseudonyms, by dictionary look-up: linear in the text and in the
// number of needles, and it never panics.
//
// Text and needles are read as tokens: a run of letters and digits, a
// run of white space, or any other single rune ('_', '@', '.', ',' …).
// A needle matches a run of whole tokens whose case-folded text is the
// needle's. Case is folded as regexp's (?i) folds it, and a run of white
// space of any kind and length matches the single space of a needle, so
// "Ada\n  Okafor" is the needle "ada okafor". Only whole words match: a
// needle that starts with a word rune (isWordRune, which counts '_') must
// not follow one, and a needle that ends with one must not be followed
// by a letter or digit (so "ada_x" holds the needle "ada", "x_ada" does
// not). A needle that starts or ends with another rune ("@ada-ok")
// matches on that side without a condition. At each token the longest
// needle wins; replaced text is not searched again.
type scrubber struct {
	repl  map[string]string // case-folded needle → replacement
	first map[string]int    // case-folded first token of needles → the most tokens one has
}

// newScrubber builds a scrubber from needles (any case) to replacements.
// White space in a needle is read as single spaces and trimmed; empty
// needles are ignored. Of needles that fold to the same text the one
// sorting first (longer, then smaller bytes) keeps its replacement. A
// nil scrubber, or one without needles, returns text unchanged.
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
	s := &scrubber{repl: make(map[string]string, len(needles)), first: map[string]int{}}
	for _, n := range needles {
		key, first, tokens := needleKey(strings.Join(strings.Fields(n), " "))
		if _, dup := s.repl[key]; dup {
			continue
		}
		s.repl[key] = pairs[n]
		s.first[first] = max(s.first[first], tokens)
	}
	return s
}

// needleKey returns the case-folded needle, its first token folded and
// its number of tokens.
func needleKey(needle string) (key, first string, tokens int) {
	var b []byte
	for i := 0; i < len(needle); tokens++ {
		end, kind := nextToken(needle, i)
		b = appendToken(b, needle[i:end], kind)
		if tokens == 0 {
			first = string(b)
		}
		i = end
	}
	return string(b), first, tokens
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' }

// isAlnum says whether r is a letter or a digit: a word rune but '_'.
func isAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// tokenKind is the kind of a token of the scrubber.
type tokenKind uint8

const (
	tokAlnum      tokenKind = iota // a run of letters and digits
	tokUnderscore                  // '_': a word rune, but a token of its own
	tokSpace                       // a run of white space
	tokOther                       // any other single rune
)

// wordRune says whether the token's runes are word runes (isWordRune).
func (k tokenKind) wordRune() bool { return k == tokAlnum || k == tokUnderscore }

// nextToken returns the end and kind of the token that starts at
// text[i] (i < len(text)). An invalid byte is a tokOther of its own.
func nextToken(text string, i int) (int, tokenKind) {
	r, size := utf8.DecodeRuneInString(text[i:])
	switch {
	case isAlnum(r):
		return runEnd(text, i+size, isAlnum), tokAlnum
	case r == '_':
		return i + 1, tokUnderscore
	case unicode.IsSpace(r):
		return runEnd(text, i+size, unicode.IsSpace), tokSpace
	}
	return i + size, tokOther
}

// runEnd returns the end of the run of runes in that starts at text[i].
func runEnd(text string, i int, in func(rune) bool) int {
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if !in(r) {
			break
		}
		i += size
	}
	return i
}

// appendToken appends the folded token tok of the kind to b: one space
// for white space, each rune case-folded otherwise.
func appendToken(b []byte, tok string, kind tokenKind) []byte {
	if kind == tokSpace {
		return append(b, ' ')
	}
	for i := 0; i < len(tok); {
		c := tok[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(tok[i:])
		b = utf8.AppendRune(b, foldRune(r))
		i += size
	}
	return b
}

// foldRune maps every rune of a case-folding orbit (unicode.SimpleFold,
// what regexp's (?i) matches) to one of them: its lower-case member where
// that is in the orbit, else the least.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	least := leastFold(r)
	if l := unicode.ToLower(least); l != least && leastFold(l) == least {
		return l
	}
	return least
}

// leastFold is the least rune of r's case-folding orbit.
func leastFold(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

// span is a candidate match: the tokens from a start to end, whose
// folded text is key[:keyLen]; kind is that of the last token.
type span struct {
	end, keyLen int
	kind        tokenKind
}

// scrub returns text with every needle replaced.
func (s *scrubber) scrub(text string) string {
	if s == nil || text == "" {
		return text
	}
	var (
		out      strings.Builder
		key      []byte
		spans    []span
		last     int  // text[last:i] is still to be copied
		prevWord bool // the rune before i is a word rune
	)
	for i := 0; i < len(text); {
		end, kind := nextToken(text, i)
		if !prevWord || !kind.wordRune() {
			var repl string
			var m span
			var ok bool
			key, spans, m, repl, ok = s.match(text, i, end, kind, key, spans)
			if ok {
				out.WriteString(text[last:i])
				out.WriteString(repl)
				i, last, prevWord = m.end, m.end, m.kind.wordRune()
				continue
			}
		}
		i, prevWord = end, kind.wordRune()
	}
	if last == 0 {
		return text
	}
	out.WriteString(text[last:])
	return out.String()
}

// match finds the longest needle that starts with the token text[i:end]
// of the kind and ends on a word boundary. key and spans are scratch
// space, returned for reuse.
func (s *scrubber) match(text string, i, end int, kind tokenKind, key []byte, spans []span) ([]byte, []span, span, string, bool) {
	key = appendToken(key[:0], text[i:end], kind)
	most, ok := s.first[string(key)]
	if !ok {
		return key, spans, span{}, "", false
	}
	spans = append(spans[:0], span{end, len(key), kind})
	for j := end; len(spans) < most && j < len(text); {
		e, k := nextToken(text, j)
		key = appendToken(key, text[j:e], k)
		spans = append(spans, span{e, len(key), k})
		j = e
	}
	for t := len(spans) - 1; t >= 0; t-- {
		sp := spans[t]
		if sp.kind == tokUnderscore && sp.end < len(text) {
			// A needle that ends in '_' must not be followed by a
			// letter or digit (after a letter or digit, the token
			// ends where they do).
			if r, _ := utf8.DecodeRuneInString(text[sp.end:]); isAlnum(r) {
				continue
			}
		}
		if repl, ok := s.repl[string(key[:sp.keyLen])]; ok {
			return key, spans, sp, repl, true
		}
	}
	return key, spans, span{}, "", false
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
		if len([]rune(needle)) < 2 || !strings.ContainsFunc(needle, unicode.IsLetter) {
			// A number alone names no one ("Jun Kim 2", a login's digits)
			// and would turn every count in the text into a pseudonym.
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
