package meeting

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// signedJSON is a complete signed-off meeting: it passes the sign-off rules.
const signedJSON = `{"id": "m1", "type": "initial", "mode": "virtual", "held_at": "2025-06-03T10:30:00+01:00", "chair": "A Chair",
 "children": [{"id": "c1", "name": "B Child", "date_of_birth": "2016-09-14"}],
 "attendees": [{"name": "A Chair", "agency": "social_care", "attendance": "attended", "referrer": false},
  {"name": "P Officer", "agency": "police", "attendance": "attended", "referrer": true},
  {"name": "H Visitor", "agency": "health", "service": "health_visitor", "attendance": "attended", "referrer": false}],
 "consent": {"status": "given", "parents_informed": "yes"},
 "decisions": [{"outcome": "s47_joint", "children": []}],
 "actions": [{"description": "Visit", "owner": "P Officer", "agency": "police", "due": "2025-06-04"}],
 "signed_off_at": "2025-06-04T09:00:00+01:00", "signed_off_by": "A Chair"}`

// draftJSON is a draft with little in it.
const draftJSON = `{"id": "d1", "type": "immediate", "mode": "phone", "held_at": "2025-06-03T10:30:00+01:00", "children": [{"id": "c1", "name": "B"}]}`

func file(meetings ...string) string {
	return "{\"format\": \"strategy-minutes\", \"version\": 1, \"meetings\": [\n" + strings.Join(meetings, ",\n") + "\n]}"
}

// edit replaces old, which must be in s, by new.
func edit(s, old, new string) string {
	if !strings.Contains(s, old) {
		panic("edit: " + old + " is not in the meeting")
	}
	return strings.Replace(s, old, new, 1)
}

