//go:build !windows

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"strategyminutes/postgres"
	"strategyminutes/postgres/pgtest"
)

// process starts the command, as a process of its own (the test binary
// as the command: TestMain), on the database at path.
func process(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "STRATEGYMINUTES_TEST_MAIN=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &out
}

// killedPartWay runs sync on the laptop again and again, each killed with
// SIGKILL after a longer wait, until one ends before its kill; it returns
// how many were killed while still running.
func killedPartWay(t *testing.T, path, url string) int {
	t.Helper()
	killed := 0
	for wait := 30 * time.Millisecond; ; wait = wait * 3 / 2 {
		cmd, out := process(t, "sync", "--db", path, "--server", url)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("sync, not killed: %v: %s", err, out)
			}
			return killed
		case <-time.After(wait):
			cmd.Process.Signal(syscall.SIGKILL)
			if err := <-done; err == nil {
				return killed // it ended just before the kill
			}
			killed++
		}
		if wait > 20*time.Second {
			t.Fatal("sync never ended before its kill")
		}
	}
}

// serverVersions counts the server's versions and its meetings.
func serverVersions(t *testing.T, superURL string) (versions, meetings int) {
	t.Helper()
	versions, err := countOn(t, superURL, `SELECT count(*) FROM strategyminutes.versions`)
	if err == nil {
		meetings, err = countOn(t, superURL, `SELECT count(*) FROM strategyminutes.meetings`)
	}
	if err != nil {
		t.Fatal(err)
	}
	return versions, meetings
}

// A laptop killed with SIGKILL again and again in the middle of its first
// sync, pushing 1,500 meetings, then a second laptop killed again and
// again pulling them: nothing acknowledged is lost, nothing is stored
// twice, each database passes check, and a rerun converges on the same
// meetings, byte for byte.
func TestSyncKilledPartWay(t *testing.T) {
	server := syncServer(t)
	alice := cluster.Login(t, server, postgres.RoleChair, "alice")
	bob := cluster.Login(t, server, postgres.RoleChair, "bob")
	a, b := laptop(t, 1500, 7), laptop(t, 0, 0)

	n := killedPartWay(t, a, alice)
	if n < 2 {
		t.Errorf("only %d pushing syncs were killed part-way: the test proves little", n)
	}
	t.Logf("%d pushing syncs killed part-way", n)
	if out := mustSync(t, a, alice); !strings.Contains(out, "0 meetings pushed") {
		t.Errorf("the pushing laptop, after the kills: %s", out)
	}
	if v, m := serverVersions(t, cluster.SuperURL(server)); v != 1500 || m != 1500 {
		t.Errorf("the server holds %d versions of %d meetings, want 1,500 of 1,500", v, m)
	}
	n = killedPartWay(t, b, bob)
	if n < 2 {
		t.Errorf("only %d pulling syncs were killed part-way", n)
	}
	t.Logf("%d pulling syncs killed part-way", n)
	if out := mustSync(t, b, bob); !strings.Contains(out, "0 versions pulled") {
		t.Errorf("the pulling laptop, after the kills: %s", out)
	}
	for _, path := range []string{a, b} {
		if code, stdout, stderr := cli(t, "check", "--db", path); code != exitOK {
			t.Errorf("check after the kills: %d %s %s", code, stdout, stderr)
		}
	}
	if ea, eb := exported(t, a), exported(t, b); !bytes.Equal(ea, eb) {
		t.Error("the laptops differ after syncs killed part-way")
	}
}

