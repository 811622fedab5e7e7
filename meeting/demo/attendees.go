package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"strategyminutes/meeting"
)

// Attendance mixes. Police come to nearly every meeting; health attends
// markedly less, and how much depends on the service (GPs mostly send a
// report); schools are missing in the holidays. These are the gaps the
// participation report exists to show.
var (
	policeAttendance = []weighted[meeting.Attendance]{
		{meeting.Attended, 84}, {meeting.AttendedPart, 5}, {meeting.ApologiesInfo, 4},
		{meeting.Apologies, 3}, {meeting.DidNotAttend, 3}, {meeting.NotInvited, 1},
	}
	healthAttendance = map[meeting.Service][]weighted[meeting.Attendance]{
		meeting.ServiceGP:                  attendance(28, 4, 38, 12, 18),
		meeting.ServiceHealthVisitor:       attendance(68, 5, 13, 7, 7),
		meeting.ServiceSchoolNurse:         attendance(55, 6, 18, 10, 11),
		meeting.ServiceMidwife:             attendance(72, 5, 11, 6, 6),
		meeting.ServicePaediatrician:       attendance(62, 8, 16, 7, 7),
		meeting.ServiceEmergencyDepartment: attendance(45, 6, 27, 9, 13),
		meeting.ServiceCAMHS:               attendance(50, 5, 22, 11, 12),
		meeting.ServiceAdultMentalHealth:   attendance(45, 5, 24, 11, 15),
		meeting.ServiceSubstanceMisuse:     attendance(48, 5, 20, 12, 15),
		meeting.ServiceNamedNurse:          attendance(78, 5, 9, 4, 4),
		meeting.ServiceOther:               attendance(52, 5, 20, 10, 13),
	}
	// A second health row is mostly a service that sent information.
	extraHealthAttendance = attendance(12, 3, 50, 20, 15)
	schoolAttendance      = attendance(62, 6, 14, 8, 6, 4)
	holidayAttendance     = attendance(22, 3, 20, 22, 8, 25)
	otherAttendance       = attendance(72, 4, 10, 7, 5, 2)
)

// attendance lists the weights of attended, attended part, apologies with a
// report, apologies, did not attend and not invited, in that order.
func attendance(weights ...int) []weighted[meeting.Attendance] {
	codes := meeting.Attendances.Codes()
	out := make([]weighted[meeting.Attendance], len(weights))
	for i, w := range weights {
		out[i] = weighted[meeting.Attendance]{codes[i], w}
	}
	return out
}

var (
	healthRoles = map[meeting.Service][]string{
		meeting.ServiceGP:                  {"GP", "GP Partner", "Safeguarding Lead GP", "Practice Nurse"},
		meeting.ServiceHealthVisitor:       {"Health Visitor", "Specialist Community Public Health Nurse"},
		meeting.ServiceSchoolNurse:         {"School Nurse", "School Nursing Team Leader"},
		meeting.ServiceMidwife:             {"Community Midwife", "Safeguarding Midwife", "Specialist Midwife (Vulnerable Women)"},
		meeting.ServicePaediatrician:       {"Consultant Paediatrician", "Community Paediatrician", "Paediatric Registrar"},
		meeting.ServiceEmergencyDepartment: {"ED Safeguarding Nurse", "ED Consultant", "Paediatric Liaison Nurse"},
		meeting.ServiceCAMHS:               {"CAMHS Clinician", "CAMHS Consultant Psychiatrist", "CAMHS Crisis Team Nurse"},
		meeting.ServiceAdultMentalHealth:   {"Care Coordinator, Community Mental Health Team", "Consultant Psychiatrist", "Home Treatment Team Nurse"},
		meeting.ServiceSubstanceMisuse:     {"Recovery Worker, Drug and Alcohol Service", "Substance Misuse Nurse"},
		meeting.ServiceNamedNurse:          {"Named Nurse for Safeguarding Children", "Designated Nurse", "Safeguarding Children Nurse Specialist"},
		meeting.ServiceOther:               {"Looked After Children Nurse", "Sexual Health Nurse", "Dental Safeguarding Lead"},
	}
	otherRoles = map[meeting.Agency][]string{
		meeting.AgencyEarlyHelp:       {"Family Hub Key Worker", "Early Help Practitioner", "Early Help Coordinator"},
		meeting.AgencyHousing:         {"Housing Officer", "Homelessness Prevention Officer", "Tenancy Sustainment Officer"},
		meeting.AgencyProbation:       {"Probation Officer", "Senior Probation Officer", "Probation Practitioner"},
		meeting.AgencyYouthJustice:    {"Youth Justice Officer", "YJS Case Manager"},
		meeting.AgencyAdultSocialCare: {"Social Worker, Adult Social Care", "Approved Mental Health Professional"},
		meeting.AgencyDomesticAbuse:   {"IDVA", "Independent Domestic Violence Adviser", "Refuge Outreach Worker"},
		meeting.AgencyVoluntary:       {"Youth Worker, Northside Youth Project", "Project Worker, Safer Streets Trust", "Family Support Worker, Brighter Starts"},
		meeting.AgencyLegal:           {"Solicitor, Children's Legal Team", "Senior Lawyer, Legal Services"},
		meeting.AgencyOther:           {"LADO", "Local Authority Designated Officer", "Community Safety Officer", "Welfare Officer, Riverside Youth FC"},
	}
	primarySchools   = []string{"Oakfield Primary School", "St Mary's CE Primary School", "Brookside Primary Academy", "Our Lady of Lourdes RC Primary", "Park View Primary School", "Holy Trinity CE Primary", "Greenfield Infant and Junior School"}
	secondarySchools = []string{"Kingsbury Academy", "Riverside High School", "St Anne's Catholic High School", "Hillcrest School", "Northside Academy", "Bishop Challoner School"}
	nurseries        = []string{"Little Acorns Nursery", "Sunshine Day Nursery", "Rainbow Children's Centre Nursery", "Tiny Steps Pre-school"}
	colleges         = []string{"Riverside College", "City College", "Northside Sixth Form College"}
)

