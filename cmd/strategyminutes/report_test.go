package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// reportFixture is an import file with known answers for the financial year
// 2025-26 as of 2026-04-30: meetings either side of both ends of the year in
// summer time, several rows of one agency, a meeting without consent or
// due dates, a blank reason.
const reportFixture = `{"format": "strategy-minutes", "version": 1, "meetings": [
 {"id": "tz-1", "type": "initial", "mode": "virtual", "held_at": "2025-03-31T23:30:00Z", "chair": "C",
  "children": [{"id": "c1", "name": "A"}],
  "attendees": [
   {"name": "S", "agency": "social_care", "attendance": "attended", "referrer": false},
   {"name": "P", "agency": "police", "attendance": "attended", "referrer": false},
   {"name": "G", "agency": "health", "service": "gp", "attendance": "did_not_attend", "referrer": false},
   {"name": "N", "agency": "health", "service": "school_nurse", "attendance": "attended_part", "referrer": false}],
  "consent": {"status": "overridden", "reason": "   "},
  "decisions": [{"outcome": "s47_joint", "children": []}, {"outcome": "s47_joint", "children": ["c1"]}],
  "actions": [{"description": "Overdue", "due": "2025-04-10"},
   {"description": "Late", "due": "2025-04-02", "completed": "2025-04-03"}]},
 {"id": "tz-0", "type": "initial", "mode": "phone", "held_at": "2025-03-31T22:30:00Z", "chair": "C",
  "children": [], "attendees": [], "decisions": [], "actions": []},
 {"id": "winter", "type": "review", "mode": "in_person", "held_at": "2026-01-15T10:00:00Z", "chair": "C",
  "children": [],
  "attendees": [
   {"name": "S", "agency": "social_care", "attendance": "attended", "referrer": false},
   {"name": "P1", "agency": "police", "attendance": "apologies_report", "referrer": false},
   {"name": "P2", "agency": "police", "attendance": "did_not_attend", "referrer": false},
   {"name": "H", "agency": "health", "service": "gp", "attendance": "not_invited", "referrer": false},
   {"name": "E", "agency": "education", "service": "school", "attendance": "did_not_attend", "referrer": false}],
  "consent": {"status": "given", "parents_views": "They agree."},
  "decisions": [{"outcome": "assessment", "children": []}],
  "actions": [{"description": "No due date"}]},
 {"id": "end", "type": "initial", "mode": "virtual", "held_at": "2026-03-31T22:59:00Z", "chair": "C",
  "children": [],
  "attendees": [
   {"name": "S", "agency": "social_care", "attendance": "attended", "referrer": false},
   {"name": "P", "agency": "police", "attendance": "apologies", "referrer": false},
   {"name": "H1", "agency": "health", "service": "health_visitor", "attendance": "attended", "referrer": false},
   {"name": "H2", "agency": "health", "service": "health_visitor", "attendance": "attended", "referrer": false}],
  "decisions": [{"outcome": "s47_single", "children": []}, {"outcome": "medical", "children": []}],
  "actions": []},
 {"id": "after", "type": "initial", "mode": "phone", "held_at": "2026-03-31T23:00:00Z", "chair": "C",
  "children": [], "attendees": [], "decisions": [], "actions": []}
]}`

// reportDB imports the fixture into a new database.
func reportDB(t *testing.T) (db, dir string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "m.db")
	file := filepath.Join(dir, "fixture.json")
	if err := os.WriteFile(file, []byte(reportFixture), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := cli(t, "--db", db, "import", file); code != exitOK || !strings.Contains(stdout, "5 added") {
		t.Fatalf("import: %d %s %s", code, stdout, stderr)
	}
	return db, dir
}

