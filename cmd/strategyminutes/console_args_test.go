package main

import (
	"strings"
	"testing"
)

func TestWantsConsole(t *testing.T) {
	window := [][]string{
		nil,
		{"--db", `C:\Users\Zoë Smith\OneDrive - Council\minutes 2025.db`},
		{"--db=x.db", "--user", "A Chair"},
		{"-user", "A", "--screenshots", "shots"},
	}
	for _, args := range window {
		if wantsConsole(args) {
			t.Errorf("wantsConsole(%q) = true, want false: the window must not attach to a terminal", args)
		}
	}
	console := [][]string{
		{"-h"},
		{"--help"},
		{"--nonsense"},
		{"--db"}, // missing value: the error is printed
		{"--db", "x.db", "list", "--limit", "3"},
		{"export", "--out", "-"},
	}
	for _, c := range commands() {
		console = append(console, []string{c.name}, []string{"--user", "A", c.name, "-h"})
	}
	for _, args := range console {
		if !wantsConsole(args) {
			t.Errorf("wantsConsole(%q) = false, want true: a command's output must reach the terminal", args)
		}
	}
}

// TestWantsConsoleKnowsEveryGlobalFlag guards wantsConsole against a global
// flag added to run but not to it: the help lists the global flags.
func TestWantsConsoleKnowsEveryGlobalFlag(t *testing.T) {
	var help strings.Builder
	printHelp(&help)
	usage, _, _ := strings.Cut(help.String(), "Commands:")
	for _, field := range strings.Fields(usage) {
		name, ok := strings.CutPrefix(strings.Trim(field, "[]"), "--")
		if !ok {
			continue
		}
		if wantsConsole([]string{"--" + name, "value"}) {
			t.Errorf("global flag --%s is not known to wantsConsole", name)
		}
	}
}
