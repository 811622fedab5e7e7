package meeting

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// What a killed write left beside the file is removed by the next write
// of the same name, once it is old enough not to be another write's.
func TestWriteFileRemovesLeftovers(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "export.json")
	old := filepath.Join(dir, ".export.json.123.tmp")
	fresh := filepath.Join(dir, ".export.json.456.tmp")
	other := filepath.Join(dir, ".notes.txt.789.tmp")
	for _, p := range []string{old, fresh, other} {
		os.WriteFile(p, []byte("half an export"), 0o600)
	}
	hourAgo := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old, hourAgo, hourAgo)
	os.Chtimes(other, hourAgo, hourAgo)
	if err := WriteFile(path, func(f *os.File) error { _, err := f.WriteString("{}"); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("an old leftover was kept")
	}
	for _, p := range []string{fresh, other, path} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
		}
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", info.Mode())
	}
}

// A workbook is known by its first zip entry: ours ("xl/...") and Excel's
// ("[Content_Types].xml"), never another zip or a PDF.
func TestKindReportXLSX(t *testing.T) {
	zip := func(name string) []byte { return append([]byte("PK\x03\x04"+string(make([]byte, 26))), name...) }
	tests := []struct {
		name string
		head []byte
		want bool
	}{
		{"ours", zip("xl/worksheets/sheet9.xml"), true},
		{"Excel's", zip("[Content_Types].xml"), true},
		{"another zip", zip("photos/child.jpg"), false},
		{"a PDF", []byte("%PDF-1.7"), false},
		{"too short", []byte("PK\x03\x04"), false},
	}
	for _, tt := range tests {
		if got := KindReportXLSX.Is(tt.head); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
