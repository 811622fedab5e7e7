package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// A migration is one numbered step of the server's schema.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations are the embedded steps, in order; their numbers run 1, 2, ...
var migrations = func() []migration {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		panic(err)
	}
	var ms []migration
	for _, e := range entries {
		n, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil {
			panic("migration " + e.Name() + ": no number")
		}
		b, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{n, e.Name(), string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			panic(fmt.Sprintf("migration %s: want number %d", m.name, i+1))
		}
	}
	return ms
}()

// afterMigration is what a migration needs done in Go, in its
// transaction: the report's entries are worked out from the meetings
// by the app's own code.
var afterMigration = map[int]func(context.Context, pgx.Tx) error{
	4: fillReportEntries,
}

// SchemaVersion is the server schema this build makes and reads.
func SchemaVersion() int { return len(migrations) }

// Init makes the server's schema, roles, rules and grants, or brings an
// older one up to date: run once by the partnership's database owner
// (server init), and again after an update. Each step runs in one
// transaction with the version it reaches, so a server is at one version
// or the next, whatever stops it; two inits at once take turns.
func (s *Server) Init(ctx context.Context) (from, to int, err error) {
	return s.initTo(ctx, SchemaVersion())
}

// initTo brings the schema up to version last (a test makes an older
// server's schema with it).
func (s *Server) initTo(ctx context.Context, last int) (from, to int, err error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("server init: %w", err)
	}
	defer conn.Release()
	// One init at a time: a lock for the session, across its steps.
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(hashtextextended('strategyminutes init', 0))`); err != nil {
		return 0, 0, fmt.Errorf("server init: %w", err)
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock(hashtextextended('strategyminutes init', 0))`)
	from, err = version(ctx, conn.Conn())
	if err != nil {
		return 0, 0, err
	}
	if from > SchemaVersion() {
		return from, from, fmt.Errorf("server init: the server's schema is version %d, newer than this app's (%d): update the app", from, SchemaVersion())
	}
	for _, m := range migrations[from:max(from, last)] {
		err := pgx.BeginFunc(ctx, conn.Conn(), func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return err
			}
			if then := afterMigration[m.version]; then != nil {
				if err := then(ctx, tx); err != nil {
					return err
				}
			}
			_, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS strategyminutes.schema_version (version int NOT NULL);
				DELETE FROM strategyminutes.schema_version;
				INSERT INTO strategyminutes.schema_version VALUES (`+strconv.Itoa(m.version)+`);
				REVOKE ALL ON strategyminutes.schema_version FROM PUBLIC;
				GRANT SELECT ON strategyminutes.schema_version TO strategyminutes_chair, strategyminutes_analyst, strategyminutes_admin`)
			return err
		})
		if err != nil {
			return from, m.version - 1, fmt.Errorf("server init: migration %s: %w", m.name, err)
		}
	}
	return from, max(from, last), nil
}

// version reads the server's schema version: 0 for a database without it.
func version(ctx context.Context, conn *pgx.Conn) (int, error) {
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('strategyminutes.schema_version') IS NOT NULL`).Scan(&exists); err != nil {
		return 0, fmt.Errorf("read the server's schema version: %w", err)
	}
	if !exists {
		return 0, nil
	}
	var v int
	if err := conn.QueryRow(ctx, `SELECT version FROM strategyminutes.schema_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read the server's schema version: %w", err)
	}
	return v, nil
}
