package ui

import (
	"fmt"
	"slices"
	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// BenchmarkKeyInLongText is one key typed into a multi-line box of the
// editor's width that already holds n characters in one paragraph (the
// worst case for wrapping), laid out and drawn by the test driver, against
// the same key in an empty box measured in the same run (n=0, the floor).
// Before third_party/fyne's patch a key took about a second at n=20000.
func BenchmarkKeyInLongText(b *testing.B) {
	test.NewTempApp(b)
	for _, n := range []int{0, 2000, 20000} {
		b.Run(fmt.Sprintf("chars=%d", n), func(b *testing.B) {
			box := newTextBox()
			box.SetText(strings.Repeat("Police attended the home after a call. ", n/39+1)[:n])
			w := test.NewTempWindow(b, box)
			w.Resize(fyne.NewSize(900, 300))
			w.Canvas().Focus(box)
			typeKeys(b, w, box)
		})
	}
}

// BenchmarkEditor opens the editor on a meeting (a section is built when
// first shown: every-section shows each in turn), and types a key into it,
// for the demo's meeting with the most information shared (every section
// full) against a new, empty meeting measured in the same run (the floor).
// A key re-checks the whole record (the inline messages, the sign-off list
// and the statutory questions), so its cost grows with the record.
func BenchmarkEditor(b *testing.B) {
	test.NewTempApp(b)
	db := openEmptyDB(b)
	var rich *meeting.Meeting
	for _, m := range demo.Generate(300, 7) {
		if rich == nil || len(m.Information)+len(m.Household)+len(m.FamilyPlan) > len(rich.Information)+len(rich.Household)+len(rich.FamilyPlan) {
			rich = m
		}
	}
	rich.SignedOffAt, rich.SignedOffBy, rich.SignOffRules = time.Time{}, "", 0 // a draft, to type into
	empty := &meeting.Meeting{ID: meeting.NewID(), Type: meeting.TypeInitial, Mode: meeting.ModeVirtual, HeldAt: time.Now()}
	cases := []struct {
		name        string
		m           *meeting.Meeting
		section     int
		placeholder string
	}{
		{"empty", empty, sectionDetails, "Why the meeting was called: the concern, the referral"},
		{"rich", rich, sectionInformation, "What the agency knows"},
	}
	for _, c := range cases {
		b.Run("open/"+c.name, func(b *testing.B) {
			w := test.NewTempWindow(b, nil)
			for range b.N {
				e := NewEditor(w, db, c.m)
				w.SetContent(e.Content(widget.NewLabel("")))
				e.saver.delay = time.Hour
				e.release()
			}
		})
		b.Run("every-section/"+c.name, func(b *testing.B) {
			w := test.NewTempWindow(b, nil)
			w.Resize(fyne.NewSize(1280, 720))
			for range b.N {
				e := NewEditor(w, db, c.m)
				e.saver.delay = time.Hour
				w.SetContent(e.Content(widget.NewLabel("")))
				for s := range sectionCount {
					e.Tabs.SelectIndex(s)
				}
				e.release()
			}
		})
		b.Run("key/"+c.name, func(b *testing.B) {
			w := test.NewTempWindow(b, nil)
			e := NewEditor(w, db, c.m)
			e.saver.delay = time.Hour
			defer e.release()
			w.SetContent(e.Content(widget.NewLabel("")))
			w.Resize(fyne.NewSize(1280, 720))
			e.Tabs.SelectIndex(c.section)
			var box *textBox
			for _, o := range sectionObjects(e, c.section) {
				if t, ok := o.(*textBox); ok && t.PlaceHolder == c.placeholder && box == nil {
					box = t
				}
			}
			if box == nil {
				b.Fatalf("no box %q", c.placeholder)
			}
			w.Canvas().Focus(box)
			typeKeys(b, w, box)
		})
	}
}

// typeKeys types b.N keys into box, each laid out and drawn, and reports
// the median and 99th percentile.
func typeKeys(b *testing.B, w fyne.Window, box *textBox) {
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		box.TypedRune('x')
		w.Canvas().Refresh(box)
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
	b.ReportMetric(ms(times[len(times)/2]), "p50-ms")
	b.ReportMetric(ms(times[min(len(times)-1, len(times)*99/100)]), "p99-ms")
}
