// Command hello is the floor for the app's start-up time: a Fyne window
// with one label, built like the app, timed by .ci/bench-startup in the same
// run as the app.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("uk.org.strategyminutes.hello")
	w := a.NewWindow("Hello")
	w.SetContent(widget.NewLabel("Hello"))
	w.Resize(fyne.NewSize(1180, 620))
	w.ShowAndRun()
}