// The server killed outright in the middle of a laptop's sync: the sync
// fails with a clear error, the laptop's database is whole, and once the
// server is back a rerun converges, nothing stored twice.
func TestSyncServerStoppedPartWay(t *testing.T) {
	pgtest.Need(t, cluster)
	own, err := pgtest.Start() // a server of this test's own, to kill
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(own.Stop)
	ctx := context.Background()
	name := own.NewDatabase(ctx, t)
	if code, stdout, stderr := cli(t, "server", "init", "--server", own.SuperURL(name)); code != exitOK {
		t.Fatalf("server init: %d %s %s", code, stdout, stderr)
	}
	alice := own.Login(t, name, postgres.RoleChair, "alice")
	a := laptop(t, 1500, 8)
	failed := 0
	for wait := 100 * time.Millisecond; wait < 3*time.Second; wait += 300 * time.Millisecond {
		cmd, out := process(t, "sync", "--db", a, "--server", alice)
		time.Sleep(wait)
		own.Crash()
		err := cmd.Wait()
		if err != nil {
			failed++
			if s := out.String(); !strings.Contains(s, "run sync again") || strings.Contains(s, "pw@") {
				t.Errorf("the error when the server went: %s", s)
			}
		}
		if err := own.Restart(); err != nil {
			t.Fatal(err)
		}
		if err == nil && cmd.ProcessState.Success() {
			break
		}
	}
	if failed == 0 {
		t.Error("no sync was cut off by the server's end: the test proves little")
	}
	t.Logf("%d syncs cut off by the server's end", failed)
	if code, stdout, stderr := cli(t, "check", "--db", a); code != exitOK {
		t.Errorf("check: %d %s %s", code, stdout, stderr)
	}
	mustSync(t, a, alice)
	if out := mustSync(t, a, alice); !strings.Contains(out, "0 versions pulled") || !strings.Contains(out, "0 meetings pushed") {
		t.Errorf("rerun: %s", out)
	}
	if v, m := serverVersions(t, own.SuperURL(name)); v != 1500 || m != 1500 {
		t.Errorf("the server holds %d versions of %d meetings, want 1,500 of 1,500", v, m)
	}
	b := laptop(t, 0, 0)
	mustSync(t, b, own.Login(t, name, postgres.RoleChair, "bob"))
	if ea, eb := exported(t, a), exported(t, b); !bytes.Equal(ea, eb) {
		t.Error("a second laptop does not hold what the first pushed")
	}
}

// Twenty laptops, each its own chair with its own meetings, sync with the
// server at once, twice over: each ends with every meeting, byte for byte
// the same, and the server with each meeting once.
func TestSyncTwentyLaptopsAtOnce(t *testing.T) {
	server := syncServer(t)
	const laptops, each = 20, 40
	paths, urls := make([]string, laptops), make([]string, laptops)
	for i := range laptops {
		paths[i] = laptop(t, each, uint64(100+i))
		urls[i] = cluster.Login(t, server, postgres.RoleChair, fmt.Sprintf("chair%02d", i))
	}
	for round := range 2 {
		var wg sync.WaitGroup
		errs := make([]string, laptops)
		for i := range laptops {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd, out := process(t, "sync", "--db", paths[i], "--server", urls[i])
				if err := cmd.Wait(); err != nil {
					errs[i] = fmt.Sprintf("%v: %s", err, out)
				}
			}()
		}
		wg.Wait()
		for i, e := range errs {
			if e != "" {
				t.Fatalf("round %d, laptop %d: %s", round, i, e)
			}
		}
	}
	// The last to finish in round 1 may have pushed after others pulled:
	// one more sync each brings every laptop level.
	for i := range laptops {
		mustSync(t, paths[i], urls[i])
	}
	if v, m := serverVersions(t, cluster.SuperURL(server)); v != laptops*each || m != laptops*each {
		t.Errorf("the server holds %d versions of %d meetings, want %d", v, m, laptops*each)
	}
	want := exported(t, paths[0])
	if n := meetingsOn(t, paths[0]); n != laptops*each {
		t.Errorf("a laptop holds %d meetings, want %d", n, laptops*each)
	}
	for i := 1; i < laptops; i++ {
		if !bytes.Equal(exported(t, paths[i]), want) {
			t.Errorf("laptop %d differs from laptop 0", i)
		}
	}
}
