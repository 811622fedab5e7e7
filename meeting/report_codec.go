package meeting

// The encoding of report entries: what a store keeps beside each meeting
// (storage's report_entries) and a laptop pushes with each version to the
// partnership server, so that a report reads one small value a meeting.

import (
	"encoding/binary"
	"errors"
	"slices"
	"unsafe"
)

// EntryFormat is the first byte of every encoded entry. The agencies,
// services, consent statuses and outcomes are held by their place in the
// vocabulary: a migration that changes a vocabulary's codes must make the
// entries again (fillReportEntries), as check would otherwise find every
// entry wrong.
const EntryFormat = 1

// consentCodes are the statuses an entry holds as 1 to 4; 7 is any other.
var consentCodes = []ConsentStatus{ConsentGiven, ConsentRefused, ConsentOverridden, ConsentNotSought}

const consentOther = 7

var (
	agencyCount  = len(Agencies.Codes())
	serviceCount = len(HealthServices.Codes()) + 1 // and the rows with no service
)

// AppendEntry appends entry e, whose case keys are numbered cases, to b:
// its length, then its fields (dates as Date.Days).
func AppendEntry(b []byte, e *ReportEntry, cases []int64) []byte {
	var body []byte
	body = append(body, EntryFormat)
	body = binary.AppendVarint(body, e.HeldUnix)
	body = binary.AppendVarint(body, int64(e.HeldOn.Days()))
	body = appendStates(body, e.Agencies)
	body = appendStates(body, e.Services)
	consent := byte(0)
	if e.ConsentRecorded {
		code := byte(consentOther)
		if i := slices.Index(consentCodes, e.Consent); i >= 0 {
			code = byte(i + 1)
		}
		consent = 1 | code<<1
		if e.NoReason {
			consent |= 1 << 4
		}
		if e.NoParentsViews {
			consent |= 1 << 5
		}
	}
	body = append(body, consent)
	body = binary.AppendUvarint(body, e.Outcomes)
	for _, n := range []int{e.Actions, e.NoDueDate, e.CompletedLate, len(e.OpenDue)} {
		body = binary.AppendUvarint(body, uint64(n))
	}
	for _, d := range e.OpenDue {
		body = binary.AppendVarint(body, int64(d.Days()))
	}
	body = appendOptionalDate(body, e.ReferralOn)
	switch {
	case !e.ICPCRecorded:
		body = append(body, 0)
	case e.ICPCHeldOn.IsZero():
		body = append(body, 1)
	default:
		body = append(body, 2)
		body = binary.AppendVarint(body, int64(e.ICPCHeldOn.Days()))
	}
	body = binary.AppendUvarint(body, uint64(e.NoCaseReference))
	body = binary.AppendUvarint(body, uint64(len(cases)))
	for _, c := range cases {
		body = binary.AppendUvarint(body, uint64(c))
	}
	// The id and reference only where the report lists them.
	if e.MissingStatutory() {
		body = appendEntryString(body, e.ID)
		body = appendEntryString(body, e.Reference)
	}
	b = binary.AppendUvarint(b, uint64(len(body)))
	return append(b, body...)
}

// appendStates appends the states two bits each (EntryState).
func appendStates(b []byte, states []EntryState) []byte {
	for i := 0; i < len(states); i += 4 {
		x := byte(0)
		for j := 0; j < 4 && i+j < len(states); j++ {
			x |= byte(states[i+j]&3) << (2 * j)
		}
		b = append(b, x)
	}
	return b
}

func appendOptionalDate(b []byte, d Date) []byte {
	if d.IsZero() {
		return append(b, 0)
	}
	b = append(b, 1)
	return binary.AppendVarint(b, int64(d.Days()))
}

func appendEntryString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// ErrEntry is the error of an entry that is not one this app wrote.
var ErrEntry = errors.New("a report entry is damaged")

// An EntryReader decodes entries one after another (AppendEntry's), reusing
// its slices, so that a report reads a million without making garbage.
type EntryReader struct {
	buf   []byte
	e     ReportEntry
	cases []int64
	err   error
	dates entryDates
}

// Reset makes r read the entries of buf, from its first.
func (r *EntryReader) Reset(buf []byte) { r.buf, r.err = buf, nil }

// Entry is the entry Next read last. Its strings share the buffer: they
// are good as long as it is not changed.
func (r *EntryReader) Entry() *ReportEntry { return &r.e }

// Cases are the case numbers of the entry Next read last.
func (r *EntryReader) Cases() []int64 { return r.cases }

// Err is the error that stopped Next, nil at the end.
func (r *EntryReader) Err() error { return r.err }

// An entryDates remembers the dates of recent day numbers: the entries of a
// chunk are of a year or so, in order, so most of their dates were seen
// just before, and working a date out costs more than looking it up.
type entryDates [1024]struct {
	days int
	date Date
}

