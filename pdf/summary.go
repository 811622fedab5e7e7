package pdf

import (
	"fmt"
	"slices"
	"strings"

	"strategyminutes/meeting"
)

// Page 1 of the minutes is what a partner acts on: a police officer or a GP
// must see there what was decided for each child, what their agency must
// do and by when, when the next meeting is, what the family is told, and
// whom to ask. The record in full follows from page 2, in the order a
// meeting runs.

// subheadingStyle heads a part of the summary: smaller than a section's
// heading, so that the summary fits on its page.
var subheadingStyle = textStyle{"B", 10.5, colAccent}

// heading announces an unnumbered heading, drawn like a section's with the
// block that follows it.
func (d *document) heading(title string) { d.pending = title }

// subheading draws a heading within a section, on the same page as at
// least follow millimetres of what it introduces.
func (d *document) subheading(title string, follow float64) {
	const before, after = 2.2, 1.2
	lines := d.wrap(title, subheadingStyle, contentWidth)
	lh := subheadingStyle.lineHeight()
	d.begin(before + float64(len(lines))*lh + after + follow)
	if !d.atTop() {
		d.y += before
	}
	for _, l := range lines {
		d.text(marginX, d.y, contentWidth, l, subheadingStyle, "L")
		d.y += lh
	}
	d.y += after
}

// pageBreak starts a new page unless the page is still empty.
func (d *document) pageBreak() {
	if !d.atTop() {
		d.newPage()
	}
}

// titledTable draws a table under a subheading, the two on one page.
func (d *document) titledTable(title string, t table) {
	follow := noteStyle.lineHeight()
	if len(t.rows) > 0 {
		follow = d.tableStart(t)
	}
	d.subheading(title, follow)
	d.table(t)
}

// tableStart is the height a table takes on the page it starts on, as
// document.table reckons it: caption, header and first row (with the row
// after a band), or the whole of a short table kept whole.
func (d *document) tableStart(t table) float64 {
	widths := t.widths()
	head := 0.0
	if t.header {
		hr := t.headerRow()
		head = t.height(d.layRow(&t, hr, widths).n)
	}
	split := int((contentBottom - contentTop) / 2 / t.lineHeight())
	first := 0.0
	for i, r := range t.rows {
		first += t.height(min(d.layRow(&t, r, widths).n, split))
		if !r.band || i > 0 {
			break
		}
	}
	if t.whole {
		if all := d.tableHeight(t); all <= (contentBottom-contentTop)*0.6 {
			first = all - head
		}
	}
	caption := 0.0
	if t.caption != "" {
		caption = float64(len(d.wrap(t.caption, noteStyle, contentWidth)))*noteStyle.lineHeight() + 1.5
	}
	return caption + head + first
}

// dateOfBirth is a date of birth as this copy prints it: the year only in
// the distribution copy.
func (mw *minutes) dateOfBirth(d meeting.Date) cell {
	switch {
	case d.IsZero():
		return cell{"Not known", &notRecordedStyle}
	case mw.opt.Initials:
		return cell{fmt.Sprint(d.Year), nil}
	}
	return cell{d.Long(), nil}
}

func (mw *minutes) summary() {
	d := mw.d
	mw.childDecisions()
	mw.actionsByAgency()
	mw.nextMeeting()
	mw.familyPlan()
	// The standing notes close the summary, in small type: the summary is
	// what a partner reads first.
	page := d.pdf.PageNo()
	d.finePrint(Marking+": confidential", confidentiality)
	if mw.opt.Initials {
		d.finePrint("Distribution copy", distributionNote)
	}
	// The record in full starts on a page of its own, so that page 1 is
	// the summary alone; after notes that ran onto a page, it follows them.
	if d.pdf.PageNo() == page {
		d.pageBreak()
	}
}

