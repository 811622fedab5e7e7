package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

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

// The settings that exported minutes print on their first page: the local
// authority that issues them and whom partners ask about them.
const (
	settingAuthority = "issuer.authority"
	settingContact   = "issuer.contact"
	maxIssuer        = 200 // characters of each
)

// Issuer returns the issuing authority and the contact for partners'
// queries, "" for one not set.
func (db *DB) Issuer(ctx context.Context) (authority, contact string, err error) {
	for key, dest := range map[string]*string{settingAuthority: &authority, settingContact: &contact} {
		err := eachRow(ctx, db.sql, `SELECT value FROM settings WHERE key = ?`, []any{key}, func(rows *sql.Rows) error {
			return rows.Scan(dest)
		})
		if err != nil {
			return "", "", fmt.Errorf("read settings: %w", err)
		}
	}
	return authority, contact, nil
}

// SetIssuer sets the issuing authority and the contact for queries, each
// on one line; "" clears one.
func (db *DB) SetIssuer(ctx context.Context, authority, contact string) error {
	values := [][2]string{{settingAuthority, oneLine(authority)}, {settingContact, oneLine(contact)}}
	for _, v := range values {
		if utf8.RuneCountInString(v[1]) > maxIssuer {
			// The value is not repeated: the message may be logged.
			return fmt.Errorf("the issuing authority and the contact may have at most %d characters each", maxIssuer)
		}
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		for _, v := range values {
			var err error
			if v[1] == "" {
				_, err = tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, v[0])
			} else {
				_, err = tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, v[0], v[1])
			}
			if err != nil {
				return fmt.Errorf("save settings: %w", err)
			}
		}
		return nil
	})
}

// oneLine folds a setting's white space, line breaks included, into single
// spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
