package storage

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"strategyminutes/meeting"
)

// FuzzOpen feeds any file to Open, as a user may with --db or a restore:
// it never panics, a refused file is never changed, and a file it accepts
// can be checked and read.
func FuzzOpen(f *testing.F) {
	small := filepath.Join(f.TempDir(), "small.db")
	db, err := Open(small)
	if err != nil {
		f.Fatal(err)
	}
	db.Close()
	good, _ := os.ReadFile(small)
	f.Add(good)
	f.Add([]byte("SQLite format 3\x00"))
	f.Add([]byte(`{"format": "strategy-minutes", "version": 1, "meetings": []}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "minutes.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		db, err := Open(path)
		if err != nil {
			if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
				t.Fatalf("a refused file was changed: %v", err)
			}
			return
		}
		defer db.Close()
		ctx := context.Background()
		if db.Check(ctx) != nil {
			return // damage is reported, not a panic
		}
		db.Count(ctx, meeting.Filter{})
		db.Summaries(ctx, meeting.Filter{Limit: 5})
	})
}

// FuzzVerifyBackup: any file offered as a backup is checked without panic
// and without being changed.
func FuzzVerifyBackup(f *testing.F) {
	f.Add([]byte("SQLite format 3\x00"))
	f.Add([]byte("not a backup"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "backup.db")
		os.WriteFile(path, data, 0o600)
		VerifyBackup(context.Background(), path)
		if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
			t.Fatal("checking a backup changed it")
		}
	})
}
