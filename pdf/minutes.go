// Package pdf writes the app's documents as PDF: the minutes of a strategy
// meeting that partners read, file and act on. Every document is A4, carries
// its protective marking at the top and bottom of every page, embeds its
// fonts, never fails because of what someone typed, and is byte-for-byte
// the same for the same record and options.
package pdf

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"strategyminutes/meeting"
)

// Marking is the protective marking of every document the app writes.
const Marking = meeting.Marking

// DistributionCopy marks a copy with children's names as initials.
const DistributionCopy = "DISTRIBUTION COPY (initials)"

// Options change how a document is written. The participation report uses
// ExportedAt and Version only.
type Options struct {
	// Initials writes a copy for wider distribution: the names of the
	// children and of the household and family members recorded as
	// initials and dates of birth as the year only, in the tables and in
	// the text, and NHS numbers removed (redact.go).
	Initials bool
	// Redactions, when not nil, is set to what a distribution copy changed
	// in the text, for the chair to check before sending it.
	Redactions *Redactions
	// OnUnprintable, if set, is called after the minutes are written with
	// the path of each field (such as "children[0].name") printed with a
	// substitute for a character no embedded font has: the export warns,
	// naming the field, never its text (see UnprintableFields).
	OnUnprintable func(field string)
	// ExportedAt is printed in the footer, and actions are reported overdue
	// as at its UK date. Callers pass time.Now(); tests pass a fixed time.
	// Zero leaves the export time out and reports no action overdue.
	ExportedAt time.Time
	// Version is the app's version, for the footer and the creator field.
	Version string
	// Amendments are the changes made after sign-off, oldest first (as
	// meeting.Records.Amendments returns them). The minutes list when, by
	// whom, why and which fields; never the replaced text, which may have
	// been removed for a reason.
	Amendments []meeting.Amendment
	// Seal is the signed-off minutes' seal (meeting.Sealer), printed with
	// the sign-off and in the document's keywords, so that a copy can be
	// checked against the database ('strategyminutes verify').
	Seal string
	// Authority is the local authority that issues the minutes and Contact
	// whom partners ask about them (the database's settings); page 1
	// prints both, and the chair when there is no contact.
	Authority string
	Contact   string
	// Calendar counts the working days page 1 prints: the referral to the
	// meeting, the initial conference's due date (nil: the built-in bank
	// holidays).
	Calendar *meeting.Calendar
}

// calendar is the calendar the minutes count working days with.
func (opt Options) calendar() *meeting.Calendar {
	if opt.Calendar == nil {
		return meeting.BuiltInCalendar()
	}
	return opt.Calendar
}

// SealKeyword starts the seal in a PDF's keywords.
const SealKeyword = "strategy-minutes-seal "

// stamp returns the metadata's creator ("Strategy Minutes 1.2.3") and the
// footer's line saying when and by what a document was exported.
func stamp(opt Options) (creator, exported string) {
	creator = "Strategy Minutes"
	if opt.Version != "" {
		creator += " " + opt.Version
	}
	exported = creator
	if !opt.ExportedAt.IsZero() {
		exported = "Exported " + opt.ExportedAt.In(meeting.UK).Format("2 Jan 2006 at 15:04 MST") + " by " + creator
	}
	return creator, exported
}

const notRecorded = "Not recorded"

// confidentiality is said on the first page of every set of minutes.
const confidentiality = "These minutes contain sensitive personal information about children and their families. " +
	"They are shared with the partner agencies of a multi-agency strategy meeting under Working Together to Safeguard Children 2023, " +
	"for the purpose of safeguarding the children named, and on the lawful bases recorded in the consent section. " +
	"Do not share them further, in whole or in part, without the agreement of the chair, unless the law requires it. " +
	"Do not disclose them to the family without the chair's agreement: doing so may put a child at risk or prejudice a police investigation. " +
	"Store them securely under your agency's records policy. If you have received them in error, tell the sender and delete them."

