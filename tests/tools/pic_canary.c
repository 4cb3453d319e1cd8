// SPDX-License-Identifier: Apache-2.0
// Deliberately NOT position-independent (built with -fno-pic): the address of `counter` is an absolute word in
// .text. tests/tools/check_pic_apps.py must reject this ELF, which shows that it would catch such code in an app.
int counter;

int main(void) {
  int* volatile where = &counter;
  *where = 1;
  return counter;
}