// childDecisions lists, for each child, the decisions that cover them.
func (mw *minutes) childDecisions() {
	m, d := mw.m, mw.d
	t := table{
		columns: []column{
			{title: meeting.Label("children[].name"), width: 46},
			{title: meeting.Label("children[].date_of_birth"), width: 32},
			{title: meeting.Label("decisions")},
		},
		header: true, rules: true, style: tableStyle,
		empty: "No children are recorded for this meeting.",
	}
	for _, c := range m.Children {
		var outcomes []string
		for _, dec := range m.Decisions {
			if len(dec.Children) == 0 || slices.Contains(dec.Children, c.ID) {
				outcomes = append(outcomes, orNot(label(dec.Outcome)).text)
			}
		}
		decided := cell{strings.Join(outcomes, "\n"), &strongStyle}
		if len(outcomes) == 0 {
			decided = cell{"No decision recorded for this child", &alertStyle}
		}
		t.rows = append(t.rows, row{cells: []cell{{mw.childName(c), &strongStyle}, mw.dateOfBirth(c.DateOfBirth), decided}})
	}
	d.titledTable("Decisions for each child", t)
}

// agencies returns the agencies of codes in the vocabulary's order, then
// unknown codes sorted, then "" (not recorded); each once.
func agencies(codes []meeting.Agency) []meeting.Agency {
	var out, extra []meeting.Agency
	for _, a := range meeting.Agencies.Codes() {
		if slices.Contains(codes, a) {
			out = append(out, a)
		}
	}
	for _, a := range codes {
		if a != "" && !meeting.Agencies.Valid(a) && !slices.Contains(extra, a) {
			extra = append(extra, a)
		}
	}
	slices.Sort(extra)
	out = append(out, extra...)
	if slices.Contains(codes, "") {
		out = append(out, "")
	}
	return out
}

// agencyName is an agency's label for a heading.
func agencyName(a meeting.Agency) string {
	if a == "" {
		return "Agency not recorded"
	}
	return a.Label()
}

// actionsByAgency lists the actions under their agency, each agency's
// soonest due first, numbered as in the actions section.
func (mw *minutes) actionsByAgency() {
	m, d := mw.m, mw.d
	t := table{
		columns: []column{
			{title: "No.", width: 9}, {title: meeting.Label("actions[].description")}, {title: meeting.Label("actions[].owner"), width: 32},
			{title: meeting.Label("actions[].due"), width: 23}, {title: "Status", width: 28},
		},
		header: true, rules: true, style: tableStyle,
		empty: "No actions are recorded for this meeting.",
	}
	var codes []meeting.Agency
	for _, a := range m.Actions {
		codes = append(codes, a.Agency)
	}
	for _, ag := range agencies(codes) {
		var idx []int
		for i, a := range m.Actions {
			if a.Agency == ag {
				idx = append(idx, i)
			}
		}
		// Soonest first; an action with no due date last, where its alert
		// still shows.
		slices.SortStableFunc(idx, func(i, j int) int {
			a, b := m.Actions[i].Due, m.Actions[j].Due
			switch {
			case a.IsZero() && b.IsZero():
				return 0
			case a.IsZero():
				return 1
			case b.IsZero():
				return -1
			case a.Before(b):
				return -1
			case b.Before(a):
				return 1
			}
			return 0
		})
		open := 0
		for _, i := range idx {
			if !m.Actions[i].Closed() {
				open++
			}
		}
		t.rows = append(t.rows, row{band: true, cells: []cell{{text: agencyName(ag)}, {text: fmt.Sprintf("%s, %d open", meeting.Plural(len(idx), "action"), open)}}})
		for _, i := range idx {
			a := m.Actions[i]
			due := actionDue(a, &strongStyle)
			t.rows = append(t.rows, row{cells: []cell{
				{fmt.Sprint(i + 1), nil},
				mw.actionWhat(i, a),
				orNot(mw.actionText(i, "owner", a.Owner)),
				due, mw.actionStatus(i, a),
			}})
		}
	}
	d.titledTable("Actions by agency", t)
}

