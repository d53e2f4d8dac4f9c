package importers

import (
	"math"
	"strconv"
	"strings"

	"github.com/multiplier/multiplier"
)

// Generic interactions sheet fields, in the order of interactionFields.
const (
	iFrom = iota
	iTo
	iKind
	iTimestamp
	iWeight
	iContext
)

var interactionFields = []field{
	iFrom:      {"from", []string{"From", "Source", "Giver", "Helper", "From Person"}},
	iTo:        {"to", []string{"To", "Target", "Receiver", "Helped", "To Person", "Recipient"}},
	iKind:      {"kind", []string{"Kind", "Type", "Channel", "Interaction Type", "Interaction Kind"}},
	iTimestamp: {"timestamp", []string{"Timestamp", "Time", "Date", "When", "At", "Date Time", "Time Stamp"}},
	iWeight:    {"weight", []string{"Weight"}},
	iContext:   {"context", []string{"Context", "Note", "Notes"}},
}

// defaultKind is the kind of an interaction whose Kind cell is empty.
const defaultKind = "interaction"

// interaction reads one row of a generic interactions sheet. bot reports
// a row left out for a bot, self one where From and To are one person.
func (im *importer) interaction(cells []string, row int) (in multiplier.Interaction, bot, self bool, _ *ParseError) {
	h := im.h
	in.From, in.To = h.value(cells, iFrom), h.value(cells, iTo)
	if in.From == "" {
		return in, false, false, im.fail(row, iFrom, ErrMissingValue)
	}
	if in.To == "" {
		return in, false, false, im.fail(row, iTo, ErrMissingValue)
	}
	if multiplier.IsBot(in.From) || multiplier.IsBot(in.To) {
		return in, true, false, nil
	}
	if multiplier.IdentityKey(in.From) == multiplier.IdentityKey(in.To) {
		return in, false, true, nil
	}
	t, err := im.parseDate(&im.interactions.timestamp, h.value(cells, iTimestamp))
	if err != nil {
		return in, false, false, im.fail(row, iTimestamp, err)
	}
	in.At = t
	s := h.value(cells, iWeight)
	w, ok := parseWeight(s)
	if !ok {
		return in, false, false, im.fail(row, iWeight, badValue(ErrBadNumber, s, "a weight (a number, 0 or more)"))
	}
	in.Weight = w
	in.Kind = multiplier.Kind(strings.ToLower(h.value(cells, iKind)))
	if in.Kind == "" {
		in.Kind = defaultKind
	}
	in.Context = h.value(cells, iContext)
	in.Ref = multiplier.IdentityKey(in.To)
	return in, false, false, nil
}

// parseWeight reads a weight: empty is 1; otherwise a finite number, 0 or
// more, with a decimal point or (as a European sheet writes it) a single
// decimal comma: "0,5" is 0.5.
func parseWeight(s string) (float64, bool) {
	if s == "" {
		return 1, true
	}
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	w, err := strconv.ParseFloat(s, 64)
	if err != nil || w < 0 || math.IsInf(w, 0) || math.IsNaN(w) {
		return 0, false
	}
	return w, true
}

// interactionNotes says which day order the timestamps were read in.
func (im *importer) interactionNotes() []string {
	if n := im.interactions.timestamp.note(im.h.names[iTimestamp], im.order); n != "" {
		return []string{n}
	}
	return nil
}

// interactionRow hands one interactions-sheet row to the sink or counts
// why not.
func (im *importer) interactionRow(cells []string, row int) error {
	in, bot, self, perr := im.interaction(cells, row)
	switch {
	case bot:
		im.bot()
	case self:
		im.selfReview()
	case perr != nil:
		return im.skip(perr)
	default:
		return im.emit(row, func() error { return im.sink.Interaction(in) })
	}
	return nil
}
