package graph

import (
	"fmt"
	"math"
)

// Settings holds every weight and threshold of the analysis. Start from
// DefaultSettings and change fields; the zero Settings is not valid.
// Thresholds that say "of the organisation" are multiplied by the
// organisation's value for the period (see Org), so the same settings
// work for a team of twenty and an organisation of thousands.
type Settings struct {
	// ExactBetweennessUpTo: graphs of up to this many people get exact
	// betweenness; larger ones an unbiased estimate from
	// BetweennessPivots sources drawn with a fixed seed (Brandes & Pich
	// 2007), whose error shrinks as 1/√pivots. Defaults 4000 and 1000.
	ExactBetweennessUpTo int
	BetweennessPivots    int

	// ConnectorPercentile is the percentile (0–1) of betweenness among
	// roster people with ties at or above which someone with ties into at
	// least MinTeamsHelped other teams is a connector (unless a
	// multiplier or bottleneck). Default 0.9.
	ConnectorPercentile float64
	// PeripheralPartners: a person with ties to this many people or fewer
	// is peripheral. Default 2.
	PeripheralPartners int

	// ThreadWeight is the help one chat thread reply carries on the
	// graph, against a review's 1. Default 0.5.
	ThreadWeight float64
	// MentionWeight is the weight of one chat mention, from the author to
	// the person mentioned. Default 0.1.
	MentionWeight float64
	// OtherWeight multiplies the Weight of interactions of other kinds
	// (a generic sheet's pairing, mentoring…). Default 0.5.
	OtherWeight float64
	// MeetingWeight is the tie one meeting hour gives, split over the
	// other n − 1 people present: each pair gets MeetingWeight × hours /
	// (n − 1) both ways. Default 0.25.
	MeetingWeight float64
	// MaxMeetingSize: meetings with more people carry no tie (all-hands
	// say nothing about who helps whom). Their hours still count toward
	// meeting hours. Default 12.
	MaxMeetingSize int

	// CommentWeight is the extra edge weight each review comment adds to
	// the review's weight of 1. Default 0.1.
	CommentWeight float64
	// MaxComments caps the comments counted per review, so one long
	// thread cannot dominate a pair's weight. Default 10.
	MaxComments int

	// MeaningfulReviews is the number of reviews a person must give to
	// authors of another team for that team to count in TeamsHelped.
	// Default 3.
	MeaningfulReviews int
	// MinReviews is the least number of reviews given that makes a person
	// an active reviewer, whatever the organisation's median. Default 10.
	MinReviews int
	// ActiveFactor times the organisation's median of reviews given is
	// the other floor for an active reviewer; the larger floor applies.
	// Only active reviewers can be multipliers or bottlenecks. Default 0.5.
	ActiveFactor float64

	// SlowFactor: a person is slow when their median turnaround is at
	// least SlowFactor times the organisation's (and at least
	// MinSlowHours). Default 2.0.
	SlowFactor float64
	// MinSlowHours is a floor under "slow": a median turnaround below it
	// is never slow, however fast the organisation is. Default 8 (a
	// working day), so that in an organisation whose median is one hour
	// a reviewer who answers the same morning is not a bottleneck.
	MinSlowHours float64
	// QueueSlowFactor: a gatekeeper whose median turnaround is at least
	// QueueSlowFactor times the organisation's (and at least MinSlowHours)
	// is a bottleneck when their waiting load is also among the
	// organisation's highest (WaitingPercentile, MinWaitingLoad). Default 1.5.
	QueueSlowFactor float64
	// ResponsiveFactor: a person is responsive when their median
	// turnaround is at most ResponsiveFactor times the organisation's.
	// Default 1.25.
	ResponsiveFactor float64
	// GatekeeperShare is the share of one repository's reviews that makes
	// a slow active reviewer a bottleneck. Default 0.35.
	GatekeeperShare float64
	// TeamCoverage is the share of one team's reviewed changes that a
	// slow active reviewer reviewed which makes them a bottleneck
	// (Metrics.TeamShare): the team's work goes through them. Default 0.5.
	TeamCoverage float64
	// MinRepoReviews is the least number of reviews a repository needs in
	// the period before anyone's share of it counts as GatekeeperShare.
	// Default 20.
	MinRepoReviews int
	// WaitingPercentile is the percentile (0–1) of WaitingLoad among the
	// organisation's active reviewers at or above which (and at or above
	// MinWaitingLoad) a slow active reviewer is a bottleneck. Default 0.9.
	WaitingPercentile float64

	// MinWaitingLoad is a floor under the waiting-load test: a load below
	// it never makes a bottleneck, even in the top percentile. Default
	// 1.0 (on average at least one review always waiting on them). The
	// percentile alone would always find someone; this keeps a slow but
	// occasional reviewer in a fast organisation from being called one.
	MinWaitingLoad float64

	// MinTeamsHelped is the least TeamsHelped of a multiplier. Default 2.
	MinTeamsHelped int
	// MinCrossTeamShare is the least CrossTeamShare of a multiplier.
	// Default 0.25.
	MinCrossTeamShare float64
	// CrossTeamVolume times the organisation's median of reviews given is
	// the least number of reviews a multiplier gives to other teams
	// (CrossTeamReviews): their help outside the team alone is a
	// substantial reviewer's load. Default 0.75.
	CrossTeamVolume float64
	// MultiplierVolume times the organisation's median of reviews given
	// is the least number of reviews a multiplier gives. Default 1.0.
	MultiplierVolume float64

	// SoloOutputFactor times the organisation's median of changes
	// authored is the least output of a solo contributor. Default 1.75.
	SoloOutputFactor float64
	// MinSoloChanges is the least number of changes a solo contributor
	// authored, whatever the median. Default 10.
	MinSoloChanges int
	// SoloHelpFactor times the organisation's median of reviews given is
	// the most reviews a solo contributor gives. Default 0.4.
	SoloHelpFactor float64

	// PageRankDamping is PageRank's damping factor, in (0, 1). Default 0.85.
	PageRankDamping float64
	// PageRankTolerance stops the PageRank iteration when the 2-norm of
	// the change between iterations falls below it. Default 1e-8.
	PageRankTolerance float64
}

