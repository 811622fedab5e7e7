package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// A write-ahead log that SQLite cannot replay whole is kept aside before
// SQLite opens the database: SQLite replays the frames up to the first one
// whose checksum fails and then reuses the file, so the saves after a
// damaged frame would be lost without a word. walDamage reads the log as
// SQLite's recovery does (https://www.sqlite.org/fileformat.html#the_write_ahead_log)
// and reports frames of the log's current generation (its salts) that
// recovery would not replay.

// walDamage returns how many frames of the current generation in the -wal
// at path recovery would drop (0 for none, or for no log), and how many it
// replays.
func walDamage(path string) (dropped, replayed int, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	header := make([]byte, 32)
	if _, err := io.ReadFull(f, header); err != nil {
		return 0, 0, nil // empty or shorter than a header: nothing to replay
	}
	magic := binary.BigEndian.Uint32(header[0:])
	if magic != 0x377f0682 && magic != 0x377f0683 {
		return 0, 0, nil // not a log SQLite would read
	}
	bigEndian := magic&1 == 1
	pageSize := int(binary.BigEndian.Uint32(header[8:]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize > 65536 || pageSize&(pageSize-1) != 0 {
		return 0, 0, nil
	}
	salt1, salt2 := binary.BigEndian.Uint32(header[16:]), binary.BigEndian.Uint32(header[20:])
	s1, s2 := walChecksum(bigEndian, header[:24], 0, 0)
	if s1 != binary.BigEndian.Uint32(header[24:]) || s2 != binary.BigEndian.Uint32(header[28:]) {
		return 0, 0, nil // a header that fails its checksum: SQLite ignores the whole log
	}
	frame := make([]byte, 24+pageSize)
	valid, committed, current := true, 0, 0
	for i := 0; ; i++ {
		if _, err := io.ReadFull(f, frame); err != nil {
			break
		}
		if binary.BigEndian.Uint32(frame[8:]) != salt1 || binary.BigEndian.Uint32(frame[12:]) != salt2 {
			continue // a frame of an earlier generation of the log
		}
		current++
		if !valid {
			continue
		}
		s1, s2 = walChecksum(bigEndian, frame[:8], s1, s2)
		s1, s2 = walChecksum(bigEndian, frame[24:], s1, s2)
		if s1 != binary.BigEndian.Uint32(frame[16:]) || s2 != binary.BigEndian.Uint32(frame[20:]) {
			valid = false
			continue
		}
		if binary.BigEndian.Uint32(frame[4:]) != 0 { // a commit
			committed = current
		}
	}
	return current - committed, committed, nil
}

// walChecksum is SQLite's checksum of the log over b (a multiple of 8
// bytes), continuing from s1, s2.
func walChecksum(bigEndian bool, b []byte, s1, s2 uint32) (uint32, uint32) {
	order := binary.ByteOrder(binary.LittleEndian)
	if bigEndian {
		order = binary.BigEndian
	}
	for i := 0; i+8 <= len(b); i += 8 {
		s1 += order.Uint32(b[i:]) + s2
		s2 += order.Uint32(b[i+4:]) + s1
	}
	return s1, s2
}

// keepDamagedLog copies the -wal of the database at path aside when
// recovery would drop frames of it, and says where. Only a process that
// has the database to itself calls it: another's log is live, not damaged.
func keepDamagedLog(path string) (string, error) {
	dropped, replayed, err := walDamage(path + "-wal")
	if err != nil || dropped == 0 {
		return "", err
	}
	// The frames after the last commit of a log cut short by a crash are
	// an unfinished save, never acknowledged: that is not damage. Frames
	// of the current generation after one that fails its checksum are.
	// Two crashes within a second each keep their copy: the name of the
	// second has a number after it.
	stamp := fmt.Sprintf("%s-wal.unreplayed-%s", path, time.Now().Format("20060102-150405"))
	aside := stamp
	for n := 2; ; n++ {
		err := copyNew(path+"-wal", aside)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrExist) || n > 100 {
			return "", fmt.Errorf("keep the write-ahead log: %w", err)
		}
		aside = fmt.Sprintf("%s-%d", stamp, n)
	}
	return fmt.Sprintf("the write-ahead log (-wal) holds %d frames that SQLite cannot replay after the %d it can (a damaged log, or a save cut short); a copy is kept at %s", dropped, replayed, aside), nil
}
