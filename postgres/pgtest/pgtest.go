// Package pgtest starts a throwaway PostgreSQL cluster for tests: initdb in
// a temporary folder, run as a user that is not root (PostgreSQL refuses
// root), listening only on 127.0.0.1 and a unix socket in that folder, and
// stopped and removed afterwards. make test installs Debian's postgresql
// package; under CI=true (or STRATEGYMINUTES_NEED_POSTGRES=1, which make
// test sets) a cluster that cannot start fails the tests rather than
// skipping them.
package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// SuperPassword is the password of the cluster's superuser, postgres.
const SuperPassword = "test-superuser"

// A Cluster is a running throwaway server.
type Cluster struct {
	Dir    string // data folder and socket folder's parent
	Port   int
	cmd    *exec.Cmd
	exited chan struct{} // closed when the server has ended
	log    *bytes.Buffer
	uid    *syscall.Credential // the user it runs as, when the tests run as root
	bin    string              // PostgreSQL's programs
}

// URL is the address of database db on the cluster, as user with
// password, over TCP on 127.0.0.1.
func (c *Cluster) URL(user, password, db string) string {
	u := url.URL{Scheme: "postgres", Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(c.Port)), Path: "/" + db,
		User: url.UserPassword(user, password), RawQuery: "sslmode=disable"}
	return u.String()
}

// SuperURL is the address of database db as the superuser.
func (c *Cluster) SuperURL(db string) string { return c.URL("postgres", SuperPassword, db) }

// Required reports whether tests must fail, not skip, without a server.
func Required() bool {
	return os.Getenv("CI") == "true" || os.Getenv("STRATEGYMINUTES_NEED_POSTGRES") == "1"
}

// Main runs a test binary's tests with a cluster started for them, set in
// *c, and stops it at the end: call it from TestMain. Without PostgreSQL's
// programs it runs the tests with *c nil (they skip, with Need), unless
// Required, when it fails.
func Main(m *testing.M, c **Cluster) {
	cl, err := Start()
	if err != nil {
		if Required() {
			fmt.Fprintf(os.Stderr, "pgtest: %v\n", err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "pgtest: no PostgreSQL for these tests (%v); they skip\n", err)
	}
	*c = cl
	code := m.Run()
	if cl != nil {
		cl.Stop()
	}
	os.Exit(code)
}

// Need skips t when there is no cluster (only outside CI: Main fails there).
func Need(t testing.TB, c *Cluster) {
	t.Helper()
	if c == nil {
		t.Skip("no PostgreSQL server: install Debian's postgresql package, or run make test")
	}
}

// binDir finds PostgreSQL's server programs: the newest of Debian's
// /usr/lib/postgresql/N/bin, else initdb on the PATH.
func binDir() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("PostgreSQL's initdb was not found (Debian: apt-get install postgresql)")
}

