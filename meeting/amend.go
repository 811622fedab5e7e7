package meeting

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"
)

// A Change is one field that differs between two versions of a record,
// named by its interchange path, with the text before and after ("" when
// the field was empty or absent).
type Change struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// An Amendment is a change to minutes after they were signed off: who made
// it, when, why, and what changed.
type Amendment struct {
	At      time.Time `json:"at"`
	By      string    `json:"by"`
	Reason  string    `json:"reason"`
	Changes []Change  `json:"changes"`
}

// Events of the audit log.
const (
	EventCreate    = "create"
	EventChange    = "change"
	EventSignOff   = "sign_off"
	EventAmend     = "amend"
	EventImport    = "import"
	EventExport    = "export"
	EventExportPDF = "export_pdf"
	EventBackup    = "backup"
	EventRestore   = "restore"
	EventDelete    = "delete"
)

// An AuditEvent is one row of the audit log: who did what, when, to which
// meeting.
type AuditEvent struct {
	At      time.Time
	Who     string
	Event   string // create, change, sign_off, amend, import, export, export_pdf, backup, restore, delete, delete_signed_off
	Meeting string // meeting id; "" for events about the whole database
	Detail  string
}

// A Deleter deletes minutes: a draft started by mistake or for the wrong
// child, or signed-off minutes with a reason, on a ground the partnership's
// retention policy allows (CheckDeletion).
type Deleter interface {
	// DeleteMeeting deletes the meeting with the id and every row of it,
	// records who deleted it, when, on what ground and why, with the
	// meeting's reference, in the audit log, and erases its text from the
	// database file. ErrNotFound for an id not stored.
	DeleteMeeting(ctx context.Context, id string, d Deletion) (Deleted, error)
}

// A Sealer gives the seal of signed-off minutes as they stand, in the form
// people read out (XXXX-XXXX-XXXX-XXXX), for the PDF: a partner's copy can
// then be checked against the database.
type Sealer interface {
	MinutesSeal(ctx context.Context, id string) (string, error)
}

// Records is what the screens need beyond Store to keep minutes honest:
// amendments to signed-off minutes and the audit log.
type Records interface {
	// Amend changes signed-off minutes, keeping the replaced version.
	Amend(ctx context.Context, m *Meeting, reason string) error
	// Amendments returns a meeting's amendments, oldest first.
	Amendments(ctx context.Context, id string) ([]Amendment, error)
	// AuditLog returns events about a meeting ("" for all), newest first.
	AuditLog(ctx context.Context, meetingID string, limit int) ([]AuditEvent, error)
	// Record adds an event to the audit log.
	Record(ctx context.Context, event, meetingID, detail string) error
	// WriteAuditCSV writes the whole audit log as CSV, oldest first.
	WriteAuditCSV(ctx context.Context, w io.Writer) error
}

// Diff returns every field that differs from before to after, in path order.
func Diff(before, after *Meeting) []Change {
	a, b := flatten(before), flatten(after)
	var fields []string
	for f := range a {
		fields = append(fields, f)
	}
	for f := range b {
		if _, ok := a[f]; !ok {
			fields = append(fields, f)
		}
	}
	slices.SortFunc(fields, comparePaths)
	var out []Change
	for _, f := range fields {
		if a[f] != b[f] {
			out = append(out, Change{Field: f, Before: a[f], After: b[f]})
		}
	}
	return out
}

// flatten maps every field path of a record, as the interchange format
// writes it, to its text.
func flatten(m *Meeting) map[string]string {
	out := map[string]string{}
	if m == nil {
		return out
	}
	b, err := MarshalMeeting(m)
	if err != nil {
		return out // a wire record always marshals
	}
	var v any
	json.Unmarshal(b, &v)
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, child := range x {
				walk(joinField(path, k), child)
			}
		case []any:
			for i, child := range x {
				walk(fmt.Sprintf("%s[%d]", path, i), child)
			}
		case string:
			if x != "" {
				out[path] = x
			}
		case bool:
			if x {
				out[path] = strconv.FormatBool(x)
			}
		case nil:
		default:
			out[path] = fmt.Sprint(x)
		}
	}
	walk("", v)
	return out
}

// comparePaths orders field paths as people read them: attendees[2] before
// attendees[10].
func comparePaths(a, b string) int {
	for a != "" && b != "" {
		na, ra, oka := leadingNumber(a)
		nb, rb, okb := leadingNumber(b)
		if oka && okb {
			if na != nb {
				return na - nb
			}
			a, b = ra, rb
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func leadingNumber(s string) (int, string, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, s, false
	}
	n, _ := strconv.Atoi(s[:i])
	return n, s[i:], true
}