// DefaultSettings returns the documented defaults.
func DefaultSettings() Settings {
	return Settings{
		CommentWeight:        0.1,
		ExactBetweennessUpTo: 4000,
		BetweennessPivots:    1000,
		ConnectorPercentile:  0.9,
		PeripheralPartners:   2,
		ThreadWeight:         0.5,
		MentionWeight:        0.1,
		OtherWeight:          0.5,
		MeetingWeight:        0.25,
		MaxMeetingSize:       12,
		MaxComments:          10,
		MeaningfulReviews:    3,
		MinReviews:           10,
		ActiveFactor:         0.5,
		SlowFactor:           2.0,
		MinSlowHours:         8,
		QueueSlowFactor:      1.5,
		ResponsiveFactor:     1.25,
		GatekeeperShare:      0.35,
		MinRepoReviews:       20,
		WaitingPercentile:    0.9,
		MinWaitingLoad:       1.0,
		MinTeamsHelped:       2,
		MinCrossTeamShare:    0.25,
		CrossTeamVolume:      0.75,
		TeamCoverage:         0.5,
		MultiplierVolume:     1.0,
		SoloOutputFactor:     1.75,
		MinSoloChanges:       10,
		SoloHelpFactor:       0.4,
		PageRankDamping:      0.85,
		PageRankTolerance:    1e-8,
	}
}

