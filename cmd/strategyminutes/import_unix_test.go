//go:build !windows

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A named pipe, like /dev/stdin in a pipeline, can be read only once: the
// import checks and imports the same bytes.
func TestImportNamedPipe(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	data := readFile(t, example)
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		w.Write(data)
		w.Close()
	}()
	code, stdout, stderr := cli(t, "--db", filepath.Join(dir, "m.db"), "import", fifo)
	if code != exitOK || !strings.Contains(stdout, "2 added") {
		t.Errorf("import FIFO: %d %s %s", code, stdout, stderr)
	}
}
