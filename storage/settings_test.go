package storage

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// The issuing authority and the contact are kept on one line each, survive
// reopening, and are cleared by "".
func TestIssuer(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "minutes.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if a, c, err := db.Issuer(ctx); err != nil || a != "" || c != "" {
		t.Fatalf("a new database: %q, %q, %v", a, c, err)
	}
	tests := []struct {
		authority, contact, wantA, wantC string
	}{
		{"London Borough of Example", "MASH, 020 7946 0000", "London Borough of Example", "MASH, 020 7946 0000"},
		{"  London Borough\nof Example ", "MASH\r\n020 7946 0000", "London Borough of Example", "MASH 020 7946 0000"},
		{"", "MASH", "", "MASH"},
		{"", "", "", ""},
	}
	for _, tt := range tests {
		if err := db.SetIssuer(ctx, tt.authority, tt.contact); err != nil {
			t.Fatal(err)
		}
		a, c, err := db.Issuer(ctx)
		if err != nil || a != tt.wantA || c != tt.wantC {
			t.Errorf("SetIssuer(%q, %q): Issuer gives %q, %q, %v; want %q, %q", tt.authority, tt.contact, a, c, err, tt.wantA, tt.wantC)
		}
	}

	long := strings.Repeat("x", maxIssuer+1)
	if err := db.SetIssuer(ctx, long, ""); err == nil || strings.Contains(err.Error(), long) {
		t.Errorf("too long: %v", err)
	}

	if err := db.SetIssuer(ctx, "London Borough of Example", "MASH"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if a, c, err := db.Issuer(ctx); err != nil || a != "London Borough of Example" || c != "MASH" {
		t.Errorf("after reopening: %q, %q, %v", a, c, err)
	}
}
