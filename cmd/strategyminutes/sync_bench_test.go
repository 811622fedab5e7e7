package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
	"strategyminutes/postgres"
	"strategyminutes/postgres/pgtest"
	"strategyminutes/storage"
)

// syncBenchMeetings is a borough's year or two of meetings: the first
// sync of a laptop holding them is to take under 30 s (issue 15).
const syncBenchMeetings = 20_000

// benchLaptop makes, once per benchmark, a laptop database of n demo
// meetings imported as real ones.
func benchLaptop(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "laptop.db")
	db, err := storage.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	_, err = db.Import(context.Background(), func(fn func(*meeting.Meeting) error) error {
		return demo.Each(n, 11, fn)
	})
	if err != nil {
		b.Fatal(err)
	}
	return path
}

// copyFile copies a closed database file.
func copyFile(b *testing.B, from, to string) {
	b.Helper()
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// benchServer makes a server database with server init and a chair's
// login on it, and returns the database's name and the login's address.
func benchServer(b *testing.B) (string, string) {
	b.Helper()
	ctx := context.Background()
	name := cluster.NewDatabase(ctx, b)
	s, err := postgres.Open(ctx, cluster.SuperURL(name))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, _, err := s.Init(ctx); err != nil {
		b.Fatal(err)
	}
	return name, cluster.Login(b, name, postgres.RoleChair, "chair")
}

// openChecked opens the laptop database at path and waits for the check
// every process runs before its first write, as the window has by the
// time it syncs: not a part of the sync measured.
func openChecked(b *testing.B, path string) *storage.DB {
	b.Helper()
	db, err := storage.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if err := db.Writable(context.Background()); err != nil {
		b.Fatal(err)
	}
	return db
}

// syncOnce syncs the laptop database with the server at url, connecting
// to it as the window does for each sync.
func syncOnce(b *testing.B, db *storage.DB, url string) meeting.SyncResult {
	b.Helper()
	ctx := context.Background()
	s, err := postgres.Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	res, err := meeting.Sync(ctx, db, s)
	if err != nil {
		b.Fatal(err)
	}
	return res
}

// BenchmarkSync times a laptop's first sync of 20,000 meetings to an empty
// server, and a sync with nothing changed, beside the floor: the same
// versions' rows (the interchange bytes and all) written by one bare COPY
// into a table of the same shape on the same server. The laptop's
// database is open and checked first, as the window's is.
func BenchmarkSync(b *testing.B) {
	pgtest.Need(b, cluster)
	n := syncBenchMeetings
	laptop := benchLaptop(b, n)
	ctx := context.Background()

	b.Run(fmt.Sprintf("first/meetings=%d", n), func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			_, url := benchServer(b)
			path := filepath.Join(b.TempDir(), "copy.db")
			copyFile(b, laptop, path)
			db := openChecked(b, path)
			b.StartTimer()
			if res := syncOnce(b, db, url); res.Pushed != n {
				b.Fatalf("pushed %d meetings of %d", res.Pushed, n)
			}
		}
	})
	b.Run(fmt.Sprintf("unchanged/meetings=%d", n), func(b *testing.B) {
		_, url := benchServer(b)
		path := filepath.Join(b.TempDir(), "copy.db")
		copyFile(b, laptop, path)
		db := openChecked(b, path)
		syncOnce(b, db, url)
		syncOnce(b, db, url) // pulls its own versions back, once
		for b.Loop() {
			if res := syncOnce(b, db, url); res.Pushed != 0 || res.Pulled != 0 {
				b.Fatalf("a sync with nothing changed moved %+v", res)
			}
		}
	})
	b.Run(fmt.Sprintf("floor-copy/meetings=%d", n), func(b *testing.B) {
		// The rows a first sync writes, made outside the timing.
		db, err := storage.Open(laptop)
		if err != nil {
			b.Fatal(err)
		}
		lvs, err := db.Unsynced(ctx)
		db.Close()
		if err != nil || len(lvs) != n {
			b.Fatalf("%d versions, %v", len(lvs), err)
		}
		rows := make([][]any, len(lvs))
		for i, lv := range lvs {
			rows[i] = []any{lv.MeetingID, lv.SignedOff, lv.HeldAt, lv.Payload, lv.Seal}
		}
		name, _ := benchServer(b)
		conn, err := pgx.Connect(ctx, cluster.SuperURL(name))
		if err != nil {
			b.Fatal(err)
		}
		defer conn.Close(ctx)
		for b.Loop() {
			b.StopTimer()
			if _, err := conn.Exec(ctx, `DROP TABLE IF EXISTS floor; CREATE TABLE floor (meeting_id text, signed_off boolean, held_at timestamptz, payload bytea, seal text)`); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			copied, err := conn.CopyFrom(ctx, pgx.Identifier{"floor"}, []string{"meeting_id", "signed_off", "held_at", "payload", "seal"}, pgx.CopyFromRows(rows))
			if err != nil || copied != int64(n) {
				b.Fatalf("copied %d: %v", copied, err)
			}
		}
	})
}