// hostileCases are files the reader must refuse, each with what the error
// must say: the field, never the value.
func hostileCases() []struct{ name, data, want string } {
	long := func(n int) string { return strings.Repeat("x", n) }
	nest := strings.Repeat("[", 100) + strings.Repeat("]", 100)
	many := func(n int, item string) string { return strings.TrimSuffix(strings.Repeat(item+",", n), ",") }
	return []struct{ name, data, want string }{
		// Keys: exactly once, exactly as documented.
		{"id twice", file(edit(signedJSON, `"id": "m1",`, `"id": "m1", "id": "m2",`)), `meetings[0] (id "m1"): id: key given twice`},
		{"a signer without a time", file(edit(draftJSON, `"mode": "phone",`, `"mode": "phone", "signed_off_by": "A Chair",`)), `signed_off_by: is given without signed_off_at`},
		{"type twice", file(edit(draftJSON, `"mode"`, `"type": "review", "mode"`)), `meetings[0] (id "d1"): type: key given twice`},
		{"child name twice", file(edit(draftJSON, `"name": "B"`, `"name": "B", "name": "C"`)), `children[0].name: key given twice`},
		{"consent key twice", file(edit(signedJSON, `"status": "given"`, `"status": "given", "status": "overridden"`)), `consent.status: key given twice`},
		{"decision children twice", file(edit(signedJSON, `"children": []`, `"children": [], "children": ["c1"]`)), `decisions[0].children: key given twice`},
		{"ID", file(edit(draftJSON, `"id"`, `"ID"`)), `unknown field "ID": field names are lower case, as in docs/interchange.md: write "id"`},
		{"Held_At", file(edit(draftJSON, `"held_at"`, `"Held_At"`)), `unknown field "Held_At": field names are lower case, as in docs/interchange.md: write "held_at"`},
		{"attendee Agency", file(edit(signedJSON, `"agency": "police"`, `"Agency": "police"`)), `attendees[1]: unknown field "Agency"`},
		{"two meetings lists", `{"format": "strategy-minutes", "version": 1, "meetings": [], "meetings": []}`, `meetings: key given twice`},
		{"format twice", `{"format": "strategy-minutes", "format": "strategy-minutes", "version": 1, "meetings": []}`, `format: key given twice`},
		{"Format", `{"Format": "strategy-minutes", "version": 1, "meetings": []}`, `unknown field "Format": field names are lower case`},
		{"name as a key", file(edit(draftJSON, `"mode"`, `"Amelia Kowalczyk": 1, "mode"`)), `meetings[0] (id "d1"): unknown field (expected one of id, reference`},
		{"misspelt key", file(edit(signedJSON, `"outcome"`, `"outcme"`)), `decisions[0]: unknown field "outcme" (did you mean "outcome"?`},
		// Escapes: never silently U+FFFD.
		{"lone high surrogate", file(edit(draftJSON, `"name": "B"`, `"name": "B\ud800"`)), `children[0].name: holds a \u escape that stands for no character`},
		{"lone low surrogate", file(edit(draftJSON, `"name": "B"`, `"name": "\udc00B"`)), `children[0].name: holds a \u escape`},
		{"high then not low", file(edit(draftJSON, `"name": "B"`, `"name": "\ud800\u0041"`)), `children[0].name: holds a \u escape`},
		{"surrogate in id", file(edit(draftJSON, `"id": "d1"`, `"id": "d1\ud83d"`)), `meetings[0]: id: holds a \u escape`},
		{"unknown escape", file(edit(draftJSON, `"name": "B"`, `"name": "B\x41"`)), `not valid JSON: an unknown escape`},
		{"short unicode escape", file(edit(draftJSON, `"name": "B"`, `"name": "\u12G4"`)), `\u must be followed by four hexadecimal digits`},
		{"raw line break", file(edit(draftJSON, `"name": "B"`, "\"name\": \"B\nC\"")), `a control character inside text`},
		{"invalid UTF-8", file(edit(draftJSON, `"name": "B"`, "\"name\": \"B\xc3\x28\"")), `not UTF-8 text`},
		// Limits, for drafts too, found while reading.
		{"long id", file(edit(draftJSON, `"id": "d1"`, `"id": "`+long(201)+`"`)), `meetings[0]: id: is 201 characters long; the limit is 200`},
		{"long reason in a draft", file(edit(draftJSON, `"mode"`, `"reason": "`+long(100001)+`", "mode"`)), `reason: is 100001 characters long; the limit is 100000`},
		{"long name in a draft", file(edit(draftJSON, `"name": "B"`, `"name": "`+long(300)+`"`)), `children[0].name: is 300 characters long; the limit is 200`},
		{"long code", file(edit(draftJSON, `"phone"`, `"`+long(100)+`"`)), `mode: is not a valid value`},
		{"101 children in a draft", file(edit(draftJSON, `"children": [{"id": "c1", "name": "B"}]`, `"children": [`+many(101, `{"id": "c", "name": "B"}`)+`]`)), `children: has more than 100 entries; the limit is 100`},
		{"201 attendees", file(edit(draftJSON, `"mode"`, `"attendees": [`+many(201, `{}`)+`], "mode"`)), `attendees: has more than 200 entries`},
		{"501 actions", file(edit(draftJSON, `"mode"`, `"actions": [`+many(501, `{"description": "d"}`)+`], "mode"`)), `actions: has more than 500 entries`},
		{"text of a meeting", file(edit(draftJSON, `"mode"`, `"actions": [`+many(11, `{"description": "`+long(100000)+`"}`)+`], "mode"`)), `the meeting holds more than 1000000 characters of text in all`},
		{"deep unknown value", file(edit(draftJSON, `"mode"`, `"extra": `+nest+`, "mode"`)), `values nest more than 64 deep`},
		{"long version", `{"format": "strategy-minutes", "version": 1` + strings.Repeat("0", 100) + `, "meetings": []}`, `"version" must be a whole number`},
		// Types.
		{"referrer as text", file(edit(signedJSON, `"referrer": true`, `"referrer": "yes"`)), `attendees[1].referrer: must be true or false, not text`},
		{"children as object", file(edit(draftJSON, `"children": [{"id": "c1", "name": "B"}]`, `"children": {}`)), `children: must be a list [ ... ], not an object`},
		{"decision child null", file(edit(signedJSON, `"children": []`, `"children": [null]`)), `decisions[0].children[0]: must be text in quotes, not null`},
		{"name as number", file(edit(draftJSON, `"name": "B"`, `"name": 12`)), `children[0].name: must be text in quotes, not a number`},
		{"trailing comma", file(edit(draftJSON, `}]}`, `},]}`)), `not valid JSON: a comma before`},
		{"sample after meetings", `{"format": "strategy-minutes", "version": 1, "meetings": [], "sample": true}`, `"sample" must come before "meetings"`},
		{"sample as text", `{"format": "strategy-minutes", "version": 1, "sample": "yes", "meetings": []}`, `"sample" must be true or false, not text`},
		// Signed off: the app's sign-off rules.
		{"signed off without children", file(edit(signedJSON, `"children": [{"id": "c1", "name": "B Child", "date_of_birth": "2016-09-14"}],`, ``)), `meetings[0] (id "m1"): children: add at least one child`},
		{"signed off without decisions", file(edit(signedJSON, `"decisions": [{"outcome": "s47_joint", "children": []}],`, ``)), `decisions: record at least one decision`},
		{"signed off without consent", file(edit(signedJSON, `"consent": {"status": "given", "parents_informed": "yes"},`, ``)), `consent: record how consent was handled`},
		{"overridden without reason", file(edit(signedJSON, `"status": "given"`, `"status": "overridden", "decided_by": "A", "authorised_by": "B", "lawful_basis": "public_task"`)), `consent.reason: say why consent was`},
		{"signed off in 2199", file(edit(signedJSON, `"signed_off_at": "2025-06-04T09:00:00+01:00"`, `"signed_off_at": "2199-06-04T09:00:00+01:00"`)), `signed_off_at: is in the future`},
		{"signed off by nobody", file(edit(signedJSON, `, "signed_off_by": "A Chair"`, ``)), `signed_off_by: is required`},
		{"signed off before held", file(edit(signedJSON, `"signed_off_at": "2025-06-04T09:00:00+01:00"`, `"signed_off_at": "2025-06-02T09:00:00+01:00"`)), `signed_off_at: is before the meeting was held`},
		{"signed off, action without owner", file(edit(signedJSON, `"owner": "P Officer", `, ``)), `actions[0].owner: is required`},
		{"signed off, partner missing", file(edit(signedJSON, `"agency": "health", "service": "health_visitor", "attendance": "attended"`, `"agency": "health", "service": "health_visitor", "attendance": "apologies"`)), `missing_partners_reason: say why Health did not attend`},
		// Values never silently changed.
		{"-00:00", file(edit(draftJSON, `"2025-06-03T10:30:00+01:00"`, `"2025-06-03T10:30:00-00:00"`)), `held_at: has the offset -00:00, which RFC 3339 uses for "local offset unknown"`},
		{"20 fraction digits", file(edit(draftJSON, `"2025-06-03T10:30:00+01:00"`, `"2025-06-03T10:30:00.12345678901234567890+01:00"`)), `held_at: has more than 9 digits after the decimal point`},
		{"comma fraction", file(edit(draftJSON, `"2025-06-03T10:30:00+01:00"`, `"2025-06-03T10:30:00,5+01:00"`)), `held_at: is not a date and time in RFC 3339 form`},
		{"lower-case t", file(edit(draftJSON, `"2025-06-03T10:30:00+01:00"`, `"2025-06-03t10:30:00+01:00"`)), `held_at: is not a date and time in RFC 3339 form`},
		{"no offset", file(edit(draftJSON, `"2025-06-03T10:30:00+01:00"`, `"2025-06-03T10:30:00"`)), `held_at: is not a date and time in RFC 3339 form with an offset`},
		{"date of birth", file(edit(draftJSON, `"name": "B"`, `"name": "B", "date_of_birth": "14/09/2016"`)), `children[0].date_of_birth: is not a date written YYYY-MM-DD`},
	}
}

