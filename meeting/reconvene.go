package meeting

import (
	"strings"
	"time"
)

// Reconvene makes the review strategy meeting of prev, held at held: the
// same children (their views to be heard again), household and invitees
// (attendance to be recorded), a link to prev, and prev's open actions
// carried forward, each with a new id and no due date: the review marks
// each done, carries it on with a new due date, or drops it with a reason.
// The chair and the way it is held stay; the rest is the review's to
// record.
func Reconvene(prev *Meeting, held time.Time) *Meeting {
	p := prev.Clone()
	m := &Meeting{
		ID: NewID(), Type: TypeReview, Mode: p.Mode, HeldAt: held, Chair: p.Chair, MinuteTaker: p.MinuteTaker,
		PreviousMeetingID: p.ID,
	}
	if ref := strings.TrimSpace(p.Reference); ref != "" {
		m.Reason = "Review of the strategy meeting " + ref + " held on " + p.HeldAt.In(UK).Format("2 January 2006") + "."
	} else {
		m.Reason = "Review of the strategy meeting held on " + p.HeldAt.In(UK).Format("2 January 2006") + "."
	}
	for _, c := range p.Children {
		c.Views = ""
		m.Children = append(m.Children, c)
	}
	m.Household = p.Household
	for _, a := range p.Attendees {
		a.Attendance, a.Note = "", ""
		m.Attendees = append(m.Attendees, a)
	}
	for i, a := range p.Actions {
		if a.Closed() {
			continue
		}
		m.Actions = append(m.Actions, Action{ID: NewID(), Description: a.Description, Owner: a.Owner, Agency: a.Agency,
			CarriedFrom: carriedKey(p, i)})
	}
	return m
}

// carriedKey names action i of m for a later meeting's carried_from: its
// id, unique across meetings, or for an action recorded before actions had
// one, the meeting's id and its number.
func carriedKey(m *Meeting, i int) string {
	if id := m.Actions[i].ID; id != "" {
		return id
	}
	return m.ID + m.ActionKey(i)
}
