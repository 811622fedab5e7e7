package storage

import (
	"fmt"
	"os"

	"strategyminutes/meeting"
)

// WriteOutput writes the file out, of kind, for a command working on the
// database at dbPath: CheckOutput first, then the file whole or not at all,
// owner-only, through a new temporary file in the same folder. Where the
// system allows (Unix), the folder is opened once and the file created and
// renamed within that open folder, checked again there: a symbolic link
// changed between the check and the rename cannot send the file onto the
// database.
func WriteOutput(dbPath, out string, kind meeting.OutputKind, force bool, write func(*os.File) error) error {
	if err := CheckOutput(dbPath, out, kind, force); err != nil {
		return err
	}
	if err := writeWithinFolder(dbPath, out, kind, force, write); err != errNoFolderWrite {
		return err
	}
	return meeting.WriteFile(out, write)
}

// errNoFolderWrite says the system has no writes within an open folder.
var errNoFolderWrite = fmt.Errorf("no writes within an open folder here")
