package slack

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/importers/parse"
)

// user is the part of a users.json member Read uses.
type user struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	RealName string `json:"real_name"`
	IsBot    bool   `json:"is_bot"`
	BotID    string `json:"bot_id"`
	Deleted  bool   `json:"deleted"`
	Profile  struct {
		Email       string `json:"email"`
		RealName    string `json:"real_name"`
		DisplayName string `json:"display_name"`
		BotID       string `json:"bot_id"`
	} `json:"profile"`
}

// isBot reports whether u is a bot or an app rather than a person.
func (u *user) isBot() bool {
	return u.IsBot || u.BotID != "" || u.Profile.BotID != "" || u.ID == "USLACKBOT" || multiplier.IsBot(u.Name)
}

// displayName is the name to show for u: the real name, else the
// profile's real or display name.
func (u *user) displayName() string {
	for _, s := range []string{u.RealName, u.Profile.RealName, u.Profile.DisplayName} {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// conversation is the part of a channels.json (groups, dms, mpims) entry
// Read uses.
type conversation struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// stop carries an error from an eachItem callback, so that it is told
// apart from a decoding error.
type stop struct{ err error }

func (s stop) Error() string { return s.err.Error() }
func (s stop) Unwrap() error { return s.err }

// errNotArray: a listing or day file holds JSON that is not an array.
var errNotArray = errors.New("not a JSON array")

// eachItem decodes the JSON array in in one element at a time into a
// fresh T and calls fn with its 1-based item number. An element of the
// wrong shape (a string for a number…) reaches fn with a non-nil bad; the
// stream stays in step. eachItem returns the number of items begun and the
// first decoding error, or fn's error wrapped in stop.
func eachItem[T any](in io.Reader, fn func(item int, v *T, bad error) error) (int, error) {
	dec := json.NewDecoder(in)
	tok, err := dec.Token()
	if err != nil {
		return 0, err
	}
	if tok != json.Delim('[') {
		return 0, errNotArray
	}
	item := 0
	for dec.More() {
		item++
		var v T
		err := dec.Decode(&v)
		var typeErr *json.UnmarshalTypeError
		if err != nil && !errors.As(err, &typeErr) {
			return item, err
		}
		if err := fn(item, &v, err); err != nil {
			return item, stop{err}
		}
	}
	if _, err := dec.Token(); err != nil {
		return item, err
	}
	return item, nil
}

// badShape returns the ParseError for an element of the wrong shape.
func (r *reader) badShape(name string, item int, bad error) *parse.ParseError {
	pe := &parse.ParseError{File: r.file, Sheet: name, Row: item}
	var typeErr *json.UnmarshalTypeError
	if errors.As(bad, &typeErr) {
		pe.Column = typeErr.Field
		want := "another type"
		switch {
		case typeErr.Type == nil:
		case typeErr.Type.Kind() == reflect.Struct:
			want = "an object"
		default:
			want = typeErr.Type.String()
		}
		pe.Err = parse.ValueError("a JSON "+typeErr.Value+" where "+want+" was expected", parse.ErrCorrupt)
	} else {
		pe.Err = fmt.Errorf("%w: %w", parse.ErrCorrupt, bad)
	}
	return pe
}

// listingError turns an error from eachItem on listing e into the error
// Read returns: the archive's own error, fn's error, or ErrCorrupt for
// JSON that cannot be read.
func listingError(e *entry, item int, err error) error {
	var s stop
	switch {
	case err == nil:
		return nil
	case e.err != nil:
		return e.err
	case errors.As(err, &s):
		return s.err
	}
	return &parse.ParseError{File: e.file, Sheet: e.name, Row: item, Err: fmt.Errorf("%w: %w", parse.ErrCorrupt, err)}
}

// readListing reads users.json or a channel list.
func (r *reader) readListing(e *entry) error {
	_, base := splitName(e.name)
	if base == "users.json" {
		return r.readUsers(e)
	}
	kind := map[string]string{"groups.json": "group", "dms.json": "dm", "mpims.json": "mpim"}[base]
	item, err := eachItem(e, func(item int, c *conversation, bad error) error {
		if bad != nil {
			r.stats.Skip(r.badShape(e.name, item, bad))
			return nil
		}
		r.addConversation(kind, c)
		return nil
	})
	return listingError(e, item, err)
}

// addConversation maps the folder of c to the Context of its messages.
// Slack names a channel's or group's folder after its name and a DM's
// after its ID; an MPIM's folder has been seen under both, so both are
// mapped.
func (r *reader) addConversation(kind string, c *conversation) {
	where := c.Name
	switch kind {
	case "dm":
		where = "dm"
	case "mpim":
		where = "group-dm"
	}
	if where == "" {
		where = c.ID
	}
	for _, folder := range []string{c.Name, c.ID} {
		if folder == "" {
			continue
		}
		if _, seen := r.folders[folder]; !seen {
			r.folders[folder] = where
		}
	}
}

// readUsers reads users.json: it sends an Alias for each person with an
// email and keeps the bots' IDs.
func (r *reader) readUsers(e *entry) error {
	item, err := eachItem(e, func(item int, u *user, bad error) error {
		if bad != nil {
			r.stats.Skip(r.badShape(e.name, item, bad))
			return nil
		}
		return r.addUser(e.name, item, u)
	})
	return listingError(e, item, err)
}

// addUser handles one member of users.json.
func (r *reader) addUser(name string, item int, u *user) error {
	id := strings.TrimSpace(u.ID)
	if id == "" {
		r.stats.Skip(&parse.ParseError{File: r.file, Sheet: name, Row: item, Column: "id",
			Err: parse.ValueError("a user without an id", parse.ErrMissingValue)})
		return nil
	}
	if u.isBot() {
		r.bots[id] = true
		r.counts.botUsers++
		return nil
	}
	email := strings.TrimSpace(u.Profile.Email)
	if email == "" {
		r.counts.noEmail++
		return nil
	}
	if err := r.sink.Alias(multiplier.Alias{Identity: id, Email: email, Name: u.displayName()}); err != nil {
		return fmt.Errorf("send alias: %w", err)
	}
	r.stats.Imported++
	return nil
}
