package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"strategyminutes/meeting"
)

// ErrDamaged is returned for a database or backup that fails SQLite's
// integrity checks.
var ErrDamaged = errors.New("the database file is damaged")

// Check runs every check there is: SQLite's integrity check of the whole
// file (pages, and every index against its table), the audit log's chain,
// every meeting's checksum and every signed-off meeting's seal (Verify).
func (db *DB) Check(ctx context.Context) error {
	if err := integrityCheck(ctx, db.sql, db.path); err != nil {
		return err
	}
	// The trigram index against its entries: FTS5's own check, which sees
	// entries taken out of the index (or put in) with its commands.
	if _, err := db.sql.ExecContext(ctx, `INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)`); err != nil {
		return &VerifyError{Problems: []TamperProblem{{What: "the search index does not match its entries: a search may not find every meeting (" + plain(err).Error() + ")"}}}
	}
	return db.Verify(ctx)
}

// StartCheck starts the check that every write waits for (Writable), if
// it has not started: SQLite's integrity check, the audit log's chain and
// every meeting's checksum (the seals of signed-off minutes are Check's).
// The window starts it as it opens, so that the chair can read while it
// runs; the command line's first write starts it.
func (db *DB) StartCheck() {
	db.checked.once.Do(func() {
		db.checked.done = make(chan struct{})
		go func() {
			defer close(db.checked.done)
			// Two passes over the file, on two connections at once (a
			// laptop has two cores): SQLite's, and the rows against their
			// checksums and the audit log's chain.
			ctx := context.Background()
			rows := make(chan error, 1)
			go func() { rows <- db.verifyRows(ctx) }()
			err := integrityCheck(ctx, db.sql, db.path)
			if rowsErr := <-rows; err == nil {
				err = rowsErr
			}
			db.checked.err = err
		}()
	})
}