// actionText is a text of action i as this copy prints it. Page 1 and the
// actions section print the same text: it is redacted once, so that the
// distribution copy's account of what it changed counts each name once.
func (mw *minutes) actionText(i int, key, s string) string {
	path := fmt.Sprintf("actions[%d].%s", i, key)
	if t, ok := mw.actionTexts[path]; ok {
		return t
	}
	if mw.actionTexts == nil {
		mw.actionTexts = map[string]string{}
	}
	t := mw.redact.apply(path, s)
	mw.actionTexts[path] = t
	return t
}

// nextMeeting gives the next meeting and, when a decision started section
// 47 enquiries, the initial child protection conference's last day (the
// 15th working day after the meeting), on one line: two dates a partner
// diarises.
func (mw *minutes) nextMeeting() {
	next := "No further meeting set"
	if !mw.m.NextMeetingAt.IsZero() {
		next = longTime(mw.m.NextMeetingAt)
	}
	keys := [][2]string{{meeting.Label("next_meeting_at"), next}}
	switch r := mw.m.ICPC; {
	case r != nil && !r.HeldOn.IsZero():
		keys = append(keys, [2]string{"Initial conference held on", r.HeldOn.Long()})
	case r != nil:
		keys = append(keys, [2]string{"Initial conference", "not needed"})
	default:
		if due, ok := mw.opt.calendar().ICPCDue(mw.m); ok {
			keys = append(keys, [2]string{"Initial conference due by", due.Long()})
		}
	}
	mw.d.keyLine(keys...)
}

// keyLine draws subheadings each with its value after it, side by side on
// one line (or a line each when they do not fit), for facts that need no
// more: the next meeting, the conference's due date.
func (d *document) keyLine(keys ...[2]string) {
	const before, after, between = 2.2, 1.2, 8
	vs := bodyStyle.bold()
	lh := subheadingStyle.lineHeight()
	widths := make([]float64, len(keys))
	total := 0.0
	for i, k := range keys {
		d.use(subheadingStyle)
		kw := d.pdf.GetStringWidth(k[0]) + 4
		d.use(vs)
		widths[i] = kw + d.pdf.GetStringWidth(k[1])
		total += widths[i] + between
	}
	oneLine := total-between <= contentWidth
	lines := len(keys)
	if oneLine {
		lines = 1
	}
	d.begin(before + float64(lines)*lh + after)
	if !d.atTop() {
		d.y += before
	}
	x := marginX
	for i, k := range keys {
		if !oneLine && i > 0 {
			x, d.y = marginX, d.y+lh
		}
		d.use(subheadingStyle)
		key := d.truncate(k[0], subheadingStyle, contentWidth/2)
		kw := d.pdf.GetStringWidth(key) + 4
		d.text(x, d.y, kw, key, subheadingStyle, "L")
		// The value's smaller type sits on the key's baseline.
		room := marginX + contentWidth - x - kw
		d.text(x+kw, d.y+(lh-vs.lineHeight())*0.75, room, d.truncate(k[1], vs, room), vs, "L")
		x += widths[i] + between
	}
	d.y += lh + after
	d.gap(blockGap)
}

