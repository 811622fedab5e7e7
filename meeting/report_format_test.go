package meeting_test

import (
	"errors"
	"strings"
	"testing"

	"strategyminutes/meeting"
)

func TestFinancialYear(t *testing.T) {
	tests := []struct{ day, first, last string }{
		{"2026-04-30", "2026-04-01", "2027-03-31"},
		{"2026-04-01", "2026-04-01", "2027-03-31"},
		{"2026-03-31", "2025-04-01", "2026-03-31"},
		{"2026-01-01", "2025-04-01", "2026-03-31"},
		{"2025-12-31", "2025-04-01", "2026-03-31"},
	}
	for _, tt := range tests {
		first, last := meeting.FinancialYear(d(tt.day))
		if first.String() != tt.first || last.String() != tt.last {
			t.Errorf("FinancialYear(%s) = %s, %s", tt.day, first, last)
		}
	}
}

// The CSV of the edge cases, byte for byte: the layout is a contract with
// the partnership's spreadsheets (docs/report.md).
const edgeCasesCSV = `
# report
from,to,as_of,meetings,marking
2025-04-01,2025-06-30,2025-07-15,5,OFFICIAL-SENSITIVE

# headline
figure,label,value,detail
meetings,Meetings,5,held in the period
missing_statutory,Missing a statutory partner,0.8,4 of 5 meetings
health_attended,Health attended,0.4,2 of 5 meetings
police_attended,Police attended,0.4,2 of 5 meetings
without_consent,Shared without consent,0.4,2 of 5 meetings: overridden or not sought
without_consent_no_reason,"Without consent, no reason recorded",0.5,1 of those 2 meetings
parents_views_not_recorded,Parents' views not recorded,0.6,3 of 5 meetings
section47,Section 47 enquiry decided,0.4,2 of 5 meetings
overdue_actions,Overdue actions,1,"16.7% of 6 actions, as of 15 July 2025"

# agencies
agency,label,attended,information_only,absent,not_invited,attendance_rate
social_care,Children's social care,4,0,0,1,0.8
police,Police,2,0,1,2,0.4
health,Health,2,1,1,1,0.4
education,Education,1,0,0,4,0.2
early_help,Early help,0,0,0,5,0
housing,Housing,0,0,1,4,0
probation,Probation,0,0,0,5,0
youth_justice,Youth justice,0,0,0,5,0
adult_social_care,Adult social care,0,0,0,5,0
domestic_abuse,Domestic abuse service,0,0,0,5,0
voluntary,Voluntary sector,0,0,0,5,0
legal,Legal services,0,0,0,5,0
other,Other,0,0,0,5,0

# health_services
service,label,attended,information_only,absent,attendance_rate
health,"Health, any service",2,1,1,0.4
gp,GP,1,0,1,0.2
health_visitor,Health visitor,0,1,0,0
school_nurse,School nurse,0,0,0,0
midwife,Midwife,1,0,0,0.2
paediatrician,Paediatrician,0,0,0,0
emergency_department,Emergency department,0,0,0,0
camhs,CAMHS,0,0,1,0
adult_mental_health,Adult mental health,0,0,0,0
substance_misuse,Substance misuse service,0,0,0,0
named_nurse,Named / designated nurse,0,0,0,0
other,Other health service,0,0,0,0
not_recorded,Attended with no service recorded,1,,,0.2

# missing_statutory
partner,label,meetings,rate
social_care,Children's social care,1,0.2
police,Police,3,0.6
health,Health,3,0.6
any,Any statutory partner,4,0.8

# missing_statutory_meetings
meeting,reference
m1,SM-2025-00101
m2,
m3,
m4,

# consent
consent,label,meetings,rate
given,Sought and given,1,0.2
refused,Sought and refused,1,0.2
overridden,"Refused or withheld, and overridden",1,0.2
not_sought,Not sought,1,0.2
not_recorded,No consent record,1,0.2
without_consent,Without consent (overridden or not sought),2,0.4
without_consent_no_reason,of which no reason recorded,1,0.2
parents_views_not_recorded,Parents' views not recorded,3,0.6

# outcomes
outcome,label,meetings,rate
s47_joint,"Section 47 enquiry, joint with police",1,0.2
s47_single,"Section 47 enquiry, single-agency",1,0.2
assessment,"Child and family assessment (section 17), threshold not met",0,0
early_help,Early help,1,0.2
no_further_action,No further action,1,0.2
further_strategy,Further strategy meeting,0,0
police_protection,Police protection,1,0.2
emergency_protection_order,Emergency protection order,0,0
s20_accommodation,Section 20 accommodation,0,0
safety_plan,Safety plan,0,0
medical,Child protection medical,1,0.2
abe_interview,Achieving best evidence interview,0,0
legal_planning,Legal planning meeting,0,0
lado_referral,LADO referral,0,0
icpc,Initial child protection conference,0,0
section47,Any section 47 enquiry (joint or single-agency),2,0.4

# actions
actions,label,number,rate
total,Agreed,6,
no_due_date,No due date,2,0.3333
overdue,"Overdue at 15 July 2025 (due before it, not completed)",1,0.1667
completed_late,Completed late,1,0.1667

# monthly
month,meetings,social_care,police,health,education,missing_statutory
2025-04,1,1,1,0,1,1
2025-05,1,1,0,1,0,1
2025-06,3,2,1,1,0,2

# quarterly
quarter,meetings,social_care_rate,police_rate,health_rate,education_rate,missing_statutory_rate
2025-04/2025-06,5,0.8,0.4,0.4,0.2,0.8

# yearly
year,meetings,social_care_rate,police_rate,health_rate,education_rate,missing_statutory_rate
2025-04/2025-06,5,0.8,0.4,0.4,0.2,0.8

# referral_to_meeting
measure,label,meetings,rate
recorded,Referral time recorded,2,
same_or_next_working_day,Same or next working day,1,0.5
over_5_working_days,More than 5 working days,0,0
median_working_days,"Median, in working days",3,
not_recorded,Referral time not recorded,3,

# icpc
measure,label,meetings,rate
due,Due (a section 47 decision),2,
held_in_time,Held in time,0,0
held_late,Held late,0,0
not_needed,Not needed (reason recorded),0,0
overdue,"Overdue at 15 July 2025 (due before it, none recorded)",2,1
pending,"Not yet due, none recorded",0,0

# repeat_meetings
measure,label,children,rate
children,Children (case references),0,
more_than_one,At two or more of the period's meetings,0,
three_or_more,At three or more,0,
no_case_reference,Entered without a case reference (not linked),1,

`

