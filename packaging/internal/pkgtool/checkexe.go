package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf16"
)

// Resource types (winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

// CheckExe checks the release executable without running it (it cannot
// run here): an amd64 program for the Windows GUI subsystem (no console
// window), with the app icon, version information saying version, and the
// manifest that asks for no administrator rights. It returns what it found.
func CheckExe(path, version string) (string, error) {
	f, err := pe.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var problems []string
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		problems = append(problems, fmt.Sprintf("machine %#x, not amd64", f.Machine))
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		return "", fmt.Errorf("%s: %s", path, strings.Join(append(problems, "not a 64-bit executable"), "; "))
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		problems = append(problems, fmt.Sprintf("subsystem %d, not Windows GUI (%d): a console window would open", oh.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI))
	}
	// Only Windows's own DLLs: a MinGW runtime DLL (libwinpthread-1.dll,
	// libgcc_s_seh-1.dll, from the "posix" flavour of the compiler) is not
	// on a laptop, and the program would not start.
	syms, err := f.ImportedSymbols() // "function:DLL"
	if err != nil {
		return "", err
	}
	var dlls []string
	for _, sym := range syms {
		if _, dll, ok := strings.Cut(sym, ":"); ok && !slices.Contains(dlls, dll) {
			dlls = append(dlls, dll)
		}
	}
	slices.Sort(dlls)
	if len(dlls) == 0 {
		problems = append(problems, "no imported DLLs found")
	}
	for _, dll := range dlls {
		if strings.HasPrefix(strings.ToLower(dll), "lib") {
			problems = append(problems, fmt.Sprintf("needs %s, which Windows does not have (use the win32 flavour of x86_64-w64-mingw32-gcc)", dll))
		}
	}
	res, err := resources(f, oh)
	if err != nil {
		return "", err
	}
	var icons, groupSizes []int
	for _, data := range res[rtIcon] {
		icons = append(icons, len(data))
	}
	for _, data := range res[rtGroupIcon] {
		// GRPICONDIR: reserved, type, count; then 14-byte entries.
		if len(data) < 6 {
			continue
		}
		n := int(binary.LittleEndian.Uint16(data[4:]))
		for i := range n {
			if e := 6 + 14*i; e < len(data) {
				size := int(data[e])
				if size == 0 {
					size = 256
				}
				groupSizes = append(groupSizes, size)
			}
		}
	}
	if len(icons) == 0 || len(groupSizes) == 0 {
		problems = append(problems, "no icon")
	}
	fileVersion, info := "", map[string]string{}
	if len(res[rtVersion]) == 0 {
		problems = append(problems, "no version information")
	} else {
		fileVersion, info = parseVersionInfo(res[rtVersion][0])
		if !strings.HasPrefix(fileVersion, version+".") {
			problems = append(problems, fmt.Sprintf("version information has file version %q, want %s.<build>", fileVersion, version))
		}
		for _, key := range []string{"FileVersion", "ProductVersion"} {
			if info[key] != version {
				problems = append(problems, fmt.Sprintf("version information %s is %q, want %q", key, info[key], version))
			}
		}
	}
	if len(res[rtManifest]) == 0 {
		problems = append(problems, "no manifest")
	} else if !bytes.Contains(res[rtManifest][0], []byte(`level="asInvoker"`)) {
		problems = append(problems, "the manifest does not say asInvoker (it could ask for administrator rights)")
	}
	if len(problems) > 0 {
		return "", fmt.Errorf("%s: %s", path, strings.Join(problems, "; "))
	}
	signed := "no"
	if sec := oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_SECURITY]; sec.Size > 0 {
		signed = fmt.Sprintf("yes (%d bytes of Authenticode signature)", sec.Size)
	}
	return fmt.Sprintf(`%s:
  machine: amd64, subsystem: Windows GUI
  DLLs: %s (all part of Windows)
  icon: %d images, sizes %v
  version information: file version %s, product %q %s, original file name %q
  manifest: asInvoker (no administrator rights)
  signed: %s
`, path, strings.Join(dlls, ", "), len(icons), groupSizes, fileVersion, info["ProductName"], info["ProductVersion"], info["OriginalFilename"], signed), nil
}

