package orggen

import (
	"fmt"
	"strings"
)

// teamName is a team the generator can make and the department it sits in.
type teamName struct {
	name, dept string
	areas      []string // things its pull requests touch
}

// teamNames are taken in order; past the end they repeat with a number.
var teamNames = []teamName{
	{"Payments-Core", "Payments", []string{"ledger writer", "refund flow", "currency rounding", "payment intent API", "idempotency keys", "settlement job"}},
	{"Search-Ranking", "Discovery", []string{"ranking model loader", "query rewriter", "BM25 scorer", "result cache", "relevance metrics", "synonym table"}},
	{"Identity", "Platform", []string{"session store", "OAuth callback", "password reset", "MFA enrolment", "token rotation", "SCIM sync"}},
	{"Mobile-Platform", "Platform", []string{"iOS build script", "Android push handler", "offline sync", "deep links", "crash reporter", "app startup"}},
	{"Data-Infra", "Platform", []string{"Kafka consumer", "Spark job config", "warehouse loader", "schema registry", "backfill tool", "partition pruning"}},
	{"Checkout", "Payments", []string{"cart totals", "address form", "promo codes", "tax calculation", "order confirmation", "checkout funnel"}},
	{"Growth", "Discovery", []string{"onboarding flow", "referral rewards", "A/B assignment", "email digest", "signup form", "activation events"}},
	{"Developer-Tools", "Platform", []string{"CI cache", "lint config", "test runner", "release script", "monorepo tooling", "build graph"}},
	{"Billing", "Payments", []string{"invoice renderer", "proration", "dunning emails", "usage metering", "plan changes"}},
	{"Recommendations", "Discovery", []string{"candidate generator", "embedding store", "feature pipeline", "diversity filter", "cold start"}},
	{"Observability", "Platform", []string{"metrics exporter", "trace sampler", "alert rules", "log shipper", "dashboards"}},
	{"Notifications", "Discovery", []string{"push scheduler", "template engine", "quiet hours", "delivery receipts", "unsubscribe link"}},
	{"Fraud-Detection", "Payments", []string{"risk score", "velocity checks", "chargeback import", "rule engine", "device fingerprint"}},
	{"Storage", "Platform", []string{"blob GC", "replica failover", "compaction", "quota checks", "snapshot restore"}},
	{"Web-Frontend", "Discovery", []string{"design system button", "SSR hydration", "bundle size", "route guards", "form validation"}},
	{"Messaging", "Platform", []string{"queue retries", "dead letter handling", "fan-out worker", "message ordering", "consumer lag"}},
}

// sharedRepos are the libraries every team sends changes to.
var sharedRepos = []struct {
	repo  string
	areas []string
}{
	{"acme/shared-lib", []string{"retry helper", "logging middleware", "config loader", "HTTP client", "feature flags", "error wrapping"}},
	{"acme/platform-sdk", []string{"auth token refresh", "SDK pagination", "tracing hooks", "error codes", "rate limiter", "client options"}},
}

// Leadership is where the director sits.
const (
	leadershipTeam = "Engineering-Leadership"
	leadershipDept = "Engineering"
)

// team is one engineering team of the generated organisation.
type team struct {
	name, dept, repo string
	areas            []string
	manager          int   // index into gen.members
	engineers        []int // indexes into gen.members, manager excluded
}

// makeTeams names n teams.
func makeTeams(n int) []team {
	teams := make([]team, n)
	for i := range teams {
		t := teamNames[i%len(teamNames)]
		name := t.name
		if round := i / len(teamNames); round > 0 {
			name = fmt.Sprintf("%s-%d", t.name, round+1)
		}
		teams[i] = team{name: name, dept: t.dept, repo: "acme/" + strings.ToLower(name), areas: t.areas}
	}
	return teams
}

var (
	titleVerbs      = []string{"Fix", "Add", "Refactor", "Remove", "Update", "Improve", "Handle errors in", "Migrate", "Speed up", "Document", "Add tests for", "Simplify", "Clean up", "Add metrics to", "Harden"}
	titleQualifiers = []string{"", "", "", "", " for large accounts", " behind a feature flag", " (follow-up)", " in batch mode", " on retry", " for EU region", " after incident review", " under load"}
	botDeps         = []string{"golang.org/x/net", "github.com/stretchr/testify", "google.golang.org/grpc", "react", "typescript", "eslint", "@types/node", "webpack", "github.com/prometheus/client_golang", "lodash", "actions/checkout", "jest"}
)

// humanTitle makes the title of a person's pull request about one of areas.
func (g *gen) humanTitle(areas []string) string {
	r := g.r
	return titleVerbs[r.Intn(len(titleVerbs))] + " " + areas[r.Intn(len(areas))] + titleQualifiers[r.Intn(len(titleQualifiers))]
}

// botTitle makes the title of a dependency bot's pull request.
func (g *gen) botTitle(bot string) string {
	r := g.r
	dep := botDeps[r.Intn(len(botDeps))]
	major, minor, patch := r.Intn(5), r.Intn(30), r.Intn(12)
	if bot == dependabot {
		return fmt.Sprintf("Bump %s from %d.%d.%d to %d.%d.%d", dep, major, minor, patch, major, minor, patch+1+r.Intn(3))
	}
	return fmt.Sprintf("Update dependency %s to v%d.%d.%d", dep, major, minor+1, r.Intn(6))
}
