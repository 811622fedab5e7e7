// Command benchtable turns `go test -bench` output (and the start-up
// measurements of .ci/bench-startup) into the table of docs/benchmarks.md.
//
//	go run ./.ci/benchtable -bench bench.txt -startup startup.txt > docs/benchmarks.md
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A result is one benchmark line.
type result struct {
	name    string // without the -N suffix
	metrics []metric
}

type metric struct {
	value float64
	unit  string
}

var lineRE = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+(.*)$`)

func parse(path string) ([]result, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var out []result
	var header []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if (strings.HasPrefix(line, "cpu:") || strings.HasPrefix(line, "goos:") || strings.HasPrefix(line, "goarch:")) &&
			!slices.Contains(header, line) {
			header = append(header, line)
		}
		m := lineRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		r := result{name: m[1]}
		fields := strings.Fields(m[3])
		for i := 0; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				continue
			}
			r.metrics = append(r.metrics, metric{v, fields[i+1]})
		}
		out = append(out, r)
	}
	return out, header, sc.Err()
}

func (r result) get(unit string) (float64, bool) {
	for _, m := range r.metrics {
		if m.unit == unit {
			return m.value, true
		}
	}
	return 0, false
}

// duration writes nanoseconds in the unit that reads best.
func duration(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}

func bytesText(b float64) string {
	switch {
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MB", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f kB", b/(1<<10))
	}
	return fmt.Sprintf("%.0f B", b)
}

// split separates "BenchmarkReport/meetings=1000/year" into the operation
// and the size.
func split(name string) (op, size string) {
	name = strings.TrimPrefix(name, "Benchmark")
	parts := strings.Split(name, "/")
	var rest []string
	for _, p := range parts[1:] {
		if k, v, ok := strings.Cut(p, "="); ok && (k == "n" || k == "meetings") {
			size = v
			continue
		}
		rest = append(rest, p)
	}
	op = parts[0]
	if len(rest) > 0 {
		op += " (" + strings.Join(rest, ", ") + ")"
	}
	return op, size
}

func sh(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

func main() {
	benchPath := flag.String("bench", "", "go test -bench output")
	startupPath := flag.String("startup", "", "start-up measurements, one 'name value unit' per line")
	windowPath := flag.String("window", "", "the editor measured in a real window by e2e/, one 'what<TAB>milliseconds' per line")
	flag.Parse()
	results, header, err := parse(*benchPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	fmt.Println("# Benchmarks")
	fmt.Println()
	fmt.Println("Made by `make bench` (see the Makefile): Go benchmarks on databases of demo")
	fmt.Println("meetings made by the `demo` generator, and the app started under Xvfb. Rerun it")
	fmt.Println("and compare; the figures move with the machine and what else it is doing.")
	fmt.Println("Measurements made by hand, before and after a change, are in")
	fmt.Println("[performance.md](performance.md).")
	fmt.Println()
	fmt.Printf("- Date: %s\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	for _, h := range header {
		fmt.Printf("- %s\n", h)
	}
	fmt.Printf("- Cores: %d; Go %s\n", runtime.NumCPU(), strings.TrimPrefix(runtime.Version(), "go"))
	if mem := sh("sh", "-c", "grep MemTotal /proc/meminfo"); mem != "" {
		fmt.Printf("- %s\n", mem)
	}
	fmt.Println()
	fmt.Println("| Operation | Meetings | Time per op | p50 | p99 | Allocations per op | Memory per op |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range results {
		op, size := split(r.name)
		ns, _ := r.get("ns/op")
		cell := func(unit string, format func(float64) string) string {
			if v, ok := r.get(unit); ok {
				return format(v)
			}
			return ""
		}
		ms := func(v float64) string { return fmt.Sprintf("%.2f ms", v) }
		fmt.Printf("| %s | %s | %s | %s | %s | %s | %s |\n", op, size, duration(ns),
			cell("p50-ms", ms), cell("p99-ms", ms),
			cell("allocs/op", func(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) }),
			cell("B/op", bytesText))
	}
	startup := map[string]float64{}
	if *startupPath != "" {
		if b, err := os.ReadFile(*startupPath); err == nil {
			for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				if f := strings.Fields(line); len(f) >= 4 {
					startup[f[0]+"/"+f[1]], _ = strconv.ParseFloat(f[2], 64)
				}
			}
			fmt.Println()
			fmt.Println("## The app under Xvfb")
			fmt.Println()
			fmt.Println("| Measure | Meetings | Value |")
			fmt.Println("| --- | ---: | ---: |")
			for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				f := strings.Fields(line)
				if len(f) >= 4 {
					fmt.Printf("| %s | %s | %s %s |\n", strings.ReplaceAll(f[0], "_", " "), f[1], f[2], f[3])
				}
			}
		}
	}
	window := map[string]float64{}
	if *windowPath != "" {
		if b, err := os.ReadFile(*windowPath); err == nil {
			fmt.Println()
			fmt.Println("## The editor in a real window (e2e/, Xvfb, xdotool)")
			fmt.Println()
			fmt.Println("Each figure runs from the key or paste sent to the X server until the text is in")
			fmt.Println("the database, read back by a second process: it includes the autosave deadline")
			fmt.Println("(up to 400 ms from the first unsaved change), so the time the window itself")
			fmt.Println("takes is the figure less that.")
			fmt.Println()
			fmt.Println("| Measure | Value |")
			fmt.Println("| --- | ---: |")
			for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				what, v, ok := strings.Cut(line, "\t")
				if !ok {
					continue
				}
				ms, _ := strconv.ParseFloat(v, 64)
				window[what] = ms
				fmt.Printf("| %s | %.0f ms |\n", what, ms)
			}
		}
	}
	targets(results, startup, window)
}

// targets compares the figures with the targets of the 2-core machine.
func targets(results []result, startup, window map[string]float64) {
	find := func(name string) (result, bool) {
		for _, r := range results {
			if r.name == name {
				return r, true
			}
		}
		return result{}, false
	}
	nsOf := func(name string) float64 {
		r, _ := find(name)
		v, _ := r.get("ns/op")
		return v
	}
	type row struct {
		what, target, measured string
		met                    bool
	}
	var rows []row
	if r, ok := find("BenchmarkAutosave/n=100000"); ok {
		p99, _ := r.get("p99-ms")
		rows = append(rows, row{"Autosave p99, 100,000 meetings", "under 10 ms", fmt.Sprintf("%.2f ms", p99), p99 < 10})
	}
	for _, op := range []string{"ListFirstPage", "ListSearch"} {
		if ns := nsOf("Benchmark" + op + "/n=100000"); ns > 0 {
			rows = append(rows, row{op + ", 100,000 meetings", "under 50 ms", duration(ns), ns < 50e6})
		}
	}
	for _, r := range results {
		if !strings.HasPrefix(r.name, "BenchmarkReport/") {
			continue
		}
		scan := nsOf(strings.Replace(r.name, "BenchmarkReport/", "BenchmarkReportEntryScan/", 1))
		ns, _ := r.get("ns/op")
		// Against the floor over every year: a year's report at a small
		// size is mostly the report's fixed cost.
		if op, size := split(r.name); scan > 0 && strings.Contains(r.name, "/all") {
			ratio := ns / scan
			rows = append(rows, row{fmt.Sprintf("%s, %s meetings, against reading its report entries alone", op, size), "within 4x", fmt.Sprintf("%.2fx", ratio), ratio <= 4})
		}
		if _, size := split(r.name); size == "1000000" && strings.Contains(r.name, "/all") {
			rows = append(rows, row{"Report of every year, 1,000,000 meetings", "under 1 s", duration(ns), ns < 1e9})
		}
	}
	if ns := nsOf("BenchmarkExportMinutesPDF"); ns > 0 {
		rows = append(rows, row{"Minutes PDF (20 attendees, 10 decisions, 30 actions)", "under 50 ms", duration(ns), ns < 50e6})
	}
	if ns := nsOf("BenchmarkExportExampleMinutes"); ns > 0 {
		rows = append(rows, row{"Minutes PDF of the example's SM-2026-00107 (every field, summary page)", "under 50 ms", duration(ns), ns < 50e6})
	}
	if ns := nsOf("BenchmarkSync/first/meetings=20000"); ns > 0 {
		floor := nsOf("BenchmarkSync/floor-copy/meetings=20000")
		rows = append(rows, row{fmt.Sprintf("First sync of 20,000 meetings to the server (a bare COPY of the rows: %s)", duration(floor)), "under 30 s", duration(ns), ns < 30e9})
	}
	if ns := nsOf("BenchmarkSync/unchanged/meetings=20000"); ns > 0 {
		rows = append(rows, row{"A sync with nothing changed, 20,000 meetings", "under 1 s", duration(ns), ns < 1e9})
	}
	for _, n := range []string{"100000", "1000000"} {
		ns := nsOf("BenchmarkServerReport/meetings=" + n + "/all-years")
		if ns <= 0 {
			continue
		}
		floor := nsOf("BenchmarkServerReport/meetings=" + n + "/all-years-queries")
		what := fmt.Sprintf("Report of every year on the server, %s meetings (the same queries alone: %s)", thousands(n), duration(floor))
		if n == "1000000" {
			rows = append(rows, row{what, "under 2 s", duration(ns), ns < 2e9})
		} else {
			rows = append(rows, row{what, "under 0.2 s", duration(ns), ns < 2e8})
		}
	}
	if ns := nsOf("BenchmarkImport/n=10000"); ns > 0 {
		rows = append(rows, row{"Import of 10,000 meetings", "under 5 s", duration(ns), ns < 5e9})
	}
	for _, r := range results {
		if strings.HasPrefix(r.name, "BenchmarkKeyInLongText/chars=20000") {
			p99, _ := r.get("p99-ms")
			rows = append(rows, row{"A key in a box of 20,000 characters, laid out (p99, test driver)", "under 50 ms", fmt.Sprintf("%.1f ms", p99), p99 < 50})
		}
		if strings.HasPrefix(r.name, "BenchmarkAutosaveTyping/") && strings.Contains(r.name, "n=100000") {
			if ratio, ok := r.get("p99-x-floor"); ok {
				op, _ := split(r.name)
				rows = append(rows, row{op + ", 100,000 meetings: a save while typing against one durable row update (p99)", "within 2x", fmt.Sprintf("%.2fx", ratio), ratio <= 2})
			}
		}
	}
	if v, ok := window["a key with 20,000 characters in the box, stored (slowest of 10)"]; ok {
		rows = append(rows, row{"A key with 20,000 characters in the box, on disk (real window)", "within 1 s", fmt.Sprintf("%.0f ms", v), v < 1000})
	}
	if v, ok := window["100,000-character paste, stored"]; ok {
		rows = append(rows, row{"A 100,000-character paste, on disk (real window)", "within 2 s", fmt.Sprintf("%.0f ms", v), v < 2000})
	}
	// The floor: hello-world, started in turn with the app in the same
	// rounds (.ci/bench-startup).
	hello := startup["hello-world_first_window/0"]
	for _, n := range []string{"100000", "1000000"} {
		v, ok := startup["start-up_to_first_window/"+n]
		if !ok {
			continue
		}
		size := map[string]string{"100000": "100,000", "1000000": "1,000,000"}[n]
		rows = append(rows, row{"Start-up to the first window, " + size + " meetings", "under 1 s", fmt.Sprintf("%.0f ms", v), v < 1000})
		if hello > 0 {
			rows = append(rows, row{"Start-up, " + size + " meetings, against a hello-world Fyne window (" + fmt.Sprintf("%.0f ms", hello) + ")", "within 1.3x",
				fmt.Sprintf("%.2fx", v/hello), v/hello <= 1.3})
		}
	}
	if v, ok := startup["resident_memory_with_the_list_open/100000"]; ok {
		rows = append(rows, row{"Resident memory, list open, 100,000 meetings", "under 200 MB", fmt.Sprintf("%.0f MB", v), v < 200})
	}
	fmt.Println()
	fmt.Println("## Against the targets")
	fmt.Println()
	fmt.Println("| What | Target | Measured | Met |")
	fmt.Println("| --- | --- | ---: | --- |")
	for _, r := range rows {
		met := "yes"
		if !r.met {
			met = "**no**"
		}
		fmt.Printf("| %s | %s | %s | %s |\n", r.what, r.target, r.measured, met)
	}
}

// thousands writes a count of digits with commas: 1000000 as 1,000,000.
func thousands(n string) string {
	for i := len(n) - 3; i > 0; i -= 3 {
		n = n[:i] + "," + n[i:]
	}
	return n
}