// resources reads the resource tree: type, then name, then language,
// then the data. It returns the data of each resource by type.
func resources(f *pe.File, oh *pe.OptionalHeader64) (map[uint32][][]byte, error) {
	dir := oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
	if dir.VirtualAddress == 0 || dir.Size == 0 {
		return nil, errors.New("no resources at all (no .rsrc section): the .syso was not linked")
	}
	read := func(rva, size uint32) ([]byte, error) {
		for _, s := range f.Sections {
			if rva >= s.VirtualAddress && rva+size <= s.VirtualAddress+max(s.VirtualSize, s.Size) {
				data, err := s.Data()
				if err != nil {
					return nil, err
				}
				start := rva - s.VirtualAddress
				if int(start+size) > len(data) {
					return nil, fmt.Errorf("resource at %#x runs past its section", rva)
				}
				return data[start : start+size], nil
			}
		}
		return nil, fmt.Errorf("resource at %#x is in no section", rva)
	}
	root, err := read(dir.VirtualAddress, dir.Size)
	if err != nil {
		return nil, err
	}
	// entries lists the entries of the directory at off: their IDs and
	// offsets (the high bit marks a subdirectory).
	type entry struct{ id, off uint32 }
	entries := func(off uint32) ([]entry, error) {
		if int(off)+16 > len(root) {
			return nil, errors.New("resource directory out of bounds")
		}
		n := int(binary.LittleEndian.Uint16(root[off+12:])) + int(binary.LittleEndian.Uint16(root[off+14:]))
		var out []entry
		for i := range n {
			e := int(off) + 16 + 8*i
			if e+8 > len(root) {
				return nil, errors.New("resource entry out of bounds")
			}
			out = append(out, entry{binary.LittleEndian.Uint32(root[e:]), binary.LittleEndian.Uint32(root[e+4:])})
		}
		return out, nil
	}
	const subdir = 0x80000000
	out := map[uint32][][]byte{}
	types, err := entries(0)
	if err != nil {
		return nil, err
	}
	for _, t := range types {
		if t.off&subdir == 0 {
			continue
		}
		names, err := entries(t.off &^ subdir)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			if n.off&subdir == 0 {
				continue
			}
			langs, err := entries(n.off &^ subdir)
			if err != nil {
				return nil, err
			}
			for _, l := range langs {
				if l.off&subdir != 0 || int(l.off)+16 > len(root) {
					continue
				}
				rva := binary.LittleEndian.Uint32(root[l.off:])
				size := binary.LittleEndian.Uint32(root[l.off+4:])
				data, err := read(rva, size)
				if err != nil {
					return nil, err
				}
				out[t.id] = append(out[t.id], data)
			}
		}
	}
	return out, nil
}

// parseVersionInfo returns the fixed file version (a.b.c.d) of a
// VS_VERSIONINFO resource and its strings (ProductVersion and so on).
func parseVersionInfo(data []byte) (string, map[string]string) {
	strs := map[string]string{}
	root, ok := versionBlock(data)
	if !ok {
		return "", strs
	}
	fixed := ""
	if v := root.value; len(v) >= 16 && binary.LittleEndian.Uint32(v) == 0xfeef04bd {
		ms, ls := binary.LittleEndian.Uint32(v[8:]), binary.LittleEndian.Uint32(v[12:])
		fixed = fmt.Sprintf("%d.%d.%d.%d", ms>>16, ms&0xffff, ls>>16, ls&0xffff)
	}
	for _, sfi := range root.children {
		if sfi.key != "StringFileInfo" {
			continue
		}
		for _, table := range sfi.children {
			for _, s := range table.children {
				strs[s.key] = utf16String(s.value)
			}
		}
	}
	return fixed, strs
}

// A vblock is one node of a version resource: a key, a value and children.
type vblock struct {
	key      string
	value    []byte
	children []vblock
}

// versionBlock parses the node at the start of data: wLength, wValueLength,
// wType, the key (UTF-16, NUL-terminated), padding to 32 bits, the value
// (wValueLength characters for text, bytes otherwise), padding, children.
func versionBlock(data []byte) (vblock, bool) {
	if len(data) < 6 {
		return vblock{}, false
	}
	length := int(binary.LittleEndian.Uint16(data))
	valueLength := int(binary.LittleEndian.Uint16(data[2:]))
	text := binary.LittleEndian.Uint16(data[4:]) == 1
	if length < 6 || length > len(data) {
		return vblock{}, false
	}
	data = data[:length]
	p := 6
	var key []uint16
	for ; p+1 < len(data); p += 2 {
		c := binary.LittleEndian.Uint16(data[p:])
		if c == 0 {
			p += 2
			break
		}
		key = append(key, c)
	}
	align := func(n int) int { return (n + 3) &^ 3 }
	p = align(p)
	if text {
		valueLength *= 2
	}
	b := vblock{key: string(utf16.Decode(key))}
	if p+valueLength <= len(data) {
		b.value = data[p : p+valueLength]
	}
	p = align(p + valueLength)
	for p < len(data) {
		child, ok := versionBlock(data[p:])
		if !ok {
			break
		}
		b.children = append(b.children, child)
		p = align(p + int(binary.LittleEndian.Uint16(data[p:])))
	}
	return b, true
}

// utf16String decodes a NUL-terminated little-endian UTF-16 string.
func utf16String(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		c := binary.LittleEndian.Uint16(b[i:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}
