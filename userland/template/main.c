// A Keel app: printf goes to the console, keel/*.h wrap every system call (Keel's userland/README.md).
#include <stdio.h>

#include "keel/alarm.h"

int main(void) {
  printf("Hello from %s!\n", APP_NAME);
  for (int i = 1; i <= 3; ++i) {
    keel_delay_ms(100);
    printf("%s: tick %d\n", APP_NAME, i);
  }
  return 0;
}