// The text of the edge cases, byte for byte.
const edgeCasesText = `
Partner participation in strategy meetings
Meetings held 1 April 2025 to 30 June 2025 (UK dates); actions as of 15 July 2025.

Meetings                                 5  held in the period
Missing a statutory partner          80.0%  4 of 5 meetings
Health attended                      40.0%  2 of 5 meetings
Police attended                      40.0%  2 of 5 meetings
Shared without consent               40.0%  2 of 5 meetings: overridden or not sought
Without consent, no reason recorded  50.0%  1 of those 2 meetings
Parents' views not recorded          60.0%  3 of 5 meetings
Section 47 enquiry decided           40.0%  2 of 5 meetings
Overdue actions                          1  16.7% of 6 actions, as of 15 July 2025

Agencies
Agency                  Attended  Information sent only  Absent  Not invited  Attended %
Children's social care         4                      0       0            1       80.0%
Police                         2                      0       1            2       40.0%
Health                         2                      1       1            1       40.0%
Education                      1                      0       0            4       20.0%
Early help                     0                      0       0            5        0.0%
Housing                        0                      0       1            4        0.0%
Probation                      0                      0       0            5        0.0%
Youth justice                  0                      0       0            5        0.0%
Adult social care              0                      0       0            5        0.0%
Domestic abuse service         0                      0       0            5        0.0%
Voluntary sector               0                      0       0            5        0.0%
Legal services                 0                      0       0            5        0.0%
Other                          0                      0       0            5        0.0%

Health services
Service                            Attended  Information sent only  Absent  Attended %
Health, any service                       2                      1       1       40.0%
GP                                        1                      0       1       20.0%
Health visitor                            0                      1       0        0.0%
School nurse                              0                      0       0        0.0%
Midwife                                   1                      0       0       20.0%
Paediatrician                             0                      0       0        0.0%
Emergency department                      0                      0       0        0.0%
CAMHS                                     0                      0       1        0.0%
Adult mental health                       0                      0       0        0.0%
Substance misuse service                  0                      0       0        0.0%
Named / designated nurse                  0                      0       0        0.0%
Other health service                      0                      0       0        0.0%
Attended with no service recorded         1                                      20.0%

Statutory partners not attending
Partner                 Meetings not attended  % of meetings
Children's social care                      1          20.0%
Police                                      3          60.0%
Health                                      3          60.0%
Any statutory partner                       4          80.0%
The meetings' ids are in --format json, csv or xlsx.

Consent
Consent                                     Meetings  % of meetings
Sought and given                                   1          20.0%
Sought and refused                                 1          20.0%
Refused or withheld, and overridden                1          20.0%
Not sought                                         1          20.0%
No consent record                                  1          20.0%
Without consent (overridden or not sought)         2          40.0%
   of which no reason recorded                     1          20.0%
Parents' views not recorded                        3          60.0%

Outcomes
Outcome                                                      Meetings  % of meetings
Section 47 enquiry, joint with police                               1          20.0%
Section 47 enquiry, single-agency                                   1          20.0%
Child and family assessment (section 17), threshold not met         0           0.0%
Early help                                                          1          20.0%
No further action                                                   1          20.0%
Further strategy meeting                                            0           0.0%
Police protection                                                   1          20.0%
Emergency protection order                                          0           0.0%
Section 20 accommodation                                            0           0.0%
Safety plan                                                         0           0.0%
Child protection medical                                            1          20.0%
Achieving best evidence interview                                   0           0.0%
Legal planning meeting                                              0           0.0%
LADO referral                                                       0           0.0%
Initial child protection conference                                 0           0.0%
Any section 47 enquiry (joint or single-agency)                     2          40.0%

Actions
Actions                                                 Number  % of actions
Agreed                                                       6
No due date                                                  2         33.3%
Overdue at 15 July 2025 (due before it, not completed)       1         16.7%
Completed late                                               1         16.7%

Month by month
Month     Meetings  Social care  Police  Health  Education  Missing a statutory partner
Apr 2025         1            1       1       0          1                            1
May 2025         1            1       0       1          0                            1
Jun 2025         3            2       1       1          0                            2

Referral to meeting
Referral to meeting         Meetings  % of those recorded
Referral time recorded             2
Same or next working day           1                50.0%
More than 5 working days           0                 0.0%
Median, in working days          3.0
Referral time not recorded         3

Initial child protection conferences
Initial conference                                      Meetings  % of those due
Due (a section 47 decision)                                    2
Held in time                                                   0            0.0%
Held late                                                      0            0.0%
Not needed (reason recorded)                                   0            0.0%
Overdue at 15 July 2025 (due before it, none recorded)         2          100.0%
Not yet due, none recorded                                     0            0.0%

Children discussed more than once
Children                                       Number  % of children
Children (case references)                          0
At two or more of the period's meetings             0              —
At three or more                                    0              —
Entered without a case reference (not linked)       1
`

