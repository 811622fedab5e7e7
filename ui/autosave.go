package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// autosaveDelay is the longest a change waits before it is saved, counted
// from the first change not yet saved, not from the last key: a chair who
// types without a pause for a minute still has everything older than about
// half a second on disk (the promise is one second, and a save takes a few
// milliseconds).
const autosaveDelay = 400 * time.Millisecond

// An autosaver saves changes at most delay after the first unsaved one, one
// save at a time and in order, off the UI goroutine, so that typing never
// waits for the disk.
type autosaver struct {
	delay time.Duration
	save  func() error                  // snapshots and stores the record; safe off the UI goroutine
	done  func(at time.Time, err error) // shows the outcome; called on the UI goroutine

	mu      sync.Mutex
	idle    *sync.Cond
	timer   *time.Timer // the save due for the changes not yet saved; nil when none is due
	due     int         // counts the saves made due, to tell a flushed timer's from the next
	pending int         // scheduled or running saves
	saving  sync.Mutex  // one save at a time, so that the last change wins
}

func newAutosaver(delay time.Duration, save func() error, done func(time.Time, error)) *autosaver {
	s := &autosaver{delay: delay, save: save, done: done}
	s.idle = sync.NewCond(&s.mu)
	return s
}

// schedule makes sure a save is due within the delay. A save already due
// is not put back: the deadline runs from the first change it covers. The
// save snapshots the record when it runs, so it carries every change made
// until then.
func (s *autosaver) schedule() { s.scheduleIn(s.delay) }

// scheduleIn makes sure a save is due within d (a retry after a failure
// waits longer than typing does).
func (s *autosaver) scheduleIn(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil {
		return
	}
	s.pending++
	s.due++
	due := s.due
	s.timer = time.AfterFunc(d, func() { s.runScheduled(due) })
}

func (s *autosaver) runScheduled(due int) {
	s.mu.Lock()
	if s.timer == nil || s.due != due { // flushed meanwhile
		s.mu.Unlock()
		return
	}
	// From here, a change starts a new deadline: this save may already
	// have taken its snapshot when the change is made.
	s.timer = nil
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

// flush saves now if a save is due, on the calling (UI) goroutine, and
// waits for any save under way: for closing the window or the meeting.
func (s *autosaver) flush() error {
	s.mu.Lock()
	due := s.timer != nil
	if due {
		s.timer.Stop()
		s.timer = nil
	}
	s.mu.Unlock()
	if !due {
		s.saving.Lock() // wait for a save already running
		s.saving.Unlock()
		return nil
	}
	at, err := s.run()
	s.done(at, err)
	s.finish()
	return err
}

// cancel drops the save that is due and waits for one already running:
// for a draft being deleted, which must not be stored again.
func (s *autosaver) cancel() {
	s.mu.Lock()
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
		s.pending--
		if s.pending == 0 {
			s.idle.Broadcast()
		}
	}
	s.mu.Unlock()
	s.saving.Lock()
	s.saving.Unlock()
}

// wait blocks until no save is due or running.
func (s *autosaver) wait() {
	s.mu.Lock()
	for s.pending > 0 {
		s.idle.Wait()
	}
	s.mu.Unlock()
}
