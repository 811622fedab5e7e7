package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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
		})
	}
}
