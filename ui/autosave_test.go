package ui

import (
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// Typing that never pauses is still saved: each change is stored within
// the delay of being made, counted from the first unsaved change, not put
// back by every key.
func TestAutosaveDoesNotStarveWhileTypingContinues(t *testing.T) {
	test.NewTempApp(t)
	const delay = 100 * time.Millisecond
	var mu sync.Mutex
	typed := 0      // changes made, guarded by mu
	var saves []int // how many changes each save carried
	var savedAt []time.Time
	s := newAutosaver(delay, func() error {
		mu.Lock()
		saves = append(saves, typed)
		savedAt = append(savedAt, time.Now())
		mu.Unlock()
		return nil
	}, func(time.Time, error) {})

	start := time.Now()
	keyTimes := []time.Time{}
	for time.Since(start) < 1200*time.Millisecond { // a key every 20 ms, no pause
		mu.Lock()
		typed++
		keyTimes = append(keyTimes, time.Now())
		mu.Unlock()
		s.schedule()
		time.Sleep(20 * time.Millisecond)
	}
	s.wait()

	mu.Lock()
	defer mu.Unlock()
	if len(saves) < 5 {
		t.Fatalf("%d saves during 1.2 s of steady typing with a %v deadline, want at least 5", len(saves), delay)
	}
	if last := saves[len(saves)-1]; last != typed {
		t.Errorf("the last save carried %d of %d changes", last, typed)
	}
	// Every key is in a save made at most delay plus some scheduling slack
	// after it.
	const slack = 250 * time.Millisecond
	next := 0
	for k, at := range keyTimes {
		for next < len(saves) && saves[next] < k+1 {
			next++
		}
		if next == len(saves) {
			t.Fatalf("key %d never saved", k+1)
		}
		if wait := savedAt[next].Sub(at); wait > delay+slack {
			t.Errorf("key %d waited %v to be saved, want under %v", k+1, wait, delay+slack)
		}
	}
}

// Flush saves what is due at once and the timer that was due does not save
// again after it.
func TestAutosaveFlushTakesOverTheDueSave(t *testing.T) {
	test.NewTempApp(t)
	var mu sync.Mutex
	n := 0
	s := newAutosaver(50*time.Millisecond, func() error { mu.Lock(); n++; mu.Unlock(); return nil }, func(time.Time, error) {})
	s.schedule()
	if err := s.flush(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(150 * time.Millisecond)
	s.wait()
	mu.Lock()
	defer mu.Unlock()
	if n != 1 {
		t.Errorf("%d saves after one change and a flush, want 1", n)
	}
	if s.pending != 0 {
		t.Errorf("%d saves still pending", s.pending)
	}
}
