package pdf

import (
	"slices"
	"strconv"
	"strings"

	"strategyminutes/meeting"
)

// A character no embedded font has (an emoji, a script the app does not
// ship a font for) is drawn as a visible substitute, never dropped, and the
// export says which fields had one. What follows lets the editor warn as the
// chair types, and the export name the fields: by their paths, never their
// text, which is about children and must not reach a log or a message.

// Unprintable returns the characters of s that the PDF cannot print, each
// once, in the order they first appear: the PDF shows each as the substitute
// "�". The editor calls it as the chair types, to warn at once. Parts of an
// emoji sequence (skin tones, joined emoji, flags) count with the emoji they
// belong to; invisible formatting characters, which the PDF drops, do not
// count.
func Unprintable(s string) []rune {
	set, err := covered()
	if err != nil {
		return nil // the fonts are embedded: a test rules this out
	}
	var out []rune
	set.cleanFunc(s, true, func(r rune) {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	})
	return out
}

// UnprintableFields returns the interchange paths of the fields (such as
// "children[0].name" or "amendments[1].reason") whose text, as the copy
// made with opt prints it, has a character the PDF cannot print, in the
// order of the record: what the editor can warn of before an export.
// WriteMinutes reports, through opt.OnUnprintable, those of them that the
// minutes print.
func UnprintableFields(m *meeting.Meeting, opt Options) []string {
	return unprintableFields(m, opt, nil)
}

// unprintableFields is UnprintableFields, counting only the characters in
// drawn when it is not nil.
func unprintableFields(m *meeting.Meeting, opt Options, drawn map[rune]bool) []string {
	if m == nil {
		return nil
	}
	var redact *redactor
	if opt.Initials {
		redact = newRedactor(m)
	}
	var out []string
	check := func(path, text string) {
		for _, r := range Unprintable(text) {
			if drawn == nil || drawn[r] {
				out = append(out, path)
				return
			}
		}
	}
	for _, c := range meeting.Diff(nil, m) { // every field that has a value
		text := c.After
		if opt.Initials {
			if isChildName(c.Field) {
				text = initials(text) // the copy prints only the initials
			} else {
				text = redact.apply(c.Field, text)
			}
		}
		check(c.Field, text)
	}
	for i, a := range opt.Amendments {
		pre := "amendments[" + strconv.Itoa(i) + "]."
		check(pre+"by", a.By)
		check(pre+"reason", redact.apply(pre+"reason", a.Reason))
	}
	return out
}

// isChildName reports whether path is a child's name, "children[N].name".
func isChildName(path string) bool {
	rest, ok := strings.CutPrefix(path, "children[")
	if !ok {
		return false
	}
	_, name, ok := strings.Cut(rest, "]")
	return ok && name == ".name"
}

// FieldLabel says which field a path names, as people read it, as the
// distribution copy's report does: "children[0].name" is "Child 1, Name".
// The editor and the export's warning use it to name a field without
// quoting its text.
func FieldLabel(path string) string {
	if _, ok := meeting.FieldOf(path); ok {
		return meeting.DescribeField(path)
	}
	return fieldName(path) // outside the record: "amendments[0].by"
}

// reportUnprintable tells opt.OnUnprintable, if set, which fields of the
// minutes just written printed a substitute: those of UnprintableFields
// with a character the document did draw as one (a field the minutes do
// not print is not reported).
func reportUnprintable(m *meeting.Meeting, opt Options, drawn map[rune]bool) {
	if opt.OnUnprintable == nil || len(drawn) == 0 {
		return
	}
	for _, f := range unprintableFields(m, opt, drawn) {
		opt.OnUnprintable(f)
	}
}