// Writable waits for the check StartCheck runs and returns its error: a
// damaged database, or one whose audit log was changed, is never written to.
func (db *DB) Writable(ctx context.Context) error {
	db.StartCheck()
	select {
	case <-db.checked.done:
		if db.checked.err != nil {
			return fmt.Errorf("%w; nothing was written", db.checked.err)
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func integrityCheck(ctx context.Context, q querier, path string) error {
	if err := pageCheck(ctx, q, path); err != nil {
		return err
	}
	// Rows whose meeting is gone (deleted with foreign keys off, as the
	// sqlite3 shell has them) would keep a child's name in the file.
	var table string
	var orphans int
	err := eachRow(ctx, q, "PRAGMA foreign_key_check", nil, func(rows *sql.Rows) error {
		orphans++
		if table == "" {
			cols, _ := rows.Columns()
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			table = fmt.Sprint(vals[0])
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("check %s: %w (%v)", path, ErrDamaged, err)
	}
	if orphans > 0 {
		return fmt.Errorf("check %s: %w: %d rows (in %s first) belong to no meeting: meetings were deleted outside the app", path, ErrDamaged, orphans, table)
	}
	return nil
}

func pageCheck(ctx context.Context, q querier, path string) error {
	rows, err := q.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("check %s: %w (%v)", path, ErrDamaged, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("check %s: %w (%v)", path, ErrDamaged, err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check %s: %w (%v)", path, ErrDamaged, err)
	}
	if len(problems) > 0 {
		if len(problems) > 3 {
			problems = append(problems[:3], fmt.Sprintf("and %d more", len(problems)-3))
		}
		return fmt.Errorf("check %s: %w: %s", path, ErrDamaged, strings.Join(problems, "; "))
	}
	return nil
}

// Backup writes a consistent copy of the database to path while the app
// may be writing (SQLite's VACUUM INTO reads one snapshot), owner-only.
// It refuses to overwrite an existing file.
func (db *DB) Backup(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	if err := CheckOutput(db.path, abs, meeting.KindBackup, false); err != nil {
		return fmt.Errorf("back up: %w", err)
	}
	if handled, err := db.backupWithinFolder(ctx, abs); handled {
		if err != nil {
			return err
		}
		return db.Record(ctx, EventBackup, "", "")
	}
	return db.backup(ctx, abs)
}

// backup writes the copy to abs, which may be in the backups folder.
func (db *DB) backup(ctx context.Context, abs string) error {
	if _, err := os.Stat(abs); err == nil {
		return fmt.Errorf("back up to %s: the file exists; choose a new name", abs)
	}
	// VACUUM INTO takes an empty file; making it first, under a new name
	// of its own, sets owner-only permissions before a byte is written.
	// What a killed backup left (an hour old: no backup takes that long)
	// is removed first.
	pattern := "." + filepath.Base(abs) + ".*.partial"
	removeLeftovers(filepath.Dir(abs), pattern, time.Hour)
	f, err := os.CreateTemp(filepath.Dir(abs), pattern)
	if err != nil {
		return fmt.Errorf("back up to %s: %w", abs, err)
	}
	tmp := f.Name()
	f.Close()
	if _, err := db.sql.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("back up to %s: %w", abs, err)
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("back up to %s: %w", abs, err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("back up to %s: %w", abs, err)
	}
	return db.Record(ctx, EventBackup, "", "")
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// VerifyBackup checks that path is a Strategy Minutes database that this
// version can read and that passes SQLite's full integrity check, without
// writing to it.
func VerifyBackup(ctx context.Context, path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	if info.IsDir() || info.Size() == 0 {
		return fmt.Errorf("backup %s: %w (it is empty or a folder)", path, ErrNotDatabase)
	}
	if err := checkHeader(path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	// immutable=1: read without locks or a journal, so nothing is written beside it.
	ro, err := sql.Open("sqlite3", "file:"+uriPath(path)+"?mode=ro&immutable=1")
	if err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	defer ro.Close()
	var appID, version int64
	if err := ro.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return fmt.Errorf("backup %s: %w (%v)", path, ErrDamaged, err)
	}
	ro.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	switch {
	case appID != applicationID || version < 1:
		return fmt.Errorf("backup %s: %w", path, ErrNotDatabase)
	case version > int64(SchemaVersion()):
		return newerError(path, int(version))
	}
	if err := integrityCheck(ctx, ro, path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if version >= sealsVersion && version < int64(SchemaVersion()) {
		// Made by an earlier version of the app (every backup is, just
		// after an update): its rows are checked as this version reads
		// them, in a copy brought up to date as opening it would.
		return verifyOlderBackup(ctx, path)
	}
	if version >= sealsVersion {
		// Its rows against their checksums and its audit log's chain: a
		// backup changed outside the app is not put in place.
		b := &DB{sql: ro, path: path, copy: true}
		if err := b.verifyRows(ctx); err != nil {
			return fmt.Errorf("backup %s: %w", path, err)
		}
	}
	return nil
}

// sealsVersion is the schema version that added checksums and seals.
const sealsVersion = 7

// Restore replaces the database at dbPath with the backup at backupPath,
// after checking the backup, and keeps the replaced database aside (its
// name is returned). It refuses while any process has the database open.
// The restored database's audit log records the restore (by DefaultUser).
func Restore(ctx context.Context, backupPath, dbPath string) (aside string, err error) {
	return RestoreAs(ctx, backupPath, dbPath, DefaultUser())
}

// RestoreAs is Restore, recording who restored it.
func RestoreAs(ctx context.Context, backupPath, dbPath, who string) (aside string, err error) {
	return restore(ctx, backupPath, dbPath, nil, who)
}

// Restore is RestoreAs for the window that holds l: the window's lock
// moves to the restored file with it.
func (l *InstanceLock) Restore(ctx context.Context, backupPath, who string) (aside string, err error) {
	return restore(ctx, backupPath, l.path, l, who)
}

// restoreHook, when set by a test, runs at each step of a restore; a test
// kills the process there to show that every step leaves a whole database.
var restoreHook func(step string)

func step(name string) {
	if restoreHook != nil {
		restoreHook(name)
	}
}

// restore does the work of Restore. At every instruction the database's
// name holds either the old database, whole, or the new one, never an
// empty or half-written file:
//
//  1. take the open lock exclusively (no process has the database open)
//     and the window lock (no window is on it, unless it is window's own);
//  2. checkpoint the old database, so that its -wal is in the file;
//  3. copy the backup under a new, exclusive, owner-only temporary name
//     beside the database, synced, and check the copy;
//  4. link the old database (and any -wal the checkpoint could not empty)
//     under the "replaced" name, so that it is kept whole;
//  5. rename the copy over the database: one atomic step.
func restore(ctx context.Context, backupPath, dbPath string, window *InstanceLock, who string) (aside string, err error) {
	if err := VerifyBackup(ctx, backupPath); err != nil {
		return "", fmt.Errorf("restore: %w; nothing was replaced", err)
	}
	path, err := lockTarget(dbPath)
	if err != nil {
		return "", fmt.Errorf("restore: %w; nothing was replaced", err)
	}
	if sameFile(backupPath, path) {
		return "", errors.New("restore: the backup is the database itself; nothing was replaced")
	}
	open, err := lockFile(path, openByte, true)
	if errors.Is(err, errLocked) {
		return "", fmt.Errorf("restore: %w (%s): close the app's window and wait for any command on it to finish; nothing was replaced", ErrInUse, path)
	}
	if err != nil {
		return "", fmt.Errorf("restore: %w; nothing was replaced", err)
	}
	defer open.release()
	if window == nil {
		w, err := lockFile(path, windowByte, true)
		if err != nil {
			return "", fmt.Errorf("restore: %w (%s): close the app's window first; nothing was replaced", ErrInUse, path)
		}
		defer w.release()
	}
	dir := filepath.Dir(path)
	removeLeftovers(dir, restoreTempPattern(path), 0)
	step("locked")

	logKept := checkpoint(ctx, path) != nil
	step("checkpointed")

	tmp, err := os.CreateTemp(dir, restoreTempPattern(path))
	if err != nil {
		return "", fmt.Errorf("restore: %w; nothing was replaced", err)
	}
	defer os.Remove(tmp.Name()) // gone once renamed; a leftover otherwise
	if err := copyInto(tmp, backupPath); err != nil {
		return "", fmt.Errorf("restore: copy the backup: %w; nothing was replaced", err)
	}
	// A backup of an earlier version is put in place up to date, so that
	// what is checked below is what will be opened.
	if older, err := olderSchema(ctx, tmp.Name()); err != nil || older {
		if err == nil {
			err = migrateFile(ctx, tmp.Name())
		}
		if err != nil {
			return "", fmt.Errorf("restore: bring the backup up to this version: %w; nothing was replaced", err)
		}
	}
	if err := VerifyBackup(ctx, tmp.Name()); err != nil {
		return "", fmt.Errorf("restore: the copy of the backup: %w; nothing was replaced", err)
	}
	// The restore is in the restored log before it is in place, so that
	// the database is never without it (the automatic backups made since
	// the backup are ahead of its log, rightly: verifyAgainstBackup).
	if err := recordRestore(ctx, tmp.Name(), who); err != nil {
		return "", fmt.Errorf("restore: record the restore in the copy: %w; nothing was replaced", err)
	}
	step("copied")

	aside, err = keepAside(path, logKept)
	if err != nil {
		return "", fmt.Errorf("restore: keep the current database: %w; nothing was replaced", err)
	}
	syncDir(dir)
	step("kept")

	var moved *fileLock
	if window != nil { // the window's lock goes with it to the new file
		if moved, err = lockFile(tmp.Name(), windowByte, true); err != nil {
			return aside, fmt.Errorf("restore: %w; nothing was replaced", err)
		}
	}
	// The old database's -wal, if the checkpoint could not empty it, is
	// kept with it: it must not be replayed into the restored one.
	if logKept {
		os.Remove(path + "-wal")
		step("log-moved")
	}
	os.Remove(path + "-shm")
	if err := os.Rename(tmp.Name(), path); err != nil {
		moved.release()
		return aside, fmt.Errorf("restore: %w (the current database was not replaced, and a copy is at %s)", err, aside)
	}
	syncDir(dir)
	step("renamed")
	if window != nil {
		window.lock.release()
		window.lock = moved
	}
	return aside, nil
}

// lockTarget is the file a lock is taken on: dbPath's own file, symbolic
// links followed, made empty (owner-only) when there is none. Unlike Open,
// it takes a file that is not a database: a damaged database is what a
// restore is for, and the window that offers it holds the lock.
func lockTarget(dbPath string) (string, error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return "", err
	}
	info, err := os.Stat(abs)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return "", err
		}
		f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return "", err
		}
		f.Close()
	case err != nil:
		return "", err
	case !info.Mode().IsRegular():
		return "", fmt.Errorf("%s is not a file", abs)
	}
	return resolve(abs), nil
}

// olderSchema reports whether the database at path has a schema of an
// earlier version of the app.
func olderSchema(ctx context.Context, path string) (bool, error) {
	ro, err := sql.Open("sqlite3", "file:"+uriPath(path)+"?mode=ro&immutable=1")
	if err != nil {
		return false, err
	}
	defer ro.Close()
	var version int
	if err := ro.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, err
	}
	return version < SchemaVersion(), nil
}

// verifyOlderBackup checks a backup of an earlier schema: a copy of it,
// in an owner-only temporary folder removed afterwards, is brought up to
// this version's schema and checked as a backup of this version is.
func verifyOlderBackup(ctx context.Context, path string) error {
	dir, err := os.MkdirTemp("", "strategyminutes-check-*")
	if err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	defer os.RemoveAll(dir)
	cp := filepath.Join(dir, "backup.db")
	f, err := os.OpenFile(cp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	if err := copyInto(f, path); err != nil {
		return fmt.Errorf("backup %s: copy it to check it: %w", path, err)
	}
	if err := migrateFile(ctx, cp); err != nil {
		return fmt.Errorf("backup %s: bring it up to this version to check it: %w", path, err)
	}
	if err := VerifyBackup(ctx, cp); err != nil {
		// The copy's name means nothing to the chair: the backup's does.
		return renamedError{strings.ReplaceAll(err.Error(), cp, path), err}
	}
	return nil
}

// A renamedError is err said another way, still of err's kind (errors.Is).
type renamedError struct {
	text string
	err  error
}

func (e renamedError) Error() string { return e.text }
func (e renamedError) Unwrap() error { return e.err }

// migrateFile brings the database at path up to this version's schema, as
// opening it does, and leaves it whole in its one file (no -wal).
func migrateFile(ctx context.Context, path string) error {
	db, err := Open(path)
	if err != nil {
		return err
	}
	var busy, frames, done int
	err = db.sql.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &frames, &done)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil && busy != 0 {
		err = errors.New("the update could not be written into the file")
	}
	if err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	return syncFile(path)
}

// recordRestore adds the restore to the audit log of the copy at path, and
// leaves the copy whole in its one file (no -wal).
func recordRestore(ctx context.Context, path, who string) error {
	db, err := rawOpen(path)
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := record(ctx, tx, who, EventRestore, "", "", time.Now()); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	var busy, frames, done int
	if err := db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &frames, &done); err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	return syncFile(path)
}

// checkpoint copies the -wal of the database at path into it and empties
// the log. It fails for a database SQLite cannot read, and leaves a log
// whose database is empty or not one alone: SQLite would discard it.
func checkpoint(ctx context.Context, path string) error {
	if info, err := os.Stat(path + "-wal"); err != nil || info.Size() == 0 {
		return nil // nothing to copy
	}
	if head, err := readHead(path); err != nil || !bytes.HasPrefix(head, sqliteMagic) {
		return errors.New("the database file is not one SQLite can read")
	}
	db, err := rawOpen(path)
	if err != nil {
		return err
	}
	defer db.Close()
	var busy, frames, done int
	if err := db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &frames, &done); err != nil {
		return err
	}
	if busy != 0 {
		return errors.New("the write-ahead log stayed busy")
	}
	return db.Close()
}

// keepAside gives the database at path a second name, path.replaced-TIME,
// with its -wal when withLog: a hard link, so that the database is kept
// whole whatever happens next, or a synced copy where links cannot be made.
func keepAside(path string, withLog bool) (string, error) {
	base := fmt.Sprintf("%s.replaced-%s", path, time.Now().Format("20060102-150405"))
	aside := base
	for i := 2; ; i++ {
		_, err1 := os.Lstat(aside)
		_, err2 := os.Lstat(aside + "-wal")
		if errors.Is(err1, os.ErrNotExist) && errors.Is(err2, os.ErrNotExist) {
			break
		}
		aside = fmt.Sprintf("%s-%d", base, i)
	}
	suffixes := []string{""}
	if withLog {
		suffixes = append(suffixes, "-wal")
	}
	for _, suffix := range suffixes {
		if err := os.Link(path+suffix, aside+suffix); err != nil {
			if err := copyNew(path+suffix, aside+suffix); err != nil {
				return "", err
			}
		}
	}
	return aside, nil
}

// copyNew copies src to a new file dst, owner-only and synced.
func copyNew(src, dst string) error {
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if err := copyInto(out, src); err != nil {
		os.Remove(dst)
		return err
	}
	return nil
}

// copyInto copies src into out, syncs and closes it.
func copyInto(out *os.File, src string) error {
	in, err := os.Open(src)
	if err != nil {
		out.Close()
		return err
	}
	defer in.Close()
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// syncDir makes a rename in dir durable (not possible on Windows, where
// the rename itself is).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// restoreTempPattern names restore's temporary copies of a backup.
func restoreTempPattern(dbPath string) string {
	return "." + filepath.Base(dbPath) + ".restoring-*"
}

// removeLeftovers removes the files of dir named as pattern says (as
// os.CreateTemp reads it: the last * is any text) that are older than age:
// what a killed process left. Only regular files are removed. The names
// are compared as text, never read as a glob, whatever the names hold.
func removeLeftovers(dir, pattern string, age time.Duration) {
	i := strings.LastIndex(pattern, "*")
	if i < 0 {
		return
	}
	prefix, suffix := pattern[:i], pattern[i+1:]
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if len(n) < len(prefix)+len(suffix) || !strings.HasPrefix(n, prefix) || !strings.HasSuffix(n, suffix) || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) >= age {
			os.Remove(filepath.Join(dir, n))
		}
	}
}

