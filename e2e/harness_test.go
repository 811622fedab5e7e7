// Package e2e tests the real app: the binary built for the desktop, in a
// real X window on Xvfb, typed into with xdotool, killed with SIGKILL, and
// its database read back the way the app reads it. What the headless test
// driver cannot see (the GL driver's keyboard handling, focus, real timers,
// a real kill) is tested here.
package e2e

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"strategyminutes/meeting"
	"strategyminutes/storage"
)

// binary is the desktop build under test: $STRATEGYMINUTES_BIN (make test
// passes the one it built), or one built here.
var binary string

func TestMain(m *testing.M) {
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			fmt.Fprintf(os.Stderr, "e2e: %s is needed (make test installs xvfb and xdotool): %v\n", tool, err)
			os.Exit(1)
		}
	}
	binary = os.Getenv("STRATEGYMINUTES_BIN")
	cleanup := func() {}
	if binary == "" {
		dir, err := os.MkdirTemp("", "e2e-bin")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		cleanup = func() { os.RemoveAll(dir) }
		binary = filepath.Join(dir, "strategyminutes")
		build := exec.Command("go", "build", "-tags", "migrated_fynedo,sqlite_fts5", "-o", binary, "../cmd/strategyminutes")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "e2e: building the app:", err)
			os.Exit(1)
		}
	}
	code := m.Run()
	cleanup()
	os.Exit(code)
}

// screen is an Xvfb display of a laptop's size.
type screen struct {
	display string
}

// newScreen starts Xvfb on a free display, 1280x720 unless size is given.
func newScreen(t *testing.T, size ...string) *screen {
	t.Helper()
	geometry := "1280x720x24"
	if len(size) > 0 {
		geometry = size[0]
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", geometry, "-nolisten", "tcp", "-noreset")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatal("Xvfb gave no display number")
		}
		return &screen{display: ":" + n}
	case <-time.After(15 * time.Second):
		t.Fatal("Xvfb did not start")
	}
	return nil
}

// app is the real binary running on a screen.
type app struct {
	t      *testing.T
	screen *screen
	db     string
	home   string
	cmd    *exec.Cmd
	window string
	log    *strings.Builder
}

// startApp opens the app's window on the database (created if new) and
// waits until it is on screen with the meetings list.
func startApp(t *testing.T, s *screen, db, home string) *app {
	t.Helper()
	a := &app{t: t, screen: s, db: db, home: home, log: &strings.Builder{}}
	a.cmd = exec.Command(binary, "--db", db)
	a.cmd.Env = append(os.Environ(), "DISPLAY="+s.display, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"LANG=en_GB.UTF-8", "STRATEGYMINUTES_USER=e2e")
	a.cmd.Stdout, a.cmd.Stderr = a.log, a.log
	if err := a.cmd.Start(); err != nil {
		t.Fatalf("starting the app: %v", err)
	}
	t.Cleanup(func() {
		if a.cmd.ProcessState == nil {
			a.cmd.Process.Kill()
			a.cmd.Wait()
		}
		if t.Failed() {
			t.Logf("the app's output:\n%s", a.log.String())
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		out, _ := a.xdotool("search", "--onlyvisible", "--name", "^Strategy Minutes$")
		if id := strings.Fields(out); len(id) > 0 {
			a.window = id[0]
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if a.window == "" {
		t.Fatalf("no window after 30 s; the app said:\n%s", a.log.String())
	}
	// No window manager runs: give the window the keyboard, and keep the
	// pointer over it (X's default focus follows the pointer).
	a.xdotool("mousemove", "200", "200")
	a.xdotool("windowfocus", a.window)
	time.Sleep(700 * time.Millisecond) // the first frame and the list's focus
	return a
}

func (a *app) xdotool(args ...string) (string, error) {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+a.screen.display)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// keys presses key combinations (xdotool's names: Tab, shift+Tab,
// ctrl+Next), one after another, and lets the app handle them.
func (a *app) keys(keys ...string) {
	a.t.Helper()
	args := append([]string{"key", "--delay", "40"}, keys...)
	if out, err := a.xdotool(args...); err != nil {
		a.t.Fatalf("xdotool key %v: %v: %s", keys, err, out)
	}
	time.Sleep(150 * time.Millisecond)
}

// typeText types ASCII text as a person would, key by key.
func (a *app) typeText(text string) {
	a.t.Helper()
	if out, err := a.xdotool("type", "--delay", "30", "--", text); err != nil {
		a.t.Fatalf("xdotool type: %v: %s", err, out)
	}
	time.Sleep(150 * time.Millisecond)
}

// screenshot saves the screen as PNG in $E2E_SHOTS (when set), for a person
// to look at.
func (a *app) screenshot(name string) {
	dir := os.Getenv("E2E_SHOTS")
	if dir == "" {
		return
	}
	os.MkdirAll(dir, 0o755)
	cmd := exec.Command("import", "-window", "root", filepath.Join(dir, name+".png"))
	cmd.Env = append(os.Environ(), "DISPLAY="+a.screen.display)
	if out, err := cmd.CombinedOutput(); err != nil {
		a.t.Logf("screenshot %s: %v: %s", name, err, out)
	}
}

// kill ends the app with SIGKILL: no chance to save anything more.
func (a *app) kill() {
	a.t.Helper()
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		a.t.Fatal(err)
	}
	a.cmd.Wait()
}

// quit asks the app to quit with Ctrl+Q and waits for it to end.
func (a *app) quit() {
	a.t.Helper()
	a.keys("ctrl+q")
	done := make(chan error, 1)
	go func() { done <- a.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			a.t.Errorf("the app ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		a.t.Fatal("the app did not quit within 10 s of Ctrl+Q")
	}
}

// meetings reads the database back as the app does, after the app ended.
func meetings(t *testing.T, path string) []*meeting.Meeting {
	t.Helper()
	db, err := storage.Open(path)
	if err != nil {
		t.Fatalf("reopening the database: %v", err)
	}
	defer db.Close()
	if err := db.Check(context.Background()); err != nil {
		t.Fatalf("the database is damaged: %v", err)
	}
	ms, err := db.Meetings(context.Background(), meeting.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// onlyMeeting is the one meeting in the database.
func onlyMeeting(t *testing.T, path string) *meeting.Meeting {
	t.Helper()
	ms := meetings(t, path)
	if len(ms) != 1 {
		t.Fatalf("%d meetings stored, want 1", len(ms))
	}
	return ms[0]
}

// peek reads one text column of the meetings table while the app runs,
// read-only, as a second reader of the WAL database.
func peek(t *testing.T, path, column string) string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var s string
	err = db.QueryRow("SELECT " + column + " FROM meetings ORDER BY rowid DESC LIMIT 1").Scan(&s)
	if err == sql.ErrNoRows {
		return ""
	}
	if err != nil {
		t.Fatalf("peeking at %s: %v", column, err)
	}
	return s
}

// newMeetingReasonBox opens a new meeting (Ctrl+N) and tabs to the reason
// for the meeting, the last field of the details.
func (a *app) newMeetingReasonBox() {
	a.t.Helper()
	a.keys("ctrl+n")
	time.Sleep(300 * time.Millisecond)
	a.tabs(tabsToReason)
}

// tabsToReason is how many Tabs lead from the meeting type, the first
// field of the details, to the reason for the meeting: held by, the date
// and the time, the referral's date and time,
// reference, chair, minute-taker, reason.
const tabsToReason = 9

// tabs presses Tab n times.
func (a *app) tabs(n int) {
	a.t.Helper()
	a.keys(slices.Repeat([]string{"Tab"}, n)...)
}
