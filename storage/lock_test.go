package storage

import (
	"errors"
	"path/filepath"
	"testing"
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
