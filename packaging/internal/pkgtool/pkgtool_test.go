package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

const fyneAppToml = "../../../FyneApp.toml"

func TestReadMetadataOfTheApp(t *testing.T) {
	m, err := ReadMetadata(fyneAppToml)
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "Strategy Minutes" || m.ID == "" || !versionPattern.MatchString(m.Version) || m.Icon != "assets/icon.png" {
		t.Errorf("FyneApp.toml read as %+v", m)
	}
	// The Makefile reads the version with sed; both must agree.
	out, err := exec.Command("sed", "-n", `s/^ *Version *= *"\(.*\)"/\1/p`, fyneAppToml).Output()
	if err == nil && strings.TrimSpace(string(out)) != m.Version {
		t.Errorf("the Makefile's sed reads version %q, pkgtool %q", out, m.Version)
	}
}

func TestReadMetadataRejects(t *testing.T) {
	for name, text := range map[string]string{
		"no version":     "[Details]\nName = \"A\"\nID = \"a.b\"\nIcon = \"i.png\"\n",
		"not semver":     "[Details]\nName = \"A\"\nID = \"a.b\"\nIcon = \"i.png\"\nVersion = \"1.2\"\n",
		"too big":        "[Details]\nName = \"A\"\nID = \"a.b\"\nIcon = \"i.png\"\nVersion = \"1.70000.0\"\n",
		"build not int":  "[Details]\nName = \"A\"\nID = \"a.b\"\nIcon = \"i.png\"\nVersion = \"1.2.3\"\nBuild = \"x\"\n",
		"unquoted value": "[Details]\nName = A\n",
	} {
		path := filepath.Join(t.TempDir(), "FyneApp.toml")
		os.WriteFile(path, []byte(text), 0o644)
		if m, err := ReadMetadata(path); err == nil {
			t.Errorf("%s: accepted as %+v", name, m)
		}
	}
}

func TestICO(t *testing.T) {
	src, err := readIcon("../../../assets/icon.png")
	if err != nil {
		t.Fatal(err)
	}
	ico, err := ICO(src)
	if err != nil {
		t.Fatal(err)
	}
	var head [3]uint16
	binary.Read(bytes.NewReader(ico), binary.LittleEndian, &head)
	if head != [3]uint16{0, 1, uint16(len(ICOSizes))} {
		t.Fatalf("ICONDIR = %v", head)
	}
	for i, size := range ICOSizes {
		e := ico[6+16*i:]
		w := int(e[0])
		if w == 0 {
			w = 256
		}
		n := binary.LittleEndian.Uint32(e[8:])
		off := binary.LittleEndian.Uint32(e[12:])
		if w != size || int(e[1]) != int(e[0]) || binary.LittleEndian.Uint16(e[6:]) != 32 {
			t.Errorf("entry %d: %dpx, bit count %d; want %dpx, 32", i, w, binary.LittleEndian.Uint16(e[6:]), size)
		}
		img, err := png.Decode(bytes.NewReader(ico[off : off+n]))
		if err != nil {
			t.Errorf("entry %d: %v", i, err)
			continue
		}
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("entry %d is %v, want %dx%d", i, b, size, size)
		}
	}
}

func TestWriteWindowsResources(t *testing.T) {
	m, err := ReadMetadata(fyneAppToml)
	if err != nil {
		t.Fatal(err)
	}
	m.Icon = filepath.Join("../../..", m.Icon)
	m.Name = `Strategy "Minutes" & Co`
	m.Version, m.Build = "1.20.3", 45
	dir := t.TempDir()
	if err := WriteWindowsResources(m, dir); err != nil {
		t.Fatal(err)
	}
	rc, _ := os.ReadFile(filepath.Join(dir, "strategyminutes.rc"))
	for _, want := range []string{
		"1 ICON \"strategyminutes.ico\"",
		"1 24 \"strategyminutes.manifest\"",
		"FILEVERSION 1,20,3,45",
		`VALUE "ProductVersion", "1.20.3"`,
		`VALUE "ProductName", "Strategy ""Minutes"" & Co"`,
		`VALUE "OriginalFilename", "strategyminutes.exe"`,
	} {
		if !strings.Contains(string(rc), want) {
			t.Errorf("the resource script lacks %s:\n%s", want, rc)
		}
	}
	manifest, _ := os.ReadFile(filepath.Join(dir, "strategyminutes.manifest"))
	for _, want := range []string{`level="asInvoker"`, `version="1.20.3.45"`, "Strategy &quot;Minutes&quot; &amp; Co", "permonitorv2"} {
		if !strings.Contains(string(manifest), want) {
			t.Errorf("the manifest lacks %s:\n%s", want, manifest)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "strategyminutes.ico")); err != nil {
		t.Error(err)
	}
}

