package storage

import (
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

// Check runs SQLite's quick check over the whole file. A damaged database
// must not be written to: the caller says so and offers a backup instead.
func (db *DB) Check(ctx context.Context) error {
	return quickCheck(ctx, db.sql, db.path)
}

func quickCheck(ctx context.Context, q querier, path string) error {
	rows, err := q.QueryContext(ctx, "PRAGMA quick_check")
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
	return db.backup(ctx, abs)
}

// backup writes the copy to abs, which may be in the backups folder.
func (db *DB) backup(ctx context.Context, abs string) error {
	if _, err := os.Stat(abs); err == nil {
		return fmt.Errorf("back up to %s: the file exists; choose a new name", abs)
	}
	// VACUUM INTO takes an empty file; making it first sets owner-only
	// permissions before a byte is written.
	tmp := abs + ".partial"
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("back up to %s: %w", abs, err)
	}
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
	var result string
	if err := ro.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&result); err != nil || result != "ok" {
		if err != nil {
			result = err.Error()
		}
		return fmt.Errorf("backup %s: %w: %s", path, ErrDamaged, result)
	}
	return nil
}

// Restore replaces the database at dbPath with the backup at backupPath,
// after checking the backup, and keeps the replaced database aside (its name
// is returned). The database must not be open.
func Restore(ctx context.Context, backupPath, dbPath string) (aside string, err error) {
	if err := VerifyBackup(ctx, backupPath); err != nil {
		return "", fmt.Errorf("restore: %w; nothing was replaced", err)
	}
	dbPath, err = filepath.Abs(dbPath)
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o700); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	// Copy first, under a temporary name beside the database, so that a
	// failure part-way leaves the current database in place.
	tmp := dbPath + ".restoring"
	if err := copyFile(backupPath, tmp); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("restore: %w; nothing was replaced", err)
	}
	if _, err := os.Stat(dbPath); err == nil {
		aside = fmt.Sprintf("%s.replaced-%s", dbPath, time.Now().Format("20060102-150405"))
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if _, err := os.Stat(dbPath + suffix); err == nil {
				if err := os.Rename(dbPath+suffix, aside+suffix); err != nil {
					os.Remove(tmp)
					return "", fmt.Errorf("restore: keep the current database aside: %w; nothing was replaced", err)
				}
			}
		}
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return aside, fmt.Errorf("restore: %w (the previous database is at %s)", err, aside)
	}
	return aside, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
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

// DailyBackups is how many automatic daily backups are kept.
const DailyBackups = 14

// BackupDir is the folder of the automatic backups of the database at dbPath.
func BackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "backups")
}

const dailyPrefix, dailySuffix = "minutes-", ".db"

// DailyBackup makes today's automatic backup if there is none yet, and keeps
// only the newest DailyBackups. It returns the path written, or "".
func (db *DB) DailyBackup(ctx context.Context, today time.Time) (string, error) {
	dir := BackupDir(db.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("daily backup: %w", err)
	}
	path := filepath.Join(dir, dailyPrefix+today.Format("2006-01-02")+dailySuffix)
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
		if strings.HasPrefix(name, dailyPrefix) && strings.HasSuffix(name, dailySuffix) && !e.IsDir() {
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