func (c *entryDates) date(days int) Date {
	slot := &c[days&(len(c)-1)]
	if slot.date.IsZero() || slot.days != days {
		slot.days, slot.date = days, DateOfDays(days)
	}
	return slot.date
}

// Next decodes the next entry of the buffer (Reset) into Entry and Cases;
// false at the end or on an error (Err). The entry's strings share buf: they are good as
// long as buf is not changed.
func (r *EntryReader) Next() bool {
	if len(r.buf) == 0 || r.err != nil {
		return false
	}
	n, k := binary.Uvarint(r.buf)
	if k <= 0 || uint64(len(r.buf)-k) < n {
		r.err = ErrEntry
		return false
	}
	body := r.buf[k : k+int(n)]
	r.buf = r.buf[k+int(n):]
	if err := r.decode(body); err != nil {
		r.err = err
		return false
	}
	return true
}

// decode reads one entry's body.
func (r *EntryReader) decode(b []byte) error {
	d := entryDecoder{b: b, dates: &r.dates}
	if d.byte() != EntryFormat {
		return ErrEntry
	}
	e := &r.e
	e.HeldUnix = d.varint()
	e.HeldOn = d.date()
	e.Agencies = d.states(e.Agencies[:0], agencyCount)
	e.Services = d.states(e.Services[:0], serviceCount)
	consent := d.byte()
	e.ConsentRecorded = consent&1 != 0
	e.Consent = ""
	if code := int(consent>>1) & 7; e.ConsentRecorded && code >= 1 && code <= len(consentCodes) {
		e.Consent = consentCodes[code-1]
	} else if e.ConsentRecorded {
		e.Consent = "other"
	}
	e.NoReason, e.NoParentsViews = consent&(1<<4) != 0, consent&(1<<5) != 0
	e.Outcomes = d.uvarint()
	e.Actions, e.NoDueDate, e.CompletedLate = int(d.uvarint()), int(d.uvarint()), int(d.uvarint())
	open := int(d.uvarint())
	if open > len(d.b) {
		return ErrEntry
	}
	e.OpenDue = e.OpenDue[:0]
	for range open {
		e.OpenDue = append(e.OpenDue, d.date())
	}
	e.ReferralOn = d.optionalDate()
	e.ICPCRecorded, e.ICPCHeldOn = false, Date{}
	switch d.byte() {
	case 0:
	case 1:
		e.ICPCRecorded = true
	case 2:
		e.ICPCRecorded, e.ICPCHeldOn = true, d.date()
	default:
		d.bad = true
	}
	e.NoCaseReference = int(d.uvarint())
	cases := int(d.uvarint())
	if cases > len(d.b) {
		return ErrEntry
	}
	r.cases = r.cases[:0]
	for range cases {
		r.cases = append(r.cases, int64(d.uvarint()))
	}
	e.CaseKeys = nil
	e.ID, e.Reference = "", ""
	if e.MissingStatutory() {
		e.ID, e.Reference = d.string(), d.string()
	}
	if d.bad || len(d.b) != 0 {
		return ErrEntry
	}
	return nil
}

// An entryDecoder reads an entry's fields, noting (bad) when one runs past its end.
type entryDecoder struct {
	b     []byte
	bad   bool
	dates *entryDates
}

// date reads a date written as its day number.
func (d *entryDecoder) date() Date { return d.dates.date(int(d.varint())) }

func (d *entryDecoder) byte() byte {
	if len(d.b) == 0 {
		d.bad = true
		return 0
	}
	x := d.b[0]
	d.b = d.b[1:]
	return x
}

func (d *entryDecoder) uvarint() uint64 {
	if len(d.b) > 0 && d.b[0] < 0x80 { // most are small counts: one byte
		x := d.b[0]
		d.b = d.b[1:]
		return uint64(x)
	}
	x, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.bad, d.b = true, nil
		return 0
	}
	d.b = d.b[k:]
	return x
}

func (d *entryDecoder) varint() int64 {
	x, k := binary.Varint(d.b)
	if k <= 0 {
		d.bad, d.b = true, nil
		return 0
	}
	d.b = d.b[k:]
	return x
}

func (d *entryDecoder) states(dst []EntryState, n int) []EntryState {
	dst = slices.Grow(dst[:0], n)[:n]
	for i := 0; i < n; i += 4 {
		x := d.byte()
		for j := 0; j < 4 && i+j < n; j++ {
			dst[i+j] = EntryState(x>>(2*j)) & 3
		}
	}
	return dst
}

func (d *entryDecoder) optionalDate() Date {
	if d.byte() == 0 {
		return Date{}
	}
	return d.date()
}

// string returns the next string, sharing the entry's bytes.
func (d *entryDecoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.bad, d.b = true, nil
		return ""
	}
	s := d.b[:n]
	d.b = d.b[n:]
	if len(s) == 0 {
		return ""
	}
	return unsafe.String(&s[0], len(s))
}