// WriteMinutes writes the minutes of m as a PDF to w. The same meeting and
// options always give the same bytes. Nothing is written to w when the
// document cannot be made; no text in the record can make it fail.
func WriteMinutes(w io.Writer, m *meeting.Meeting, opt Options) (err error) {
	if m == nil {
		return errors.New("make minutes PDF: no meeting")
	}
	// A bug in the PDF library must not take the app down with a chair's
	// unsaved work: it becomes an error like any other.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("make minutes PDF: internal error: %v", r)
		}
	}()
	mw, err := newMinutes(m, opt)
	if err != nil {
		return fmt.Errorf("make minutes PDF: %w", err)
	}
	mw.write()
	mw.redact.reportTo(opt.Redactions)
	if err := mw.d.write(w); err != nil {
		return err
	}
	reportUnprintable(m, opt, mw.d.substituted)
	return nil
}

// MinutesFileName proposes a file name for the minutes, such as
// "SM-2025-00412 2025-06-03 minutes.pdf": the meeting's reference (its id
// when it has none) and UK date, in characters safe on every system.
func MinutesFileName(m *meeting.Meeting, initials bool) string {
	name := safeName(m.Reference)
	if name == "" {
		name = safeName(m.ID)
	}
	if name == "" {
		name = "strategy-meeting"
	}
	if !m.HeldAt.IsZero() {
		name += " " + m.HeldOn().String()
	}
	name += " minutes"
	if initials {
		name += " (initials)"
	}
	return name + ".pdf"
}

// safeName keeps ASCII letters, digits, '.', '_' and '-', turns anything
// else into '-', and keeps names short.
func safeName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		ok := r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-')
		if !ok || r == '-' {
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		b.WriteRune(r)
		dash = false
		if b.Len() >= 40 {
			break
		}
	}
	return strings.Trim(b.String(), "-._")
}

// minutes lays out one meeting's minutes.
type minutes struct {
	m      *meeting.Meeting
	opt    Options
	d      *document
	asOf   meeting.Date // overdue actions are counted at this date
	redact *redactor    // children's names in free text; nil for the full copy
	// answeredIn is where the minutes answer each statutory question:
	// "section 6".
	answeredIn map[meeting.Code]string
	// actionTexts are the actions' texts as this copy prints them, on
	// page 1 and in the actions section.
	actionTexts map[string]string
}

func newMinutes(m *meeting.Meeting, opt Options) (*minutes, error) {
	mw := &minutes{m: m, opt: opt}
	if !opt.ExportedAt.IsZero() {
		mw.asOf = meeting.UKDate(opt.ExportedAt)
	}
	if opt.Initials {
		mw.redact = newRedactor(m)
	}
	creator, exported := stamp(opt)
	// The record's own dates, never the clock: the same record, the same bytes.
	dated := m.HeldAt
	if m.SignedOff() {
		dated = m.SignedOffAt
	}
	copyMark := ""
	if opt.Initials {
		copyMark = DistributionCopy
	}
	// Metadata shows in file managers and e-mail previews: it names the
	// meeting, never a child.
	what := "Strategy meeting minutes"
	var running []string
	if ref := strings.TrimSpace(m.Reference); ref != "" {
		running = append(running, ref)
	}
	if !m.HeldAt.IsZero() {
		running = append(running, m.HeldOn().Long())
	}
	kind := label(m.Type)
	if kind == "" {
		kind = "Strategy meeting"
	}
	title := what
	if len(running) > 0 {
		title += ": " + strings.Join(running, ", ")
	}
	if opt.Initials {
		title += " (distribution copy)"
	}
	d, err := newDocument(docConfig{
		Title:    title,
		Subject:  kind + ": multi-agency child protection",
		Author:   m.Chair,
		Creator:  creator,
		Keywords: keywords(opt),
		Running:  strings.Join(append([]string{what}, running...), "  ·  "),
		Marking:  Marking,
		Draft:    !m.SignedOff(),
		Copy:     copyMark,
		Dated:    dated,
		Exported: exported,
	})
	if err != nil {
		return nil, err
	}
	mw.d = d
	return mw, nil
}

// write lays the minutes out: page 1 is the summary a partner acts on,
// then the record in the order a meeting runs.
func (mw *minutes) write() {
	mw.titleBlock()
	mw.summary()
	mw.reason()
	mw.children()
	mw.discussion()
	mw.attendance()
	mw.consent()
	mw.decisions()
	mw.actions()
	mw.questions()
	mw.signOff()
}

