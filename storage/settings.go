package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"strategyminutes/meeting"
)

// ErrRealRecords is returned when invented meetings would be mixed with real ones.
var ErrRealRecords = errors.New("the database holds real records")

// IsSample reports whether the database was made for invented meetings.
func (db *DB) IsSample(ctx context.Context) (bool, error) {
	var v string
	err := db.sql.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'sample'`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read settings: %w", err)
	}
	return v == "true", nil
}

// ImportSample stores invented meetings, in one transaction like Import. It
// marks an empty database as a sample database, and refuses one that holds
// real records, so that sample data never mixes with real records.
func (db *DB) ImportSample(ctx context.Context, each func(fn func(*meeting.Meeting) error) error) (ImportResult, error) {
	sample, err := db.IsSample(ctx)
	if err != nil {
		return ImportResult{}, err
	}
	if !sample {
		var n int
		if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM meetings`).Scan(&n); err != nil {
			return ImportResult{}, fmt.Errorf("count meetings: %w", err)
		}
		if n > 0 {
			return ImportResult{}, fmt.Errorf("%s %w (%d meetings); invented meetings go in a separate sample database: use --db with a new file", db.path, ErrRealRecords, n)
		}
	}
	return db.importTx(ctx, each, `INSERT INTO settings (key, value) VALUES ('sample', 'true') ON CONFLICT (key) DO NOTHING`)
}
