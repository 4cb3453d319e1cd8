// SPDX-License-Identifier: Apache-2.0
// newlib's system-call layer (Cortex-M apps) on the Keel console: _write/_read and the stubs newlib links against.
//
// stdout is line-buffered in a static buffer (keel_stdio_init(), before constructors run), so newlib hands each line
// (or each full buffer) to _write in one piece and it leaves in one console write: whole lines from two processes
// never mix, as with picolibc on rv32. stderr is pointed at the same stream, so its output takes the same path and
// keeps its order with stdout. stdin reads one byte per _read with keel_console_read_char(): stdout is flushed first,
// Enter (CR) arrives as '\n', and what is typed is echoed unless the app turned echo off (keel_console_set_echo).
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keel/console.h"
#include "keel/runtime.h"
#include "runtime_internal.h"

#ifndef KEEL_STDOUT_BUFFER_SIZE
#define KEEL_STDOUT_BUFFER_SIZE 256
#endif

static char out_buffer[KEEL_STDOUT_BUFFER_SIZE];

void keel_stdio_init(void) {
  (void)setvbuf(stdout, out_buffer, _IOLBF, sizeof out_buffer);
  stderr = stdout;
}

void keel_stdout_flush(void) { (void)fflush(stdout); }

int _write(int fd, const void* data, size_t length) {
  if (fd != STDOUT_FILENO && fd != STDERR_FILENO) {
    errno = EBADF;
    return -1;
  }
  if (keel_console_write(data, length) != KEEL_OK) {
    errno = EIO;
    return -1;
  }
  return (int)length;
}

int _read(int fd, void* buffer, size_t length) {
  if (fd != STDIN_FILENO) {
    errno = EBADF;
    return -1;
  }
  if (length == 0) return 0;
  // Terminal-style: Enter (CR) reads as '\n', echo unless turned off, stdout flushed first (console_input.c).
  if (keel_console_read_char(buffer) != KEEL_OK) {
    errno = EIO;
    return -1;
  }
  return 1;
}

int _fstat(int fd, struct stat* status) {
  (void)fd;
  status->st_mode = S_IFCHR;
  return 0;
}

int _isatty(int fd) { return fd >= STDIN_FILENO && fd <= STDERR_FILENO; }

int _close(int fd) {
  (void)fd;
  errno = EBADF;
  return -1;
}

off_t _lseek(int fd, off_t offset, int whence) {
  (void)fd;
  (void)offset;
  (void)whence;
  errno = ESPIPE;
  return -1;
}

// abort() raises SIGABRT through these, then calls _exit(1).
int _getpid(void) { return 1; }

int _kill(int pid, int signal) {
  (void)pid;
  (void)signal;
  errno = EINVAL;
  return -1;
}

// newlib's __libc_init_array calls _init between the preinit and init arrays (crti/crtn are not linked: nothing to do).
void _init(void) {}
void _fini(void) {}