// lookup follows a path such as "agencies.1.attended" into decoded JSON.
func lookup(v any, path string) (any, bool) {
	for _, key := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[key]; !ok {
				return nil, false
			}
		case []any:
			var i int
			if _, err := fmt.Sscan(key, &i); err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

func TestReportJSONKnownAnswers(t *testing.T) {
	db, _ := reportDB(t)
	code, stdout, stderr := cli(t, "--db", db, "report", "--from", "2025-04-01", "--to", "2026-03-31", "--as-of", "2026-04-30", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	want := map[string]any{
		"from": "2025-04-01", "to": "2026-03-31", "as_of": "2026-04-30", "meetings": 3.0,

		"agencies.0.agency": "social_care", "agencies.0.attended": 3.0, "agencies.0.not_invited": 0.0, "agencies.0.attendance_rate": 1.0,
		"agencies.1.agency": "police", "agencies.1.attended": 1.0, "agencies.1.information_only": 1.0, "agencies.1.absent": 1.0,
		"agencies.1.not_invited": 0.0, "agencies.1.attendance_rate": 0.3333,
		"agencies.2.agency": "health", "agencies.2.attended": 2.0, "agencies.2.information_only": 0.0, "agencies.2.absent": 0.0,
		"agencies.2.not_invited": 1.0, "agencies.2.attendance_rate": 0.6667,
		"agencies.3.agency": "education", "agencies.3.attended": 0.0, "agencies.3.absent": 1.0, "agencies.3.not_invited": 2.0,
		"agencies.12.agency": "other", "agencies.12.not_invited": 3.0, "agencies.12.attendance_rate": 0.0,

		"health_services.0.service": "gp", "health_services.0.attended": 0.0,
		"health_services.1.service": "health_visitor", "health_services.1.attended": 1.0,
		"health_services.2.service": "school_nurse", "health_services.2.attended": 1.0,
		"health_services.10.service": "other",

		"missing_statutory.count": 2.0, "missing_statutory.by_agency.social_care": 0.0,
		"missing_statutory.by_agency.police": 2.0, "missing_statutory.by_agency.health": 1.0,
		"missing_statutory.meetings": []any{"winter", "end"},

		"consent.given": 1.0, "consent.refused": 0.0, "consent.overridden": 1.0, "consent.not_sought": 0.0,
		"consent.not_recorded": 1.0, "consent.without_consent": 1.0, "consent.without_consent_no_reason": 1.0,
		"consent.parents_views_not_recorded": 2.0,

		"outcomes.s47_joint": 1.0, "outcomes.s47_single": 1.0, "outcomes.assessment": 1.0, "outcomes.medical": 1.0,
		"outcomes.no_further_action": 0.0, "outcomes.lado_referral": 0.0,
		"section47_rate": 0.6667,

		"actions.total": 3.0, "actions.no_due_date": 1.0, "actions.overdue": 1.0, "actions.completed_late": 1.0,

		"monthly.0.month": "2025-04", "monthly.0.meetings": 1.0,
		"monthly.0.attended": map[string]any{"social_care": 1.0, "police": 1.0, "health": 1.0, "education": 0.0},
		"monthly.1.month":    "2025-05", "monthly.1.meetings": 0.0,
		"monthly.9.month": "2026-01", "monthly.9.meetings": 1.0, "monthly.9.attended.police": 0.0,
		"monthly.11.month": "2026-03", "monthly.11.meetings": 1.0, "monthly.11.attended.health": 1.0,
	}
	for path, w := range want {
		if g, ok := lookup(got, path); !ok || !reflect.DeepEqual(g, w) {
			t.Errorf("%s = %v, want %v", path, g, w)
		}
	}
	for path, n := range map[string]int{"agencies": 13, "health_services": 11, "outcomes": 15, "monthly": 12} {
		v, _ := lookup(got, path)
		if l := reflect.ValueOf(v); !l.IsValid() || l.Len() != n {
			t.Errorf("%s has %v entries, want %d", path, v, n)
		}
	}
	// The same data give the same bytes.
	if _, again, _ := cli(t, "--db", db, "report", "--from", "2025-04-01", "--to", "2026-03-31", "--as-of", "2026-04-30", "--format", "json"); again != stdout {
		t.Error("the JSON differs from one run to the next")
	}
}

// reportFile writes the fixture's report of 2025-26 in format to a file,
// checks that it says so and that the file is owner-only, and returns the
// database and the file.
func reportFile(t *testing.T, format string) (db, out string) {
	t.Helper()
	db, dir := reportDB(t)
	out = filepath.Join(dir, "report."+format)
	code, stdout, stderr := cli(t, "--db", db, "report", "--from", "2025-04-01", "--to", "2026-03-31", "--as-of", "2026-04-30",
		"--format", format, "--out", out)
	if code != exitOK || !strings.Contains(stdout, "Wrote the report of 3 meetings held 2025-04-01 to 2026-03-31 to "+out) {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm()&0o077 != 0 {
		t.Errorf("report file mode: %v %v", info.Mode(), err)
	}
	return db, out
}

func TestReportCSV(t *testing.T) {
	_, out := reportFile(t, "csv")
	rd := csv.NewReader(strings.NewReader(string(readFile(t, out))))
	rd.FieldsPerRecord = -1
	records, err := rd.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Split into sections: a "# title" row, a header row, the rows.
	sections := map[string][]map[string]string{}
	var order []string
	for i := 0; i < len(records); {
		title, ok := strings.CutPrefix(records[i][0], "# ")
		if !ok || len(records[i]) != 1 || i+1 >= len(records) {
			t.Fatalf("row %d: %v is not a section title", i, records[i])
		}
		order = append(order, title)
		header := records[i+1]
		sections[title] = []map[string]string{}
		for i += 2; i < len(records) && !strings.HasPrefix(records[i][0], "# "); i++ {
			if len(records[i]) != len(header) {
				t.Fatalf("%s: row %v does not match the header %v", title, records[i], header)
			}
			row := map[string]string{}
			for j, h := range header {
				row[h] = records[i][j]
			}
			sections[title] = append(sections[title], row)
		}
	}
	wantOrder := []string{"report", "headline", "agencies", "health_services", "missing_statutory", "missing_statutory_meetings", "consent", "outcomes",
		"actions", "monthly", "quarterly", "yearly", "referral_to_meeting", "icpc", "repeat_meetings"}
	if !reflect.DeepEqual(order, wantOrder) {
		t.Fatalf("sections %v, want %v", order, wantOrder)
	}
	checks := []struct {
		section string
		row     int
		column  string
		want    string
	}{
		{"report", 0, "meetings", "3"},
		{"report", 0, "as_of", "2026-04-30"},
		{"report", 0, "marking", "OFFICIAL-SENSITIVE"},
		{"headline", 7, "figure", "section47"},
		{"headline", 7, "value", "0.6667"},
		{"agencies", 1, "agency", "police"},
		{"agencies", 1, "information_only", "1"},
		{"agencies", 2, "attendance_rate", "0.6667"},
		{"health_services", 3, "service", "school_nurse"},
		{"health_services", 3, "attended", "1"},
		{"missing_statutory", 1, "partner", "police"},
		{"missing_statutory", 1, "meetings", "2"},
		{"missing_statutory_meetings", 1, "meeting", "end"},
		{"consent", 7, "consent", "parents_views_not_recorded"},
		{"consent", 7, "meetings", "2"},
		{"outcomes", 0, "meetings", "1"},
		{"actions", 2, "actions", "overdue"},
		{"actions", 2, "number", "1"},
		{"monthly", 11, "month", "2026-03"},
		{"monthly", 11, "health", "1"},
	}
	for _, c := range checks {
		rows := sections[c.section]
		if c.row >= len(rows) || rows[c.row][c.column] != c.want {
			t.Errorf("%s row %d %s: got %v, want %q", c.section, c.row, c.column, rows, c.want)
		}
	}
	if n := len(sections["monthly"]); n != 12 {
		t.Errorf("%d months", n)
	}
}

// --format xlsx writes an owner-only workbook that opens, with a sheet per
// table of the report and the figures as numbers.
func TestReportXLSX(t *testing.T) {
	db, out := reportFile(t, "xlsx")
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) < 10 || sheets[0] != "report" || !slices.Contains(sheets, "agencies") {
		t.Errorf("sheets %v", sheets)
	}
	for ref, want := range map[string]string{"A3": "OFFICIAL-SENSITIVE", "A6": "2025-04-01", "C6": "2026-04-30", "D6": "3"} {
		if got, err := f.GetCellValue("report", ref); err != nil || got != want {
			t.Errorf("report!%s = %q, %v; want %q", ref, got, err, want)
		}
	}
	// Police's row of the agencies: attended 1, information only 1.
	if got, err := f.GetRows("agencies"); err != nil || len(got) < 7 || got[6][0] != "police" || got[6][3] != "1" {
		t.Errorf("agencies: %q, %v", got, err)
	}
	// Writing it again replaces a workbook, and nothing else (TestOutputsNeverOverwrite).
	if code, _, stderr := cli(t, "--db", db, "report", "--format", "xlsx", "--out", out); code != exitOK {
		t.Errorf("writing over the workbook: exit %d %s", code, stderr)
	}
}

func TestReportText(t *testing.T) {
	db, _ := reportDB(t)
	code, stdout, stderr := cli(t, "--db", db, "report", "--from", "2025-04-01", "--to", "2026-03-31", "--as-of", "2026-04-30")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Meetings held 1 April 2025 to 31 March 2026 (UK dates); actions as of 30 April 2026.",
		"Missing a statutory partner 66.7% 2 of 3 meetings",
		"Health attended 66.7% 2 of 3 meetings",
		"Without consent, no reason recorded 100.0% 1 of those 1 meeting",
		"Overdue actions 1 33.3% of 3 actions, as of 30 April 2026",
		"Police 1 1 1 0 33.3%",
		"School nurse",
		"Mar 2026",
	} {
		// Column widths aside: the figures in their order.
		if !strings.Contains(strings.Join(strings.Fields(stdout), " "), want) {
			t.Errorf("text lacks %q:\n%s", want, stdout)
		}
	}
}

// Without --from and --to the report covers the financial year that
// contains --as-of, which is today by default.
func TestReportDefaultPeriod(t *testing.T) {
	db, _ := reportDB(t)
	defer func(f func() time.Time) { now = f }(now)
	now = func() time.Time { return time.Date(2026, 3, 31, 23, 30, 0, 0, time.UTC) } // 1 April 2026 in the UK
	tests := []struct {
		args           []string
		from, to, asOf string
		meetings       float64
	}{
		{nil, "2026-04-01", "2027-03-31", "2026-04-01", 1},
		{[]string{"--as-of", "2026-03-31"}, "2025-04-01", "2026-03-31", "2026-03-31", 3},
		{[]string{"--as-of", "2026-01-01"}, "2025-04-01", "2026-03-31", "2026-01-01", 3},
		{[]string{"--as-of", "2025-03-31"}, "2024-04-01", "2025-03-31", "2025-03-31", 1},
	}
	for _, tt := range tests {
		code, stdout, stderr := cli(t, append([]string{"--db", db, "report", "--format", "json"}, tt.args...)...)
		var got struct {
			From, To string
			AsOf     string `json:"as_of"`
			Meetings float64
		}
		if code != exitOK || json.Unmarshal([]byte(stdout), &got) != nil {
			t.Fatalf("%v: exit %d %s", tt.args, code, stderr)
		}
		if got.From != tt.from || got.To != tt.to || got.AsOf != tt.asOf || got.Meetings != tt.meetings {
			t.Errorf("%v: %+v, want %s to %s as of %s, %v meetings", tt.args, got, tt.from, tt.to, tt.asOf, tt.meetings)
		}
	}
}

func TestReportUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	tests := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"bad from", []string{"--from", "2025-4-1", "--to", "2026-03-31"}, exitUsage, `--from: "2025-4-1" is not a date`},
		{"bad to", []string{"--from", "2025-04-01", "--to", "2026-02-30"}, exitUsage, `--to: "2026-02-30" is not a date`},
		{"bad as-of", []string{"--as-of", "30/04/2026"}, exitUsage, `--as-of: "30/04/2026" is not a date`},
		{"reversed", []string{"--from", "2026-04-01", "--to", "2025-03-31"}, exitUsage, "before --from"},
		{"from alone", []string{"--from", "2025-04-01"}, exitUsage, "both --from and --to"},
		{"to alone", []string{"--to", "2025-04-01"}, exitUsage, "both --from and --to"},
		{"bad format", []string{"--format", "xml"}, exitUsage, `--format "xml" is not one of json, csv, text, pdf, xlsx`},
		{"argument", []string{"2025"}, exitUsage, `unexpected argument "2025"`},
		{"help", []string{"-h"}, exitOK, "-as-of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, append([]string{"--db", db, "report"}, tt.args...)...)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.out) {
				t.Errorf("exit %d, want %d; output:\n%s%s\nwant it to contain %q", code, tt.code, stdout, stderr, tt.out)
			}
		})
	}
}

