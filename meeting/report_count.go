package meeting

import (
	"runtime"
	"sync"
)

// CaseSlots says how a store counts its entries' case numbers (EntryReader.Cases)
// in CountEntries: N counts, one a number (0 to N-1), or, with Index, one a
// number Index holds, at its place. N of 0 is a store that counts the
// children itself and whose entries hold no case numbers.
type CaseSlots struct {
	N     int
	Index map[int64]int32
}

// maxCounters is the most goroutines that count entries: past two or three
// the one reading them is the slower.
const maxCounters = 3

// CountEntries adds to r the entries (AppendEntry's) of the chunks that
// read sends it, and each child's meetings by case number (cases), then
// the children to r (AddChild). read runs on the calling goroutine, reading
// the store, while others count what it sent, each into a report of its
// own, merged into r at the end: at a million meetings the reading and the
// counting take about as long as each other. A chunk must not be changed
// once sent. An entry that cannot be read, or holds a number cases has no
// slot for, is ErrEntry.
func (r *Report) CountEntries(read func(send func(chunk []byte)) error, cases CaseSlots) error {
	counters := make([]*entryCounter, min(runtime.GOMAXPROCS(0), maxCounters))
	chunks := make(chan []byte, len(counters))
	var wg sync.WaitGroup
	for i := range counters {
		c := &entryCounter{report: NewReport(r.From, r.To, r.AsOf), cases: make([]uint8, cases.N), index: cases.Index}
		c.report.Calendar = r.Calendar
		counters[i] = c
		wg.Go(func() {
			for chunk := range chunks {
				if c.err == nil {
					c.err = c.count(chunk)
				}
			}
		})
	}
	err := read(func(chunk []byte) { chunks <- chunk })
	close(chunks)
	wg.Wait()
	if err != nil {
		return err
	}
	counts := counters[0].cases
	for i, c := range counters {
		if c.err != nil {
			return c.err
		}
		r.Merge(c.report)
		if i == 0 {
			continue
		}
		for k, n := range c.cases {
			counts[k] = min(counts[k]+n, 3)
		}
	}
	for _, n := range counts {
		if n > 0 {
			r.AddChild(int(n))
		}
	}
	return nil
}

// An entryCounter counts chunks of entries into a report of its own.
type entryCounter struct {
	report *Report
	// cases counts each case number's meetings, stopping at 3: all the
	// report asks is one, two, or three or more.
	cases []uint8
	index map[int64]int32 // each case number's place in cases, when not the number itself
	rd    EntryReader
	err   error
}

func (c *entryCounter) count(chunk []byte) error {
	c.rd.Reset(chunk)
	for c.rd.Next() {
		if !c.report.AddEntry(&c.rd.e) {
			continue
		}
		for _, k := range c.rd.cases {
			if c.index != nil {
				i, ok := c.index[k]
				if !ok {
					return ErrEntry
				}
				k = int64(i)
			}
			if k < 0 || k >= int64(len(c.cases)) {
				return ErrEntry
			}
			if c.cases[k] < 3 {
				c.cases[k]++
			}
		}
	}
	return c.rd.err
}
