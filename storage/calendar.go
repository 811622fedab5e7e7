package storage

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"sync"

	"strategyminutes/meeting"
)

// settingBankHolidays holds gov.uk's list of bank holidays, as imported
// (SetBankHolidays): every process on the database counts working days
// with it, the window and the command line alike.
const settingBankHolidays = "calendar.bank_holidays"

// maxBankHolidaysFile bounds the list's size: gov.uk's is about 20 kB.
const maxBankHolidaysFile = 1 << 20

// Calendar returns the working-day calendar: the built-in bank holidays,
// and for the years it covers, the list imported with SetBankHolidays.
func (db *DB) Calendar(ctx context.Context) (*meeting.Calendar, error) {
	var data []byte
	err := eachRow(ctx, db.sql, `SELECT value FROM settings WHERE key = ?`, []any{settingBankHolidays}, func(rows *sql.Rows) error {
		return rows.Scan(&data)
	})
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	if data == nil {
		return meeting.BuiltInCalendar(), nil
	}
	db.calendar.mu.Lock()
	defer db.calendar.mu.Unlock()
	if db.calendar.c != nil && bytes.Equal(db.calendar.raw, data) {
		return db.calendar.c, nil
	}
	c, err := meeting.ParseBankHolidays(data)
	if err != nil {
		return nil, fmt.Errorf("the bank holidays in the database ('strategyminutes holidays --import' replaces them, --built-in forgets them): %w", err)
	}
	db.calendar.raw, db.calendar.c = data, c
	return c, nil
}

// calendarCache keeps the list last parsed: Calendar is asked each time a
// section is shown and a PDF made, and reads the setting every time, so
// that a list another process imported counts at once.
type calendarCache struct {
	mu  sync.Mutex
	raw []byte
	c   *meeting.Calendar
}

// SetBankHolidays checks gov.uk's list of bank holidays (bank-holidays.json)
// and keeps it in the database, in place of any imported before; nil goes
// back to the built-in days alone.
func (db *DB) SetBankHolidays(ctx context.Context, data []byte) error {
	if len(data) > maxBankHolidaysFile {
		return fmt.Errorf("%w: larger than %d bytes", meeting.ErrBankHolidays, maxBankHolidaysFile)
	}
	if data != nil {
		if _, err := meeting.ParseBankHolidays(data); err != nil {
			return err
		}
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if data == nil {
			_, err = tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, settingBankHolidays)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, settingBankHolidays, string(data))
		}
		if err != nil {
			return fmt.Errorf("save settings: %w", err)
		}
		return nil
	})
}