func TestReportPDF(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	cli(t, "--db", db, "import", example)
	out := filepath.Join(dir, "report.pdf")
	code, stdout, stderr := cli(t, "--db", db, "report", "--from", "2025-04-01", "--to", "2026-03-31", "--format", "pdf", "--out", out)
	if code != exitOK || !strings.Contains(stdout, "Wrote the report of 1 meeting") {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	if b := readFile(t, out); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Error("not a PDF")
	}
}

// --compare adds the previous period's report, the very report asked for
// that period, under "previous"; without it the JSON has no such key.
func TestReportCompare(t *testing.T) {
	db, _ := reportDB(t)
	decode := func(args ...string) map[string]any {
		t.Helper()
		code, stdout, stderr := cli(t, append([]string{"--db", db, "report", "--as-of", "2026-04-30", "--format", "json"}, args...)...)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(stdout), &got); err != nil {
			t.Fatalf("%v\n%s", err, stdout)
		}
		return got
	}
	year := []string{"--from", "2025-04-01", "--to", "2026-03-31"}
	plain := decode(year...)
	if _, ok := plain["previous"]; ok {
		t.Error("a report not compared has a previous period")
	}
	compared := decode(append(year, "--compare")...)
	before := decode("--from", "2024-04-01", "--to", "2025-03-31")
	prev, ok := compared["previous"].(map[string]any)
	if !ok || !reflect.DeepEqual(prev, before) {
		t.Errorf("previous %v, want the report of 2024-25 %v", compared["previous"], before)
	}
	delete(compared, "previous")
	if !reflect.DeepEqual(compared, plain) {
		t.Error("comparing changed the period's own figures")
	}
	// The text sets each headline figure beside the year before's.
	code, stdout, stderr := cli(t, append([]string{"--db", db, "report", "--as-of", "2026-04-30", "--compare"}, year...)...)
	if code != exitOK || !strings.Contains(stdout, "2024-25: ") {
		t.Errorf("exit %d, text without the year before: %s %s", code, stdout, stderr)
	}
}