// DailyBackups is how many automatic daily backups are kept.
const DailyBackups = 14

// BackupDir is the folder of the automatic backups of the database at dbPath.
func BackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "backups")
}

// dailyName is the name of the automatic backup of the database at dbPath
// made on day (YYYY-MM-DD): the database's own name and the day, so that two
// databases in one folder (a real one and a sample one) never share one.
func dailyName(dbPath, day string) string {
	return dailyBase(dbPath) + "-" + day + ".db"
}

func dailyBase(dbPath string) string {
	return strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
}

// isDailyName reports whether name is one of dbPath's automatic backups.
func isDailyName(dbPath, name string) bool {
	day, ok := strings.CutPrefix(name, dailyBase(dbPath)+"-")
	if !ok {
		return false
	}
	day, ok = strings.CutSuffix(day, ".db")
	if _, err := time.Parse("2006-01-02", day); !ok || err != nil {
		return false
	}
	return true
}

// DailyBackup makes today's automatic backup if there is none yet, and keeps
// only the newest DailyBackups. It returns the path written, or "".
func (db *DB) DailyBackup(ctx context.Context, today time.Time) (string, error) {
	dir := BackupDir(db.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("daily backup: %w", err)
	}
	// What a killed daily backup of any day left, an hour old.
	removeLeftovers(dir, "."+dailyBase(db.path)+"-*.partial", time.Hour)
	path := filepath.Join(dir, dailyName(db.path, today.Format("2006-01-02")))
	written := ""
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := db.backup(ctx, path); err != nil {
			return "", fmt.Errorf("daily backup: %w", err)
		}
		written = path
	}
	backups, err := DailyBackupFiles(db.path)
	if err != nil {
		return written, err
	}
	for len(backups) > DailyBackups {
		if err := os.Remove(backups[0]); err != nil {
			return written, fmt.Errorf("daily backup: remove old backup: %w", err)
		}
		backups = backups[1:]
	}
	return written, nil
}

// DailyBackupFiles lists the automatic backups of the database at dbPath,
// oldest first.
func DailyBackupFiles(dbPath string) ([]string, error) {
	entries, err := os.ReadDir(BackupDir(dbPath))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if isDailyName(dbPath, name) && !e.IsDir() {
			out = append(out, filepath.Join(BackupDir(dbPath), name))
		}
	}
	slices.Sort(out) // the names hold the date, so this is oldest first
	return out, nil
}

// LatestGoodBackup returns the newest automatic backup that passes
// VerifyBackup, or "" when there is none.
func LatestGoodBackup(ctx context.Context, dbPath string) (string, error) {
	backups, err := DailyBackupFiles(dbPath)
	if err != nil {
		return "", err
	}
	for i := len(backups) - 1; i >= 0; i-- {
		if VerifyBackup(ctx, backups[i]) == nil {
			return backups[i], nil
		}
	}
	return "", nil
}
