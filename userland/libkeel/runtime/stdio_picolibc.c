// SPDX-License-Identifier: Apache-2.0
// picolibc's stdin/stdout/stderr on the Keel console.
//
// Output collects in a buffer and leaves in one console write per line (or per full buffer), because the kernel keeps
// one write command of a process in one piece: whole lines from two processes never mix. stdin reads one byte at a
// time with keel_console_read_char(): stdout is flushed first, Enter (CR) arrives as '\n', and what is typed is
// echoed unless the app turned echo off (keel_console_set_echo).
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
  // Terminal-style: Enter (CR) reads as '\n', echo unless turned off, stdout flushed first (console_input.c).
  char c = 0;
  if (keel_console_read_char(&c) != KEEL_OK) return _FDEV_ERR;
  return (unsigned char)c;
}

static int console_flush(FILE* file) {
  (void)file;
  keel_stdout_flush();
  return 0;
}

// Output and input are two streams, so that an app that never reads stdin links none of the input code
// (--gc-sections drops stdin, and console_get with it).
static FILE console_out = FDEV_SETUP_STREAM(console_put, NULL, console_flush, _FDEV_SETUP_WRITE);
static FILE console_in = FDEV_SETUP_STREAM(NULL, console_get, NULL, _FDEV_SETUP_READ);

FILE* const stdin = &console_in;
FILE* const stdout = &console_out;
FILE* const stderr = &console_out;