func TestHostileFilesAreRefusedNamingTheField(t *testing.T) {
	for _, tt := range hostileCases() {
		t.Run(tt.name, func(t *testing.T) {
			got := decodeErr(tt.data)
			if !strings.Contains(got, tt.want) {
				t.Errorf("error %q\ndoes not contain %q", capText(got, 2000), tt.want)
			}
		})
	}
}

// The meetings the hostile cases start from are valid, so each case fails
// for its own edit.
func TestHostileBasesAreValid(t *testing.T) {
	if got := decodeErr(file(signedJSON, draftJSON)); got != "" {
		t.Fatal(got)
	}
	ms := decodeAll(t, []byte(file(edit(signedJSON, `"2025-06-03T10:30:00+01:00"`, `"2025-06-03T10:30:00.123456789+00:00"`))))
	if got := ms[0].HeldAt.Format(time.RFC3339Nano); got != "2025-06-03T10:30:00.123456789Z" {
		t.Errorf("held_at %s", got) // +00:00 and Z are the same offset; nine digits are kept
	}
}

// A valid pair of surrogate escapes is one character, as JSON says.
func TestDecodeSurrogatePair(t *testing.T) {
	ms := decodeAll(t, []byte(file(edit(draftJSON, `"name": "B"`, `"name": "B\ud83d\ude00\u00e9\/"`))))
	if got := ms[0].Children[0].Name; got != "B😀é/" {
		t.Errorf("name %q", got)
	}
}

