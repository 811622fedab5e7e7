package main

import (
	"flag"
	"io"
)

// wantsConsole reports whether a command line runs a command (or asks for
// help, or is wrong), whose output must reach the terminal it was typed
// in; false when it opens the window. On Windows the executable is built
// for the GUI subsystem, so that no console window opens beside the app;
// console_windows.go then attaches a command to the terminal it was run
// from. The window is never attached: closing that terminal would end the
// app with it.
//
// It reads the global flags as run does (every global flag takes a value).
func wantsConsole(args []string) bool {
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var ignored string
	for _, name := range []string{"db", "user", "screenshots"} {
		fs.StringVar(&ignored, name, "", "")
	}
	if err := fs.Parse(args); err != nil {
		return true // -h, or a mistake to explain
	}
	return fs.NArg() > 0
}
