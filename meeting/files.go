package meeting

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
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
	in := OpenInputs(paths, nil)
	defer in.Close()
	c, err := in.Check()
	return c.Meetings, err
}

// EachInFiles calls fn with every meeting of the files, in order. Use it
// after CheckFiles has passed; it stops at the first problem.
func EachInFiles(paths []string, fn func(*Meeting) error) error {
	in := OpenInputs(paths, nil)
	defer in.Close()
	return in.Each(fn)
}

// Inputs are the files of one import. A file that is not a regular file
// (standard input, a pipe, /dev/stdin, a terminal) can be read only once:
// while it is checked it is copied into an owner-only temporary file, from
// which it is then imported, so that it is checked and imported from the
// same bytes. Close removes the copies.
type Inputs struct {
	list  []*input
	stdin io.Reader
}

type input struct {
	name    string    // as messages call it
	path    string    // "" for standard input
	stream  io.Reader // a file that is read once, when opened
	closer  io.Closer
	spool   *os.File
	spooled bool // spool holds all of stream
	// drop stops the copying: the check has found a problem, so the file
	// will not be imported and need not fill the disk.
	drop bool
}

// spoolWriter writes to the copy until the input drops it.
type spoolWriter struct{ f *input }

func (w spoolWriter) Write(p []byte) (int, error) {
	if w.f.drop {
		return len(p), nil
	}
	return w.f.spool.Write(p)
}

// Checked is what Inputs.Check found in files with no problem.
type Checked struct {
	Meetings int
	// Sample: the files hold sample (invented) meetings, "sample": true.
	Sample bool
}

// StdinName is how messages name standard input, given as "-".
const StdinName = "standard input"

// OpenInputs returns the files to import, named as on a command line: "-"
// is stdin (when stdin is not nil). Nothing is opened yet.
func OpenInputs(args []string, stdin io.Reader) *Inputs {
	in := &Inputs{stdin: stdin}
	for _, a := range args {
		if a == "-" && stdin != nil {
			in.list = append(in.list, &input{name: StdinName, stream: stdin})
			continue
		}
		in.list = append(in.list, &input{name: a, path: a})
	}
	return in
}

// Close removes the temporary copies.
func (in *Inputs) Close() error {
	for _, f := range in.list {
		if f.closer != nil {
			f.closer.Close()
		}
		if f.spool != nil {
			f.spool.Close()
			os.Remove(f.spool.Name()) // already gone where the system allows it
		}
	}
	return nil
}

// open returns a reader of the file's bytes and a function to call when
// done with it. A file read once is copied as it is read; once read to its
// end, it is read again from the copy.
func (f *input) open() (io.Reader, func(), error) {
	if f.spooled {
		if _, err := f.spool.Seek(0, io.SeekStart); err != nil {
			return nil, nil, fmt.Errorf("%s: read the copy: %w", f.name, err)
		}
		return f.spool, func() {}, nil
	}
	if f.spool != nil {
		return nil, nil, fmt.Errorf("%s: was not read to its end, and cannot be read again", f.name)
	}
	if f.stream == nil {
		file, err := os.Open(f.path)
		if err != nil {
			return nil, nil, fmt.Errorf("open %s: %w", f.name, err)
		}
		info, err := file.Stat()
		switch {
		case err != nil:
			file.Close()
			return nil, nil, fmt.Errorf("open %s: %w", f.name, err)
		case info.IsDir():
			file.Close()
			return nil, nil, fmt.Errorf("%s: is a folder, not a file", f.name)
		case info.Mode().IsRegular():
			return file, func() { file.Close() }, nil
		}
		f.stream, f.closer = file, file
	}
	// Read once: keep a copy, owner-only, as it is read.
	spool, err := os.CreateTemp("", "strategyminutes-import-*.json")
	if err != nil {
		return nil, nil, fmt.Errorf("%s: make a temporary copy: %w", f.name, err)
	}
	if err := spool.Chmod(0o600); err != nil && !errors.Is(err, os.ErrPermission) {
		spool.Close()
		os.Remove(spool.Name())
		return nil, nil, fmt.Errorf("%s: make a temporary copy: %w", f.name, err)
	}
	os.Remove(spool.Name()) // on Unix the copy then has no name; elsewhere Close removes it
	f.spool = spool
	return io.TeeReader(f.stream, spoolWriter{f}), func() {}, nil
}

