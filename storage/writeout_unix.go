//go:build unix

package storage

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"

	"strategyminutes/meeting"
)

// writeWithinFolder does WriteOutput's writing against one open folder.
func writeWithinFolder(dbPath, out string, kind meeting.OutputKind, force bool, write func(*os.File) error) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	dir, base := resolve(filepath.Dir(abs)), filepath.Base(abs)
	dfd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("create %s: %w", out, &os.PathError{Op: "open", Path: dir, Err: err})
	}
	defer unix.Close(dfd)
	if err := checkWithinFolder(dfd, dbPath, out, base, kind, force); err != nil {
		return err
	}
	removeLeftovers(dir, "."+base+".*.tmp", time.Hour) // what a killed write left, as meeting.WriteFile does

	var suffix [6]byte
	rand.Read(suffix[:])
	tmp := "." + base + "." + hex.EncodeToString(suffix[:]) + ".tmp"
	fd, err := unix.Openat(dfd, tmp, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o600)
	if err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	f := os.NewFile(uintptr(fd), filepath.Join(dir, tmp))
	fail := func(err error) error {
		f.Close()
		unix.Unlinkat(dfd, tmp, 0)
		return err
	}
	if err := write(f); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(fmt.Errorf("write %s: %w", out, err))
	}
	if err := f.Close(); err != nil {
		unix.Unlinkat(dfd, tmp, 0)
		return fmt.Errorf("write %s: %w", out, err)
	}
	// Checked again at the last moment, within the same folder.
	if err := checkWithinFolder(dfd, dbPath, out, base, kind, force); err != nil {
		unix.Unlinkat(dfd, tmp, 0)
		return err
	}
	if err := unix.Renameat(dfd, tmp, dfd, base); err != nil {
		unix.Unlinkat(dfd, tmp, 0)
		return fmt.Errorf("write %s: %w", out, err)
	}
	unix.Fsync(dfd)
	return nil
}

// checkWithinFolder is CheckOutput for the name base in the open folder
// dfd: not the database's folder under one of its files' names, not its
// backups folder, and no SQLite file or file of another kind at base.
func checkWithinFolder(dfd int, dbPath, out, base string, kind meeting.OutputKind, force bool) error {
	var folder unix.Stat_t
	if err := unix.Fstat(dfd, &folder); err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	sameInode := func(path string) bool {
		var st unix.Stat_t
		return unix.Stat(path, &st) == nil && st.Dev == folder.Dev && st.Ino == folder.Ino
	}
	db, _ := filepath.Abs(dbPath)
	for _, d := range []string{db, resolve(db)} {
		if sameInode(BackupDir(d)) {
			return fmt.Errorf("%s: %w (it is in the database's backups folder); choose another folder", out, ErrProtected)
		}
		if sameInode(filepath.Dir(d)) {
			for _, suffix := range companions {
				if samePath(base, filepath.Base(d)+suffix) {
					return fmt.Errorf("%s: %w: it is the database or a file SQLite keeps beside it; choose another name", out, ErrProtected)
				}
			}
		}
	}
	var st unix.Stat_t
	err := unix.Fstatat(dfd, base, &st, unix.AT_SYMLINK_NOFOLLOW)
	switch {
	case errors.Is(err, unix.ENOENT):
		return nil
	case err != nil:
		return fmt.Errorf("%s: %w", out, err)
	case st.Mode&unix.S_IFMT == unix.S_IFLNK:
		return nil // the rename replaces the link itself, never what it points to
	case st.Mode&unix.S_IFMT != unix.S_IFREG:
		return fmt.Errorf("%s: it is not a regular file; name a file", out)
	}
	for _, d := range []string{db, resolve(db)} {
		for _, suffix := range companions {
			var c unix.Stat_t
			if unix.Stat(d+suffix, &c) == nil && c.Dev == st.Dev && c.Ino == st.Ino {
				return fmt.Errorf("%s: %w: it is the database or one of its files, by another name; choose another name", out, ErrProtected)
			}
		}
	}
	fd, err := unix.Openat(dfd, base, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
	if err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	f := os.NewFile(uintptr(fd), out)
	defer f.Close()
	head := make([]byte, meeting.HeadSize)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %w", out, err)
	}
	return checkExisting(out, head[:n], kind, force)
}
