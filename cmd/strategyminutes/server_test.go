package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"strategyminutes/postgres"
	"strategyminutes/postgres/pgtest"
)

// cluster is the throwaway PostgreSQL server of this package's tests.
var cluster *pgtest.Cluster

// TestMain runs the tests with a throwaway server; with
// STRATEGYMINUTES_TEST_MAIN=1 the test binary is the command itself, for
// tests that run it as a process of its own (and kill it).
func TestMain(m *testing.M) {
	if os.Getenv("STRATEGYMINUTES_TEST_MAIN") == "1" {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
	pgtest.Main(m, &cluster)
}

// server init makes the schema and the roles, says so, and says so again
// (up to date) when run twice.
func TestServerInit(t *testing.T) {
	pgtest.Need(t, cluster)
	db := cluster.NewDatabase(context.Background(), t)
	code, stdout, stderr := cli(t, "server", "init", "--server", cluster.SuperURL(db))
	if code != exitOK || !strings.Contains(stdout, fmt.Sprintf("The server's schema is at version %d (it was 0), with the roles strategyminutes_chair", postgres.SchemaVersion())) {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	code, stdout, stderr = cli(t, "server", "init", "--server", cluster.SuperURL(db))
	if code != exitOK || !strings.Contains(stdout, fmt.Sprintf("up to date (version %d)", postgres.SchemaVersion())) {
		t.Errorf("again: exit %d: %s %s", code, stdout, stderr)
	}
}

// Mistakes are usage errors or clear refusals, and never repeat a password.
func TestServerInitRefuses(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"server"}, exitUsage, "server init --server URL"},
		{[]string{"server", "start"}, exitUsage, "server init --server URL"},
		{[]string{"server", "init", "extra"}, exitUsage, "extra"},
		{[]string{"server", "init", "--server", "postgres://alice:Secret-Pw@db.partnership.example/minutes"}, exitError, "sslmode=verify-full"},
		{[]string{"server", "init", "--server", "postgres://alice:Secret-Pw@db.example:port/minutes"}, exitError, "cannot be read"},
	} {
		code, stdout, stderr := cli(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) || strings.Contains(stdout+stderr, "Secret-Pw") {
			t.Errorf("%q: exit %d: %s %s", tt.args, code, stdout, stderr)
		}
	}
}
