package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"strategyminutes/meeting"
)

// searchText is what the meetings list matches typed text against,
// lower-cased with Unicode rules (SQLite's own lower() knows only ASCII, so
// "HƯƠNG" would not find "Hương").
func searchText(m *meeting.Meeting) string {
	parts := []string{m.Reference, m.Chair}
	for _, c := range m.Children {
		parts = append(parts, c.Name, c.CaseReference)
	}
	return strings.ToLower(strings.Join(parts, "\x1f"))
}

// afterMigration holds the steps that need Go after a migration's SQL, by
// schema version, run in the same transaction.
var afterMigration = map[int]func(ctx context.Context, tx *sql.Tx) error{
	4: fillSearch,
}

// fillSearch computes the search column of every stored meeting, reading
// only the columns it needs, so that it is quick at any size.
func fillSearch(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT m.id, m.reference, m.chair,
			(SELECT group_concat(c.name || char(31) || c.case_reference, char(31))
			 FROM (SELECT name, case_reference FROM children c WHERE c.meeting = m.rowid ORDER BY position) c)
		FROM meetings m`)
	if err != nil {
		return fmt.Errorf("fill search: %w", err)
	}
	type row struct{ id, text string }
	var all []row
	for rows.Next() {
		var id, reference, chair string
		var children sql.NullString
		if err := rows.Scan(&id, &reference, &chair, &children); err != nil {
			rows.Close()
			return fmt.Errorf("fill search: %w", err)
		}
		parts := []string{reference, chair}
		if children.Valid {
			parts = append(parts, children.String)
		}
		all = append(all, row{id, strings.ToLower(strings.Join(parts, "\x1f"))})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("fill search: %w", err)
	}
	stmt, err := tx.PrepareContext(ctx, `UPDATE meetings SET search = ? WHERE id = ?`)
	if err != nil {
		return fmt.Errorf("fill search: %w", err)
	}
	defer stmt.Close()
	for _, r := range all {
		if _, err := stmt.ExecContext(ctx, r.text, r.id); err != nil {
			return fmt.Errorf("fill search: %w", err)
		}
	}
	return nil
}