var attendanceNotes = map[meeting.Attendance][]string{
	meeting.Attended:     {"Joined by phone as the video link failed.", "Attended with a colleague shadowing."},
	meeting.AttendedPart: {"Joined late after a court hearing overran.", "Left after giving the agency update.", "Connection dropped; rejoined for the decisions.", "Joined for the first 20 minutes only."},
	meeting.ApologiesInfo: {"Report sent by email before the meeting and shared by the chair.", "Information given by phone on the morning of the meeting.",
		"Written chronology sent; read out by the chair.", "Summary of health records emailed to the chair."},
	meeting.Apologies:    {"On annual leave; no deputy available.", "Another urgent commitment.", "Short notice; unable to rearrange.", "Unwell.", "In court."},
	meeting.DidNotAttend: {"Invited by Teams; did not join and sent no apologies.", "No response to the invitation.", "Invitation sent to an old address; not received."},
	meeting.NotInvited:   {"Not invited in error; minutes to be shared.", "Not identified in time to invite.", "Not invited on police advice while the investigation starts."},
}

// attendees fills the attendance list: social care, police, health,
// education, then whoever else the concern brings in.
func (b *build) attendees() {
	r, ref := b.r, b.ref
	b.socialCare()
	b.police(ref)
	b.health(ref)
	b.education(ref)
	b.others(ref)
	if ref.agency == "" || chance(r, 3) { // a member of the public, or not recorded
		return
	}
	for i, a := range b.m.Attendees {
		if a.Agency == ref.agency && (ref.agency != meeting.AgencyHealth || a.Service == ref.service) {
			b.m.Attendees[i].Referrer = true
			b.referrer = i
			return
		}
	}
}

// referredBy names the referrer for the reason text.
func (b *build) referredBy() string {
	switch b.ref.agency {
	case "":
		return "a relative"
	case meeting.AgencyEducation:
		return "the designated safeguarding lead"
	case meeting.AgencyHealth:
		if b.ref.service == meeting.ServiceGP {
			return "the GP"
		}
		return "the " + strings.ToLower(meeting.ServiceLabel(b.ref.agency, b.ref.service))
	case meeting.AgencySocialCare:
		return "the allocated social worker"
	case meeting.AgencyOther:
		return "the LADO"
	}
	return strings.ToLower(b.ref.agency.Label())
}

func (b *build) referrerAgency() meeting.Agency {
	if b.referrer < 0 {
		return ""
	}
	return b.m.Attendees[b.referrer].Agency
}

func (b *build) add(a meeting.Agency, svc meeting.Service, role string, att meeting.Attendance) {
	b.m.Attendees = append(b.m.Attendees, meeting.Attendee{
		Name: b.g.staff.name(b.r, a, svc), Role: role, Agency: a, Service: svc,
		Attendance: att, Note: b.note(att),
	})
}

// notePercent is how often an attendance comes with a note.
var notePercent = map[meeting.Attendance]int{meeting.Attended: 3, meeting.AttendedPart: 80, meeting.ApologiesInfo: 70,
	meeting.Apologies: 50, meeting.DidNotAttend: 60, meeting.NotInvited: 100}

