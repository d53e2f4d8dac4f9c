package parse

import "github.com/multiplier/multiplier"

// Sink receives records as a reader reads them, in file order, from the
// caller's goroutine. An error from the sink stops the read and is
// returned, wrapped.
type Sink interface {
	Person(multiplier.Person) error
	Review(multiplier.Review) error
	Meeting(multiplier.Meeting) error
	Interaction(multiplier.Interaction) error
	Alias(multiplier.Alias) error
}

// MaxSkipped is how many ParseErrors Stats keeps.
const MaxSkipped = 1000

// Stats says what a reader read from one file. After a successful read,
// Rows = Imported + Bots + SelfReviews + SkippedCount.
type Stats struct {
	Rows         int           // records read (rows, events, messages, changes…)
	Imported     int           // records handed to the sink
	Bots         int           // left out because a bot was involved; not errors
	SelfReviews  int           // someone answering their own change or thread; not errors
	Skipped      []*ParseError // the first MaxSkipped skipped records with reasons
	SkippedCount int           // all skipped records
	Notes        []string      // notes for a person, e.g. "12 recurring events expanded"
}

// Skip counts a skipped record and keeps its error while there is room.
func (s *Stats) Skip(e *ParseError) {
	s.SkippedCount++
	if len(s.Skipped) < MaxSkipped {
		s.Skipped = append(s.Skipped, e)
	}
}
