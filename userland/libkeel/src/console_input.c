// SPDX-License-Identifier: Apache-2.0
// Console input as a terminal user expects it: Enter ends a line (CR, LF and CR LF each count as one end of line),
// typed characters are echoed unless the app turns echo off, and a line read handles backspace. stdin (getchar,
// fgets, scanf) reads through keel_console_read_char(), so it gets the same translation and echo.
#include <stdbool.h>

#include "keel/console.h"
#include "keel/runtime.h"

enum { kCarriageReturn = '\r', kLineFeed = '\n', kBackspace = 0x08, kDelete = 0x7F, kTab = '\t' };

// Zero-initialised state (.bss, cleared again on a restart): echo on, no CR just seen.
static bool echo_off;
// The last byte was a CR, already handed out as LF: an LF right after it is the second half of one CR LF.
static bool after_carriage_return;

void keel_console_set_echo(bool on) { echo_off = !on; }

bool keel_console_echo(void) { return !echo_off; }

static void echo(const char* text, size_t length) {
  // Echo is a courtesy: a failed write must not turn into a failed read.
  if (!echo_off) (void)keel_console_write(text, length);
}

// One byte, CR and CR LF turned into LF; nothing echoed.
static keel_status read_translated(char* c) {
  for (;;) {
    uint8_t byte = 0;
    size_t got = 0;
    keel_status status = keel_console_read(&byte, 1, &got);
    if (status != KEEL_OK) return status;
    if (got != 1) return KEEL_ERR_FAIL;  // a completed one-byte read with no byte: a broken driver
    bool was_carriage_return = after_carriage_return;
    after_carriage_return = byte == kCarriageReturn;
    if (byte == kLineFeed && was_carriage_return) continue;
    *c = byte == kCarriageReturn ? (char)kLineFeed : (char)byte;
    return KEEL_OK;
  }
}

static void echo_char(char c) {
  if (c == kLineFeed) echo("\r\n", 2);
  else echo(&c, 1);
}

keel_status keel_console_read_char(char* c) {
  // A prompt printed without a newline must be visible before we wait for the answer.
  keel_stdout_flush();
  keel_status status = read_translated(c);
  if (status == KEEL_OK) echo_char(*c);
  return status;
}

static bool is_continuation_byte(char c) { return ((unsigned char)c & 0xC0) == 0x80; }

keel_status keel_console_read_line(char* line, size_t size, size_t* length) {
  if (length != NULL) *length = 0;
  if (line == NULL || size == 0) return KEEL_ERR_INVAL;
  keel_stdout_flush();
  size_t used = 0;
  bool dropped = false;
  for (;;) {
    char c = 0;
    keel_status status = read_translated(&c);
    if (status != KEEL_OK) {
      line[used] = '\0';
      if (length != NULL) *length = used;
      return status;
    }
    if (c == kLineFeed) {
      echo("\r\n", 2);
      break;
    }
    if (c == kBackspace || c == kDelete) {
      if (used == 0) continue;
      // One character off the screen and off the line: a UTF-8 character's continuation bytes go with it.
      while (used > 1 && is_continuation_byte(line[used - 1])) --used;
      --used;
      echo("\b \b", 3);
      continue;
    }
    // Other control characters (escape sequences of arrow keys, Ctrl-C, ...) have no meaning in a line: ignored.
    if ((unsigned char)c < 0x20 && c != kTab) continue;
    if (used + 1 >= size) {
      dropped = true;  // the line is full: refused, and not echoed, so the screen shows what the line holds
      continue;
    }
    line[used++] = c;
    echo(&c, 1);
  }
  line[used] = '\0';
  if (length != NULL) *length = used;
  return dropped ? KEEL_ERR_SIZE : KEEL_OK;
}
