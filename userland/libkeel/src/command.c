// SPDX-License-Identifier: Apache-2.0
// Command (class 2): one wrapper per success variant, so a driver answering with the wrong shape is caught.
#include "keel/calls.h"

keel_syscall_return keel_command_raw(uint32_t driver, uint32_t command, uint32_t arg0, uint32_t arg1) {
  return keel_syscall(KEEL_CLASS_COMMAND, driver, command, arg0, arg1);
}

keel_status keel_command(uint32_t driver, uint32_t command, uint32_t arg0, uint32_t arg1) {
  return keel_decode(keel_command_raw(driver, command, arg0, arg1), KEEL_VARIANT_SUCCESS);
}

keel_status keel_command_u32(uint32_t driver, uint32_t command, uint32_t arg0, uint32_t arg1, uint32_t* value) {
  keel_syscall_return r = keel_command_raw(driver, command, arg0, arg1);
  keel_status status = keel_decode(r, KEEL_VARIANT_SUCCESS_U32);
  if (status == KEEL_OK && value != NULL) *value = r.r1;
  return status;
}

keel_status keel_command_2_u32(uint32_t driver, uint32_t command, uint32_t arg0, uint32_t arg1, uint32_t* value0,
                               uint32_t* value1) {
  keel_syscall_return r = keel_command_raw(driver, command, arg0, arg1);
  keel_status status = keel_decode(r, KEEL_VARIANT_SUCCESS_2_U32);
  if (status != KEEL_OK) return status;
  if (value0 != NULL) *value0 = r.r1;
  if (value1 != NULL) *value1 = r.r2;
  return status;
}

keel_status keel_command_u64(uint32_t driver, uint32_t command, uint32_t arg0, uint32_t arg1, uint64_t* value) {
  keel_syscall_return r = keel_command_raw(driver, command, arg0, arg1);
  keel_status status = keel_decode(r, KEEL_VARIANT_SUCCESS_U64);
  if (status == KEEL_OK && value != NULL) *value = ((uint64_t)r.r2 << 32) | r.r1;
  return status;
}

keel_status keel_command_3_u32(uint32_t driver, uint32_t command, uint32_t arg0, uint32_t arg1, uint32_t* value0,
                               uint32_t* value1, uint32_t* value2) {
  keel_syscall_return r = keel_command_raw(driver, command, arg0, arg1);
  keel_status status = keel_decode(r, KEEL_VARIANT_SUCCESS_3_U32);
  if (status != KEEL_OK) return status;
  if (value0 != NULL) *value0 = r.r1;
  if (value1 != NULL) *value1 = r.r2;
  if (value2 != NULL) *value2 = r.r3;
  return status;
}

keel_status keel_command_u32_u64(uint32_t driver, uint32_t command, uint32_t arg0, uint32_t arg1, uint32_t* value0,
                                 uint64_t* value1) {
  keel_syscall_return r = keel_command_raw(driver, command, arg0, arg1);
  keel_status status = keel_decode(r, KEEL_VARIANT_SUCCESS_U32_U64);
  if (status != KEEL_OK) return status;
  if (value0 != NULL) *value0 = r.r1;
  if (value1 != NULL) *value1 = ((uint64_t)r.r3 << 32) | r.r2;
  return status;
}

bool keel_driver_exists(uint32_t driver) {
  // Command 0 answers Success, or Success-u32 for drivers that report a count (LED, button); both mean "here".
  keel_syscall_return r = keel_command_raw(driver, 0, 0, 0);
  return r.variant >= KEEL_VARIANT_SUCCESS;
}
