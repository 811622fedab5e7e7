package storage

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// The schema is part of what is checked: a trigger added with the sqlite3
// shell could delete the audit entries of later exports, or change what
// saves write, without a row of data changing; a dropped trigger or index
// changes what the app relies on. The schema must be exactly the one the
// migrations make.

// wantSchema is every object the migrations make, made once in memory.
var wantSchema = sync.OnceValues(func() (map[string]string, error) {
	mem, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return nil, err
	}
	defer mem.Close()
	mem.SetMaxOpenConns(1)
	for _, m := range migrations {
		if _, err := mem.Exec(m.sql); err != nil {
			return nil, fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return readSchema(context.Background(), mem)
})

// readSchema returns the objects of the database's schema by type and name,
// with their SQL as SQLite keeps it.
func readSchema(ctx context.Context, q querier) (map[string]string, error) {
	objects := map[string]string{}
	err := eachRow(ctx, q, `SELECT type, name, coalesce(sql, '') FROM sqlite_master`, nil, func(rows *sql.Rows) error {
		var kind, name, text string
		if err := rows.Scan(&kind, &name, &text); err != nil {
			return err
		}
		objects[kind+" "+name] = text
		return nil
	})
	return objects, err
}

// verifySchema names the objects that differ from the migrations' schema.
func verifySchema(ctx context.Context, q querier) ([]TamperProblem, error) {
	want, err := wantSchema()
	if err != nil {
		return nil, err
	}
	have, err := readSchema(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("read the schema: %w", err)
	}
	var added, missing, changed []string
	for name, text := range have {
		switch w, ok := want[name]; {
		case !ok:
			added = append(added, name)
		case w != text:
			changed = append(changed, name)
		}
	}
	for name := range want {
		if _, ok := have[name]; !ok {
			missing = append(missing, name)
		}
	}
	var problems []TamperProblem
	for _, list := range []struct {
		names []string
		what  string
	}{{added, "added"}, {missing, "removed"}, {changed, "changed"}} {
		if len(list.names) > 0 {
			sort.Strings(list.names)
			problems = append(problems, TamperProblem{What: fmt.Sprintf("the schema was %s outside the app: %s", list.what, strings.Join(list.names, ", "))})
		}
	}
	return problems, nil
}