// Check reads the files completely and returns what they hold, or an
// *ImportError listing every problem: bad JSON, an unknown field, an
// invalid meeting, an id used twice (within one file or across them), or
// sample files among real ones. It keeps only the ids in memory.
func (in *Inputs) Check() (Checked, error) {
	type place struct {
		file  string
		index int
	}
	// Ids are kept as hashes: an id may be 200 characters long, and a file
	// may hold millions of meetings.
	seen := map[[16]byte]place{}
	ie := &ImportError{}
	report := func(msg string) {
		for _, f := range in.list {
			f.drop = true
		}
		if len(ie.Problems) < maxReported {
			ie.Problems = append(ie.Problems, msg)
		} else {
			ie.More++
		}
	}
	var sample, real []string
	stdin := 0
	for _, f := range in.list {
		if f.path == "" {
			if stdin++; stdin == 2 {
				report("standard input (-) is named twice: it can be read only once")
			}
		}
	}
	for _, f := range in.list {
		isSample, err := f.each(func(i int, m *Meeting, err error) error {
			ie.Meetings++
			if err != nil {
				for _, line := range strings.Split(err.Error(), "\n") {
					report(f.name + ": " + line)
				}
				return nil
			}
			sum := sha256.Sum256([]byte(m.ID))
			key := [16]byte(sum[:16])
			if first, dup := seen[key]; dup {
				report(fmt.Sprintf("%s: meetings[%d]: id %s is also used by %s meetings[%d]", f.name, i, QuoteID(m.ID), first.file, first.index))
				return nil
			}
			seen[key] = place{f.name, i}
			return nil
		})
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				report(line)
			}
			continue
		}
		if isSample {
			sample = append(sample, f.name)
		} else {
			real = append(real, f.name)
		}
	}
	if len(sample) > 0 && len(real) > 0 {
		report(fmt.Sprintf("%s holds sample (invented) meetings and %s real ones: sample and real meetings never go in one database, so import them separately, into different databases (--db)", sample[0], real[0]))
	}
	if len(ie.Problems) > 0 {
		return Checked{Meetings: ie.Meetings}, ie
	}
	return Checked{Meetings: ie.Meetings, Sample: len(sample) > 0}, nil
}

// Each calls fn with every meeting of the files, in order. Use it after
// Check has passed; it stops at the first problem.
func (in *Inputs) Each(fn func(*Meeting) error) error {
	for _, f := range in.list {
		_, err := f.each(func(_ int, m *Meeting, err error) error {
			if err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
			return fn(m)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// each decodes one file, calling fn with each meeting or its problems, and
// says whether the file is marked sample. It returns errors that stop the
// file (cannot open, bad JSON, wrong format).
func (f *input) each(fn func(i int, m *Meeting, err error) error) (sample bool, err error) {
	r, done, err := f.open()
	if err != nil {
		return false, err
	}
	defer done()
	dec := NewDecoder(r)
	for i := 0; ; i++ {
		m, err := dec.Next()
		var fe *FileError
		switch {
		case errors.Is(err, io.EOF):
			f.spooled = f.spool != nil && !f.drop // the copy holds the whole file
			return dec.Sample(), nil
		case err == nil:
		case errors.As(err, &fe) && fe.Meeting >= 0:
		default:
			return false, fmt.Errorf("%s: %w", f.name, err)
		}
		if err := fn(i, m, err); err != nil {
			return false, err
		}
	}
}

// WriteFile writes a file owner-only through a temporary file in the same
// folder, synced and then renamed, so that a failed or interrupted write
// never leaves a half-written file under the name asked for, and an
// existing file is replaced only by a complete one. What a killed write of
// the same name left (an hour old: no write takes that long) is removed.
func WriteFile(path string, write func(*os.File) error) (err error) {
	dir, prefix := filepath.Dir(path), "."+filepath.Base(path)+"."
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if n := e.Name(); strings.HasPrefix(n, prefix) && strings.HasSuffix(n, ".tmp") && e.Type().IsRegular() {
				if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
					os.Remove(filepath.Join(dir, n))
				}
			}
		}
	}
	tmp, err := os.CreateTemp(dir, prefix+"*.tmp")
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
