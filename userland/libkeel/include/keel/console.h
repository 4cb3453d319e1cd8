// SPDX-License-Identifier: Apache-2.0
// Console driver (0x1): write bytes to and read bytes from the board's serial console.
//
// Usage: keel_console_write() blocks until every byte is out; one write command carries at most one allow's worth,
// and the kernel never interleaves another process's output inside one command, so write a line at a time (printf
// does, through the runtime's line buffer). The async forms subscribe `done` and return at once; the buffer must stay
// untouched until `done` runs inside a yield.
#ifndef KEEL_CONSOLE_H
#define KEEL_CONSOLE_H

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

#ifdef __cplusplus
}
#endif

#endif  // KEEL_CONSOLE_H
