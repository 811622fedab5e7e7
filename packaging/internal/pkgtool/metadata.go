package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// ExeName is the program's file name, without ".exe".
const ExeName = "strategyminutes"

// Metadata is what FyneApp.toml says about the app: the one place the
// version is written.
type Metadata struct {
	Name    string // Details.Name: "Strategy Minutes"
	ID      string // Details.ID: the app ID, also Fyne's preferences folder
	Version string // Details.Version: MAJOR.MINOR.PATCH
	Build   int    // Details.Build: a counter, the fourth number on Windows
	Icon    string // Details.Icon: the PNG icon, relative to FyneApp.toml
	Website string
}

var versionPattern = regexp.MustCompile(`^(\d+)\.(\d+)\.(\d+)$`)

// VersionNumbers returns the four numbers of a Windows version resource:
// major, minor, patch, build.
func (m Metadata) VersionNumbers() [4]int {
	var n [4]int
	parts := versionPattern.FindStringSubmatch(m.Version)
	for i := range 3 {
		n[i], _ = strconv.Atoi(parts[i+1])
	}
	n[3] = m.Build
	return n
}

// ReadMetadata reads the few keys used here from FyneApp.toml. It reads
// only the simple `key = "text"` and `key = number` lines that the file
// holds (the same lines the Makefile reads with sed), so that the release
// tools need no TOML module.
func ReadMetadata(path string) (Metadata, error) {
	f, err := os.Open(path)
	if err != nil {
		return Metadata{}, err
	}
	defer f.Close()
	var m Metadata
	section := ""
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if strings.HasPrefix(text, "[") {
			section = strings.Trim(text, "[] ")
			continue
		}
		key, value, ok := strings.Cut(text, "=")
		if !ok {
			return m, fmt.Errorf("%s:%d: expected key = value", path, line)
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		str := func() (string, error) {
			s, err := strconv.Unquote(value)
			if err != nil {
				return "", fmt.Errorf("%s:%d: %s: expected a quoted string", path, line, key)
			}
			return s, nil
		}
		switch section + "." + key {
		case ".Website":
			m.Website, err = str()
		case "Details.Name":
			m.Name, err = str()
		case "Details.ID":
			m.ID, err = str()
		case "Details.Version":
			m.Version, err = str()
		case "Details.Icon":
			m.Icon, err = str()
		case "Details.Build":
			m.Build, err = strconv.Atoi(value)
			if err != nil {
				err = fmt.Errorf("%s:%d: Build: expected a whole number", path, line)
			}
		}
		if err != nil {
			return m, err
		}
	}
	if err := sc.Err(); err != nil {
		return m, err
	}
	switch {
	case m.Name == "" || m.ID == "" || m.Icon == "":
		return m, fmt.Errorf("%s: [Details] needs Name, ID, Icon and Version", path)
	case !versionPattern.MatchString(m.Version):
		return m, fmt.Errorf("%s: Version %q is not MAJOR.MINOR.PATCH", path, m.Version)
	case m.Build < 0 || m.Build > 65535:
		return m, fmt.Errorf("%s: Build %d is outside 0..65535 (Windows versions are 16-bit numbers)", path, m.Build)
	}
	for _, n := range m.VersionNumbers() {
		if n > 65535 {
			return m, fmt.Errorf("%s: Version %s has a number above 65535 (Windows versions are 16-bit numbers)", path, m.Version)
		}
	}
	return m, nil
}
