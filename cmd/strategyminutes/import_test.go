package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withStdin runs fn with os.Stdin reading data through a pipe.
func withStdin(t *testing.T, data []byte, fn func()) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		w.Write(data)
		w.Close()
	}()
	saved := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = saved; r.Close() }()
	fn()
}

// "import -" reads standard input once: it is checked and imported from
// the same bytes.
func TestImportStandardInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	withStdin(t, readFile(t, example), func() {
		code, stdout, stderr := cli(t, "--db", db, "import", "-")
		if code != exitOK || !strings.Contains(stdout, "2 added") {
			t.Errorf("import -: %d %s %s", code, stdout, stderr)
		}
	})
	withStdin(t, []byte(`{"format": "strategy-minutes", "version": 1, "meetings": [], "meetings": []}`), func() {
		code, _, stderr := cli(t, "--db", db, "import", "-")
		if code != exitError || !strings.Contains(stderr, "standard input: line 1, column 62: meetings: key given twice") {
			t.Errorf("bad standard input: %d %s", code, stderr)
		}
	})
	withStdin(t, readFile(t, example), func() {
		code, _, stderr := cli(t, "--db", db, "import", "-", "-")
		if code != exitError || !strings.Contains(stderr, "standard input (-) is named twice") {
			t.Errorf("- twice: %d %s", code, stderr)
		}
	})
	entries, _ := filepath.Glob(filepath.Join(os.TempDir(), "strategyminutes-import-*"))
	if len(entries) > 0 {
		t.Errorf("temporary copies left: %v", entries)
	}
}

// spoil replaces old, which must be in data, by new.
func spoil(t *testing.T, data []byte, old, new string) []byte {
	t.Helper()
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s is not in the file", old)
	}
	return bytes.Replace(data, []byte(old), []byte(new), 1)
}

// No import error repeats a value of the file: names, dates of birth and
// free text put in the wrong field stay out of standard error.
func TestImportErrorsNeverQuoteValues(t *testing.T) {
	const sentinel = "SENTINEL-PERSONAL"
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	ex := readFile(t, example)
	files := [][]byte{
		spoil(t, ex, `"agency": "health",`, `"agency": "Dr `+sentinel+`",`),
		spoil(t, ex, `"date_of_birth": "2016-09-14"`, `"date_of_birth": "`+sentinel+`"`),
		spoil(t, ex, `"date_of_birth": "2016-09-14"`, `"date_of_birth": "2099-09-14", "name": "`+sentinel+`"`),
		spoil(t, ex, `"status": "overridden"`, `"status": "`+sentinel+`"`),
		spoil(t, ex, `"outcome": "s47_joint"`, `"outcome": "`+sentinel+`"`),
		spoil(t, ex, `"children": [
            "c1"
          ]`, `"children": ["`+sentinel+`"]`),
		spoil(t, ex, `"held_at": "2025-06-03T10:30:00+01:00"`, `"held_at": "`+sentinel+`"`),
		spoil(t, ex, `"referrer": true`, `"referrer": "`+sentinel+`"`),
		spoil(t, ex, `"mode": "virtual",`, `"mode": "virtual", "`+sentinel+`": "`+sentinel+`",`),
		spoil(t, ex, `"name": "Amelia Kowalczyk"`, `"name": "`+sentinel+`\ud800"`),
		spoil(t, ex, `"name": "Amelia Kowalczyk"`, `"name": "`+sentinel+strings.Repeat("x", 300)+`"`),
		spoil(t, ex, `"name": "Amelia Kowalczyk"`, `"name": `+sentinel),
		spoil(t, ex, `"format": "strategy-minutes"`, `"format": "`+sentinel+`"`),
	}
	for i, data := range files {
		path := filepath.Join(dir, "f.json")
		os.WriteFile(path, data, 0o600)
		code, stdout, stderr := cli(t, "--db", db, "import", path)
		if code != exitError {
			t.Errorf("file %d: exit %d", i, code)
		}
		if strings.Contains(stdout+stderr, sentinel) || strings.Contains(stdout+stderr, "SENTI") {
			t.Errorf("file %d: a value is quoted:\n%s", i, stderr)
		}
	}
}

