package orggen

import (
	"fmt"
	"math"
)

// Planting is how far the planted archetypes stand out from the ordinary
// engineer (see Archetype). Its text form, for flags, is "strong" or
// "weak".
type Planting int

const (
	// Strong plants each archetype as its Archetype constant describes. It
	// is the zero value and makes the embedded sample.
	Strong Planting = iota
	// Weak plants the same people subtler, each still meeting the
	// analysis' definition of their role; Config.Planting lists every
	// number it changes.
	Weak
)

// String returns "strong" or "weak".
func (p Planting) String() string {
	switch p {
	case Strong:
		return "strong"
	case Weak:
		return "weak"
	}
	return fmt.Sprintf("Planting(%d)", int(p))
}

// MarshalText returns p's name, "strong" or "weak".
func (p Planting) MarshalText() ([]byte, error) {
	if p != Strong && p != Weak {
		return nil, fmt.Errorf("unknown planting %d", int(p))
	}
	return []byte(p.String()), nil
}

// UnmarshalText sets p from "strong" or "weak".
func (p *Planting) UnmarshalText(text []byte) error {
	switch string(text) {
	case "strong":
		*p = Strong
	case "weak":
		*p = Weak
	default:
		return fmt.Errorf("planting %q is neither strong nor weak", text)
	}
	return nil
}

// weak reports whether the archetypes are planted weakly.
func (g *gen) weak() bool { return g.c.Planting == Weak }

// strongOrWeak returns strong or weak, by the planting.
func (g *gen) strongOrWeak(strong, weak float64) float64 {
	if g.weak() {
		return weak
	}
	return strong
}

// toward returns planted under Strong planting, and under Weak the point
// halfway from planted to ordinary, what an ordinary engineer has.
func (g *gen) toward(planted, ordinary float64) float64 {
	if !g.weak() {
		return planted
	}
	return (planted + ordinary) / 2
}

// towardLog is toward on a log scale, for hours: under Weak planting the
// geometric mean of planted and ordinary.
func (g *gen) towardLog(planted, ordinary float64) float64 {
	if !g.weak() {
		return planted
	}
	return math.Sqrt(planted * ordinary)
}
