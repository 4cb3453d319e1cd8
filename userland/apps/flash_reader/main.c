// SPDX-License-Identifier: Apache-2.0
// Writes text that lives in its own flash (a read-only allow of a constant) three times, checking after each that
// it still runs and reads its flash: the kernel must be able to read a process's TBF, and the process to go on using
// it afterwards (on qemu-virt-rv32 the kernel's read and the process's next access each take a PMP detour).
#include <stdio.h>
#include <string.h>

#include "keel/console.h"

static const char kLine[] = "flash_reader: this line is read from flash\n";

int main(void) {
  for (int i = 1; i <= 3; ++i) {
    keel_status status = keel_console_write(kLine, strlen(kLine));
    if (status != KEEL_OK) {
      printf("flash_reader: write %d failed: %s\n", i, keel_status_name(status));
      return 1;
    }
    printf("flash_reader: still running after write %d (%c)\n", i, kLine[i]);
  }
  return 0;
}
