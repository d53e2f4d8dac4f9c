package altgen

// Word lists for synthetic names, teams, titles and PR titles. All invented
// for this generator; any resemblance to real people is accidental.

var firstNames = []string{
	"Aaliyah", "Abebe", "Adaeze", "Adrian", "Agnieszka", "Aiko", "Alejandro", "Amara",
	"Anders", "Anika", "Arjun", "Astrid", "Aylin", "Bao", "Beatriz", "Benedikt",
	"Bilal", "Bronwyn", "Callum", "Camila", "Chidi", "Chloe", "Dagny", "Dalia",
	"Darius", "Deepa", "Desmond", "Dmitri", "Eero", "Elif", "Elena", "Emeka",
	"Esme", "Farah", "Felipe", "Fiona", "Florin", "Gaurav", "Greta", "Hamza",
	"Hana", "Hector", "Ingrid", "Ioana", "Isaac", "Jana", "Jasper", "Javier",
	"Jin", "Joaquim", "Kaito", "Kamala", "Karim", "Katarzyna", "Kofi", "Lars",
	"Leilani", "Lena", "Liam", "Lucia", "Mads", "Maile", "Malik", "Mariana",
	"Mateo", "Maya", "Mehmet", "Mei", "Milan", "Mira", "Nadia", "Naveen",
	"Niamh", "Nikolai", "Noor", "Oksana", "Olumide", "Omar", "Paolo", "Priya",
	"Quentin", "Rafael", "Rania", "Ravi", "Rhea", "Rosa", "Ruben", "Saanvi",
	"Samir", "Sander", "Seo-yeon", "Siddharth", "Sigrid", "Sofia", "Soren", "Tamar",
	"Tariq", "Thandiwe", "Theo", "Tomasz", "Uma", "Valentina", "Vikram", "Wanjiru",
	"Wei", "Xavier", "Yara", "Yusuf", "Zanele", "Zofia", "Zoltan", "Ines",
}

var lastNames = []string{
	"Abara", "Achterberg", "Adeyemi", "Alvarado", "Andersson", "Arslan", "Bakshi", "Balogun",
	"Barros", "Bergstrom", "Bianchi", "Bondarenko", "Castellano", "Chakraborty", "Chen", "Cisneros",
	"Costa", "Dabrowski", "Dahl", "Delacroix", "Demir", "Dimitrov", "Dlamini", "Duarte",
	"Eklund", "Elbaz", "Esposito", "Falkenrath", "Fernandes", "Fischer", "Fonseca", "Garza",
	"Ghosh", "Grigoryan", "Haddad", "Halvorsen", "Hashemi", "Hoang", "Horvath", "Ibrahim",
	"Iwasaki", "Jablonski", "Jovanovic", "Kamau", "Kapoor", "Karlsson", "Kaur", "Kestrel",
	"Kim", "Kowalczyk", "Kuznetsova", "Lachance", "Larsen", "Lindqvist", "Lombardi", "Lungu",
	"Mahlangu", "Marchetti", "Mbeki", "Mendoza", "Moreau", "Mwangi", "Nakamura", "Nascimento",
	"Novak", "Nwosu", "Oduya", "Okafor", "Oliveira", "Ortega", "Ozturk", "Pacheco",
	"Papadakis", "Park", "Petrenko", "Quispe", "Rahman", "Ramires", "Rasmussen", "Reyes",
	"Rinaldi", "Rosen", "Sadowski", "Salazar", "Santoro", "Sato", "Schreiber", "Sepulveda",
	"Sharma", "Silva", "Sokolov", "Soto", "Suzuki", "Takahashi", "Tanaka", "Tembo",
	"Thorsen", "Toure", "Ueda", "Valdivia", "Varga", "Vasquez", "Virtanen", "Wojcik",
	"Yamamoto", "Yilmaz", "Zamora", "Zhou", "Ziegler", "Okonkwo-Reid", "Van der Berg", "Lindgren",
}

var platformTeamNames = []string{"Platform", "Core Platform", "Developer Platform", "Foundations"}

var productTeamNames = []string{
	"Payments", "Checkout", "Search", "Identity", "Notifications", "Billing", "Mobile",
	"Growth", "Catalog", "Fulfilment", "Messaging", "Risk", "Onboarding", "Reporting",
	"Pricing", "Inventory", "Logistics", "Accounts", "Marketplace", "Support Tools",
	"Web Experience", "Partner API", "Data Ingestion", "Observability", "Storage",
	"Release Engineering", "Recommendations", "Subscriptions",
}

var platformDepartments = []string{"Platform Engineering", "Infrastructure", "Engineering Foundations"}

var productDepartments = []string{
	"Product Engineering", "Commerce", "Customer Experience", "Data & Insights",
	"Core Products", "Growth Engineering",
}

var repoSuffixes = []string{"api", "web", "worker", "service", "client", "pipeline", "infra", "jobs"}

var libRepos = []string{"corp/shared-lib", "corp/platform-commons", "corp/core-lib"}

var prVerbs = []string{
	"Add", "Fix", "Refactor", "Remove", "Update", "Improve", "Migrate", "Handle",
	"Support", "Extract", "Simplify", "Document", "Speed up", "Validate", "Clean up",
	"Introduce", "Deprecate", "Harden", "Instrument", "Split",
}

var prThings = []string{
	"retry logic in %s client", "pagination for %s endpoints", "%s webhook handler",
	"flaky test in %s suite", "metrics for %s jobs", "%s feature flag",
	"error handling in %s worker", "%s schema migration", "caching for %s lookups",
	"timeouts in %s calls", "%s config loading", "logging around %s sync",
	"%s API validation", "%s batch job", "rate limiting on %s", "%s dashboard query",
	"null handling in %s model", "%s e2e tests", "%s admin view", "%s event consumer",
	"%s permissions check", "%s CI pipeline", "%s request tracing",
}

var libThings = []string{
	"http client middleware", "structured logger", "config loader", "retry helper",
	"auth token verifier", "metrics exporter", "feature flag client", "db connection pool",
	"pagination helper", "error wrapping utilities", "tracing context propagation",
	"rate limiter", "JSON codec", "test fixtures", "circuit breaker",
}

var botPackages = []string{
	"golang.org/x/net", "github.com/stretchr/testify", "lodash", "axios", "react",
	"eslint", "google.golang.org/grpc", "actions/checkout", "jackson-databind",
	"requests", "urllib3", "webpack", "typescript", "google.golang.org/protobuf",
	"github.com/prometheus/client_golang", "express", "pydantic",
}
