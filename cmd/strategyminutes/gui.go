package main

import (
	"context"
	"fmt"
	"os/exec"

	"fyne.io/fyne/v2/app"

	"strategyminutes/ui"
)

// appID identifies the app to the desktop (preferences, data folder); it
// matches FyneApp.toml.
const appID = "uk.org.strategyminutes.app"

// runGUI opens the database and shows the main window until it is closed.
// When the database cannot be opened, a window says why (the error is also
// returned, for a terminal).
func runGUI(opts *options) error {
	a := app.NewWithID(appID)
	db, err := openDB(opts.db)
	if err != nil {
		ui.NewStartupErrorWindow(a, err).ShowAndRun()
		return err
	}
	defer db.Close()
	sample, err := db.IsSample(context.Background())
	if err != nil {
		return err
	}
	u := ui.NewMainWindow(a, db, ui.Options{DBPath: db.Path(), Sample: sample, Version: version})
	var shotErr error
	if opts.screenshots != "" {
		go func() { shotErr = u.TakeScreenshots(opts.screenshots, grabScreen) }()
	}
	u.Win.ShowAndRun()
	return shotErr
}

// grabScreen saves the X screen as a PNG with ImageMagick's import; make
// screenshots runs the app alone on an Xvfb screen of the window's size.
func grabScreen(path string) error {
	out, err := exec.Command("import", "-window", "root", path).CombinedOutput()
	if err != nil {
		return fmt.Errorf("import -window root: %v: %s", err, out)
	}
	return nil
}
