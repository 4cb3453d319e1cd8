// SPDX-License-Identifier: Apache-2.0
// picolibc's stdin/stdout/stderr on the Keel console.
//
// Output collects in a buffer and leaves in one console write per line (or per full buffer), because the kernel keeps
// one write command of a process in one piece: whole lines from two processes never mix. stdin reads one byte at a
// time with a synchronous console read.
#include <stdio.h>

#include "keel/console.h"
#include "keel/runtime.h"

#ifndef KEEL_STDOUT_BUFFER_SIZE
#define KEEL_STDOUT_BUFFER_SIZE 256
#endif

static char out_buffer[KEEL_STDOUT_BUFFER_SIZE];
static size_t out_used;

void keel_stdout_flush(void) {
  if (out_used == 0) return;
  (void)keel_console_write(out_buffer, out_used);
  out_used = 0;
}

static int console_put(char c, FILE* file) {
  (void)file;
  out_buffer[out_used++] = c;
  if (c == '\n' || out_used == sizeof out_buffer) keel_stdout_flush();
  return (unsigned char)c;
}

static int console_get(FILE* file) {
  (void)file;
  // Prompted input must be visible before we block waiting for it.
  keel_stdout_flush();
  unsigned char c = 0;
  size_t got = 0;
  if (keel_console_read(&c, 1, &got) != KEEL_OK) return _FDEV_ERR;
  return got == 1 ? c : _FDEV_EOF;
}

static int console_flush(FILE* file) {
  (void)file;
  keel_stdout_flush();
  return 0;
}

static FILE console = FDEV_SETUP_STREAM(console_put, console_get, console_flush, _FDEV_SETUP_RW);

FILE* const stdin = &console;
FILE* const stdout = &console;
FILE* const stderr = &console;