// Styles of cells that differ from the table's.
var (
	notRecordedStyle = tableStyle.italic().in(colMuted)
	strongStyle      = tableStyle.bold()
	alertStyle       = tableStyle.bold().in(colAlert)
	mutedStyle       = tableStyle.in(colMuted)
)

// orNot returns s, or "Not recorded" in a muted style when s is empty.
func orNot(s string) cell {
	if strings.TrimSpace(s) == "" {
		return cell{notRecorded, &notRecordedStyle}
	}
	return cell{s, nil}
}

func (mw *minutes) titleBlock() {
	m, d := mw.m, mw.d
	d.title("Strategy meeting minutes", "")
	status := cell{"DRAFT: not signed off", &alertStyle}
	if m.SignedOff() {
		status = cell{"Signed off " + meeting.UKDate(m.SignedOffAt).Long(), nil}
		if n := len(mw.opt.Amendments); n > 0 {
			status.text += "; amended " + meeting.UKDate(mw.opt.Amendments[n-1].At).Long()
		}
	}
	d.fields([]field{
		{meeting.Label("reference"), orNot(m.Reference)},
		{meeting.Label("type"), orNot(label(m.Type))},
		{meeting.Label("held_at"), orNot(longTime(m.HeldAt))},
		{meeting.Label("mode"), orNot(label(m.Mode))},
		{meeting.Label("referral_received_at"), orNot(longTime(m.ReferralReceivedAt))},
		{meeting.Label("chair"), orNot(m.Chair)},
		{"Status", status},
		{meeting.Label("minute_taker"), orNot(m.MinuteTaker)},
		mw.issuedBy(),
		mw.queriesTo(),
	}, []float64{30.6, 0, 24.6, 51.2}, false) // the longest date and labels on one line
	if !m.SignedOff() {
		d.box(boxAlert, "Draft minutes",
			"The chair has not signed these minutes off. They may change: do not treat them as the final record.")
	}
}

// label is a vocabulary code's label, or "" for no code.
func label[C interface {
	~string
	Label() string
}](c C) string {
	if c == "" {
		return ""
	}
	return c.Label()
}

// childName is a child's name as this copy shows it.
func (mw *minutes) childName(c meeting.Child) string {
	if strings.TrimSpace(c.Name) == "" {
		return "Name not recorded"
	}
	if mw.opt.Initials {
		if in := initials(c.Name); in != "" {
			return in
		}
		return "Initials not available"
	}
	return c.Name
}

// children lists the children with each one's views; minutes of version 1
// recorded the children's views together, with the consent.
func (mw *minutes) children() {
	m := mw.m
	mw.d.section(meeting.Label("children"))
	together := ""
	if m.Consent != nil {
		together = strings.TrimSpace(m.Consent.ChildViews)
	}
	f := func(key string) string { return meeting.Label("children[]." + key) }
	t := table{
		columns: []column{{title: f("name"), width: 40}, {title: f("date_of_birth"), width: 32}, {title: f("case_reference"), width: 28}, {title: f("views")}},
		header:  true, rules: true, style: tableStyle,
		empty: "No children are recorded for this meeting.",
	}
	for i, c := range m.Children {
		views := orNot(mw.redact.apply(fmt.Sprintf("children[%d].views", i), c.Views))
		if views.text == notRecorded && together != "" {
			views = cell{"Recorded with the other children's, below.", &mutedStyle}
		}
		t.rows = append(t.rows, row{cells: []cell{{mw.childName(c), &strongStyle}, mw.dateOfBirth(c.DateOfBirth), orNot(c.CaseReference), views}})
	}
	mw.d.table(t)
	if together != "" {
		mw.labelled([]field{mw.text("consent.child_views", m.Consent.ChildViews)})
	}
}

func (mw *minutes) reason() {
	mw.d.section("Reason for the meeting")
	if strings.TrimSpace(mw.m.Reason) == "" {
		mw.d.paragraph("No reason is recorded.", noteStyle)
		return
	}
	mw.d.paragraph(mw.redact.apply("reason", mw.m.Reason), bodyStyle)
}

