package main

import (
	"fyne.io/fyne/v2/app"

	"strategyminutes/ui"
)

// appID identifies the app to the desktop (preferences, data folder); it
// matches FyneApp.toml.
const appID = "uk.org.strategyminutes.app"

// runGUI opens the database and shows the main window until it is closed.
func runGUI(opts *options) error {
	db, err := openDB(opts.db)
	if err != nil {
		return err
	}
	defer db.Close()
	a := app.NewWithID(appID)
	w, _ := ui.NewMainWindow(a, db, db.Path())
	w.ShowAndRun()
	return nil
}