// sentinel stands for personal data: it must never appear in an error.
const sentinel = "SENTINEL-PERSONAL"

// sentinelFiles are hostile files in which every string value (but the
// meeting ids, which messages may quote) is the sentinel.
func sentinelFiles() []string {
	s := sentinel
	all := fmt.Sprintf(`{"id": "m1", "reference": %[1]q, "type": %[1]q, "mode": %[1]q, "held_at": %[1]q, "referral_received_at": %[1]q,
 "chair": %[1]q, "minute_taker": %[1]q, "reason": %[1]q,
 "children": [{"id": %[1]q, "name": %[1]q, "date_of_birth": %[1]q, "case_reference": %[1]q}, {"id": %[1]q, "name": %[1]q}],
 "attendees": [{"name": %[1]q, "role": %[1]q, "agency": %[1]q, "service": %[1]q, "attendance": %[1]q, "note": %[1]q},
   {"name": %[1]q, "agency": "police", "service": %[1]q, "attendance": "attended"}, {"name": %[1]q, "agency": "health", "service": %[1]q, "attendance": "attended"}],
 "consent": {"status": %[1]q, "reason": %[1]q, "decided_by": %[1]q, "authorised_by": %[1]q, "lawful_basis": %[1]q, "parents_informed": %[1]q,
   "parents_informed_on": %[1]q, "parents_informed_reason": %[1]q, "parents_views": %[1]q, "child_views": %[1]q},
 "decisions": [{"outcome": %[1]q, "rationale": %[1]q, "children": [%[1]q, %[1]q, "nobody"]}],
 "actions": [{"description": %[1]q, "owner": %[1]q, "agency": %[1]q, "due": %[1]q, "completed": %[1]q}],
 "signed_off_at": %[1]q, "signed_off_by": %[1]q, "missing_partners_reason": %[1]q}`, s)
	signed := edit(edit(signedJSON, `"B Child"`, `"`+s+`"`), `"A Chair"}`, `"`+s+`"}`)
	return []string{
		file(all),
		file(edit(all, `"signed_off_at": "`+s+`"`, `"signed_off_at": "2025-06-04T09:00:00+01:00"`)),
		file(edit(all, `"held_at": "`+s+`"`, `"held_at": "2025-06-03T10:30:00+01:00"`)),
		// Valid codes and times, wrong dates and order.
		file(edit(edit(edit(signedJSON, `"2016-09-14"`, `"2026-09-14"`), `"due": "2025-06-04"`, `"due": "2025-06-01"`), `"B Child"`, `"`+s+`"`)),
		file(edit(signed, `"children": []`, `"children": ["`+s+`"]`)),
		file(edit(signed, `"decisions": [`, `"`+s+`": 1, "`+s[:5]+`": {"`+s+`": "`+s+`"}, "decisions": [`)),
		file(edit(signed, `"name": "P Officer"`, `"name": "`+s+`", "`+s+`": "`+s+`"`)),
		file(edit(draftJSON, `"name": "B"`, `"name": "`+s+`\ud800"`)),
		file(edit(draftJSON, `"name": "B"`, `"name": "`+s+strings.Repeat("x", 300)+`"`)),
		file(edit(draftJSON, `"name": "B"`, `"name": "`+s+`", "name": "`+s+`"`)),
		file(edit(draftJSON, `"name": "B"`, `"name": `+s)),
		file(edit(draftJSON, `"name": "B"`, `"name": "`+s+`" "`+s+`"`)),
		`{"format": "` + s + `", "version": 1, "meetings": []}`,
		`{"format": "strategy-minutes", "version": "` + s + `", "meetings": []}`,
		`{"` + s + `": "` + s + `"}`,
		`{"format": "strategy-minutes", "version": 1, "meetings": ["` + s + `"]}`,
		s,
	}
}