// agencyOrder is the vocabulary's order, then any unknown codes sorted, so
// that even a record from a newer version lists every attendee.
func agencyOrder(as []meeting.Attendee) []meeting.Agency {
	order := meeting.Agencies.Codes()
	var extra []meeting.Agency
	for _, a := range as {
		if !meeting.Agencies.Valid(a.Agency) && !slices.Contains(extra, a.Agency) {
			extra = append(extra, a.Agency)
		}
	}
	slices.Sort(extra)
	return append(order, extra...)
}

// stateLabel says how an agency took part, for its group heading.
func stateLabel(s meeting.AgencyState) string {
	switch s {
	case meeting.StateAttended:
		return "Attended"
	case meeting.StateInformationOnly:
		return "Sent information, did not attend"
	case meeting.StateAbsent:
		return "Did not attend"
	}
	return "Not invited"
}

func (mw *minutes) attendance() {
	m, d := mw.m, mw.d
	d.section("Attendance")

	// Working Together expects the statutory partners at every meeting:
	// say plainly which were missing, and how.
	if missing := m.MissingStatutory(); len(missing) > 0 {
		var lines []string
		for _, a := range missing {
			var how []string
			for _, code := range meeting.Attendances.Codes() {
				for _, at := range m.Attendees {
					if at.Agency == a && at.Attendance == code {
						how = append(how, strings.ToLower(code.Label()))
						break
					}
				}
			}
			if len(how) == 0 {
				how = []string{"not invited: no one from this agency is on the attendance list"}
			}
			lines = append(lines, a.Label()+": "+strings.Join(how, "; ")+".")
		}
		if r := strings.TrimSpace(m.MissingPartnersReason); r != "" {
			lines = append(lines, "Reason recorded: "+mw.redact.apply("missing_partners_reason", r))
		} else {
			lines = append(lines, "No reason was recorded.")
		}
		lines = append(lines, "Working Together to Safeguard Children 2023 expects children's social care, police and health to take part in every strategy meeting.")
		d.box(boxAlert, "Statutory partners who did not attend", strings.Join(lines, "\n"))
	} else {
		d.paragraph("All statutory partners (children's social care, police and health) attended.", noteStyle)
	}

	t := table{
		columns: []column{
			{title: "Name", width: 34}, {title: "Role", width: 38}, {title: "Service", width: 33},
			{title: "Attendance", width: 27}, {title: "Notes"},
		},
		header: true, rules: true, style: tableStyle,
		empty: "No attendees are recorded for this meeting.",
	}
	for _, a := range agencyOrder(m.Attendees) {
		first := true
		for i, at := range m.Attendees {
			if at.Agency != a {
				continue
			}
			if first {
				name := a.Label()
				if a == "" {
					name = "Agency not recorded"
				}
				for _, x := range m.Attendees {
					if x.Agency == a && x.Referrer {
						name += "  ·  referring agency"
						break
					}
				}
				t.rows = append(t.rows, row{band: true, cells: []cell{{text: name}, {text: stateLabel(m.AgencyState(a))}}})
				first = false
			}
			service := cell{"—", &mutedStyle}
			if at.Service != "" {
				service = cell{meeting.ServiceLabel(at.Agency, at.Service), nil}
			}
			att := cell{at.Attendance.Label(), nil}
			switch at.Attendance {
			case meeting.Apologies, meeting.DidNotAttend, meeting.ApologiesInfo:
				att.style = &alertStyle
			case meeting.NotInvited:
				att.style = &mutedStyle
			case "":
				att = orNot("")
			}
			note := cell{mw.redact.apply(fmt.Sprintf("attendees[%d].note", i), at.Note), nil}
			if strings.TrimSpace(at.Note) == "" {
				note = cell{"", nil}
			}
			t.rows = append(t.rows, row{cells: []cell{{at.Name, &strongStyle}, orNot(at.Role), service, att, note}})
		}
	}
	d.table(t)
}

