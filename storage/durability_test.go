package storage

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

// The child processes of the kill tests are this test binary, run again
// with one of these in the environment.
const (
	envSaverDB  = "STRATEGYMINUTES_TEST_SAVER_DB"
	envImportDB = "STRATEGYMINUTES_TEST_IMPORT_DB"
	// envRestore is "DB BACKUP STEP": restore, killing itself at STEP.
	envRestore = "STRATEGYMINUTES_TEST_RESTORE"
	// envHold is a database to open and hold until killed.
	envHold = "STRATEGYMINUTES_TEST_HOLD_DB"
)

// TestMain lets the test binary act as the child process of the kill tests.
func TestMain(m *testing.M) {
	switch {
	case os.Getenv(envSaverDB) != "":
		runSaver(os.Getenv(envSaverDB))
	case os.Getenv(envImportDB) != "":
		runImporter(os.Getenv(envImportDB))
	case os.Getenv(envRestore) != "":
		runRestorer(strings.Fields(os.Getenv(envRestore)))
	case os.Getenv(envHold) != "":
		runHolder(os.Getenv(envHold))
	}
	os.Exit(m.Run())
}

// saverMeetings are the drafts the child saves over and over.
var saverMeetings = func() []*meeting.Meeting {
	var drafts []*meeting.Meeting
	for _, m := range demo.Generate(200, 11) {
		m = m.Minutes() // a save stores the minutes; follow-ups are recorded apart
		m.SignedOffAt, m.SignedOffBy, m.SignOffRules = time.Time{}, "", 0
		drafts = append(drafts, m)
	}
	return drafts
}

// version is the content of save number n of a meeting.
func version(m *meeting.Meeting, n int) *meeting.Meeting {
	c := m.Clone()
	c.Reason = fmt.Sprintf("save %d: %s", n, m.Reason)
	return c
}

// runSaver saves meetings until it is killed, printing "id n" after each
// save has returned.
func runSaver(path string) {
	db, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	ms := saverMeetings()
	out := bufio.NewWriter(os.Stdout)
	for n := 0; ; n++ {
		m := ms[n%len(ms)]
		if err := db.SaveMeeting(context.Background(), version(m, n)); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Fprintf(out, "%s %d\n", m.ID, n)
		out.Flush() // acknowledged only once the line has left the process
	}
}

// runImporter imports 3,000 meetings in one transaction, then says "done".
func runImporter(path string) {
	db, err := Open(path)
	if err != nil {
		os.Exit(1)
	}
	fmt.Println("start")
	_, err = db.Import(context.Background(), func(fn func(*meeting.Meeting) error) error {
		return demo.Each(3000, 12, fn)
	})
	if err != nil {
		os.Exit(1)
	}
	fmt.Println("done")
	os.Exit(0)
}

func integrityOK(t *testing.T, db *DB) {
	t.Helper()
	var result string
	if err := db.sql.QueryRow("PRAGMA integrity_check").Scan(&result); err != nil || result != "ok" {
		t.Fatalf("integrity_check: %q %v", result, err)
	}
}

// Every save that returned survives SIGKILL: the process is killed at a
// random moment, several times, and each acknowledged save is there intact.
func TestKilledWhileSavingLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("kill test")
	}
	path := filepath.Join(t.TempDir(), "minutes.db")
	byID := map[string]*meeting.Meeting{}
	for _, m := range saverMeetings() {
		byID[m.ID] = m
	}
	everAcked := map[string]bool{}
	for round := range 5 {
		acked := map[string]int{} // meeting id: its last acknowledged save number this round
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), envSaverDB+"="+path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		killAfter := time.Duration(50+rand.IntN(400)) * time.Millisecond
		timer := time.AfterFunc(killAfter, func() { cmd.Process.Signal(syscall.SIGKILL) })
		lines := 0
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			id, n, ok := strings.Cut(sc.Text(), " ")
			if !ok || id == "error" {
				t.Fatalf("round %d: child said %q", round, sc.Text())
			}
			num, _ := strconv.Atoi(n)
			acked[id] = num
			everAcked[id] = true
			lines++
		}
		timer.Stop()
		cmd.Wait()
		t.Logf("round %d: killed after %v and %d acknowledged saves", round, killAfter, lines)

		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		integrityOK(t, db)
		for id := range everAcked {
			got, err := db.Meeting(context.Background(), id)
			if err != nil {
				t.Fatalf("round %d: acknowledged meeting %s is gone: %v", round, id, err)
			}
			var n int
			fmt.Sscanf(got.Reason, "save %d:", &n)
			if !meeting.Equal(got, version(byID[id], n)) {
				t.Fatalf("round %d: meeting %s is not intact", round, id)
			}
			// A later save may have reached the disk unacknowledged, never an earlier one.
			if want, ok := acked[id]; ok && n < want {
				t.Fatalf("round %d: meeting %s is at save %d, but save %d was acknowledged", round, id, n, want)
			}
		}
		db.Close()
	}
}

// An import killed part-way leaves all of the file's meetings or none.
func TestKilledImportLeavesAllOrNone(t *testing.T) {
	if testing.Short() {
		t.Skip("kill test")
	}
	for round := range 4 {
		path := filepath.Join(t.TempDir(), "minutes.db")
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), envImportDB+"="+path)
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		sc.Scan() // "start"
		time.Sleep(time.Duration(rand.IntN(600)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		finished := sc.Scan() && sc.Text() == "done"
		cmd.Wait()
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		integrityOK(t, db)
		n, _ := db.Count(context.Background(), meeting.Filter{})
		db.Close()
		t.Logf("round %d: finished %v, %d meetings", round, finished, n)
		if n != 0 && n != 3000 {
			t.Fatalf("round %d: %d meetings after a killed import; want 0 or 3000", round, n)
		}
	}
}
