package meeting

import (
	"bytes"
	"cmp"
	"fmt"
)

// Merge adds the meetings counted in o to r, as if r had counted them
// itself: two reports of the same period and as-of date, each counting its
// own meetings (a store counts a million entries on two cores at once),
// make the report of all of them. Children by case key are not merged (a
// store counts them; see AddEntry), except those Add counted. It panics
// when either is finished or their periods differ.
func (r *Report) Merge(o *Report) {
	if r.finished || o.finished {
		panic("meeting: Report.Merge of a finished report")
	}
	if r.From != o.From || r.To != o.To || r.AsOf != o.AsOf {
		panic(fmt.Sprintf("meeting: Report.Merge of %s to %s into %s to %s", o.From, o.To, r.From, r.To))
	}
	r.Meetings += o.Meetings
	for i := range r.Agencies {
		a, b := &r.Agencies[i], o.Agencies[i]
		a.Attended += b.Attended
		a.InformationOnly += b.InformationOnly
		a.Absent += b.Absent
		a.NotInvited += b.NotInvited
	}
	for i := range r.HealthServices {
		a, b := &r.HealthServices[i], o.HealthServices[i]
		a.Attended += b.Attended
		a.InformationOnly += b.InformationOnly
		a.Absent += b.Absent
	}
	r.HealthServiceNotRecorded += o.HealthServiceNotRecorded

	ms := &r.MissingStatutory
	ms.Count += o.MissingStatutory.Count
	addCounts(ms.ByAgency, o.MissingStatutory.ByAgency)
	r.mergeHeld(o)

	c, d := &r.Consent, o.Consent
	c.Given += d.Given
	c.Refused += d.Refused
	c.Overridden += d.Overridden
	c.NotSought += d.NotSought
	c.NotRecorded += d.NotRecorded
	c.WithoutConsent += d.WithoutConsent
	c.WithoutConsentNoReason += d.WithoutConsentNoReason
	c.ParentsViewsNotRecorded += d.ParentsViewsNotRecorded

	addCounts(r.Outcomes, o.Outcomes)
	r.Section47 += o.Section47

	a, b := &r.Actions, o.Actions
	a.Total += b.Total
	a.NoDueDate += b.NoDueDate
	a.Overdue += b.Overdue
	a.CompletedLate += b.CompletedLate

	for i := range r.Monthly {
		m, n := &r.Monthly[i], o.Monthly[i]
		m.Meetings += n.Meetings
		addCounts(m.Attended, n.Attended)
		m.MissingStatutory += n.MissingStatutory
	}

	rt, ot := &r.Timeliness.ReferralToMeeting, o.Timeliness.ReferralToMeeting
	for days, n := range ot.days {
		rt.AddReferralDays(days, n)
	}
	for days, n := range ot.short {
		if n > 0 {
			rt.AddReferralDays(days, n)
		}
	}
	ic, oc := &r.Timeliness.ICPC, o.Timeliness.ICPC
	ic.Due += oc.Due
	ic.HeldInTime += oc.HeldInTime
	ic.HeldLate += oc.HeldLate
	ic.NotNeeded += oc.NotNeeded
	ic.Overdue += oc.Overdue
	ic.Pending += oc.Pending

	r.Repeats.NoCaseReference += o.Repeats.NoCaseReference
	for key, meetings := range o.children {
		if r.children == nil {
			r.children = map[string]map[string]bool{}
		}
		if r.children[key] == nil {
			r.children[key] = map[string]bool{}
		}
		for id := range meetings {
			r.children[key][id] = true
		}
	}
}

// addCounts adds b's counts to a's, code by code (the same codes, in order).
func addCounts[C ~string](a, b Counts[C]) {
	for i := range a {
		a[i].Count += b[i].Count
	}
}

// mergeHeld puts o's meetings missing a partner among r's. When both are
// in order of time (each counted its meetings in that order), so is the
// result, and Finish need not sort half a million of them.
func (r *Report) mergeHeld(o *Report) {
	a, b := r.pending, o.pending
	base := len(r.held)
	r.held = append(r.held, o.held...)
	shift := func(h heldMeeting) heldMeeting {
		return heldMeeting{h.unix, h.start + base, h.mid + base, h.end + base}
	}
	id := func(h heldMeeting) []byte { return r.held[h.start:h.mid] }
	merged := make([]heldMeeting, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i], shift(b[j])
		if cmp.Or(cmp.Compare(x.unix, y.unix), bytes.Compare(id(x), id(y))) <= 0 {
			merged = append(merged, x)
			i++
		} else {
			merged = append(merged, y)
			j++
		}
	}
	merged = append(merged, a[i:]...)
	for ; j < len(b); j++ {
		merged = append(merged, shift(b[j]))
	}
	r.pending = merged
}