func (mw *minutes) consent() {
	d, c := mw.d, mw.m.Consent
	d.section("Consent and information sharing")
	if c == nil {
		d.paragraph("No consent decision is recorded for this meeting.", noteStyle)
		c = &meeting.Consent{}
	}
	informedOn := ""
	if !c.ParentsInformedOn.IsZero() {
		informedOn = c.ParentsInformedOn.Long()
	}
	fs := []field{
		{meeting.Label("consent.status"), orNot(label(c.Status))},
		mw.text("consent.reason", c.Reason),
		mw.text("consent.decided_by", c.DecidedBy),
		mw.text("consent.authorised_by", c.AuthorisedBy),
		{meeting.Label("consent.lawful_basis"), orNot(label(c.LawfulBasis))},
		{meeting.Label("consent.parents_informed"), orNot(label(c.ParentsInformed))},
		{meeting.Label("consent.parents_informed_on"), orNot(informedOn)},
		mw.text("consent.parents_informed_reason", c.ParentsInformedReason),
		mw.text("consent.parents_views", c.ParentsViews),
	}
	// Sharing without consent needs a reason, who decided, a manager's
	// authority and a lawful basis (the inspectors found overrides
	// unexplained): what is missing is a warning, not a grey gap.
	if c.WithoutConsent() {
		var missing []string
		for i, what := range []string{1: "a reason", 2: "who decided", 3: "an authoriser", 4: "a lawful basis"} {
			if i > 0 && fs[i].value.text == notRecorded {
				fs[i].value.style = &alertStyle
				missing = append(missing, what)
			}
		}
		if len(missing) > 0 {
			how := "overridden"
			if c.Status == meeting.ConsentNotSought {
				how = "not sought"
			}
			d.box(boxAlert, "Consent "+how+" without "+joinWords(missing, "or"),
				"Information was shared without the family's consent ("+c.Status.Label()+"), but the record does not give "+joinWords(missing, "and")+
					". Sharing without consent needs a recorded reason, who decided, a manager's authorisation and a lawful basis: ask the chair.")
		}
	}
	mw.labelled(fs)
}

// joinWords joins words as a sentence does: "a, b and c".
func joinWords(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}

// decisionChildren names the children a decision covers, one per line.
func (mw *minutes) decisionChildren(ids []string) string {
	var names []string
	if len(ids) == 0 {
		for _, c := range mw.m.Children {
			names = append(names, mw.childName(c))
		}
		return strings.Join(append([]string{"All children:"}, names...), "\n")
	}
	for _, id := range ids {
		i := slices.IndexFunc(mw.m.Children, func(c meeting.Child) bool { return c.ID == id })
		if i < 0 {
			names = append(names, "Unknown child ("+id+")")
			continue
		}
		names = append(names, mw.childName(mw.m.Children[i]))
	}
	return strings.Join(names, "\n")
}

func (mw *minutes) decisions() {
	mw.section(meeting.QuestionSection47, meeting.Label("decisions"))
	f := func(key string) string { return meeting.Label("decisions[]." + key) }
	t := table{
		columns: []column{{title: "No.", width: 10}, {title: f("outcome"), width: 50}, {title: f("children"), width: 38}, {title: f("rationale")}},
		header:  true, rules: true, style: tableStyle,
		empty: "No decisions are recorded for this meeting.",
	}
	for i, dec := range mw.m.Decisions {
		outcome := cell{label(dec.Outcome), &strongStyle}
		if dec.Outcome == "" {
			outcome = orNot("")
		}
		t.rows = append(t.rows, row{cells: []cell{
			{fmt.Sprint(i + 1), nil}, outcome, {mw.decisionChildren(dec.Children), nil}, orNot(mw.redact.apply(fmt.Sprintf("decisions[%d].rationale", i), dec.Rationale)),
		}})
	}
	mw.d.table(t)
}

