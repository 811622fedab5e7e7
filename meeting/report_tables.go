package meeting

import (
	"fmt"
	"strconv"
)

// A ReportTable is one table of the report as every rendering shows it
// (the text, the PDF, the Reports view): its figures are written here once,
// so that the renderings cannot drift apart; they only lay it out.
type ReportTable struct {
	Title   string
	Caption string
	Header  []string // the label column's title, then the figures'
	Rows    []ReportRow
}

// A ReportRow is a label and its figures, already written; Total rows are
// shown in bold.
type ReportRow struct {
	Cells []string
	Total bool
}

// Share writes n / of as a percentage to one decimal place, or "—" when
// there is nothing to divide by: 0% of nothing would say something untrue.
func Share(n, of int) string {
	if of <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", Rate(n, of)*100)
}

// Tables are every table of the report written on this model, in the
// order the text and the PDF show them.
func (r *Report) Tables() []ReportTable {
	return append([]ReportTable{r.HealthTable()}, r.TimelinessTables()...)
}

// HealthTable is how each health service took part in the period's
// meetings, by every state, beside health as a whole.
func (r *Report) HealthTable() ReportTable {
	health := r.Agency(AgencyHealth)
	t := ReportTable{
		Title: "Health services",
		Caption: "Meetings each health service attended, sent information to only, or was absent from (apologies, did not attend). " +
			"A meeting counts once for each service, so the services can add up to more than health's.",
		Header: []string{"Service", "Attended", "Information sent only", "Absent", "Attended %"},
		Rows: []ReportRow{{Cells: []string{"Health, any service", Count(health.Attended), Count(health.InformationOnly), Count(health.Absent),
			Share(health.Attended, r.Meetings)}, Total: true}},
	}
	for _, s := range r.HealthServices {
		t.Rows = append(t.Rows, ReportRow{Cells: []string{ServiceLabel(AgencyHealth, s.Service), Count(s.Attended), Count(s.InformationOnly),
			Count(s.Absent), Share(s.Attended, r.Meetings)}})
	}
	t.Rows = append(t.Rows, ReportRow{Cells: []string{"Attended with no service recorded", Count(r.HealthServiceNotRecorded), "", "",
		Share(r.HealthServiceNotRecorded, r.Meetings)}})
	return t
}

// TimelinessTables are the tables of the report's timeliness and repeat
// meetings (docs/report.md).
func (r *Report) TimelinessTables() []ReportTable {
	rt, ic, rp := r.Timeliness.ReferralToMeeting, r.Timeliness.ICPC, r.Repeats
	n := Count
	median := "—"
	if rt.Recorded > 0 {
		median = strconv.FormatFloat(rt.MedianWorkingDays, 'f', 1, 64)
	}
	overdue := "Overdue (due before the as-of date, none recorded)"
	if !r.AsOf.IsZero() {
		overdue = "Overdue at " + r.AsOf.Long() + " (due before it, none recorded)"
	}
	return []ReportTable{
		{
			Title:   "Referral to meeting",
			Caption: "Working days from the referral's date to the meeting's (Monday to Friday except bank holidays in England and Wales).",
			Header:  []string{"Referral to meeting", "Meetings", "% of those recorded"},
			Rows: []ReportRow{
				{Cells: []string{"Referral time recorded", n(rt.Recorded), ""}, Total: true},
				{Cells: []string{"Same or next working day", n(rt.SameOrNextWorkingDay), Share(rt.SameOrNextWorkingDay, rt.Recorded)}},
				{Cells: []string{"More than 5 working days", n(rt.Over5WorkingDays), Share(rt.Over5WorkingDays, rt.Recorded)}},
				{Cells: []string{"Median, in working days", median, ""}},
				{Cells: []string{"Referral time not recorded", n(rt.NotRecorded), ""}},
			},
		},
		{
			Title: "Initial child protection conferences",
			Caption: fmt.Sprintf("Meetings with a section 47 decision, whose initial conference is due within %d working days, "+
				"by what is recorded of it as a follow-up.", ICPCWorkingDays),
			Header: []string{"Initial conference", "Meetings", "% of those due"},
			Rows: []ReportRow{
				{Cells: []string{"Due (a section 47 decision)", n(ic.Due), ""}, Total: true},
				{Cells: []string{"Held in time", n(ic.HeldInTime), Share(ic.HeldInTime, ic.Due)}},
				{Cells: []string{"Held late", n(ic.HeldLate), Share(ic.HeldLate, ic.Due)}},
				{Cells: []string{"Not needed (reason recorded)", n(ic.NotNeeded), Share(ic.NotNeeded, ic.Due)}},
				{Cells: []string{overdue, n(ic.Overdue), Share(ic.Overdue, ic.Due)}},
				{Cells: []string{"Not yet due, none recorded", n(ic.Pending), Share(ic.Pending, ic.Due)}},
			},
		},
		{
			Title: "Children discussed more than once",
			Caption: "Children of the period's meetings, known across meetings by case reference only; " +
				"a child entered without one is never taken to be another meeting's.",
			Header: []string{"Children", "Number", "% of children"},
			Rows: []ReportRow{
				{Cells: []string{"Children (case references)", n(rp.Children), ""}, Total: true},
				{Cells: []string{"At two or more of the period's meetings", n(rp.MoreThanOne), Share(rp.MoreThanOne, rp.Children)}},
				{Cells: []string{"At three or more", n(rp.ThreeOrMore), Share(rp.ThreeOrMore, rp.Children)}},
				{Cells: []string{"Entered without a case reference (not linked)", n(rp.NoCaseReference), ""}},
			},
		},
	}
}
