package meeting

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// maxReported is how many problems a check lists before it stops listing:
// enough to fix a file, not so many that the first screen is lost.
const maxReported = 50

// ImportError lists the problems found in import files. Nothing was imported.
type ImportError struct {
	Problems []string // each names the file, line, meeting and field
	More     int      // problems found beyond those listed
	Meetings int      // meetings read, valid or not
}

func (e *ImportError) Error() string {
	var b strings.Builder
	n := len(e.Problems) + e.More
	if n == 1 {
		fmt.Fprintf(&b, "1 problem; nothing was imported")
	} else {
		fmt.Fprintf(&b, "%d problems; nothing was imported", n)
	}
	for _, p := range e.Problems {
		b.WriteString("\n" + p)
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "\n... and %d more", e.More)
	}
	return b.String()
}

// CheckFiles reads interchange files completely and returns the number of
// meetings in them, or an *ImportError listing every problem: bad JSON, an
// unknown field, an invalid meeting, or an id used twice (within one file or
// across them). It keeps only the ids in memory.
func CheckFiles(paths ...string) (int, error) {
	type place struct {
		file  string
		index int
	}
	seen := map[string]place{}
	ie := &ImportError{}
	report := func(msg string) {
		if len(ie.Problems) < maxReported {
			ie.Problems = append(ie.Problems, msg)
		} else {
			ie.More++
		}
	}
	for _, path := range paths {
		err := eachInFile(path, func(i int, m *Meeting, err error) error {
			ie.Meetings++
			if err != nil {
				for _, line := range strings.Split(err.Error(), "\n") {
					report(path + ": " + line)
				}
				return nil
			}
			if first, dup := seen[m.ID]; dup {
				report(fmt.Sprintf("%s: meetings[%d]: id %q is also used by %s meetings[%d]", path, i, m.ID, first.file, first.index))
				return nil
			}
			seen[m.ID] = place{path, i}
			return nil
		})
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				report(line)
			}
		}
	}
	if len(ie.Problems) > 0 {
		return ie.Meetings, ie
	}
	return ie.Meetings, nil
}

// EachInFiles calls fn with every meeting of the files, in order. Use it
// after CheckFiles has passed; it stops at the first problem.
func EachInFiles(paths []string, fn func(*Meeting) error) error {
	for _, path := range paths {
		err := eachInFile(path, func(_ int, m *Meeting, err error) error {
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			return fn(m)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// eachInFile decodes one file, calling fn with each meeting or its problems.
// It returns errors that stop the file (cannot open, bad JSON, wrong format).
func eachInFile(path string, fn func(i int, m *Meeting, err error) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return fmt.Errorf("%s: is a folder, not a file", path)
	}
	dec := NewDecoder(f)
	for i := 0; ; i++ {
		m, err := dec.Next()
		var fe *FileError
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case err == nil:
		case errors.As(err, &fe) && fe.Meeting >= 0:
		default:
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := fn(i, m, err); err != nil {
			return err
		}
	}
}

// WriteFile writes a file owner-only through a temporary file in the same
// folder, synced and then renamed, so that a failed or interrupted write
// never leaves a half-written file under the name asked for, and an
// existing file is replaced only by a complete one.
func WriteFile(path string, write func(*os.File) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil && !errors.Is(err, os.ErrPermission) {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
