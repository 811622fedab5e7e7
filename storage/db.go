// Package storage keeps meetings in an SQLite database through
// github.com/mattn/go-sqlite3. It implements meeting.Store.
//
// Every pooled connection gets foreign keys, WAL, synchronous=FULL and a busy
// timeout from the connection string; the schema comes from embedded
// migrations numbered in PRAGMA user_version. A file that is not ours, or that
// a newer version of the app wrote, is refused before SQLite opens it for
// writing, so its bytes are never changed.
package storage

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// applicationID marks our database files ('SMIN'), set by migration 1.
const applicationID = 0x534D494E

//go:embed migrations/*.sql
var migrationFiles embed.FS

// A migration is one numbered step of the schema.
type migration struct {
	version int
	name    string
	sql     string
}

var migrations = mustLoadMigrations()

func mustLoadMigrations() []migration {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		panic(err)
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic(fmt.Sprintf("migration %s: name must start with its number", e.Name()))
		}
		b, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			panic(fmt.Sprintf("migration %s: expected number %d", m.name, i+1))
		}
	}
	return ms
}

// SchemaVersion is the schema version this build of the app writes.
func SchemaVersion() int { return len(migrations) }

// Errors that Open returns (wrapped with the path) for files it refuses.
var (
	ErrNotDatabase   = errors.New("not a Strategy Minutes database")
	ErrNewerDatabase = errors.New("written by a newer version of Strategy Minutes")
)

// DB is a Strategy Minutes database.
type DB struct {
	sql  *sql.DB
	path string
	user atomic.Pointer[string] // who the audit log records; see SetUser
	// editing is the meeting open in the window's editor (HoldForEditing).
	editing atomic.Pointer[string]
	// statements are the writers' prepared statements (save.go).
	statements statements
	lock       *fileLock // openByte, shared
	warning    string    // what Open found and kept (Warning)
	copy       bool      // a backup opened to be checked, not the database
	checked    checkState
	calendar   calendarCache // the bank holidays, parsed once (calendar.go)
	writing    writeConn     // the connection write transactions take in turn
}

// checkState is the structural check of the file (StartCheck), run once
// per process before the first write.
type checkState struct {
	once sync.Once
	done chan struct{}
	err  error
}

// DefaultPath is where the app keeps its database unless told otherwise:
// the user's configuration directory (%AppData% on Windows,
// ~/Library/Application Support on macOS, ~/.config on Linux).
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the user's data directory: %w", err)
	}
	return filepath.Join(dir, "strategyminutes", "minutes.db"), nil
}