// familyPlan says what each member of the family is told, by whom and
// when, or that it is withheld, why and until when.
func (mw *minutes) familyPlan() {
	m, d := mw.m, mw.d
	mw.answered(meeting.QuestionFamily, "in the summary")
	t := table{
		columns: []column{
			{title: meeting.Label("family_plan[].person"), width: 38}, {title: meeting.Label("family_plan[].what")},
			{title: meeting.Label("family_plan[].by"), width: 30}, {title: meeting.Label("family_plan[].on"), width: 22},
		},
		header: true, rules: true, style: tableStyle,
	}
	for i, l := range m.FamilyPlan {
		f := fmt.Sprintf("family_plan[%d]", i)
		who := mw.redact.name(f+".person", l.Person)
		if l.Relationship != "" {
			who += "\n" + l.Relationship.Label()
		}
		r := row{cells: []cell{orNot(who)}}
		switch {
		case l.Withheld:
			what := "Withheld"
			if !l.WithheldUntil.IsZero() {
				what += " until " + l.WithheldUntil.Long()
			}
			reason := cell{what + ": " + mw.redact.apply(f+".withheld_reason", l.WithheldReason), &strongStyle}
			if strings.TrimSpace(l.WithheldReason) == "" {
				reason = cell{what + ": no reason recorded", &alertStyle}
			}
			r.cells = append(r.cells, reason, cell{"—", &mutedStyle}, cell{"—", &mutedStyle})
		default:
			on := cell{"Not recorded", &alertStyle}
			if !l.On.IsZero() {
				on = cell{shortDate(l.On), nil}
			}
			r.cells = append(r.cells, mw.needed(mw.redact.apply(f+".what", l.What)), mw.needed(mw.redact.apply(f+".by", l.By)), on)
		}
		t.rows = append(t.rows, r)
	}
	if len(t.rows) > 0 {
		d.titledTable(meeting.Label("family_plan"), t)
		return
	}
	d.subheading(meeting.Label("family_plan"), 14)
	// Minutes from before the family plan was asked for say only whether
	// the parents were told, in the consent record.
	c := m.Consent
	if c == nil || c.ParentsInformed == "" {
		d.box(boxAlert, "What the family is told is not recorded", "No plan for what the family is told is recorded: ask the chair before speaking to the family.")
		return
	}
	text := meeting.Label("consent.parents_informed") + ": " + c.ParentsInformed.Label()
	if !c.ParentsInformedOn.IsZero() {
		text += ", " + c.ParentsInformedOn.Long()
	}
	if r := strings.TrimSpace(c.ParentsInformedReason); r != "" {
		text += ". " + mw.redact.apply("consent.parents_informed_reason", r)
	}
	d.paragraph("No plan for each family member is recorded; the consent record says:", noteStyle)
	d.paragraph(text, bodyStyle)
}

// needed is a value the plan needs: "Not recorded" in the alert style when
// it is empty.
func (mw *minutes) needed(s string) cell {
	if strings.TrimSpace(s) == "" {
		return cell{notRecorded, &alertStyle}
	}
	return cell{s, nil}
}

// issuedBy names the authority that issued the minutes (the settings).
func (mw *minutes) issuedBy() field {
	return field{"Issued by", orNot(strings.TrimSpace(mw.opt.Authority))}
}

// queriesTo says whom partners ask about the minutes: the contact in the
// settings, else the chair.
func (mw *minutes) queriesTo() field {
	contact := orNot(strings.TrimSpace(mw.opt.Contact))
	if chair := strings.TrimSpace(mw.m.Chair); contact.text == notRecorded && chair != "" {
		contact = cell{"The chair, " + chair, nil}
	}
	return field{"Queries to", contact}
}

// fineStyle is the standing notes' type.
var fineStyle = textStyle{"", 7.5, colMuted}

// finePrint draws a standing note in small type, its title in bold with
// the text run on after it, under a thin rule and kept on one page.
func (d *document) finePrint(title, text string) {
	head := fineStyle.bold().in(colText)
	type line struct{ title, text string }
	var lines []line
	title += "."
	// Wrapped a little short: the title is set in bold, which is wider.
	for k, l := range d.wrap(title+" "+text, fineStyle, contentWidth-4) {
		if k == 0 && strings.HasPrefix(l, title) {
			lines = append(lines, line{title, strings.TrimPrefix(l, title)})
			continue
		}
		lines = append(lines, line{text: l})
	}
	lh := fineStyle.lineHeight()
	d.begin(1.4 + lh*float64(len(lines)))
	d.rule(d.y, colRule, 0.15)
	d.y += 1.4
	for _, l := range lines {
		x := marginX
		if l.title != "" {
			d.text(x, d.y, contentWidth, l.title, head, "L")
			d.use(head)
			x += d.pdf.GetStringWidth(l.title)
		}
		d.text(x, d.y, contentWidth-(x-marginX), l.text, fineStyle, "L")
		d.y += lh
	}
	d.gap(blockGap)
}
