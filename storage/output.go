package storage

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"strategyminutes/meeting"
)

// ErrProtected is returned for an output file that would replace what the
// app keeps: the database, its companion files, its backups or any SQLite
// database.
var ErrProtected = errors.New("that file is kept by Strategy Minutes and is never written over")

// ErrExists is returned for an existing output file of another kind.
var ErrExists = errors.New("the file exists")

// companions are the files SQLite and the app keep beside a database.
var companions = []string{"", "-wal", "-shm", "-journal", ".lock"}

// CheckOutput says whether out may be written as kind by a command working
// on the database at dbPath. It refuses the database, its -wal, -shm,
// -journal and lock files and its backups folder, whatever path names them
// (.., symbolic links, hard links, and on Windows and macOS another case),
// and any existing SQLite database. An existing file of another kind is
// refused unless force is set; an empty one may be replaced.
func CheckOutput(dbPath, out string, kind meeting.OutputKind, force bool) error {
	if out == "" {
		return errors.New("no output file was given")
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	target := resolve(abs)
	dbAbs, err := filepath.Abs(dbPath)
	if err != nil {
		return fmt.Errorf("%s: %w", dbPath, err)
	}
	for _, db := range []string{dbAbs, resolve(dbAbs)} {
		backups := BackupDir(db)
		if within(target, backups) || within(abs, backups) {
			return fmt.Errorf("%s: %w (it is in the database's backups folder %s); choose another folder", out, ErrProtected, backups)
		}
		for _, suffix := range companions {
			p := db + suffix
			if samePath(target, p) || samePath(abs, p) || sameFile(abs, p) {
				what := "the database"
				if suffix != "" {
					what = "a file SQLite keeps beside the database (" + suffix + ")"
				}
				return fmt.Errorf("%s: %w: it is %s %s; choose another name", out, ErrProtected, what, db)
			}
		}
	}
	info, err := os.Stat(abs)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if li, lerr := os.Lstat(abs); lerr == nil && li.Mode()&os.ModeSymlink != 0 {
			return fmt.Errorf("%s: it is a symbolic link to a file that does not exist; choose another name", out)
		}
		return nil
	case err != nil:
		return fmt.Errorf("%s: %w", out, err)
	case info.IsDir():
		return fmt.Errorf("%s: it is a folder; name a file", out)
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s: it is not a regular file; name a file", out)
	}
	head, err := readHead(abs)
	if err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	return checkExisting(out, head, kind, force)
}

// checkExisting says whether the existing file out, which starts with head,
// may be replaced by a file of kind: never an SQLite file; one of another
// kind only with force; an empty one always.
func checkExisting(out string, head []byte, kind meeting.OutputKind, force bool) error {
	if what := sqliteFile(head); what != "" {
		return fmt.Errorf("%s: %w: it is %s; choose another name", out, ErrProtected, what)
	}
	if force || meeting.IsEmpty(head) || kind.Is(head) {
		return nil
	}
	return fmt.Errorf("%s: %w and is not %s, so it was left as it is; choose another name, or add --force to replace it", out, ErrExists, kind.Name)
}

// IsDatabaseFile reports whether the open file f (standard output, say) is
// the database at dbPath or one of the files SQLite keeps beside it: a
// command must not write its output there ("export --out - 1<>minutes.db").
func IsDatabaseFile(dbPath string, f *os.File) bool {
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	db, _ := filepath.Abs(dbPath)
	for _, d := range []string{db, resolve(db)} {
		for _, suffix := range companions {
			if other, err := os.Stat(d + suffix); err == nil && os.SameFile(info, other) {
				return true
			}
		}
	}
	return false
}

// sqliteFile says which of SQLite's files head starts: a database, a
// write-ahead log or a rollback journal (whoever's: another database's
// log holds its saves), or "".
func sqliteFile(head []byte) string {
	switch {
	case bytes.HasPrefix(head, sqliteMagic):
		return "an SQLite database"
	case len(head) >= 4 && (bytes.Equal(head[:4], []byte{0x37, 0x7f, 0x06, 0x82}) || bytes.Equal(head[:4], []byte{0x37, 0x7f, 0x06, 0x83})):
		return "an SQLite write-ahead log (-wal), which may hold a database's saves"
	case bytes.HasPrefix(head, []byte{0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7}):
		return "an SQLite rollback journal, which a database may need"
	}
	return ""
}

// resolve follows symbolic links in path as far as they exist: the file's
// own when it exists, else its folder's.
func resolve(path string) string {
	if r, err := filepath.EvalSymlinks(path); err == nil {
		return r
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(path)); err == nil {
		return filepath.Join(dir, filepath.Base(path))
	}
	return path
}

// caseInsensitive is true where the usual file systems ignore case.
var caseInsensitive = runtime.GOOS == "windows" || runtime.GOOS == "darwin"

func samePath(a, b string) bool {
	if caseInsensitive {
		return strings.EqualFold(filepath.Clean(a), filepath.Clean(b))
	}
	return filepath.Clean(a) == filepath.Clean(b)
}

// sameFile reports whether a and b both exist and are one file (hard links).
func sameFile(a, b string) bool {
	ai, err := os.Stat(a)
	if err != nil {
		return false
	}
	bi, err := os.Stat(b)
	return err == nil && os.SameFile(ai, bi)
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return false
	}
	if caseInsensitive {
		rel, err = filepath.Rel(strings.ToLower(dir), strings.ToLower(path))
		if err != nil {
			return false
		}
	}
	return rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel))
}

func readHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, meeting.HeadSize)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return head[:n], nil
}