// check returns what is wrong with s, or nil. Comparisons are written so
// that NaN fails them.
func (s Settings) check() error {
	switch {
	case !(s.CommentWeight >= 0) || math.IsInf(s.CommentWeight, 1):
		return fmt.Errorf("CommentWeight %v is not a finite non-negative number", s.CommentWeight)
	case !(s.ThreadWeight >= 0 && s.MentionWeight >= 0 && s.OtherWeight >= 0 && s.MeetingWeight >= 0) ||
		math.IsInf(s.ThreadWeight+s.MentionWeight+s.OtherWeight+s.MeetingWeight, 1):
		return fmt.Errorf("channel weights must be finite and non-negative")
	case !(s.ConnectorPercentile >= 0 && s.ConnectorPercentile <= 1):
		return fmt.Errorf("ConnectorPercentile %v is outside [0, 1]", s.ConnectorPercentile)
	case s.PeripheralPartners < 0:
		return fmt.Errorf("PeripheralPartners %d is negative", s.PeripheralPartners)
	case s.ExactBetweennessUpTo < 0 || s.BetweennessPivots < 1:
		return fmt.Errorf("ExactBetweennessUpTo %d or BetweennessPivots %d out of range", s.ExactBetweennessUpTo, s.BetweennessPivots)
	case s.MaxMeetingSize < 2:
		return fmt.Errorf("MaxMeetingSize %d is below 2", s.MaxMeetingSize)
	case s.MaxComments < 0:
		return fmt.Errorf("MaxComments %d is negative", s.MaxComments)
	case s.MeaningfulReviews < 1:
		return fmt.Errorf("MeaningfulReviews %d is below 1", s.MeaningfulReviews)
	case s.MinReviews < 1:
		return fmt.Errorf("MinReviews %d is below 1", s.MinReviews)
	case !(s.ActiveFactor >= 0):
		return fmt.Errorf("ActiveFactor %v is negative", s.ActiveFactor)
	case !(s.SlowFactor > 0):
		return fmt.Errorf("SlowFactor %v is not positive", s.SlowFactor)
	case !(s.MinSlowHours >= 0):
		return fmt.Errorf("MinSlowHours %v is negative", s.MinSlowHours)
	case !(s.ResponsiveFactor > 0):
		return fmt.Errorf("ResponsiveFactor %v is not positive", s.ResponsiveFactor)
	case !(s.ResponsiveFactor < s.SlowFactor):
		return fmt.Errorf("ResponsiveFactor %v is not below SlowFactor %v", s.ResponsiveFactor, s.SlowFactor)
	case !(s.GatekeeperShare > 0 && s.GatekeeperShare <= 1):
		return fmt.Errorf("GatekeeperShare %v is outside (0, 1]", s.GatekeeperShare)
	case s.MinRepoReviews < 1:
		return fmt.Errorf("MinRepoReviews %d is below 1", s.MinRepoReviews)
	case !(s.WaitingPercentile >= 0 && s.WaitingPercentile <= 1):
		return fmt.Errorf("WaitingPercentile %v is outside [0, 1]", s.WaitingPercentile)
	case !(s.MinWaitingLoad >= 0):
		return fmt.Errorf("MinWaitingLoad %v is negative", s.MinWaitingLoad)
	case s.MinTeamsHelped < 0:
		return fmt.Errorf("MinTeamsHelped %d is negative", s.MinTeamsHelped)
	case !(s.CrossTeamVolume >= 0) || math.IsInf(s.CrossTeamVolume, 1):
		return fmt.Errorf("CrossTeamVolume %v is not a finite non-negative number", s.CrossTeamVolume)
	case !(s.QueueSlowFactor > 0 && s.QueueSlowFactor <= s.SlowFactor):
		return fmt.Errorf("QueueSlowFactor %v is not in (0, SlowFactor]", s.QueueSlowFactor)
	case !(s.TeamCoverage > 0 && s.TeamCoverage <= 1):
		return fmt.Errorf("TeamCoverage %v is outside (0, 1]", s.TeamCoverage)
	case !(s.MinCrossTeamShare >= 0 && s.MinCrossTeamShare <= 1):
		return fmt.Errorf("MinCrossTeamShare %v is outside [0, 1]", s.MinCrossTeamShare)
	case !(s.MultiplierVolume >= 0):
		return fmt.Errorf("MultiplierVolume %v is negative", s.MultiplierVolume)
	case !(s.SoloOutputFactor >= 0):
		return fmt.Errorf("SoloOutputFactor %v is negative", s.SoloOutputFactor)
	case s.MinSoloChanges < 1:
		return fmt.Errorf("MinSoloChanges %d is below 1", s.MinSoloChanges)
	case !(s.SoloHelpFactor >= 0):
		return fmt.Errorf("SoloHelpFactor %v is negative", s.SoloHelpFactor)
	case !(s.PageRankDamping > 0 && s.PageRankDamping < 1):
		return fmt.Errorf("PageRankDamping %v is outside (0, 1)", s.PageRankDamping)
	case !(s.PageRankTolerance > 0):
		return fmt.Errorf("PageRankTolerance %v is not positive", s.PageRankTolerance)
	}
	return nil
}

// Validate reports the first setting out of its documented range, for a
// settings screen to show before Analyze would panic on it.
func (s Settings) Validate() error { return s.check() }
