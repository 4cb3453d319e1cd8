// SPDX-License-Identifier: Apache-2.0
// Subscribe (class 1) and the three allow classes (3, 4, 7): all answer 130 / 2, checked strictly.
#include "keel/calls.h"

keel_status keel_subscribe(uint32_t driver, uint32_t number, keel_upcall_fn fn, void* appdata) {
  return keel_decode_2_u32_strict(
      keel_syscall(KEEL_CLASS_SUBSCRIBE, driver, number, (uint32_t)(uintptr_t)fn, (uint32_t)(uintptr_t)appdata));
}

keel_status keel_allow_rw(uint32_t driver, uint32_t number, void* buffer, size_t length) {
  return keel_decode_2_u32_strict(
      keel_syscall(KEEL_CLASS_ALLOW_RW, driver, number, (uint32_t)(uintptr_t)buffer, (uint32_t)length));
}

keel_status keel_allow_ro(uint32_t driver, uint32_t number, const void* buffer, size_t length) {
  return keel_decode_2_u32_strict(
      keel_syscall(KEEL_CLASS_ALLOW_RO, driver, number, (uint32_t)(uintptr_t)buffer, (uint32_t)length));
}

keel_status keel_allow_userspace_readable(uint32_t driver, uint32_t number, void* buffer, size_t length) {
  return keel_decode_2_u32_strict(keel_syscall(KEEL_CLASS_ALLOW_USERSPACE_READABLE, driver, number,
                                               (uint32_t)(uintptr_t)buffer, (uint32_t)length));
}
