// Command pkgtool makes what the release packages need besides the binary,
// from FyneApp.toml and the app icon, with the standard library and
// golang.org/x/image only (no network, no other tool):
//
//	pkgtool winres -out DIR      Windows resources: DIR/strategyminutes.ico,
//	                             .manifest and .rc (for x86_64-w64-mingw32-windres)
//	pkgtool icons -out DIR       the icon at the freedesktop hicolor sizes, as
//	                             DIR/<n>x<n>/apps/strategyminutes.png
//	pkgtool version              the version in FyneApp.toml
//	pkgtool checkexe -version V FILE.exe
//	                             checks a Windows executable: amd64, GUI
//	                             subsystem, icon, version information saying
//	                             V, and a manifest asking for no admin rights
//
// The Makefile runs it (make windows, make linux, make release).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

const usage = `usage: pkgtool [-toml FyneApp.toml] winres -out DIR
       pkgtool [-toml FyneApp.toml] icons -out DIR
       pkgtool [-toml FyneApp.toml] version
       pkgtool checkexe -version V FILE.exe`

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "pkgtool: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	global := flag.NewFlagSet("pkgtool", flag.ContinueOnError)
	tomlPath := global.String("toml", "FyneApp.toml", "the app's metadata")
	if err := global.Parse(args); err != nil {
		return err
	}
	args = global.Args()
	if len(args) == 0 {
		return fmt.Errorf("%s", usage)
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	out := fs.String("out", "", "folder to write into")
	want := fs.String("version", "", "the version the executable must carry")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if args[0] == "checkexe" {
		if fs.NArg() != 1 || *want == "" {
			return fmt.Errorf("%s", usage)
		}
		report, err := CheckExe(fs.Arg(0), *want)
		if err != nil {
			return err
		}
		fmt.Print(report)
		return nil
	}
	meta, err := ReadMetadata(*tomlPath)
	if err != nil {
		return err
	}
	// The icon path in FyneApp.toml is relative to the file.
	meta.Icon = filepath.Join(filepath.Dir(*tomlPath), meta.Icon)
	switch args[0] {
	case "version":
		fmt.Println(meta.Version)
		return nil
	case "winres":
		if *out == "" {
			return fmt.Errorf("winres: -out is needed")
		}
		return WriteWindowsResources(meta, *out)
	case "icons":
		if *out == "" {
			return fmt.Errorf("icons: -out is needed")
		}
		return WriteHicolorIcons(meta.Icon, *out, ExeName)
	}
	return fmt.Errorf("unknown command %q\n%s", args[0], usage)
}
