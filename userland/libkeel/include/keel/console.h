// SPDX-License-Identifier: Apache-2.0
// Console driver (0x1): write bytes to and read bytes from the board's serial console.
//
// Usage: keel_console_write() blocks until every byte is out; one write command carries at most one allow's worth,
// and the kernel never interleaves another process's output inside one command, so write a line at a time (printf
// does, through the runtime's line buffer). The async forms subscribe `done` and return at once; the buffer must stay
// untouched until `done` runs inside a yield.
//
// Reading typed text: keel_console_read_line() and keel_console_read_char() (which stdin's getchar, fgets and scanf
// use) treat the input as a terminal: Enter ends a line whether it arrives as CR (what a terminal's Enter sends), LF
// or CR LF, and each becomes one '\n'; what is typed is echoed back unless echo is turned off. Echo is on by default:
// QEMU's serial console (and most serial terminals) do not echo locally, so without it a person typing an answer
// would see nothing. Turn it off for a secret, for single-key controls, or when something else echoes. The raw
// keel_console_read() does neither: it hands over the bytes exactly as they arrived.
//
// Blocking: every synchronous call here waits in yield wait-for, so no upcall (no callback, no timer) runs while it
// waits; upcalls that arrive meanwhile stay queued and run at the next keel_yield_wait().
#ifndef KEEL_CONSOLE_H
#define KEEL_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

#include "keel/calls.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
  KEEL_DRIVER_CONSOLE = 0x1,
  KEEL_CONSOLE_ALLOW_RO_WRITE = 1,
  KEEL_CONSOLE_ALLOW_RW_READ = 1,
  KEEL_CONSOLE_UPCALL_WRITE_DONE = 1,
  KEEL_CONSOLE_UPCALL_READ_DONE = 2,
  KEEL_CONSOLE_COMMAND_WRITE = 1,
  KEEL_CONSOLE_COMMAND_READ = 2,
  KEEL_CONSOLE_COMMAND_ABORT_READ = 3,
};

// Writes all `length` bytes (several commands if the kernel takes fewer at a time).
keel_status keel_console_write(const void* data, size_t length);
// Starts one write command; done(bytes_written, 0, 0, appdata).
keel_status keel_console_write_async(const void* data, size_t length, keel_upcall_fn done, void* appdata);
// Blocks until a read of up to `length` bytes completes; *bytes_read (may be NULL) gets the count.
keel_status keel_console_read(void* buffer, size_t length, size_t* bytes_read);
// Starts a read; done(status, bytes_read, 0, appdata), status KEEL_ERR_CANCEL after keel_console_read_abort().
keel_status keel_console_read_async(void* buffer, size_t length, keel_upcall_fn done, void* appdata);
keel_status keel_console_read_abort(void);

// ---- Terminal-style input (on top of keel_console_read, one byte per read) ----

// Echo of typed input by keel_console_read_char() and keel_console_read_line(); on unless turned off.
void keel_console_set_echo(bool on);
bool keel_console_echo(void);
// Blocks for one typed character: CR, LF and CR LF each give one '\n' (echoed as CR LF), anything else is passed
// through as it arrived (and echoed as it is). Flushes stdout first, so a prompt shows before the wait.
keel_status keel_console_read_char(char* c);
// Blocks until Enter ends a line and stores it NUL-terminated in `line`, without the line end; *length (may be NULL)
// gets its length. Backspace (BS or DEL) erases the last character (a whole UTF-8 sequence) on the screen and in the
// line; other control characters except tab are ignored. At most size - 1 characters are kept: further ones are
// refused (not stored, not echoed) and the call then returns KEEL_ERR_SIZE once Enter comes, with the kept line in
// `line`. INVAL if size is 0. A failed read returns its status with what was typed so far in `line`.
keel_status keel_console_read_line(char* line, size_t size, size_t* length);

#ifdef __cplusplus
}
#endif

#endif  // KEEL_CONSOLE_H