func TestErrorsNeverQuoteValues(t *testing.T) {
	for i, data := range sentinelFiles() {
		got := decodeErr(data)
		if got == "" {
			t.Errorf("file %d was accepted", i)
		}
		if strings.Contains(strings.ToUpper(got), sentinel) || strings.Contains(got, "SENTI") {
			t.Errorf("file %d: the error quotes a value:\n%s", i, got)
		}
	}
}

// repeatReader yields prefix, then n bytes of fill, then suffix, without
// ever holding the fill in memory.
type repeatReader struct {
	prefix, suffix string
	fill           byte
	n              int64
	at             int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	total := int64(len(r.prefix)) + r.n + int64(len(r.suffix))
	if r.at >= total {
		return 0, io.EOF
	}
	i := 0
	for i < len(p) && r.at < total {
		switch {
		case r.at < int64(len(r.prefix)):
			p[i] = r.prefix[r.at]
		case r.at < int64(len(r.prefix))+r.n:
			p[i] = r.fill
		default:
			p[i] = r.suffix[r.at-int64(len(r.prefix))-r.n]
		}
		i++
		r.at++
	}
	return i, nil
}

// A 100 MB field is refused having allocated far less than the field:
// memory is bounded by the limits, not by the file.
func TestHugeFieldsAreRefusedWithoutBeingHeld(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 100 MB several times")
	}
	const size = 100 << 20
	head := "{\"format\": \"strategy-minutes\", \"version\": 1, \"meetings\": [\n"
	tests := []struct {
		name, prefix, suffix, want string
		fill                       byte
	}{
		{"reason", head + `{"id": "m1", "reason": "`, `"}]}`, "reason: is 104857600 characters long; the limit is 100000", 'x'},
		{"id", head + `{"id": "`, `"}]}`, "id: is 104857600 characters long", 'x'},
		{"code", head + `{"id": "m1", "type": "`, `"}]}`, "type: is not a valid value", 'x'},
		{"key", head + `{"id": "m1", "`, `": 1}]}`, "unknown field (expected one of", 'x'},
		{"unknown field's value", head + `{"id": "m1", "notes": "`, `"}]}`, "unknown field (expected one of", 'x'},
		{"white space", head + `{"id": "m1",`, `"type": 1}]}`, "type: must be text in quotes, not a number", ' '},
		{"line breaks", head + `{"id": "m1",`, `"type": 1}]}`, "type: must be text in quotes, not a number", '\n'},
		{"version", `{"format": "strategy-minutes", "version": 1`, `, "meetings": []}`, `"version" must be a whole number`, '0'},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			got := decodeErrFrom(&repeatReader{prefix: tt.prefix, suffix: tt.suffix, fill: tt.fill, n: size})
			runtime.ReadMemStats(&after)
			if !strings.Contains(got, tt.want) {
				t.Errorf("error %q\ndoes not contain %q", capText(got, 500), tt.want)
			}
			const bound = 8 << 20
			t.Logf("%d MB read, %.2f MB allocated, heap in use %+.2f MB", size>>20, float64(after.TotalAlloc-before.TotalAlloc)/(1<<20), (float64(after.HeapInuse)-float64(before.HeapInuse))/(1<<20))
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > bound {
				t.Errorf("reading a %d MB field allocated %.1f MB in all; the bound is %d MB", size>>20, float64(alloc)/(1<<20), bound>>20)
			}
			if after.HeapInuse > before.HeapInuse+bound {
				t.Errorf("heap in use grew by %.1f MB", float64(after.HeapInuse-before.HeapInuse)/(1<<20))
			}
		})
	}
}

// 100,000 children in a draft are refused, and only the limit's worth are
// kept while the rest is read.
func TestManyChildrenAreRefusedWhileReading(t *testing.T) {
	item := `{"id": "c", "name": "` + strings.Repeat("n", 150) + `"},`
	const n = 100000
	r := &cycleReader{prefix: "{\"format\": \"strategy-minutes\", \"version\": 1, \"meetings\": [{\"id\": \"m1\", \"children\": [",
		item: item, n: n, suffix: `{"id": "c"}]}]}`}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got := decodeErrFrom(r)
	runtime.ReadMemStats(&after)
	if !strings.Contains(got, "children: has more than 100 entries; the limit is 100") {
		t.Errorf("got %q", capText(got, 500))
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("%d children (%d MB) allocated %.1f MB", n, int64(n)*int64(len(item))>>20, float64(alloc)/(1<<20))
	}
}

