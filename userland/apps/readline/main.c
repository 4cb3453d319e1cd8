// SPDX-License-Identifier: Apache-2.0
// Reads typed lines the ways an app can, and prints each back, so a test (or a person) can check that Enter ends a
// line however the terminal sends it, that backspace edits a line, and that echo can be turned off.
//
//   1. "readline: name> "   keel_console_read_line (echo on):  "readline: line 'TEXT' (N bytes, OK)"
//   2. "readline: stdin> "  fgets on stdin:                     "readline: fgets 'TEXT\n'" (the line end shown as \n)
//   3. "readline: key> "    getchar:                            "readline: getchar 0xHH"
//   4. "readline: short> "  keel_console_read_line, 8 bytes:    "readline: short 'TEXT' (N bytes, SIZE)" if too long
//   5. "readline: secret> " keel_console_read_line, echo off:   "readline: secret of N bytes (OK), reversed 'TXET'"
// then "readline: done" and exit 0. Control characters in TEXT are printed as \xHH.
#include <stdio.h>

#include "keel/console.h"

static void print_visible(const char* text) {
  for (; *text != '\0'; ++text) {
    unsigned char c = (unsigned char)*text;
    if (c == '\n') printf("\\n");
    else if (c < 0x20 || c == 0x7F) printf("\\x%02x", c);
    else putchar(c);
  }
}

static int read_and_show(const char* prompt, const char* label, size_t size) {
  char line[64];
  size_t length = 0;
  printf("readline: %s> ", prompt);
  keel_status status = keel_console_read_line(line, size, &length);
  if (status != KEEL_OK && status != KEEL_ERR_SIZE) {
    printf("readline: ERROR: read_line failed with %s (%d)\n", keel_status_name(status), (int)status);
    return 1;
  }
  printf("readline: %s '", label);
  print_visible(line);
  printf("' (%u bytes, %s)\n", (unsigned)length, keel_status_name(status));
  return 0;
}

int main(void) {
  if (read_and_show("name", "line", 64) != 0) return 1;

  char buffer[64];
  printf("readline: stdin> ");
  if (fgets(buffer, sizeof buffer, stdin) == NULL) {
    printf("readline: ERROR: fgets failed\n");
    return 1;
  }
  printf("readline: fgets '");
  print_visible(buffer);
  printf("'\n");

  printf("readline: key> ");
  int key = getchar();
  printf("\nreadline: getchar 0x%02x\n", key);

  if (read_and_show("short", "short", 8) != 0) return 1;

  keel_console_set_echo(false);
  char secret[32];
  size_t length = 0;
  printf("readline: secret> ");
  keel_status status = keel_console_read_line(secret, sizeof secret, &length);
  keel_console_set_echo(true);
  // Shown reversed: the test can check what was read without the typed text itself appearing in the output.
  printf("\nreadline: secret of %u bytes (%s), reversed '", (unsigned)length, keel_status_name(status));
  for (size_t i = length; i > 0; --i) putchar(secret[i - 1]);
  printf("'\n");
  printf("readline: done\n");
  return 0;
}
