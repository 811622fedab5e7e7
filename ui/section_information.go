package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// informationSection is the section of what each agency shared: one entry
// per contribution, with the checks done, what is outstanding and the
// agency's view of the threshold.
type informationSection struct{ *Editor }

func (e informationSection) build(m *meeting.Meeting) []fyne.CanvasObject {
	e.forget("information")
	e.firstOfRow = e.firstOfRow[:0]
	objs := []fyne.CanvasObject{heading("Information shared"),
		withError(hint("What each agency knows, the checks it has done and what is still to come, in its own words. Every statutory partner present needs an entry before sign-off."),
			e.errorFor("information"))}
	if len(m.Information) == 0 {
		objs = append(objs, hint("No information recorded yet."))
	}
	for i, in := range m.Information {
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		objs = append(objs, e.row(i, in))
	}
	add := e.addButton("Add information", e.AddInformation)
	fill := e.addButton("Add an entry for each agency present", e.AddInformationForAgencies)
	return append(objs, container.NewHBox(add, fill))
}

func (e informationSection) row(i int, in meeting.Information) fyne.CanvasObject {
	f := fmt.Sprintf("information[%d]", i)
	set := func(change func(in *meeting.Information)) {
		e.edit(func(m *meeting.Meeting) { change(&m.Information[i]) })
	}
	service, setServices := e.serviceSelect(in.Agency, in.Service, func(s meeting.Service) {
		set(func(in *meeting.Information) { in.Service = s })
	})
	agency := codeSelect(meeting.Agencies, in.Agency, "", func(c meeting.Agency) {
		set(func(in *meeting.Information) { in.Agency, in.Service = c, "" })
		setServices(c)
	})
	view := codeSelect(meeting.ThresholdViews, in.View, "Not given", func(v meeting.ThresholdView) {
		set(func(in *meeting.Information) { in.View = v })
	})
	e.disableIfReadOnly(agency, view)
	text := func(key, value, placeholder string, multiline bool, assign func(in *meeting.Information, s string)) (fyne.Focusable, fyne.CanvasObject) {
		return e.textField(f+"."+key, value, placeholder, multiline, func(s string) { set(func(in *meeting.Information) { assign(in, s) }) })
	}
	_, by := text("shared_by", in.SharedBy, "Shared by (name)", false, func(in *meeting.Information, s string) { in.SharedBy = s })
	_, summary := text("summary", in.Summary, "What the agency knows", true, func(in *meeting.Information, s string) { in.Summary = s })
	_, checks := text("checks", in.Checks, "Checks done (PNC/PND, GP and health visitor records, school)", true, func(in *meeting.Information, s string) { in.Checks = s })
	_, outstanding := text("outstanding", in.Outstanding, "Still outstanding", true, func(in *meeting.Information, s string) { in.Outstanding = s })
	e.lastRow[sectionInformation] = agency
	e.firstOfRow = append(e.firstOfRow[:i], agency)
	remove := e.removeButton("entry of information", func() {
		e.editAndRebuild(func(m *meeting.Meeting) { m.Information = append(m.Information[:i:i], m.Information[i+1:]...) }, sectionInformation)
	})
	line1 := container.NewGridWithColumns(4, withError(agency, e.errorFor(f+".agency")), withError(service, e.errorFor(f+".service")),
		by, withError(view, e.errorFor(f+".view")))
	// Labelled, because a box's placeholder goes once it holds text.
	body := container.NewVBox(line1, widget.NewForm(
		widget.NewFormItem(meeting.Label("information[].summary"), summary),
		widget.NewFormItem(meeting.Label("information[].checks"), checks),
		widget.NewFormItem(meeting.Label("information[].outstanding"), outstanding)))
	return container.NewBorder(nil, nil, widget.NewLabel(fmt.Sprintf("%d.", i+1)), container.NewVBox(remove), body)
}

// AddInformation adds an entry of information and puts the cursor on its
// agency.
func (e *Editor) AddInformation() {
	e.addRow(sectionInformation, func(m *meeting.Meeting) { m.Information = append(m.Information, meeting.Information{}) })
}

// AddInformationForAgencies adds an entry for each attendee's agency (and
// service) that attended or sent information and has none yet, with the
// attendee as the one who shared it: the chair then types what each said.
func (e *Editor) AddInformationForAgencies() {
	first := len(e.snapshot().Information)
	e.addRow(sectionInformation, func(m *meeting.Meeting) { m.Information = append(m.Information, missingInformation(m)...) })
	// The cursor goes to the first entry added, to type what it shared.
	if f := e.firstOfRow[first]; f != nil && !e.readOnly {
		e.win.Canvas().Focus(f)
	}
}

// missingInformation returns an entry for each agency and service present
// (attended, or sent information) that has no entry of information.
func missingInformation(m *meeting.Meeting) []meeting.Information {
	type key struct {
		agency  meeting.Agency
		service meeting.Service
	}
	have := map[key]bool{}
	for _, in := range m.Information {
		have[key{in.Agency, in.Service}] = true
	}
	var out []meeting.Information
	for _, a := range m.Attendees {
		k := key{a.Agency, a.Service}
		present := a.Attendance == meeting.Attended || a.Attendance == meeting.AttendedPart || a.Attendance == meeting.ApologiesInfo
		if !present || a.Agency == "" || have[k] {
			continue
		}
		have[k] = true
		out = append(out, meeting.Information{Agency: a.Agency, Service: a.Service, SharedBy: a.Name})
	}
	return out
}