func (mw *minutes) actions() {
	mw.d.section("Actions")
	t := table{
		columns: []column{
			{title: "No.", width: 9}, {title: "Action"}, {title: "Owner", width: 30}, {title: "Agency", width: 33},
			{title: "Due", width: 21}, {title: "Completed or status", width: 27},
		},
		header: true, rules: true, style: tableStyle,
		empty: "No actions are recorded for this meeting.",
	}
	if len(mw.m.Actions) > 0 {
		t.caption = "Status as recorded."
		if !mw.asOf.IsZero() {
			t.caption = "Status as at " + mw.asOf.Long() + ", the date of this copy."
		}
	}
	for i, a := range mw.m.Actions {
		due := actionDue(a, nil)
		agency := orNot(label(a.Agency))
		t.rows = append(t.rows, row{cells: []cell{
			{fmt.Sprint(i + 1), nil}, mw.actionWhat(i, a), orNot(mw.actionText(i, "owner", a.Owner)), agency, due, mw.actionStatus(i, a),
		}})
	}
	mw.d.table(t)
}

// actionDue is an action's due date, in style (nil: the table's), or why
// it has none.
func actionDue(a meeting.Action, style *textStyle) cell {
	switch {
	case !a.Due.IsZero():
		return cell{shortDate(a.Due), style}
	case a.Closed():
		return cell{"—", &mutedStyle} // dropped, or done: nothing is due
	}
	return cell{"No due date", &alertStyle}
}

// actionWhat is an action's description and, for one dropped, why: in the
// table's wide column, so that a long reason does not stretch the narrow
// status column down the page.
func (mw *minutes) actionWhat(i int, a meeting.Action) cell {
	c := orNot(mw.actionText(i, "description", a.Description))
	if a.DroppedReason != "" {
		c.text += "\nDropped because: " + mw.actionText(i, "dropped_reason", a.DroppedReason)
	}
	return c
}

func (mw *minutes) actionStatus(i int, a meeting.Action) cell {
	switch {
	case a.DroppedReason != "":
		return cell{"Dropped", nil}
	case !a.Completed.IsZero():
		s := "Completed\n" + shortDate(a.Completed)
		if a.CompletedLate() {
			s += ", late"
		}
		return cell{s, nil}
	case a.Done != nil:
		s := "Done since\n" + shortDate(a.Done.On)
		if a.CompletedLate() {
			s += ", late"
		}
		return cell{s, nil}
	case a.Overdue(mw.asOf):
		return cell{"OVERDUE", &alertStyle}
	case a.Due.IsZero():
		return cell{"Open, no due date", &alertStyle}
	}
	return cell{"Open", nil}
}

func (mw *minutes) signOff() {
	m, d := mw.m, mw.d
	d.section("Sign-off")
	if !m.SignedOff() {
		d.box(boxAlert, "DRAFT: not signed off", "The chair has not signed these minutes off. They may change.")
		mw.timescales()
		mw.recordID()
		return
	}
	by := strings.TrimSpace(m.SignedOffBy)
	text := "Signed off by " + by + " on " + longTime(m.SignedOffAt) + "."
	if by == "" {
		text = "Signed off on " + longTime(m.SignedOffAt) + " (who signed off is not recorded)."
	}
	if mw.opt.Seal != "" {
		text += "\nSeal " + mw.opt.Seal + ": the audit log's seal of these minutes as they stand, amendments included. To check a copy, the chair's team runs 'strategyminutes verify' on the PDF, or with this seal."
	}
	d.box(boxInfo, "Signed off", text)
	mw.timescales()
	mw.amendments()
	mw.recordID()
}

// timescales gives the meeting's timescales in working days (Monday to
// Friday except bank holidays in England and Wales), as the partnership's
// report counts them.
func (mw *minutes) timescales() {
	m, c := mw.m, mw.opt.calendar()
	referral := orNot("")
	if n, ok := c.ReferralWorkingDays(m); ok {
		referral = cell{meeting.WorkingDaysText(n), nil}
	}
	icpc := cell{"No decision started section 47 enquiries", &mutedStyle}
	if text := c.ICPCText(m); text != "" {
		icpc = cell{text, nil}
	}
	signOff := cell{"Not signed off", &mutedStyle}
	if m.SignedOff() {
		signOff = cell{meeting.WorkingDaysText(c.WorkingDays(m.HeldOn(), meeting.UKDate(m.SignedOffAt))), nil}
	}
	sent := cell{"Not recorded as sent", &mutedStyle}
	if n, ok := c.DistributionWorkingDays(m); ok {
		sent = cell{meeting.WorkingDaysText(n) + " (first sent)", nil}
	}
	mw.d.subheading("Timescales, in working days", tableStyle.lineHeight()*3)
	mw.labelled([]field{
		{"Referral to the meeting", referral},
		{"Initial child protection conference", icpc},
		{"Meeting to sign-off", signOff},
		{"Meeting to distribution", sent},
	})
	mw.distribution()
}