// Open opens the database at path, creating it (and its directory) readable by
// the owner only when it does not exist, and brings its schema up to date.
//
// The process holds a shared lock on the file while it is open (openByte),
// which restore needs exclusively: the file is never replaced under a
// process using it.
func Open(path string) (*DB, error) {
	if err := checkFTS5(); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	path, err := databaseFile(path)
	if err != nil {
		return nil, err
	}
	// Alone with the file (the open lock exclusively), a -wal is what a
	// process that ended left: SQLite replays it as it opens, and what it
	// cannot replay is kept aside first. Otherwise the log is another
	// process's, live.
	var warning string
	lock, err := lockFile(path, openByte, true)
	if err == nil {
		if warning, err = keepDamagedLog(path); err == nil {
			err = lock.share()
		}
		if err != nil {
			lock.release()
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
	} else if errors.Is(err, errLocked) {
		// Another process has it open (shared: fine), or is opening it
		// alone for a moment, or a restore holds it: wait a little.
		for try := 0; ; try++ {
			lock, err = lockFile(path, openByte, false)
			if !errors.Is(err, errLocked) || try == openWaits {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	if errors.Is(err, errLocked) {
		return nil, fmt.Errorf("open database %s: %w", path, ErrRestoring)
	}
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// No restore can be running now: what a killed one left is removed.
	removeLeftovers(filepath.Dir(path), restoreTempPattern(path), 0)
	sqlDB, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		lock.release()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// One writer at a time is SQLite's rule, on a connection of its own
	// once it has written (writeconn.go); four readers share WAL snapshots.
	sqlDB.SetMaxOpenConns(5)
	db := &DB{sql: sqlDB, path: path, lock: lock, warning: warning}
	if err := db.migrate(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return db, nil
}

// openWaits is how many times Open tries for the open lock, 10 ms apart,
// while another process holds it alone: an open reading its -wal holds it
// for a moment; a restore, for as long as it takes.
const openWaits = 300

func filepathAbs(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("open database %s: %w", path, err)
	}
	return abs, nil
}

// ErrNoFTS5 is returned by a build of the app without SQLite's FTS5, which
// the meetings list's search index needs (migration 5):
// github.com/mattn/go-sqlite3 compiles it in only with the Go build tag
// sqlite_fts5, which the Makefile's TAGS have.
var ErrNoFTS5 = errors.New("this build of Strategy Minutes lacks SQLite's FTS5: build it with the tag sqlite_fts5 (go build -tags sqlite_fts5, as the Makefile does)")

// checkFTS5 returns ErrNoFTS5 when SQLite lacks FTS5, asking a database in
// memory, so that no file is touched: a database with the search index
// cannot be written to without it.
var checkFTS5 = sync.OnceValue(func() error {
	mem, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return err
	}
	defer mem.Close()
	var has bool
	if err := mem.QueryRow("SELECT sqlite_compileoption_used('ENABLE_FTS5')").Scan(&has); err != nil {
		return fmt.Errorf("read SQLite's options: %w", err)
	}
	if !has {
		return ErrNoFTS5
	}
	return nil
})

// Warning says what Open found wrong but could work around, keeping what
// it could not use: "" when all was well. The window and the command line
// show it.
func (db *DB) Warning() string { return db.warning }

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// Close closes the database.
func (db *DB) Close() error {
	db.statements.close()
	err := errors.Join(db.writing.close(), db.sql.Close())
	db.lock.release() // after SQLite has let the file go
	return err
}

// dsn builds the go-sqlite3 connection string. The pragmas are in it so that
// every pooled connection gets them, not just the first.
func dsn(path string) string {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	q.Set("_busy_timeout", "5000")
	q.Set("_txlock", "immediate")
	q.Set("_secure_delete", "on") // deleted text is overwritten, not left in free pages
	return "file:" + uriPath(path) + "?" + q.Encode()
}

// uriPath writes a file path for a SQLite "file:" URI.
func uriPath(path string) string { return uriPathFor(path, runtime.GOOS == "windows") }

// uriPathFor is uriPath for Windows paths or others, so both can be tested
// anywhere. A drive path becomes /C:/..., a UNC path (a redirected
// %AppData% on a server share) ////server/share/..., which SQLite reads
// as an empty authority followed by the share.
func uriPathFor(path string, windows bool) string {
	p := path
	if windows {
		p = strings.ReplaceAll(p, `\`, "/")
		switch {
		case strings.HasPrefix(p, "//"):
			p = "//" + p
		case len(p) >= 2 && p[1] == ':':
			p = "/" + p
		}
	}
	// SQLite decodes %XX in URI paths; escape what would otherwise end the path.
	return strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(p)
}

// prepareFile creates a new database file owner-only, or checks that an
// existing one is a Strategy Minutes database no newer than this build,
// reading its header without opening it through SQLite (which would write).
func prepareFile(path string) error {
	info, err := os.Stat(path)
	if (errors.Is(err, fs.ErrNotExist) || err == nil && info.Mode().IsRegular() && info.Size() == 0) && orphanLog(path) {
		// SQLite would take the log for an empty database's and delete it.
		return fmt.Errorf("open database %s: %w", path, ErrOrphanLog)
	}
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return fmt.Errorf("create database directory %s: %w", filepath.Dir(path), err)
		}
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return fmt.Errorf("create database %s: %w", path, err)
		}
		return f.Close()
	}
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	if info.IsDir() {
		return fmt.Errorf("open database %s: it is a folder, not a file", path)
	}
	if info.Size() == 0 {
		return nil // an empty file is a new database
	}
	return checkHeader(path)
}

// ErrOrphanLog is returned for a write-ahead log whose database is missing
// or empty: it may hold saved work, so nothing is created over it.
var ErrOrphanLog = errors.New("its write-ahead log (-wal) is there but the database file is missing or empty; the log may hold saved minutes, so it was left as it is and no new database was made: restore a backup, or ask for help to recover it")

// orphanLog reports whether path has a -wal with something in it.
func orphanLog(path string) bool {
	info, err := os.Stat(path + "-wal")
	return err == nil && info.Size() > 0
}

// sqliteMagic starts every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// checkHeader reads the 100-byte SQLite header of an existing file.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	defer f.Close()
	header := make([]byte, 100)
	if _, err := io.ReadFull(f, header); err != nil || !bytes.Equal(header[:16], sqliteMagic) {
		return fmt.Errorf("open database %s: %w (it is not an SQLite database file; the file was left as it is)", path, ErrNotDatabase)
	}
	schemaCookie := binary.BigEndian.Uint32(header[40:])
	userVersion := int(int32(binary.BigEndian.Uint32(header[60:])))
	appID := binary.BigEndian.Uint32(header[68:])
	switch {
	case appID == applicationID && userVersion > SchemaVersion():
		return newerError(path, userVersion)
	case appID != applicationID && (appID != 0 || schemaCookie != 0 || userVersion != 0):
		return fmt.Errorf("open database %s: %w (it is an SQLite database of another program; the file was left as it is)", path, ErrNotDatabase)
	}
	return nil
}

func newerError(path string, version int) error {
	return fmt.Errorf("open database %s: %w (its schema is version %d, this app knows up to %d): update Strategy Minutes; the file was left as it is",
		path, ErrNewerDatabase, version, SchemaVersion())
}

// migrate applies the migrations the database lacks, each in one transaction
// together with its user_version.
func (db *DB) migrate(ctx context.Context) error {
	var version int
	if err := db.sql.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > SchemaVersion() {
		return newerError(db.path, version)
	}
	if version > 0 {
		var appID int64
		if err := db.sql.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
			return fmt.Errorf("read application id: %w", err)
		}
		if appID != applicationID {
			return fmt.Errorf("%w (it is an SQLite database of another program)", ErrNotDatabase)
		}
	}
	if version > 0 && version < SchemaVersion() {
		// A migration writes: never into a damaged file.
		if err := integrityCheck(ctx, db.sql, db.path); err != nil {
			return fmt.Errorf("%w; it was not updated to this version of the app", err)
		}
	}
	pending := migrations[version:]
	if len(pending) == 0 {
		return nil
	}
	// One transaction for every migration the file lacks: steps in Go that
	// read whole meetings (sealExisting) need the final schema, and a
	// file is either as it was or fully up to date, whatever stops it.
	err := db.inTxUnchecked(ctx, func(tx *sql.Tx) error {
		var final []func(ctx context.Context, tx *sql.Tx) error
		for _, m := range pending {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("apply migration %s: %w", m.name, err)
			}
			if after := afterMigration[m.version]; after != nil {
				if err := after(ctx, tx); err != nil {
					return fmt.Errorf("apply migration %s: %w", m.name, err)
				}
			}
			if after := afterMigrations[m.version]; after != nil {
				final = append(final, after)
			}
		}
		for _, after := range final {
			if err := after(ctx, tx); err != nil {
				return fmt.Errorf("update the database's rows: %w", err)
			}
		}
		_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", pending[len(pending)-1].version))
		return err
	})
	if err != nil {
		return err
	}
	return nil
}

// inTx runs fn in a transaction, committing when it returns nil, once the
// file has passed its check (Writable).
func (db *DB) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	if err := db.Writable(ctx); err != nil {
		return err
	}
	return db.inTxUnchecked(ctx, fn)
}

// inTxUnchecked is inTx without waiting for the check: for migrations,
// which check first themselves.
//
// Every write transaction runs on the one writing connection, in turn
// (writeconn.go). What the last autosave left is offered to this
// transaction (prev) and then forgotten, unless this one is an autosave
// that commits and leaves its own (next).
func (db *DB) inTxUnchecked(ctx context.Context, fn func(*sql.Tx) error) error {
	w := &db.writing
	w.mu.Lock()
	defer w.mu.Unlock()
	w.prev, w.next, w.last = w.last, nil, nil
	defer func() { w.prev, w.next = nil, nil }()
	tx, err := w.begin(ctx, db.sql)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", plain(err))
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return plain(err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", plain(err))
	}
	w.last = w.next
	return nil
}
