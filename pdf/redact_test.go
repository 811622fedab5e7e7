package pdf

import (
	"testing"

	"strategyminutes/meeting"
)

func TestInitials(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Amelia Kowalczyk", "A.K."},
		{"  amelia   kowalczyk ", "A.K."},
		{"Mary-Jane Smith-Jones", "M-J.S-J."},
		{"Nguyễn Thị Hương", "N.T.H."},
		{"Nguye\u0302\u0303n", "N."},
		{"Γιώργος Παπαδόπουλος", "Γ.Π."},
		{"Şükrü Yılmaz", "Ş.Y."},
		{"Émile d'Artagnan", "É.D."},
		{"Niamh O'Connor", "N.O."},
		{"李小龙", "李."},
		{"Baby 2", "B.2."},
		{"👶🏽", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := initials(tt.name); got != tt.want {
			t.Errorf("initials(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestRedactor(t *testing.T) {
	r := newRedactor([]meeting.Child{{Name: "Amelia Kowalczyk"}, {Name: "Hope Smith-Jones"}, {Name: "Jo"}, {Name: "👶🏽 Baby"}})
	tests := []struct{ in, want string }{
		{"Amelia's bruise", "A.'s bruise"},
		{"AMELIA KOWALCZYK said", "A.K. said"},
		{"amelia kowalczyk said", "A.K. said"},
		{"Mr Kowalczyk and Ms Smith-Jones; Smith; Jones", "Mr K. and Ms S-J.; S.; J."},
		{"Hope said there is hope", "H. said there is hope"},
		{"Ameliana and Kowalczykowa are other names", "Ameliana and Kowalczykowa are other names"},
		{"Jo and Joanne", "J. and Joanne"},
		{"a 👶🏽 emoji is no name", "a 👶🏽 emoji is no name"},
		{"Baby 👶🏽 Baby", "B. B."}, // the second is the full name
		{"", ""},
	}
	for _, tt := range tests {
		if got := r.apply(tt.in); got != tt.want {
			t.Errorf("apply(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var none *redactor
	if got := none.apply("Amelia"); got != "Amelia" {
		t.Errorf("a nil redactor changed the text: %q", got)
	}
}