func (b *build) note(att meeting.Attendance) string {
	if !chance(b.r, notePercent[att]) {
		return ""
	}
	return pick(b.r, attendanceNotes[att])
}

func (b *build) socialCare() {
	r := b.r
	role := pick(r, []string{"Social Worker", "Senior Social Worker", "Advanced Practitioner", "Social Worker, Assessment Team", "Social Worker, MASH"})
	if b.outOfHours {
		role = "Emergency Duty Team Social Worker"
	}
	b.add(meeting.AgencySocialCare, "", role, meeting.Attended)
	if chance(r, 65) { // the chair is often, not always, on the list
		b.m.Attendees = append(b.m.Attendees, meeting.Attendee{
			Name: b.m.Chair, Role: pick(r, []string{"Team Manager (Chair)", "Team Manager, MASH (Chair)", "Practice Manager (Chair)"}),
			Agency: meeting.AgencySocialCare, Attendance: meeting.Attended,
		})
	}
	if chance(r, 10) {
		b.add(meeting.AgencySocialCare, "", pick(r, []string{"Student Social Worker", "Family Support Worker", "Senior Practitioner"}),
			choose(r, []weighted[meeting.Attendance]{{meeting.Attended, 80}, {meeting.AttendedPart, 20}}))
	}
}

func (b *build) police(ref referral) {
	r := b.r
	if ref.agency != meeting.AgencyPolice && chance(r, 1) {
		return
	}
	roles := []string{"DC, Child Abuse Investigation Team", "DS, Child Abuse Investigation Team", "PC, MASH", "Detective Sergeant, Public Protection Unit", "Detective Constable"}
	switch b.concern {
	case domesticAbuse:
		roles = []string{"DC, Domestic Abuse Investigation Team", "PC, Response Team", "DS, Domestic Abuse Investigation Team"}
	case exploitation:
		roles = []string{"PC, Missing Persons Unit", "DS, Exploitation Team", "DC, Exploitation Team"}
	}
	b.add(meeting.AgencyPolice, "", pick(r, roles), choose(r, policeAttendance))
	if chance(r, 12) {
		b.add(meeting.AgencyPolice, "", pick(r, roles), attended(r, 60))
	}
}

// attended returns attended percent of the time, else an absence.
func attended(r *rand.Rand, percent int) meeting.Attendance {
	if chance(r, percent) {
		return meeting.Attended
	}
	return pick(r, []meeting.Attendance{meeting.ApologiesInfo, meeting.Apologies, meeting.DidNotAttend})
}

func (b *build) health(ref referral) {
	r := b.r
	services := b.healthServices()
	primary := choose(r, services)
	if ref.agency == meeting.AgencyHealth {
		primary = ref.service
	} else {
		switch {
		case chance(r, 7): // no row: health was never invited
			return
		case b.outOfHours && chance(r, 40):
			b.m.Attendees = append(b.m.Attendees, meeting.Attendee{
				Name: b.g.staff.name(r, meeting.AgencyHealth, primary), Agency: meeting.AgencyHealth, Service: primary,
				Attendance: meeting.NotInvited, Note: "Out of hours: no health representative available.",
			})
			return
		case chance(r, 3):
			b.add(meeting.AgencyHealth, primary, pick(r, healthRoles[primary]), meeting.NotInvited)
			return
		}
	}
	b.add(meeting.AgencyHealth, primary, pick(r, healthRoles[primary]), choose(r, healthAttendance[primary]))
	if chance(r, 25) {
		second := choose(r, services)
		for tries := 0; second == primary && tries < 5; tries++ {
			second = choose(r, services)
		}
		if second != primary {
			b.add(meeting.AgencyHealth, second, pick(r, healthRoles[second]), choose(r, extraHealthAttendance))
		}
	}
}

// healthServices weighs the health services that would know the children:
// a midwife for the unborn, health visitors for the under-fives, school
// nurses for pupils, and those the concern brings in.
func (b *build) healthServices() []weighted[meeting.Service] {
	ws := []weighted[meeting.Service]{{meeting.ServiceGP, 3}, {meeting.ServiceNamedNurse, 2}, {meeting.ServiceOther, 1}}
	var unborn, underFive, pupil bool
	for _, k := range b.kids {
		unborn = unborn || k.months < 0
		underFive = underFive || k.months >= 0 && k.years() < 5
		pupil = pupil || k.years() >= 5
	}
	if unborn {
		ws = append(ws, weighted[meeting.Service]{meeting.ServiceMidwife, 10})
	}
	if underFive {
		ws = append(ws, weighted[meeting.Service]{meeting.ServiceHealthVisitor, 7})
	}
	if pupil {
		ws = append(ws, weighted[meeting.Service]{meeting.ServiceSchoolNurse, 4})
	}
	return append(ws, b.concern.health...)
}

