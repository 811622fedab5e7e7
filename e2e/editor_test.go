package e2e

import (
	"math/rand/v2"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const minutesText = "Police attended the home at 22:10 after a neighbour called. Mother said the child fell on the stairs. " +
	"School reports two earlier bruises and late arrivals since September. The health visitor has not seen the baby since May. "

// A chair who types without a pause and whose laptop dies (SIGKILL) loses
// nothing typed more than a second before, and what is stored is exactly
// what was typed.
func TestSteadyTypingSurvivesSIGKILL(t *testing.T) {
	s := newScreen(t)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 11))
	for round := range 3 {
		killAfter := 2*time.Second + time.Duration(rng.Int64N(int64(4*time.Second)))
		t.Logf("round %d: typing a key every 70 ms, SIGKILL after %v", round+1, killAfter)
		db := filepath.Join(t.TempDir(), "minutes.db")
		a := startApp(t, s, db, t.TempDir())
		a.newMeetingReasonBox()

		const every = 70 * time.Millisecond
		var sent []time.Time // when each key of minutesText reached the X server
		start := time.Now()
		for i, r := range minutesText {
			if time.Since(start) >= killAfter {
				break
			}
			if out, err := a.xdotool("type", "--delay", "0", "--", string(r)); err != nil {
				t.Fatalf("xdotool: %v: %s", err, out)
			}
			sent = append(sent, time.Now())
			time.Sleep(time.Until(start.Add(time.Duration(i+1) * every)))
		}
		a.screenshot("steady-typing-before-kill")
		killedAt := time.Now()
		a.kill()

		typed := minutesText[:len(sent)]
		stored := onlyMeeting(t, db).Reason
		if !strings.HasPrefix(typed, stored) {
			t.Fatalf("round %d: stored text is not what was typed:\nstored %q\ntyped  %q", round+1, stored, typed)
		}
		older := 0 // keys sent more than a second before the kill
		for _, at := range sent {
			if killedAt.Sub(at) > time.Second {
				older++
			}
		}
		t.Logf("round %d: %d keys typed, %d of them more than 1 s before the kill, %d stored", round+1, len(sent), older, len(stored))
		if len(stored) < older {
			t.Errorf("round %d: %d characters stored, but %d were typed more than a second before the kill (lost %q)",
				round+1, len(stored), older, typed[len(stored):older])
		}
	}
}

// Tab and Shift+Tab leave a multi-line box, in both directions, and type no
// tab character into it.
func TestTabLeavesMultiLineBoxes(t *testing.T) {
	s := newScreen(t)
	db := filepath.Join(t.TempDir(), "minutes.db")
	a := startApp(t, s, db, t.TempDir())
	a.keys("ctrl+n")
	a.keys("ctrl+Next", "ctrl+Next", "ctrl+Next", "ctrl+Next") // Consent: the cursor on its first control
	a.keys("Tab")                                              // the reason consent was not obtained (multi-line)
	a.typeText("Telling father would put the child at risk")
	a.keys("Tab") // Decided by
	a.typeText("DS Patel")
	a.keys("shift+Tab") // back into the reason
	a.typeText(" now")
	a.screenshot("tab-multiline")
	a.quit()

	c := onlyMeeting(t, db).Consent
	if c == nil {
		t.Fatal("no consent stored")
	}
	if want := "Telling father would put the child at risk now"; c.Reason != want {
		t.Errorf("consent reason %q, want %q", c.Reason, want)
	}
	if c.DecidedBy != "DS Patel" {
		t.Errorf("decided by %q, want %q (Tab did not leave the reason box)", c.DecidedBy, "DS Patel")
	}
}

// Ctrl+Page Down and Ctrl+Page Up take the cursor to the section shown:
// what is typed next goes there, never into the section left behind.
func TestSectionKeysMoveTheCursor(t *testing.T) {
	s := newScreen(t)
	db := filepath.Join(t.TempDir(), "minutes.db")
	a := startApp(t, s, db, t.TempDir())
	a.newMeetingReasonBox()
	a.typeText("Disclosure at school")
	a.keys("ctrl+Prior") // from Details back round to Sign-off
	a.typeText("Health sent a report")
	a.screenshot("section-keys")
	a.keys("ctrl+Next", "ctrl+Next") // Sign-off, Details, then Children: its Add child button
	a.keys("space")                  // adds a child, the cursor in its name
	a.typeText("Amelia Test")
	a.quit()

	m := onlyMeeting(t, db)
	if m.Reason != "Disclosure at school" {
		t.Errorf("reason %q: typing after Ctrl+Page Up went into the hidden field", m.Reason)
	}
	if m.MissingPartnersReason != "Health sent a report" {
		t.Errorf("sign-off reason %q, want what was typed after Ctrl+Page Up", m.MissingPartnersReason)
	}
	if len(m.Children) != 1 || m.Children[0].Name != "Amelia Test" {
		t.Errorf("children %+v, want one typed after Ctrl+Page Down, Space", m.Children)
	}
}

// A draft is deleted by keyboard alone through a dialog that takes the
// focus: Escape keeps it, Tab to the delete button and Enter deletes it.
// A meeting opened and left untouched is never stored.
func TestDeleteDraftByKeyboard(t *testing.T) {
	s := newScreen(t)
	db := filepath.Join(t.TempDir(), "minutes.db")
	a := startApp(t, s, db, t.TempDir())
	a.keys("ctrl+n")
	a.tabs(5)        // through the dates and times, changing nothing
	a.keys("ctrl+l") // back to the list, nothing typed
	a.newMeetingReasonBox()
	a.typeText("Recorded for the wrong child")
	time.Sleep(time.Second) // saved
	if got := peek(t, db, "reason"); got != "Recorded for the wrong child" {
		t.Fatalf("stored reason %q", got)
	}
	a.keys("ctrl+Prior") // Sign-off: its reason box
	a.keys("Tab")        // Sign off is disabled: the delete button
	a.keys("space")      // the dialog, on "Keep it"
	a.screenshot("delete-dialog")
	a.keys("Escape")
	time.Sleep(300 * time.Millisecond)
	if got := peek(t, db, "reason"); got == "" {
		t.Fatal("Escape deleted the draft")
	}
	a.keys("space") // the dialog again
	a.keys("Tab")   // "Delete the draft"
	a.keys("Return")
	time.Sleep(500 * time.Millisecond)
	a.screenshot("after-delete")
	a.quit()
	if ms := meetings(t, db); len(ms) != 0 {
		t.Errorf("%d meetings stored after the untouched one and the deleted draft, want none", len(ms))
	}
}

// The session ending (SIGTERM) saves what was typed a moment before, as
// quitting does, before the autosave deadline comes round.
func TestSIGTERMSavesWhatIsPending(t *testing.T) {
	s := newScreen(t)
	db := filepath.Join(t.TempDir(), "minutes.db")
	a := startApp(t, s, db, t.TempDir())
	a.newMeetingReasonBox()
	if out, err := a.xdotool("type", "--delay", "20", "--", "Typed just before the laptop shut down"); err != nil {
		t.Fatalf("xdotool: %v: %s", err, out)
	}
	time.Sleep(150 * time.Millisecond) // the keys reach the app; not long enough for autosave
	if err := a.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the app did not end within 10 s of SIGTERM")
	}
	if got := onlyMeeting(t, db).Reason; got != "Typed just before the laptop shut down" {
		t.Errorf("after SIGTERM the reason is %q", got)
	}
}