// distribution lists who the minutes were sent to, as recorded since
// (follow-ups, not part of the minutes or their seal).
func (mw *minutes) distribution() {
	if len(mw.m.Distribution) == 0 {
		return
	}
	t := table{
		columns: []column{{title: "Sent to"}, {title: "Agency", width: 42}, {title: "Copy", width: 30}, {title: "Sent", width: 55}},
		header:  true, rules: true, style: tableStyle,
	}
	for _, r := range mw.m.Distribution {
		agency := orNot("")
		if r.Agency != "" {
			agency = cell{agencyName(r.Agency), nil}
		}
		t.rows = append(t.rows, row{cells: []cell{{r.Name, nil}, agency, {meeting.Copies.Label(r.Copy), nil}, {longTime(r.SentAt), nil}}})
	}
	mw.d.titledTable("Distribution (recorded since the meeting; not part of the minutes)", t)
}

// recordID names the record in the app's database, for the chair's team
// to find it ('strategyminutes list' shows it).
func (mw *minutes) recordID() {
	if id := strings.TrimSpace(mw.m.ID); id != "" {
		mw.d.paragraph("Record ID "+id, noteStyle.in(colMuted))
	}
}

// keywords are the document's: the marking, and the seal of signed-off
// minutes for 'strategyminutes verify' to read.
func keywords(opt Options) string {
	if opt.Seal == "" {
		return Marking
	}
	return Marking + "; " + SealKeyword + opt.Seal
}

// amendments lists the changes made after sign-off.
func (mw *minutes) amendments() {
	d := mw.d
	if len(mw.opt.Amendments) == 0 {
		d.paragraph("No amendments have been made since sign-off.", noteStyle)
		return
	}
	t := table{
		columns: []column{{title: "No.", width: 10}, {title: "When", width: 34}, {title: "By", width: 32}, {title: "Reason"}, {title: "Fields changed", width: 50}},
		header:  true, rules: true, style: tableStyle,
		caption: "Amended since sign-off: these minutes show the record as amended, and each amendment's fields are listed below.",
	}
	for i, a := range mw.opt.Amendments {
		var fields []string
		for _, c := range a.Changes {
			fields = append(fields, meeting.DescribeField(c.Field))
		}
		t.rows = append(t.rows, row{cells: []cell{
			{fmt.Sprint(i + 1), nil}, orNot(longTime(a.At)), orNot(a.By), orNot(mw.redact.apply(fmt.Sprintf("amendments[%d].reason", i), a.Reason)), orNot(strings.Join(fields, "\n")),
		}})
	}
	d.table(t)
}

// fieldName says which field an interchange path names, as people read it:
// "attendees[2].note" is "Attendee 3: note". The minutes label the record's
// fields by meeting.DescribeField; this is for paths outside the record
// ("amendments[0].reason") in the distribution copy's report (redact.go).
func fieldName(path string) string {
	var parts []string
	for p := range strings.SplitSeq(path, ".") {
		name, n := p, ""
		if i := strings.IndexByte(p, '['); i > 0 && strings.HasSuffix(p, "]") {
			if k, err := strconv.Atoi(p[i+1 : len(p)-1]); err == nil {
				name, n = p[:i], strconv.Itoa(k+1)
			}
		}
		name = strings.ReplaceAll(name, "_", " ")
		if n != "" {
			switch name {
			case "children":
				name = "child"
			default:
				name = strings.TrimSuffix(name, "s")
			}
			name += " " + n
		}
		parts = append(parts, name)
	}
	s := strings.Join(parts, ": ")
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// Dates as people in England write them, in UK local time.
func longTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(meeting.UK).Format("Monday 2 January 2006, 15:04 MST")
}

func shortDate(d meeting.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time(time.UTC).Format("2 Jan 2006")
}