// A setting is a school, nursery or college attended by one or more of the
// children.
type setting struct {
	service meeting.Service
	name    string
	role    string
	percent int // how often it is on the list
}

func (b *build) education(ref referral) {
	r := b.r
	var settings []setting
	seen := map[string]bool{}
	for _, k := range b.born() {
		var s setting
		switch y := k.years(); {
		case y >= 2 && y <= 4:
			s = setting{meeting.ServiceNursery, "nursery", pick(r, []string{"Nursery Manager", "Early Years Safeguarding Lead"}) + ", " + pick(r, nurseries), 45}
		case y >= 5 && y <= 10:
			s = setting{meeting.ServiceSchool, "primary", pick(r, []string{"Designated Safeguarding Lead", "Deputy DSL", "Headteacher"}) + ", " + pick(r, primarySchools), 92}
		case y >= 11 && y <= 15 || y == 16 && chance(r, 40):
			head := fmt.Sprintf("Head of Year %d", min(y-4, 11))
			s = setting{meeting.ServiceSchool, "secondary", pick(r, []string{"Designated Safeguarding Lead", "Deputy DSL", head}) + ", " + pick(r, secondarySchools), 88}
		case y >= 16:
			s = setting{meeting.ServiceCollege, "college", "Safeguarding Lead, " + pick(r, colleges), 60}
		default:
			continue
		}
		if !seen[s.name] { // siblings at the same school have one row
			seen[s.name] = true
			settings = append(settings, s)
		}
	}
	holiday := schoolHoliday(b.heldOn)
	mix := schoolAttendance
	if holiday {
		mix = holidayAttendance
	}
	for i, s := range settings {
		referrer := i == 0 && ref.agency == meeting.AgencyEducation
		if !referrer && !chance(r, s.percent) {
			continue
		}
		if b.outOfHours && chance(r, 70) {
			b.m.Attendees = append(b.m.Attendees, meeting.Attendee{
				Name: b.g.staff.name(r, meeting.AgencyEducation, ""), Role: s.role, Agency: meeting.AgencyEducation, Service: s.service,
				Attendance: meeting.NotInvited, Note: "Out of hours discussion; school to be updated on the next working day.",
			})
			continue
		}
		att := choose(r, mix)
		b.add(meeting.AgencyEducation, s.service, s.role, att)
		if att == meeting.NotInvited && holiday && chance(r, 70) {
			b.m.Attendees[len(b.m.Attendees)-1].Note = "School closed for the holidays; safeguarding lead not available."
		}
	}
	if chance(r, 2) {
		b.add(meeting.AgencyEducation, meeting.ServiceVirtualSchool,
			pick(r, []string{"Virtual School Head", "Education Adviser, Virtual School"}), attended(r, 65))
	}
	if ref.agency == meeting.AgencyEducation && len(settings) == 0 {
		b.add(meeting.AgencyEducation, meeting.ServiceOther, "Education Welfare Officer", choose(r, mix))
	}
}

// everyoneElse are the agencies that any meeting may occasionally include.
var everyoneElse = []extra{
	{meeting.AgencyEarlyHelp, 3}, {meeting.AgencyHousing, 2}, {meeting.AgencyProbation, 1},
	{meeting.AgencyYouthJustice, 1}, {meeting.AgencyAdultSocialCare, 1}, {meeting.AgencyDomesticAbuse, 2},
	{meeting.AgencyVoluntary, 2}, {meeting.AgencyLegal, 2}, {meeting.AgencyOther, 2},
}

func (b *build) others(ref referral) {
	r := b.r
	invited := map[meeting.Agency]bool{}
	for _, e := range append(b.concern.extras, everyoneElse...) {
		if !invited[e.agency] && chance(r, e.percent) {
			invited[e.agency] = true
		}
	}
	if _, ok := otherRoles[ref.agency]; ok {
		invited[ref.agency] = true
	}
	for _, a := range meeting.Agencies.Codes() { // vocabulary order, not map order
		if !invited[a] {
			continue
		}
		role := pick(r, otherRoles[a])
		if a == meeting.AgencyOther && b.concern == organisedAbuse {
			role = "LADO"
		}
		b.add(a, "", role, choose(r, otherAttendance))
	}
}
