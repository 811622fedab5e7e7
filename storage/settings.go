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
	return isSample(ctx, db.sql)
}

func isSample(ctx context.Context, q querier) (bool, error) {
	var v string
	err := scanOne(ctx, q, `SELECT value FROM settings WHERE key = 'sample'`, &v)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read settings: %w", err)
	}
	return v == "true", nil
}

// ImportSample stores invented meetings (the demo command's, or a file
// marked "sample": true), in one transaction like Import. It marks an empty
// database as a sample database, and refuses one that holds real records,
// so that sample data never mixes with real records. Invented signed-off
// meetings imitate the gaps of legacy records on purpose (for the report),
// so they are held to Validate only, not to the sign-off rules.
func (db *DB) ImportSample(ctx context.Context, each func(fn func(*meeting.Meeting) error) error) (ImportResult, error) {
	return db.importTx(ctx, each, true)
}
