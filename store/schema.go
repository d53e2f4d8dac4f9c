package store

// migrations holds the schema, one step per version. Step i moves a file
// from user_version i to i+1. Never edit a step that has shipped; append.
var migrations = []string{
	`CREATE TABLE sources (
		id             INTEGER PRIMARY KEY,
		name           TEXT    NOT NULL,
		kind           TEXT    NOT NULL,
		format         TEXT    NOT NULL,
		sha256         TEXT    NOT NULL UNIQUE,
		imported_at    TEXT    NOT NULL,
		rows_read      INTEGER NOT NULL DEFAULT 0,
		rows_imported  INTEGER NOT NULL DEFAULT 0,
		rows_duplicate INTEGER NOT NULL DEFAULT 0,
		rows_skipped   INTEGER NOT NULL DEFAULT 0,
		rows_bots      INTEGER NOT NULL DEFAULT 0
	);
	CREATE TABLE source_issues (
		source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
		row       INTEGER NOT NULL,
		col       INTEGER NOT NULL,
		message   TEXT    NOT NULL
	);
	CREATE TABLE people (
		id         INTEGER PRIMARY KEY,
		email      TEXT NOT NULL UNIQUE,
		name       TEXT NOT NULL DEFAULT '',
		team       TEXT NOT NULL DEFAULT '',
		department TEXT NOT NULL DEFAULT '',
		title      TEXT NOT NULL DEFAULT '',
		level      TEXT NOT NULL DEFAULT '',
		manager    TEXT NOT NULL DEFAULT '',
		github     TEXT NOT NULL DEFAULT '',
		slack_id   TEXT NOT NULL DEFAULT '',
		source_id  INTEGER REFERENCES sources(id)
	);
	CREATE TABLE identities (
		key       TEXT    PRIMARY KEY,
		person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
		kind      TEXT    NOT NULL
	);
	CREATE TABLE interactions (
		id            INTEGER PRIMARY KEY,
		kind          TEXT    NOT NULL,
		from_key      TEXT    NOT NULL,
		to_key        TEXT    NOT NULL,
		at            INTEGER NOT NULL,
		requested     INTEGER,
		latency_hours REAL,
		weight        REAL    NOT NULL,
		context       TEXT    NOT NULL DEFAULT '',
		ref           TEXT    NOT NULL DEFAULT '',
		state         TEXT    NOT NULL DEFAULT '',
		comments      INTEGER NOT NULL DEFAULT 0,
		source_id     INTEGER NOT NULL REFERENCES sources(id),
		UNIQUE (kind, context, ref, from_key, at)
	);
	CREATE INDEX interactions_at ON interactions(at);
	CREATE INDEX interactions_source ON interactions(source_id);`,
	// 2: authors answering on their own change, counted apart from faults.
	`ALTER TABLE sources ADD COLUMN rows_self INTEGER NOT NULL DEFAULT 0;`,
	// 3: meetings, and aliases that tie a tool's identity to an email.
	`CREATE TABLE aliases (
		key       TEXT    PRIMARY KEY,
		email     TEXT    NOT NULL,
		name      TEXT    NOT NULL DEFAULT '',
		source_id INTEGER NOT NULL REFERENCES sources(id)
	);
	CREATE TABLE meetings (
		id            INTEGER PRIMARY KEY,
		uid           TEXT    NOT NULL DEFAULT '',
		subject       TEXT    NOT NULL DEFAULT '',
		start         INTEGER NOT NULL,
		end           INTEGER NOT NULL,
		organizer_key TEXT    NOT NULL DEFAULT '',
		size          INTEGER NOT NULL,
		source_id     INTEGER NOT NULL REFERENCES sources(id),
		UNIQUE (start, organizer_key, subject)
	);
	CREATE INDEX meetings_start ON meetings(start);
	CREATE TABLE meeting_people (
		meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
		key        TEXT    NOT NULL,
		organizer  INTEGER NOT NULL DEFAULT 0,
		PRIMARY KEY (meeting_id, key)
	);
	CREATE INDEX meeting_people_key ON meeting_people(key);`,
	// 4: fewer indexes to maintain on large imports. Analysis reads whole
	// periods and reports group a source's keys: both scan anyway.
	`DROP INDEX interactions_at;
	DROP INDEX interactions_source;`,
	// 5: column mappings a person chose for a spreadsheet layout, by the
	// signature of its header row, so the next export of that layout
	// imports without asking.
	`CREATE TABLE column_maps (
		signature TEXT PRIMARY KEY,
		kind      TEXT NOT NULL,
		mapping   TEXT NOT NULL,
		saved_at  TEXT NOT NULL
	);`,
	// 6: the anonymised exports' pseudonym numbers, kept so that a person
	// is "Engineer 017" in every export of the workspace, whoever joins
	// the roster later.
	`CREATE TABLE pseudonyms (
		email  TEXT PRIMARY KEY,
		number INTEGER NOT NULL UNIQUE
	);`,
}
