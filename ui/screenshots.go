package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"

	"strategyminutes/meeting"
)

// settle is how long the real driver gets to lay out and paint a view before
// it is captured.
const settle = 700 * time.Millisecond

// ScreenshotSize is the window size of the README's screenshots.
var ScreenshotSize = fyne.NewSize(1280, 720)

// TakeScreenshots shows the list, a meeting's attendees and consent, a
// draft's sign-off check and the participation report, calling grab with a PNG path in dir for each once
// it is painted, then quits. It runs on its own goroutine while the window
// is shown (make screenshots). grab captures the screen: OpenGL under Xvfb
// cannot read the window back, so the X server is asked instead.
func (u *App) TakeScreenshots(dir string, grab func(path string) error) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("screenshots: %w", err)
	}
	defer fyne.Do(u.quit)
	fyne.DoAndWait(func() { u.Win.Resize(ScreenshotSize) })
	capture := func(name string) error {
		time.Sleep(settle)
		if err := grab(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("screenshot %s: %w", name, err)
		}
		return nil
	}
	u.List.Wait()
	if err := capture("meetings-list.png"); err != nil {
		return err
	}
	ctx := context.Background()
	// The newest meeting with a missing statutory partner, to show the strip warning.
	signedOff, err := u.store.Summaries(ctx, meeting.Filter{Status: meeting.StatusDraft, Limit: 50})
	if err != nil {
		return fmt.Errorf("screenshots: %w", err)
	}
	if len(signedOff) == 0 {
		return fmt.Errorf("screenshots: the database has no draft meetings; run demo first")
	}
	pick := signedOff[0]
	for _, s := range signedOff {
		if len(s.MissingStatutory) > 0 {
			pick = s
			break
		}
	}
	// A signed-off meeting shows the discussion as a chair completes it.
	complete, err := u.store.Summaries(ctx, meeting.Filter{Status: meeting.StatusSignedOff, Limit: 1})
	if err != nil {
		return fmt.Errorf("screenshots: %w", err)
	}
	if len(complete) == 0 {
		return fmt.Errorf("screenshots: the database has no signed-off meetings; run demo first")
	}
	steps := []struct {
		file    string
		id      string
		section int
	}{
		{"editor-attendees.png", pick.ID, sectionAttendees},
		{"editor-consent.png", pick.ID, sectionConsent},
		{"sign-off-check.png", pick.ID, sectionSignOff},
		{"editor-information.png", complete[0].ID, sectionInformation},
		{"editor-analysis.png", complete[0].ID, sectionAnalysis},
		{"editor-family.png", complete[0].ID, sectionFamily},
	}
	open := ""
	for _, step := range steps {
		fyne.DoAndWait(func() {
			if step.id != open {
				u.Open(step.id)
				open = step.id
			}
			u.Editor.Tabs.SelectIndex(step.section)
		})
		if err := capture(step.file); err != nil {
			return err
		}
	}
	fyne.DoAndWait(u.ShowReports)
	u.Reports.Wait()
	return capture("reports.png")
}