func version(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

// Start makes and starts a new cluster.
func Start() (*Cluster, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "strategyminutes-pg-*")
	if err != nil {
		return nil, err
	}
	c := &Cluster{Dir: dir, log: &bytes.Buffer{}}
	fail := func(err error) (*Cluster, error) {
		os.RemoveAll(dir)
		return nil, err
	}
	if os.Geteuid() == 0 {
		// PostgreSQL refuses to run as root: as Debian's postgres user.
		u, err := user.Lookup("postgres")
		if err != nil {
			return fail(fmt.Errorf("running as root, and no postgres user to run the server as: %w", err))
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		c.uid = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			return fail(err)
		}
	}
	pwfile := filepath.Join(dir, "pw")
	if err := os.WriteFile(pwfile, []byte(SuperPassword+"\n"), 0o600); err != nil {
		return fail(err)
	}
	if c.uid != nil {
		os.Chown(pwfile, int(c.uid.Uid), int(c.uid.Gid))
	}
	data := filepath.Join(dir, "data")
	// Local (socket) connections trusted, TCP ones by password.
	initdb := c.command(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "--pwfile", pwfile,
		"--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
	if out, err := initdb.CombinedOutput(); err != nil {
		return fail(fmt.Errorf("initdb: %v: %s", err, out))
	}
	os.Remove(pwfile)
	c.bin = bin
	for try := 0; ; try++ {
		port, err := freePort()
		if err != nil {
			return fail(err)
		}
		c.Port = port
		err = c.start()
		if err == nil {
			return c, nil
		} else if try == 3 {
			return fail(err)
		}
	}
}

// start runs the server on the cluster's folder and port, and waits until
// it takes connections.
func (c *Cluster) start() error {
	c.log.Reset()
	c.cmd = c.command(filepath.Join(c.bin, "postgres"), "-D", filepath.Join(c.Dir, "data"), "-p", strconv.Itoa(c.Port), "-k", c.Dir,
		"-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200",
		"-c", "shared_buffers=128MB", "-c", "log_min_messages=warning")
	c.cmd.Stdout, c.cmd.Stderr = c.log, c.log
	if err := c.cmd.Start(); err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	c.exited = make(chan struct{})
	go func(cmd *exec.Cmd, exited chan struct{}) { cmd.Wait(); close(exited) }(c.cmd, c.exited)
	if err := c.waitReady(c.bin); err != nil {
		c.cmd.Process.Kill()
		<-c.exited
		return fmt.Errorf("postgres did not start: %v: %s", err, c.log)
	}
	return nil
}

// Crash kills the server outright (SIGKILL: no shutdown, as when its
// machine loses power) and waits until it has gone; Restart brings it
// back, and PostgreSQL recovers what had committed.
func (c *Cluster) Crash() {
	c.cmd.Process.Kill()
	<-c.exited
	// The postmaster's children go with it when they notice; a new one
	// refuses to start while they still hold the shared memory.
	time.Sleep(200 * time.Millisecond)
}

// Restart starts the server again after Crash, on the same folder and
// port.
func (c *Cluster) Restart() error {
	var err error
	for try := 0; try < 20; try++ {
		if err = c.start(); err == nil {
			return nil
		}
		time.Sleep(250 * time.Millisecond)
	}
	return err
}

// Login makes a login role named name_db (unique to the database) with
// the password "pw", a member of role, able to connect to db, and
// returns its address; it is dropped when t ends.
func (c *Cluster) Login(t testing.TB, db, role, name string) string {
	t.Helper()
	ctx := context.Background()
	user := strings.ToLower(name + "_" + db)
	if len(user) > 60 {
		user = user[:60]
	}
	sql := fmt.Sprintf(`DROP ROLE IF EXISTS %[1]s; CREATE ROLE %[1]s LOGIN PASSWORD 'pw' IN ROLE %[2]s; GRANT CONNECT ON DATABASE %[3]s TO %[1]s`,
		pgx.Identifier{user}.Sanitize(), pgx.Identifier{role}.Sanitize(), pgx.Identifier{db}.Sanitize())
	if err := Exec(ctx, c.SuperURL("postgres"), sql); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		Exec(context.Background(), c.SuperURL("postgres"), fmt.Sprintf("DROP OWNED BY %[1]s; DROP ROLE IF EXISTS %[1]s", pgx.Identifier{user}.Sanitize()))
	})
	return c.URL(user, "pw", db)
}

// command runs a PostgreSQL program as the cluster's user.
func (c *Cluster) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	if c.uid != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.uid}
	}
	return cmd
}

func (c *Cluster) waitReady(bin string) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-c.exited:
			return errors.New("the server ended")
		default:
		}
		ready := c.command(filepath.Join(bin, "pg_isready"), "-h", "127.0.0.1", "-p", strconv.Itoa(c.Port), "-q")
		if ready.Run() == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("not ready within 30 s")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Stop stops the server (a fast shutdown) and removes its folder.
func (c *Cluster) Stop() {
	if c.cmd != nil && c.cmd.Process != nil {
		c.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-c.exited:
		case <-time.After(20 * time.Second):
			c.cmd.Process.Kill()
			<-c.exited
		}
	}
	os.RemoveAll(c.Dir)
}

// NewDatabase makes an empty database of a name unique to t, dropped
// (with every connection to it) when t ends, and returns its name.
func (c *Cluster) NewDatabase(ctx context.Context, t testing.TB) string {
	t.Helper()
	// Letters, digits and _ only: a benchmark's name holds "=".
	name := "t_" + strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, strings.ToLower(t.Name()))
	if len(name) > 50 {
		name = name[:50]
	}
	name += "_" + strconv.FormatInt(time.Now().UnixNano()%1e9, 10)
	if err := Exec(ctx, c.SuperURL("postgres"), "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		Exec(context.Background(), c.SuperURL("postgres"), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return name
}

// Exec runs sql on the database at url, on a connection of its own.
func Exec(ctx context.Context, url, sql string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}
