// Package assets holds the files Multiplier ships inside its binaries: the
// application icon and the sample organisation made by internal/orggen in
// the formats the tools export: an HR roster, a review export, calendars
// (Outlook CSV and .ics, one per department) and a Slack export. It
// imports nothing.
package assets

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
)

//go:generate go run ../cmd/orggen -all -out sample

// Icon is the application icon, a 512×512 PNG.
//
//go:embed icon.png
var Icon []byte

// Sample holds the sample organisation's files under "sample/".
//
//go:embed sample/roster.xlsx sample/reviews.xlsx sample/discovery.csv sample/payments.csv sample/engineering.ics sample/platform.ics sample/slack.zip
var Sample embed.FS

// SampleFiles are the sample's file names inside Sample, in the order
// they should be imported.
var SampleFiles = []string{"sample/roster.xlsx", "sample/reviews.xlsx", "sample/discovery.csv",
	"sample/payments.csv", "sample/engineering.ics", "sample/platform.ics", "sample/slack.zip"}

// SampleID is a short hash of the sample files, so that a workspace made
// from one version of the sample is never mixed with another's.
func SampleID() string {
	h := sha256.New()
	for _, name := range SampleFiles {
		b, err := Sample.ReadFile(name)
		if err != nil {
			panic("assets: " + err.Error())
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
