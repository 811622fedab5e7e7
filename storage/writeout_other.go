//go:build !unix

package storage

import (
	"os"

	"strategyminutes/meeting"
)

func writeWithinFolder(string, string, meeting.OutputKind, bool, func(*os.File) error) error {
	return errNoFolderWrite
}