func TestWriteHicolorIcons(t *testing.T) {
	dir := t.TempDir()
	if err := WriteHicolorIcons("../../../assets/icon.png", dir, "strategyminutes"); err != nil {
		t.Fatal(err)
	}
	for _, size := range HicolorSizes {
		f, err := os.Open(filepath.Join(dir, fmt.Sprintf("%dx%d", size, size), "apps", "strategyminutes.png"))
		if err != nil {
			t.Error(err)
			continue
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != size || cfg.Height != size {
			t.Errorf("%dpx icon: %v, %dx%d", size, err, cfg.Width, cfg.Height)
		}
	}
}

// versionResource encodes a VS_VERSIONINFO the way windres does, for
// parseVersionInfo to read back.
func versionResource(fixed [4]uint16, strs [][2]string) []byte {
	block := func(key string, value []byte, text bool, valueLen int, children ...[]byte) []byte {
		var b bytes.Buffer
		b.Write(make([]byte, 6)) // wLength, wValueLength, wType: set below
		for _, c := range utf16.Encode([]rune(key + "\x00")) {
			binary.Write(&b, binary.LittleEndian, c)
		}
		for b.Len()%4 != 0 {
			b.WriteByte(0)
		}
		b.Write(value)
		for _, c := range children {
			for b.Len()%4 != 0 {
				b.WriteByte(0)
			}
			b.Write(c)
		}
		out := b.Bytes()
		binary.LittleEndian.PutUint16(out, uint16(len(out)))
		binary.LittleEndian.PutUint16(out[2:], uint16(valueLen))
		if text {
			binary.LittleEndian.PutUint16(out[4:], 1)
		}
		return out
	}
	text := func(s string) []byte {
		var b bytes.Buffer
		for _, c := range utf16.Encode([]rune(s + "\x00")) {
			binary.Write(&b, binary.LittleEndian, c)
		}
		return b.Bytes()
	}
	var entries [][]byte
	for _, kv := range strs {
		entries = append(entries, block(kv[0], text(kv[1]), true, len(utf16.Encode([]rune(kv[1])))+1))
	}
	ffi := make([]byte, 52)
	binary.LittleEndian.PutUint32(ffi, 0xfeef04bd)
	binary.LittleEndian.PutUint32(ffi[8:], uint32(fixed[0])<<16|uint32(fixed[1]))
	binary.LittleEndian.PutUint32(ffi[12:], uint32(fixed[2])<<16|uint32(fixed[3]))
	table := block("080904b0", nil, true, 0, entries...)
	sfi := block("StringFileInfo", nil, true, 0, table)
	return block("VS_VERSION_INFO", ffi, false, len(ffi), sfi)
}

func TestParseVersionInfo(t *testing.T) {
	data := versionResource([4]uint16{0, 12, 3, 7}, [][2]string{
		{"Comments", "https://example.org"},
		{"FileVersion", "0.12.3"},
		{"ProductName", "Strategy Minutes"},
		{"ProductVersion", "0.12.3"},
		{"OriginalFilename", "strategyminutes.exe"},
	})
	fixed, strs := parseVersionInfo(data)
	if fixed != "0.12.3.7" {
		t.Errorf("fixed version %q", fixed)
	}
	if strs["ProductVersion"] != "0.12.3" || strs["FileVersion"] != "0.12.3" || strs["ProductName"] != "Strategy Minutes" || strs["OriginalFilename"] != "strategyminutes.exe" {
		t.Errorf("strings %q", strs)
	}
	if _, strs := parseVersionInfo(data[:40]); len(strs) != 0 {
		t.Errorf("a cut resource gave %q", strs)
	}
}

func TestCheckExeRefusesOtherFiles(t *testing.T) {
	if _, err := CheckExe("../../../assets/icon.png", "0.1.0"); err == nil {
		t.Error("a PNG passed as a Windows executable")
	}
}
