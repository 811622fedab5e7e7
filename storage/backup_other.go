//go:build !linux

package storage

import "context"

func (db *DB) backupWithinFolder(context.Context, string) (bool, error) { return false, nil }
