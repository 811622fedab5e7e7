package postgres

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"strategyminutes/postgres/pgtest"
)

// cluster is the throwaway server of this package's tests.
var cluster *pgtest.Cluster

func TestMain(m *testing.M) { pgtest.Main(m, &cluster) }

// newServer is a new database on the test cluster, made by Init as its
// owner would (the cluster's superuser), and its name.
func newServer(t *testing.T) (*Server, string) {
	t.Helper()
	pgtest.Need(t, cluster)
	ctx := context.Background()
	name := cluster.NewDatabase(ctx, t)
	s, err := Open(ctx, cluster.SuperURL(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	if from, to, err := s.Init(ctx); err != nil || from != 0 || to != SchemaVersion() {
		t.Fatalf("init: %d to %d, %v", from, to, err)
	}
	return s, name
}

func TestConfigRequiresVerifiedTLSForAnotherComputer(t *testing.T) {
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	for _, tt := range []struct {
		address string
		ok      bool
	}{
		{"postgres://chair@127.0.0.1:5432/minutes", true}, // this computer: TLS not needed
		{"postgres://chair@localhost/minutes?sslmode=disable", true},
		{"postgres://chair@[::1]:5432/minutes?sslmode=disable", true},
		{"host=/var/run/postgresql user=chair dbname=minutes", true}, // a unix socket
		{"postgres://chair@db.partnership.example/minutes?sslmode=verify-full", true},
		{"postgres://chair@db.partnership.example/minutes", false},                   // prefer: falls back to plain text
		{"postgres://chair@db.partnership.example/minutes?sslmode=require", false},   // encrypted, server not checked
		{"postgres://chair@db.partnership.example/minutes?sslmode=verify-ca", false}, // certificate, not its name
		{"postgres://chair@db.partnership.example/minutes?sslmode=disable", false},
		{"postgres://chair@10.1.2.3/minutes?sslmode=allow", false},
		// Two hosts: each must be safe.
		{"postgres://chair@localhost,db.partnership.example/minutes?sslmode=prefer", false},
		{"postgres://chair@localhost,db.partnership.example/minutes?sslmode=verify-full", true},
	} {
		_, err := Config(tt.address)
		if tt.ok && err != nil || !tt.ok && !errors.Is(err, ErrInsecure) {
			t.Errorf("%s: %v", tt.address, err)
		}
	}
}

// The settings libpq reads from the environment are read too.
func TestConfigFromTheEnvironment(t *testing.T) {
	t.Setenv("PGHOST", "db.partnership.example")
	t.Setenv("PGUSER", "alice")
	t.Setenv("PGDATABASE", "minutes")
	t.Setenv("PGSSLMODE", "require")
	if _, err := Config(""); !errors.Is(err, ErrInsecure) {
		t.Errorf("PGSSLMODE=require to another computer: %v", err)
	}
	t.Setenv("PGSSLMODE", "verify-full")
	pass := filepath.Join(t.TempDir(), "pgpass")
	if err := os.WriteFile(pass, []byte("db.partnership.example:5432:minutes:alice:s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PGPASSFILE", pass)
	cfg, err := Config("")
	if err != nil {
		t.Fatal(err)
	}
	c := cfg.ConnConfig
	if c.Host != "db.partnership.example" || c.User != "alice" || c.Database != "minutes" || c.Password != "s3cret" ||
		c.TLSConfig == nil || c.TLSConfig.ServerName != "db.partnership.example" {
		t.Errorf("config %s@%s/%s, password from the file %v, TLS %+v", c.User, c.Host, c.Database, c.Password == "s3cret", c.TLSConfig)
	}
}

// An address that cannot be read is refused without repeating it: it may
// hold a password.
func TestConfigNeverRepeatsTheAddress(t *testing.T) {
	for _, address := range []string{"postgres://alice:Secret-Pw@db.example:notaport/minutes", "host=x password=Secret-Pw port=="} {
		_, err := Config(address)
		if err == nil || strings.Contains(err.Error(), "Secret-Pw") {
			t.Errorf("%q: %v", address, err)
		}
	}
}

func TestInitIsIdempotentAndTakesTurns(t *testing.T) {
	s, _ := newServer(t)
	ctx := context.Background()
	from, to, err := s.Init(ctx)
	if err != nil || from != SchemaVersion() || to != SchemaVersion() {
		t.Errorf("second init: %d to %d, %v", from, to, err)
	}
	// Five inits of a new database at once: one makes the schema, the
	// others find it made.
	other := cluster.NewDatabase(ctx, t)
	var wg sync.WaitGroup
	errs := make(chan error, 5)
	for range 5 {
		wg.Go(func() {
			s, err := Open(ctx, cluster.SuperURL(other))
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			_, _, err = s.Init(ctx)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("init at once: %v", err)
		}
	}
}

// login makes a login of the name, given role, on the test cluster, and
// returns the address of database db as it.
func login(t testing.TB, db, role, name string) string {
	t.Helper()
	return cluster.Login(t, db, role, name)
}

// loginName is the login's name in its address.
func loginName(url string) string {
	return strings.SplitN(strings.TrimPrefix(url, "postgres://"), ":", 2)[0]
}

// as connects to url and runs sql, returning the error's SQLSTATE code,
// "" for none.
func as(t *testing.T, url, sql string, args ...any) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql, args...)
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return ""
}

// count runs a count query as url.
func count(t *testing.T, url, sql string, args ...any) (int, string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	err = conn.QueryRow(ctx, sql, args...).Scan(&n)
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return 0, pe.Code
	}
	if err != nil {
		t.Fatal(err)
	}
	return n, ""
}

const (
	denied       = "42501" // insufficient_privilege, and row-level security's refusal
	neverChanged = "23000" // integrity_constraint_violation: our triggers
	checkFailed  = "23514" // check_violation
)

// Each role logs in and tries what it must not do; the engine refuses it,
// whatever the client.
func TestRolesReachOnlyWhatTheyMust(t *testing.T) {
	_, db := newServer(t)
	alice, bob := login(t, db, RoleChair, "alice"), login(t, db, RoleChair, "bob")
	analyst, admin := login(t, db, RoleAnalyst, "ann"), login(t, db, RoleAdmin, "adam")

	const m1 = "11111111-1111-4111-8111-111111111111"
	const m2 = "22222222-2222-4222-8222-222222222222"
	insertMeeting := `INSERT INTO strategyminutes.meetings (id) VALUES ($1)`
	// $4 is the minutes (nil for a draft), and the seal the engine's own
	// sum of them.
	insertVersion := `INSERT INTO strategyminutes.versions (entry, meeting_id, parent, signed_off, amendment_reason, minutes, seal, payload)
		VALUES ('\x01', $1, (SELECT max(revision) FROM strategyminutes.versions WHERE meeting_id = $1), $2, $3, convert_to($4, 'UTF8'),
			encode(sha256(convert_to(E'strategy-minutes sync seal 1\n', 'UTF8') || convert_to($4, 'UTF8')), 'hex'),
			coalesce(convert_to($4, 'UTF8'), '{"reason": "x"}'))`
	latest := `(SELECT max(revision) FROM strategyminutes.versions WHERE meeting_id = $1)`
	latestSeal := `(SELECT seal FROM strategyminutes.versions WHERE revision = ` + latest + `)`
	seal1, seal2 := `{"reason": "one"}`, `{"reason": "two"}`
	for _, step := range []struct {
		name, url, sql string
		args           []any
		want           string
	}{
		{"a chair creates a meeting", alice, insertMeeting, []any{m1}, ""},
		{"and writes its first version", alice, insertVersion, []any{m1, false, nil, nil}, ""},
		{"and a second draft", alice, insertVersion, []any{m1, false, nil, nil}, ""},
		{"a chair creates a meeting as another", bob, `INSERT INTO strategyminutes.meetings (id, owner) VALUES ($1, $2)`, []any{m2, loginName(alice)}, denied},
		{"another chair writes a version of it", bob, insertVersion, []any{m1, false, nil, nil}, denied},
		{"another chair records a follow-up on it", bob, `INSERT INTO strategyminutes.records (meeting_id, kind, payload) VALUES ($1, 'action_done', '{}')`, []any{m1}, denied},
		{"a version written as someone else", alice, `INSERT INTO strategyminutes.versions (entry, meeting_id, signed_off, payload, made_by) VALUES ('\x01', $1, false, '{}', 'postgres')`, []any{m1}, denied},
		{"a chair changes a version", alice, `UPDATE strategyminutes.versions SET payload = '{"reason": "changed"}' WHERE meeting_id = $1`, []any{m1}, denied},
		{"a chair deletes a version", alice, `DELETE FROM strategyminutes.versions WHERE meeting_id = $1`, []any{m1}, denied},
		{"a chair deletes a meeting", alice, `DELETE FROM strategyminutes.meetings WHERE id = $1`, []any{m1}, denied},
		{"an amendment of a draft", alice, insertVersion, []any{m1, false, "a reason", nil}, checkFailed},
		{"a merge of a revision that is no version", alice, `INSERT INTO strategyminutes.versions (entry, meeting_id, parent, merges, signed_off, payload)
			VALUES ('\x01', $1, (SELECT max(revision) FROM strategyminutes.versions WHERE meeting_id = $1), 999999, false, '{}')`, []any{m1}, checkFailed},
		{"signed off with no seal", alice, insertVersion, []any{m1, true, nil, nil}, checkFailed},
		{"signed off with a seal that is not of its minutes", alice, `INSERT INTO strategyminutes.versions (entry, meeting_id, parent, signed_off, minutes, seal, payload)
			VALUES ('\x01', $1, ` + latest + `, true, 'minutes', '` + strings.Repeat("a", 64) + `', '{}')`, []any{m1}, checkFailed},
		{"the chair signs it off", alice, insertVersion, []any{m1, true, nil, seal1}, ""},
		{"then a draft after sign-off", alice, insertVersion, []any{m1, false, nil, nil}, neverChanged},
		{"then signed off again, changed, with no reason", alice, insertVersion, []any{m1, true, nil, seal2}, neverChanged},
		{"then follow-ups, the seal kept", alice, insertVersion, []any{m1, true, nil, seal1}, ""},
		{"follow-ups that claim the seal over other minutes", alice, `INSERT INTO strategyminutes.versions (entry, meeting_id, parent, signed_off, minutes, seal, payload)
			VALUES ('\x01', $1, ` + latest + `, true, 'minutes rewritten', ` + latestSeal + `, '{}')`, []any{m1}, checkFailed},
		{"follow-ups that move the time held", alice, `INSERT INTO strategyminutes.versions (entry, meeting_id, parent, signed_off, minutes, seal, held_at, payload)
			VALUES ('\x01', $1, ` + latest + `, true, '{"reason": "one"}', ` + latestSeal + `, '2030-01-01', '{"reason": "one"}')`, []any{m1}, neverChanged},
		{"follow-ups whose payload rewrites the minutes", alice, `INSERT INTO strategyminutes.versions (entry, meeting_id, parent, signed_off, minutes, seal, payload)
			VALUES ('\x01', $1, ` + latest + `, true, '{"reason": "one"}', ` + latestSeal + `, '{"reason": "rewritten"}')`, []any{m1}, checkFailed},
		{"follow-ups with an action done, the minutes kept", alice, `INSERT INTO strategyminutes.versions (entry, meeting_id, parent, signed_off, minutes, seal, payload)
			VALUES ('\x01', $1, ` + latest + `, true, '{"reason": "one"}', ` + latestSeal + `, '{"reason": "one", "icpc": {"held_on": "2026-01-02"}}')`, []any{m1}, ""},
		{"an amendment that keeps the seal", alice, insertVersion, []any{m1, true, "a reason", seal1}, neverChanged},
		{"an amendment not made from the latest", alice, `INSERT INTO strategyminutes.versions (entry, meeting_id, parent, signed_off, amendment_reason, minutes, seal, payload)
			VALUES ('\x01', $1, (SELECT min(revision) FROM strategyminutes.versions WHERE meeting_id = $1), true, 'a reason', convert_to('{"reason": "three"}', 'UTF8'),
				encode(sha256(convert_to(E'strategy-minutes sync seal 1\n', 'UTF8') || convert_to('{"reason": "three"}', 'UTF8')), 'hex'), '{"reason": "three"}')`, []any{m1}, neverChanged},
		{"an amendment", alice, insertVersion, []any{m1, true, "Corrected a date", seal2}, ""},
		{"a follow-up", alice, `INSERT INTO strategyminutes.records (meeting_id, kind, payload) VALUES ($1, 'action_done', '{}')`, []any{m1}, ""},
		{"a follow-up changed", alice, `UPDATE strategyminutes.records SET kind = 'x'`, nil, denied},
		{"an analyst reads the versions", analyst, `SELECT payload FROM strategyminutes.versions`, nil, denied},
		{"an analyst reads the meetings", analyst, `SELECT * FROM strategyminutes.meetings`, nil, denied},
		{"an analyst reads the follow-ups", analyst, `SELECT * FROM strategyminutes.records`, nil, denied},
		{"an analyst reads the current minutes", analyst, `SELECT payload FROM strategyminutes.current`, nil, denied},
		{"an analyst writes", analyst, insertMeeting, []any{m2}, denied},
		{"an administrator changes a signed-off version", admin, `UPDATE strategyminutes.versions SET signed_off = false`, nil, denied},
		{"an administrator writes a version", admin, insertVersion, []any{m1, true, "x", seal1}, denied},
		{"another chair's meeting", bob, insertMeeting, []any{m2}, ""},
		{"and its first version", bob, insertVersion, []any{m2, false, nil, nil}, ""},
		{"a version with no report entry", bob, `INSERT INTO strategyminutes.versions (meeting_id, parent, signed_off, payload)
			VALUES ($1, ` + latest + `, false, '{}')`, []any{m2}, checkFailed},
		{"a version whose entry is too large to be one", bob, `INSERT INTO strategyminutes.versions (entry, meeting_id, parent, signed_off, payload)
			VALUES (convert_to(repeat('x', 70000), 'UTF8'), $1, ` + latest + `, false, '{}')`, []any{m2}, checkFailed},
		{"a chair writes the report's entries", bob, `INSERT INTO strategyminutes.report_entries (meeting_id, revision, entry) VALUES ($1, 1, '\x01')`, []any{m2}, denied},
		{"a chair changes the report's entries", bob, `UPDATE strategyminutes.report_entries SET entry = '\x01'`, nil, denied},
		{"a chair computes the partnership's report", alice, `SELECT count(*) FROM strategyminutes.report_entries('2000-01-01', '2099-12-31')`, nil, denied},
		{"a chair counts the children", alice, `SELECT count(*) FROM strategyminutes.report_children('2000-01-01', '2099-12-31')`, nil, denied},
		{"an analyst reads the report's entries with their case keys", analyst, `SELECT count(case_keys) FROM strategyminutes.report_entries`, nil, denied},
		{"an analyst counts the report's entries", analyst, `SELECT count(*) FROM strategyminutes.report_entries('2000-01-01', '2099-12-31')`, nil, ""},
		{"a chair imports the bank holidays", alice, `INSERT INTO strategyminutes.bank_holidays (list) VALUES ('{}')`, nil, denied},
		{"an analyst imports the bank holidays", analyst, `INSERT INTO strategyminutes.bank_holidays (list) VALUES ('{}')`, nil, denied},
		{"an administrator imports the bank holidays", admin, `INSERT INTO strategyminutes.bank_holidays (list) VALUES ('{}')`, nil, ""},
		{"a chair forgets them", alice, `DELETE FROM strategyminutes.bank_holidays`, nil, denied},
		{"an analyst reads who imported the bank holidays", analyst, `SELECT count(imported_by) FROM strategyminutes.bank_holidays`, nil, denied},
		{"an analyst reads the bank holidays' list", analyst, `SELECT count(list) FROM strategyminutes.bank_holidays`, nil, ""},
		{"an analyst reads every meeting's time held", analyst, `SELECT count(*) FROM strategyminutes.report_meetings`, nil, denied},
		{"an analyst counts the children", analyst, `SELECT count(*) FROM strategyminutes.report_children('2000-01-01', '2099-12-31')`, nil, ""},
		{"a version that follows another meeting's", bob, `INSERT INTO strategyminutes.versions (entry, meeting_id, parent, signed_off, payload)
			VALUES ('\x01', $1, (SELECT max(revision) FROM strategyminutes.versions WHERE meeting_id = $2), false, '{}')`, []any{m2, m1}, checkFailed},
		{"a version that merges another meeting's", bob, `INSERT INTO strategyminutes.versions (entry, meeting_id, parent, merges, signed_off, payload)
			VALUES ('\x01', $1, (SELECT max(revision) FROM strategyminutes.versions WHERE meeting_id = $1), (SELECT max(revision) FROM strategyminutes.versions WHERE meeting_id = $2), false, '{}')`, []any{m2, m1}, checkFailed},
		{"a chair hands another's meetings to itself", alice, `SELECT strategyminutes.transfer_meetings($1, $2)`, []any{loginName(bob), loginName(alice)}, denied},
		{"a chair changes a meeting's owner", alice, `UPDATE strategyminutes.meetings SET owner = $1`, []any{loginName(alice)}, denied},
		{"an administrator hands meetings to an analyst", admin, `SELECT strategyminutes.transfer_meetings($1, $2)`, []any{loginName(bob), loginName(analyst)}, checkFailed},
		{"an administrator hands bob's meetings to alice", admin, `SELECT strategyminutes.transfer_meetings($1, $2)`, []any{loginName(bob), loginName(alice)}, ""},
		{"then alice writes what was bob's", alice, insertVersion, []any{m2, false, nil, nil}, ""},
		{"and bob no longer can", bob, insertVersion, []any{m2, false, nil, nil}, denied},
		{"an administrator deletes one version", admin, `DELETE FROM strategyminutes.versions WHERE meeting_id = $1`, []any{m1}, neverChanged},
		{"an administrator deletes one follow-up", admin, `DELETE FROM strategyminutes.records WHERE meeting_id = $1`, []any{m1}, neverChanged},
		{"a chair records a deletion", alice, `INSERT INTO strategyminutes.deletions (revision, meeting_id, ground) VALUES (999999, $1, 'mistake')`, []any{m1}, denied},
		{"an analyst reads the deletions", analyst, `SELECT * FROM strategyminutes.deletions`, nil, denied},
		{"an administrator changes a deletion", admin, `UPDATE strategyminutes.deletions SET ground = 'mistake'`, nil, denied},
		{"a chair calls the deletion's trigger function", alice, `SELECT strategyminutes.record_deletion()`, nil, denied},
		{"an analyst reads the server's identity", analyst, `SELECT id FROM strategyminutes.server`, nil, denied},
		{"an administrator changes the server's identity", admin, `UPDATE strategyminutes.server SET id = gen_random_uuid()`, nil, denied},
	} {
		if got := as(t, step.url, step.sql, step.args...); got != step.want {
			t.Errorf("%s: SQLSTATE %q, want %q", step.name, got, step.want)
		}
	}
	// What each reads.
	if n, code := count(t, bob, `SELECT count(*) FROM strategyminutes.versions WHERE meeting_id = $1`, m1); code != "" || n != 6 {
		t.Errorf("another chair reads %d versions (%s), want all 6", n, code)
	}
	// An analyst reads no table or view but the bank holidays' list: the
	// report's functions are its only way to the meetings.
	readable, _ := count(t, cluster.SuperURL(db), `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'strategyminutes' AND c.relkind IN ('r', 'v', 'm') AND c.relname NOT IN ('schema_version', 'bank_holidays')
			AND has_table_privilege($1, c.oid, 'SELECT')`, loginName(analyst))
	if readable != 0 {
		t.Errorf("an analyst reads %d tables or views", readable)
	}
	if n, code := count(t, analyst, `SELECT count(*) FROM strategyminutes.report_span('2000-01-01', '2099-12-31')`); code != "" || n != 1 {
		t.Errorf("an analyst's report span: %d (%s)", n, code)
	}
	// An administrator deletes the meeting everywhere: its versions and
	// follow-ups go with it, through the triggers' one exception.
	if got := as(t, admin, `DELETE FROM strategyminutes.meetings WHERE id = $1`, m1); got != "" {
		t.Errorf("an administrator deletes a meeting: SQLSTATE %q", got)
	}
	for table, query := range map[string]string{
		"meetings": `SELECT count(*) FROM strategyminutes.meetings WHERE id = $1`,
		"versions": `SELECT count(*) FROM strategyminutes.versions WHERE meeting_id = $1`,
		"records":  `SELECT count(*) FROM strategyminutes.records WHERE meeting_id = $1`,
	} {
		if n, _ := count(t, cluster.SuperURL(db), query, m1); n != 0 {
			t.Errorf("%d rows left in %s after the meeting was deleted", n, table)
		}
	}
}

// An address kept in the app's settings never holds a password.
func TestCheckAddressRefusesPasswords(t *testing.T) {
	for _, tt := range []struct {
		address string
		err     error
	}{
		{"", nil},
		{"postgres://alice@127.0.0.1:5432/minutes", nil},
		{"host=127.0.0.1 user=alice dbname=minutes", nil},
		{"postgres://alice:Secret@127.0.0.1/minutes", ErrPasswordInAddress},
		{"postgres://alice@127.0.0.1/minutes?password=Secret", ErrPasswordInAddress},
		{"host=127.0.0.1 user=alice password=Secret", ErrPasswordInAddress},
		{"postgres://alice:Sec%ret@127.0.0.1/minutes", ErrPasswordInAddress},
		{"postgres://alice@db.partnership.example/minutes", ErrInsecure},
	} {
		err := CheckAddress(tt.address)
		if (tt.err == nil) != (err == nil) || (tt.err != nil && !errors.Is(err, tt.err)) || (err != nil && strings.Contains(err.Error(), "Secret")) {
			t.Errorf("%q: %v, want %v", tt.address, err, tt.err)
		}
	}
}

// An address is read without panicking, and whatever is wrong with it, an
// error never repeats its password.
func FuzzCheckAddress(f *testing.F) {
	f.Add("Secret-Pw", "127.0.0.1:5432", "minutes")
	f.Add("p@ss:w/rd", "db.partnership.example", "strategy minutes")
	f.Add("%zz", "[::1]", "")
	f.Fuzz(func(t *testing.T, password, host, db string) {
		for _, address := range []string{
			"postgres://alice:" + password + "@" + host + "/" + db,
			"host=" + host + " user=alice password=" + password + " dbname=" + db,
		} {
			err := CheckAddress(address)
			if err == nil {
				t.Fatalf("an address with a password was taken: %q", address)
			}
			if len(password) >= 6 && strings.Contains(err.Error(), password) && !strings.Contains(errorTexts, password) {
				t.Fatalf("the error repeats the password: %v", err)
			}
		}
	})
}

// errorTexts is what CheckAddress's own errors say, which a password that
// is part of them would appear in whatever it was.
var errorTexts = ErrPasswordInAddress.Error() + ErrInsecure.Error() + errAddress.Error()