// cycleReader yields prefix, item n times, then suffix, allocating nothing
// per item.
type cycleReader struct {
	prefix, item, suffix string
	n                    int
	buf                  []byte
	itemBytes            []byte
}

func (r *cycleReader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		switch {
		case r.prefix != "":
			r.buf, r.prefix = []byte(r.prefix), ""
		case r.n > 0:
			if r.itemBytes == nil {
				r.itemBytes = []byte(r.item)
			}
			r.buf = r.itemBytes
			r.n--
		case r.suffix != "":
			r.buf, r.suffix = []byte(r.suffix), ""
		default:
			return 0, io.EOF
		}
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// decodeErrFrom decodes every meeting of r and returns the errors, one a
// line: a file error stops at once, a meeting's problems go on to the next.
func decodeErrFrom(r io.Reader) string {
	dec := NewDecoder(r)
	var errs []string
	for {
		_, err := dec.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			errs = append(errs, err.Error())
			var fe *FileError
			if !errors.As(err, &fe) || fe.Meeting < 0 {
				break
			}
		}
	}
	return strings.Join(errs, "\n")
}

// What the reader accepts is JSON that encoding/json accepts too, and the
// same meetings.
func TestAcceptedFilesAreJSON(t *testing.T) {
	data := readExample(t)
	if !json.Valid(data) {
		t.Fatal("the example is not JSON")
	}
	ms := decodeAll(t, data)
	var v struct {
		Meetings []any `json:"meetings"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	for i := range ms {
		enc, _ := MarshalMeeting(ms[i])
		var ours any
		if err := json.Unmarshal(enc, &ours); err != nil {
			t.Fatal(err)
		}
		if got, want := jsonLeaves(ours), jsonLeaves(v.Meetings[i]); !reflect.DeepEqual(got, want) {
			t.Errorf("meeting %d differs from encoding/json's reading:\n%v\n%v", i, got, want)
		}
	}
}

// jsonLeaves maps the path of every value in v that is not empty to the
// value: what a record holds, whatever its empty fields.
func jsonLeaves(v any) map[string]any {
	out := map[string]any{}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				walk(path+"."+k, c)
			}
		case []any:
			for i, c := range x {
				walk(fmt.Sprintf("%s[%d]", path, i), c)
			}
		case string:
			if x != "" {
				out[path] = x
			}
		case bool:
			if x {
				out[path] = x
			}
		case nil:
		default:
			out[path] = x
		}
	}
	walk("", v)
	return out
}

// A file written from a sample database says so, before the meetings, and
// the reader tells.
func TestSampleMark(t *testing.T) {
	var buf bytes.Buffer
	enc := NewEncoder(&buf)
	enc.MarkSample()
	ms := decodeAll(t, readExample(t))
	for _, m := range ms {
		enc.Encode(m)
	}
	enc.Close()
	if !bytes.HasPrefix(buf.Bytes(), []byte("{\n  \"format\": \"strategy-minutes\",\n  \"version\": 2,\n  \"sample\": true,\n  \"meetings\": [")) {
		t.Errorf("header:\n%s", buf.Bytes()[:100])
	}
	dec := NewDecoder(&buf)
	for {
		if _, err := dec.Next(); err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatal(err)
			}
			break
		}
	}
	if !dec.Sample() {
		t.Error("the file does not read as sample")
	}
	if dec := NewDecoder(bytes.NewReader(readExample(t))); dec.Sample() {
		t.Error("a real file reads as sample")
	}
}

// A sample file's signed-off meetings are invented and imitate legacy gaps:
// they are held to Validate, not to the sign-off rules; a real file's are.
func TestSampleFileSkipsSignOffRules(t *testing.T) {
	bare := edit(signedJSON, `"decisions": [{"outcome": "s47_joint", "children": []}],`, ``)
	if got := decodeErr(file(bare)); !strings.Contains(got, "decisions: record at least one decision") {
		t.Errorf("real: %q", got)
	}
	sample := strings.Replace(file(bare), `"version": 1,`, `"version": 1, "sample": true,`, 1)
	if got := decodeErr(sample); got != "" {
		t.Errorf("sample: %q", got)
	}
}
