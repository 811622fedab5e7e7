//go:build windows

package main

import (
	"log"
	"os"
	"syscall"
)

// The release executable is linked with -H windowsgui: started from the
// Start menu it opens the window and no console window. Such a program has
// no console of its own, so a command typed in a terminal (cmd.exe or
// PowerShell) attaches to that terminal's console here, before main runs,
// and prints to it. Output redirected to a file or a pipe keeps going
// there. Started without a terminal (Explorer, a shortcut, a scheduled
// task), there is none to attach to and nothing changes.
func init() {
	if wantsConsole(os.Args[1:]) {
		attachParentConsole()
	}
}

var (
	kernel32          = syscall.NewLazyDLL("kernel32.dll")
	procAttachConsole = kernel32.NewProc("AttachConsole")
	procSetStdHandle  = kernel32.NewProc("SetStdHandle")
)

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1.
const attachParentProcess = uintptr(^uint32(0))

func attachParentConsole() {
	if r, _, _ := procAttachConsole.Call(attachParentProcess); r == 0 {
		return // no parent console
	}
	os.Stdin = stdFile(syscall.STD_INPUT_HANDLE, "CONIN$", os.Stdin, "/dev/stdin")
	os.Stdout = stdFile(syscall.STD_OUTPUT_HANDLE, "CONOUT$", os.Stdout, "/dev/stdout")
	os.Stderr = stdFile(syscall.STD_ERROR_HANDLE, "CONOUT$", os.Stderr, "/dev/stderr")
	log.SetOutput(os.Stderr) // the log package took os.Stderr before this ran
}

// stdFile returns the standard handle which if it is valid (a console, or a
// file or pipe it was redirected to), else the console device opened anew
// and made the process's standard handle.
func stdFile(which int, device string, current *os.File, name string) *os.File {
	if h, err := syscall.GetStdHandle(which); err == nil && h != 0 && h != syscall.InvalidHandle {
		if t, err := syscall.GetFileType(h); err == nil && t != syscall.FILE_TYPE_UNKNOWN {
			if current != nil && current.Fd() == uintptr(h) {
				return current
			}
			return os.NewFile(uintptr(h), name)
		}
	}
	p, err := syscall.UTF16PtrFromString(device)
	if err != nil {
		return current
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ|syscall.GENERIC_WRITE,
		syscall.FILE_SHARE_READ|syscall.FILE_SHARE_WRITE, nil, syscall.OPEN_EXISTING, 0, 0)
	if err != nil {
		return current
	}
	procSetStdHandle.Call(uintptr(which), uintptr(h))
	return os.NewFile(uintptr(h), name)
}
