package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// autosaveDelay is how long typing must pause before the record is saved:
// short enough that closing or a crash loses at most a second of typing.
const autosaveDelay = 500 * time.Millisecond

// An autosaver saves after changes pause, one save at a time and in order,
// off the UI goroutine.
type autosaver struct {
	delay time.Duration
	save  func() error                  // snapshots and stores the record; safe off the UI goroutine
	done  func(at time.Time, err error) // shows the outcome; called on the UI goroutine

	mu      sync.Mutex
	idle    *sync.Cond
	timer   *time.Timer
	pending int        // scheduled or running saves
	saving  sync.Mutex // one save at a time, so that the last change wins
}

func newAutosaver(delay time.Duration, save func() error, done func(time.Time, error)) *autosaver {
	s := &autosaver{delay: delay, save: save, done: done}
	s.idle = sync.NewCond(&s.mu)
	return s
}

// schedule saves after the delay, replacing a save not yet started.
func (s *autosaver) schedule() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil && s.timer.Stop() {
		s.pending--
	}
	s.pending++
	s.timer = time.AfterFunc(s.delay, s.runScheduled)
}

func (s *autosaver) runScheduled() {
	// Taking the lock orders this save after everything the scheduling
	// goroutine did while holding it (the race detector relies on that).
	s.mu.Lock()
	s.mu.Unlock()
	at, err := s.run()
	fyne.DoAndWait(func() { s.done(at, err) })
	s.finish()
}

func (s *autosaver) run() (time.Time, error) {
	s.saving.Lock()
	defer s.saving.Unlock()
	err := s.save()
	return time.Now(), err
}

func (s *autosaver) finish() {
	s.mu.Lock()
	s.pending--
	if s.pending == 0 {
		s.idle.Broadcast()
	}
	s.mu.Unlock()
}

// flush saves now if a save is scheduled, on the calling (UI) goroutine,
// and waits for any save under way: for closing the window or the meeting.
func (s *autosaver) flush() error {
	s.mu.Lock()
	scheduled := s.timer != nil && s.timer.Stop()
	if scheduled {
		s.pending--
	}
	s.mu.Unlock()
	if !scheduled {
		s.saving.Lock() // wait for a save already running
		s.saving.Unlock()
		return nil
	}
	at, err := s.run()
	s.done(at, err)
	return err
}

// wait blocks until no save is scheduled or running.
func (s *autosaver) wait() {
	s.mu.Lock()
	for s.pending > 0 {
		s.idle.Wait()
	}
	s.mu.Unlock()
}
