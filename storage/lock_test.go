package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/mattn/go-sqlite3"
)

func TestSecondInstanceIsTold(t *testing.T) {
	path := filepath.Join(t.TempDir(), "minutes.db")
	first, err := LockInstance(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LockInstance(path); !errors.Is(err, ErrInUse) {
		t.Fatalf("second lock: %v", err)
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	again, err := LockInstance(path)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again.Release()
}

// A read-only database gives an error a chair can act on, and what was
// saved before is intact.
func TestReadOnlyDatabaseSaysSo(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write to read-only files")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "minutes.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	m := exampleMeetings(t)[1]
	db.SaveMeeting(context.Background(), m)
	db.Close()
	os.Chmod(path, 0o400)
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	db, err = Open(path)
	if err != nil {
		if !errors.Is(err, ErrReadOnly) {
			t.Logf("open: %v", err)
		}
		return
	}
	defer db.Close()
	m.Reason = "more"
	if err := db.SaveMeeting(context.Background(), m); !errors.Is(err, ErrReadOnly) {
		t.Errorf("save to a read-only database: %v", err)
	}
}

func TestDiskErrorsInPlainWords(t *testing.T) {
	tests := []struct {
		code sqlite3.ErrNo
		want error
	}{
		{sqlite3.ErrReadonly, ErrReadOnly},
		{sqlite3.ErrFull, ErrDiskFull},
		{sqlite3.ErrPerm, ErrReadOnly},
	}
	for _, tt := range tests {
		err := plain(fmt.Errorf("store meeting: %w", sqlite3.Error{Code: tt.code}))
		if !errors.Is(err, tt.want) {
			t.Errorf("code %d: %v", tt.code, err)
		}
	}
	other := errors.New("other")
	if plain(other) != other {
		t.Error("other errors changed")
	}
}

func TestURIPaths(t *testing.T) {
	tests := []struct {
		path    string
		windows bool
		want    string
	}{
		{`/home/zoë/My minutes?#%.db`, false, `/home/zoë/My minutes%3F%23%25.db`},
		{`C:\Users\Zoë\AppData\Roaming\strategyminutes\minutes.db`, true, `/C:/Users/Zoë/AppData/Roaming/strategyminutes/minutes.db`},
		{`\\council-fs\profiles$\pr\AppData\minutes.db`, true, `////council-fs/profiles$/pr/AppData/minutes.db`},
	}
	for _, tt := range tests {
		if got := uriPathFor(tt.path, tt.windows); got != tt.want {
			t.Errorf("uriPathFor(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}
