package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// attendeesSection is the section of attendance by agency.
type attendeesSection struct{ *Editor }

func (e attendeesSection) build(m *meeting.Meeting) []fyne.CanvasObject {
	e.forget("attendees[")
	objs := []fyne.CanvasObject{heading("Attendance by agency"),
		hint("Minimum attendance: children's social care, police and health. Record every agency invited, including those who sent information or did not come.")}
	if len(m.Attendees) == 0 {
		objs = append(objs, hint("No attendees yet."))
	}
	for i, a := range m.Attendees {
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		objs = append(objs, e.attendeeRow(i, a))
	}
	objs = append(objs, container.NewHBox(e.addButton("Add attendee", e.AddAttendee)))
	return objs
}

func (e *Editor) attendeeRow(i int, a meeting.Attendee) fyne.CanvasObject {
	f := fmt.Sprintf("attendees[%d]", i)
	set := func(change func(a *meeting.Attendee)) {
		e.edit(func(m *meeting.Meeting) { change(&m.Attendees[i]) })
	}
	roleBox := newLineEntry()
	role := &roleBox.Entry
	role.SetText(a.Role)
	role.SetPlaceHolder("Role")
	role.OnChanged = func(s string) { set(func(a *meeting.Attendee) { a.Role = cleanText(s, false) }) }

	service, setServices := e.serviceSelect(a.Agency, a.Service, func(sv meeting.Service) {
		set(func(a *meeting.Attendee) { a.Service = sv })
	})
	agency := codeSelect(meeting.Agencies, a.Agency, "", func(c meeting.Agency) {
		set(func(a *meeting.Attendee) {
			a.Agency = c
			if _, ok := meeting.Services(c); !ok {
				a.Service = ""
			}
		})
		setServices(c)
	})
	attendance := codeSelect(meeting.Attendances, a.Attendance, "", func(c meeting.Attendance) {
		set(func(a *meeting.Attendee) { a.Attendance = c })
	})
	referrer := widget.NewCheck("Referrer", nil)
	referrer.SetChecked(a.Referrer)
	referrer.OnChanged = func(on bool) { set(func(a *meeting.Attendee) { a.Referrer = on }) }
	noteBox := newLineEntry()
	note := &noteBox.Entry
	note.SetText(a.Note)
	note.SetPlaceHolder("Note (e.g. why not invited, report sent)")
	note.OnChanged = func(s string) { set(func(a *meeting.Attendee) { a.Note = cleanText(s, false) }) }

	name, nameBox := e.personEntry(f+".name", a.Name, func(s string) { set(func(a *meeting.Attendee) { a.Name = s }) },
		func(p meeting.Person) {
			role.SetText(p.Role)
			agency.SetSelected(p.Agency.Label())
			if p.Service != "" {
				service.SetSelected(meeting.ServiceLabel(p.Agency, p.Service))
			}
		})
	e.disableIfReadOnly(agency, attendance, referrer)
	roleObj, noteObj := fyne.CanvasObject(roleBox), fyne.CanvasObject(noteBox)
	if e.readOnly {
		roleObj, noteObj = newReadText(a.Role), newReadText(a.Note)
	}
	e.lastRow[sectionAttendees] = name
	remove := e.removeButton("attendee", func() {
		e.editAndRebuild(func(m *meeting.Meeting) { m.Attendees = append(m.Attendees[:i:i], m.Attendees[i+1:]...) }, sectionAttendees)
	})
	line1 := container.NewGridWithColumns(4, nameBox, container.NewVBox(roleObj),
		withError(agency, e.errorFor(f+".agency")), withError(service, e.errorFor(f+".service")))
	line2 := container.NewBorder(nil, nil, nil, container.NewVBox(remove), container.NewGridWithColumns(3,
		withError(attendance, e.errorFor(f+".attendance")), container.NewVBox(referrer), container.NewVBox(noteObj)))
	return container.NewBorder(nil, nil, widget.NewLabel(fmt.Sprintf("%d.", i+1)), nil, container.NewVBox(line1, line2))
}

// AddAttendee adds an attendee row and puts the cursor in its name.
func (e *Editor) AddAttendee() {
	// Most rows are typed for someone in the meeting: Attended is the
	// default, changed for those who sent apologies or did not come.
	e.addRow(sectionAttendees, func(m *meeting.Meeting) {
		m.Attendees = append(m.Attendees, meeting.Attendee{Attendance: meeting.Attended})
	})
}

// serviceSelect is the choice of a service within an agency: health and
// education have services, other agencies none. The function returned
// offers another agency's services, with none chosen.
func (e *Editor) serviceSelect(agency meeting.Agency, current meeting.Service, set func(meeting.Service)) (*choice, func(meeting.Agency)) {
	service := newChoice(nil, nil)
	setServices := func(agency meeting.Agency, current meeting.Service) {
		v, ok := meeting.Services(agency)
		service.OnChanged = nil
		if !ok {
			service.Options = nil
			service.ClearSelected()
			service.PlaceHolder = "(no service)"
			service.Disable()
			return
		}
		codes := map[string]meeting.Service{}
		service.Options = nil
		for _, c := range v.Codes() {
			service.Options = append(service.Options, v.Label(c))
			codes[v.Label(c)] = c
		}
		service.PlaceHolder = "Service…"
		if current != "" {
			service.SetSelected(v.Label(current))
		} else {
			service.ClearSelected()
		}
		if !e.readOnly {
			service.Enable()
		}
		service.OnChanged = func(label string) { set(codes[label]) }
	}
	setServices(agency, current)
	if e.readOnly {
		service.Disable()
	}
	return service, func(a meeting.Agency) { setServices(a, "") }
}