// Sample and real never mix: a demo export is marked, and refused by a
// database of real meetings; real meetings are refused by a sample
// database; an empty database takes a sample file and becomes a sample one.
func TestImportKeepsSampleAndRealApart(t *testing.T) {
	dir := t.TempDir()
	sampleDB, realDB, fresh := filepath.Join(dir, "sample.db"), filepath.Join(dir, "real.db"), filepath.Join(dir, "fresh.db")
	if code, _, stderr := cli(t, "--db", sampleDB, "demo", "--meetings", "20"); code != exitOK {
		t.Fatal(stderr)
	}
	exported := filepath.Join(dir, "demo.json")
	if code, _, stderr := cli(t, "--db", sampleDB, "export", "--out", exported); code != exitOK {
		t.Fatal(stderr)
	}
	if !bytes.Contains(readFile(t, exported), []byte("\"sample\": true,\n")) {
		t.Fatal("the demo export is not marked sample")
	}
	if code, _, stderr := cli(t, "--db", realDB, "import", example); code != exitOK {
		t.Fatal(stderr)
	}
	before := readFile(t, realDB)
	code, _, stderr := cli(t, "--db", realDB, "import", exported)
	if code != exitError || !strings.Contains(stderr, "holds real records") || !strings.Contains(stderr, "use --db with a new file") || !strings.Contains(stderr, "nothing was imported") {
		t.Errorf("sample into real: %d %s", code, stderr)
	}
	if !bytes.Equal(before, readFile(t, realDB)) {
		t.Error("the refused import changed the real database")
	}
	code, _, stderr = cli(t, "--db", sampleDB, "import", example)
	if code != exitError || !strings.Contains(stderr, "holds sample (invented) meetings") || !strings.Contains(stderr, "use --db with another file") {
		t.Errorf("real into sample: %d %s", code, stderr)
	}
	code, _, stderr = cli(t, "--db", fresh, "import", example, exported)
	if code != exitError || !strings.Contains(stderr, "sample and real meetings never go in one database") {
		t.Errorf("both at once: %d %s", code, stderr)
	}
	if code, stdout, stderr := cli(t, "--db", fresh, "import", exported); code != exitOK || !strings.Contains(stdout, "20 added") {
		t.Fatalf("sample into empty: %d %s %s", code, stdout, stderr)
	}
	again := filepath.Join(dir, "again.json")
	cli(t, "--db", fresh, "export", "--out", again)
	if !bytes.Equal(readFile(t, exported), readFile(t, again)) {
		t.Error("the empty database did not become a sample one like the first")
	}
}

// A file cannot sign off minutes that are a draft here.
func TestImportLeavesStoredDraftsUnsigned(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	ex := readFile(t, example)
	draft := spoil(t, ex, `"signed_off_at": "2025-06-04T09:12:00+01:00",
      "signed_off_by": "Priya Raman",
`, "")
	path := filepath.Join(dir, "draft.json")
	os.WriteFile(path, draft, 0o600)
	if code, _, stderr := cli(t, "--db", db, "import", path); code != exitOK {
		t.Fatal(stderr)
	}
	code, stdout, stderr := cli(t, "--db", db, "import", example)
	if code != exitOK || !strings.Contains(stdout, "1 not imported (conflicts)") || !strings.Contains(stderr, "1 meeting is a draft in this database and signed off in the file; a file cannot sign off minutes, so it was left as a draft") {
		t.Errorf("%d %s %s", code, stdout, stderr)
	}
	_, stdout, _ = cli(t, "--db", db, "list")
	if strings.Contains(stdout, "signed off") {
		t.Errorf("the draft was signed off:\n%s", stdout)
	}
}