func TestReportWrite(t *testing.T) {
	r := edgeCasesRun(t)
	tests := []struct {
		name  string
		write func(*meeting.Report, *strings.Builder) error
		want  string
	}{
		{"csv", func(r *meeting.Report, b *strings.Builder) error { return r.WriteCSV(b) }, edgeCasesCSV},
		{"text", func(r *meeting.Report, b *strings.Builder) error { return r.WriteText(b) }, edgeCasesText},
	}
	for _, tt := range tests {
		var b strings.Builder
		if err := tt.write(r, &b); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if want := strings.TrimPrefix(tt.want, "\n"); b.String() != want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, b.String(), want)
		}
	}
}

// A meeting id that a spreadsheet would run as a formula is quoted.
func TestReportCSVQuotesFormulas(t *testing.T) {
	r := meeting.NewReport(d("2025-04-01"), d("2025-04-30"), d("2025-05-01"))
	for _, id := range []string{"=cmd", "+1", "-1", "@SUM", "plain"} {
		r.Add(&meeting.Meeting{ID: id, Reference: id, Type: meeting.TypeInitial, Mode: meeting.ModePhone, HeldAt: at("2025-04-02T10:00:00Z")})
	}
	r.Finish()
	var b strings.Builder
	if err := r.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "# missing_statutory_meetings\nmeeting,reference\n'+1,'+1\n'-1,'-1\n'=cmd,'=cmd\n'@SUM,'@SUM\nplain,plain\n\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("CSV lacks %q:\n%s", want, b.String())
	}
}

// failWriter fails every write, as a full disk does.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestReportWriteErrors(t *testing.T) {
	r := edgeCasesRun(t)
	for name, err := range map[string]error{"csv": r.WriteCSV(failWriter{}), "text": r.WriteText(failWriter{})} {
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: error %v, want the writer's", name, err)
		}
	}
}

func TestMonthLabel(t *testing.T) {
	for in, want := range map[string]string{"2025-04": "Apr 2025", "2026-12": "Dec 2026", "bad": "bad"} {
		if got := meeting.MonthLabel(in); got != want {
			t.Errorf("MonthLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

// A period that runs past the as-of date says its figures are to date, in
// every rendering that states the period.
func TestReportToDate(t *testing.T) {
	for _, tt := range []struct{ from, to, asOf, want string }{
		{"2026-04-01", "2027-03-31", "2026-12-02", "year to date, as of 2 December 2026"},
		{"2026-10-01", "2026-12-31", "2026-12-02", "to date, as of 2 December 2026"},
		{"2026-04-01", "2027-03-31", "2027-03-31", ""}, // the last day: the period is complete
		{"2025-04-01", "2026-03-31", "2026-04-30", ""}, // a year-end report
		{"2027-04-01", "2028-03-31", "2026-12-02", ""}, // all of it still to come: not "to date"
	} {
		r := meeting.NewReport(d(tt.from), d(tt.to), d(tt.asOf))
		r.Finish()
		if got := r.ToDate(); got != tt.want {
			t.Errorf("%s to %s as of %s: %q, want %q", tt.from, tt.to, tt.asOf, got, tt.want)
		}
		var b strings.Builder
		if err := r.WriteText(&b); err != nil {
			t.Fatal(err)
		}
		if said := strings.Contains(b.String(), "the period has not ended"); said != (tt.want != "") {
			t.Errorf("%s to %s as of %s: the text says it has not ended: %v", tt.from, tt.to, tt.asOf, said)
		}
	}
}
