package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode"

	"strategyminutes/meeting"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		h, m int
		ok   bool
	}{
		{"14:30", 14, 30, true}, {"9:05", 9, 5, true}, {"0930", 9, 30, true}, {"14.30", 14, 30, true},
		{" 23:59 ", 23, 59, true}, {"24:00", 0, 0, false}, {"12:60", 0, 0, false}, {"noon", 0, 0, false}, {"", 0, 0, false},
	}
	for _, tt := range tests {
		h, m, ok := parseClock(tt.in)
		if ok != tt.ok || h != tt.h || m != tt.m {
			t.Errorf("parseClock(%q) = %d, %d, %v", tt.in, h, m, ok)
		}
	}
}

// FuzzParseClock: whatever is typed in a time field, a time it accepts is a
// real time of day that reads back the same.
func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"14:30", "0930", "9.05", "24:00", "", "１４:３０"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, m, ok := parseClock(s)
		if !ok {
			return
		}
		if h < 0 || h > 23 || m < 0 || m > 59 {
			t.Fatalf("parseClock(%q) = %d:%d", s, h, m)
		}
		if h2, m2, ok := parseClock(fmt.Sprintf("%02d:%02d", h, m)); !ok || h2 != h || m2 != m {
			t.Fatalf("%02d:%02d does not read back", h, m)
		}
	})
}

// FuzzCleanText: nothing typed or pasted makes a record unstorable.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"Amelia", "a\x00b", "line\r\nline", "tab\there", "\u202eevil", "👶🏽"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, multiline := range []bool{false, true} {
			c := cleanText(s, multiline)
			if strings.ContainsFunc(c, func(r rune) bool {
				return unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t'))
			}) {
				t.Fatalf("cleanText(%q, %v) = %q keeps a control character", s, multiline, c)
			}
			m := &meeting.Meeting{ID: "m", Type: meeting.TypeInitial, Mode: meeting.ModePhone, Chair: c}
			m.HeldAt = m.HeldAt.AddDate(2025, 0, 0)
			if !multiline {
				if err := m.Validate(); err != nil && strings.Contains(err.Error(), "control character") {
					t.Fatalf("cleaned text refused: %v", err)
				}
			}
		}
	})
}

func TestMatchChoice(t *testing.T) {
	agencies := []string{}
	for _, c := range meeting.Agencies.Codes() {
		agencies = append(agencies, c.Label())
	}
	outcomes := []string{}
	for _, c := range meeting.Outcomes.Codes() {
		outcomes = append(outcomes, c.Label())
	}
	tests := []struct {
		options []string
		typed   string
		current int
		want    string
	}{
		{agencies, "pol", -1, "Police"},
		{agencies, "HEALTH", -1, "Health"},
		{agencies, "c", -1, "Children's social care"},
		{agencies, "social", -1, "Children's social care"}, // a word of the label
		{agencies, "dom", -1, "Domestic abuse service"},
		{agencies, "pp", 1, "Probation"}, // P again: the next starting with it after Police
		{outcomes, "joint", -1, "Section 47 enquiry, joint with police"},
		{outcomes, "section 47 enquiry, s", -1, "Section 47 enquiry, single-agency"},
		{outcomes, "lado", -1, "LADO referral"},
	}
	for _, tt := range tests {
		i := matchChoice(tt.options, tt.typed, tt.current)
		if i < 0 || tt.options[i] != tt.want {
			got := "nothing"
			if i >= 0 {
				got = tt.options[i]
			}
			t.Errorf("typing %q chose %s, want %s", tt.typed, got, tt.want)
		}
	}
	if i := matchChoice(agencies, "zzz", 0); i != -1 {
		t.Errorf("typing zzz chose %q", agencies[i])
	}
}

// A space in the middle of type-ahead is part of what is typed: it does not
// open the list under the chair's typing. Space on its own still does.
func TestChoiceSpaceInTypeAhead(t *testing.T) {
	w := test.NewTempWindow(t, nil)
	c := newChoice([]string{"Threshold met", "Threshold not met", "Unsure"}, nil)
	w.SetContent(c)
	for _, r := range "threshold n" {
		if r == ' ' {
			c.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		}
		c.TypedRune(r)
	}
	if got := c.Selected; got != "Threshold not met" {
		t.Errorf("selected %q", got)
	}
	if overlay := w.Canvas().Overlays().Top(); overlay != nil {
		t.Error("a space in type-ahead opened the list")
	}
	c.typedAt = time.Time{}
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if w.Canvas().Overlays().Top() == nil {
		t.Error("Space on its own did not open the list")
	}
}

// Words typed at a list by a chair who took it for a field change nothing:
// once what is typed matches no option, the choice goes back to what it
// was and stays there until a pause.
func TestChoiceIgnoresProse(t *testing.T) {
	var labels []string
	for _, c := range meeting.Outcomes.Codes() {
		labels = append(labels, meeting.Outcomes.Label(c))
	}
	w := test.NewTempWindow(t, nil)
	for _, start := range []int{-1, 2} {
		changes := 0
		c := newChoice(labels, func(string) { changes++ })
		if start >= 0 {
			c.SetSelectedIndex(start)
		}
		changes = 0
		w.SetContent(c)
		for _, r := range "the police will visit" {
			if r == ' ' {
				c.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
			}
			c.TypedRune(r)
		}
		if c.SelectedIndex() != start {
			t.Errorf("from %d: prose typed at the list chose %q", start, c.Selected)
		}
		if w.Canvas().Overlays().Top() != nil {
			t.Error("prose opened the list")
		}
		// After a pause, type-ahead works again.
		c.typedAt = time.Time{}
		for _, r := range "joint" {
			c.TypedRune(r)
		}
		if !strings.Contains(c.Selected, "joint") {
			t.Errorf("type-ahead after prose chose %q", c.Selected)
		}
	}
}
