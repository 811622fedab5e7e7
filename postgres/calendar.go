package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"strategyminutes/meeting"
)

// maxBankHolidaysFile bounds the list's size, as the laptop's does: gov.uk's
// is about 20 kB.
const maxBankHolidaysFile = 1 << 20

// ErrNotAdmin is returned for a change only an administrator's login may
// make.
var ErrNotAdmin = errors.New("only a login with the role " + RoleAdmin + " may change it")

// Calendar returns the working-day calendar the server's report counts
// with: the built-in bank holidays and, for the years it covers, the list
// an administrator imported (SetBankHolidays).
func (s *Server) Calendar(ctx context.Context) (*meeting.Calendar, error) {
	return calendarIn(ctx, s.pool)
}

// A queryRower is a pool or a transaction.
type queryRower interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func calendarIn(ctx context.Context, q queryRower) (*meeting.Calendar, error) {
	var data []byte
	err := q.QueryRow(ctx, `SELECT list FROM strategyminutes.bank_holidays`).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return meeting.BuiltInCalendar(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the server's bank holidays: %w", err)
	}
	c, err := meeting.ParseBankHolidays(data)
	if err != nil {
		return nil, fmt.Errorf("the server's bank holidays ('strategyminutes holidays --import FILE --server URL' replaces them, --built-in forgets them): %w", err)
	}
	return c, nil
}

// SetBankHolidays checks gov.uk's list of bank holidays and keeps it on
// the server in place of any imported before, as an administrator's
// login; nil goes back to the built-in days alone.
func (s *Server) SetBankHolidays(ctx context.Context, data []byte) error {
	if len(data) > maxBankHolidaysFile {
		return fmt.Errorf("%w: larger than %d bytes", meeting.ErrBankHolidays, maxBankHolidaysFile)
	}
	var err error
	if data == nil {
		_, err = s.pool.Exec(ctx, `DELETE FROM strategyminutes.bank_holidays`)
	} else {
		if _, perr := meeting.ParseBankHolidays(data); perr != nil {
			return perr
		}
		_, err = s.pool.Exec(ctx, `INSERT INTO strategyminutes.bank_holidays (list) VALUES ($1)
			ON CONFLICT (one) DO UPDATE SET list = excluded.list, imported_by = current_user, imported_at = now()`, data)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42501" {
		return fmt.Errorf("the server's bank holidays: %w", ErrNotAdmin)
	}
	if err != nil {
		return fmt.Errorf("the server's bank holidays: %w", err)
	}
	return nil
}
