// SPDX-License-Identifier: Apache-2.0
// Console driver wrappers: synchronous forms wait with yield wait-for, so they work without a subscribed upcall and
// leave other queued upcalls alone.
#include "keel/console.h"

keel_status keel_console_write(const void* data, size_t length) {
  const uint8_t* next = (const uint8_t*)data;
  keel_status status = KEEL_OK;
  while (length > 0 && status == KEEL_OK) {
    status = keel_allow_ro(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_ALLOW_RO_WRITE, next, length);
    if (status != KEEL_OK) break;
    status = keel_command(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_COMMAND_WRITE, (uint32_t)length, 0);
    if (status != KEEL_OK) break;
    keel_upcall_args done = keel_yield_wait_for(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_UPCALL_WRITE_DONE);
    // Zero or more than asked would loop forever or run past the buffer: the driver is broken.
    if (done.arg0 == 0 || done.arg0 > length) status = KEEL_ERR_FAIL;
    else {
      next += done.arg0;
      length -= done.arg0;
    }
  }
  (void)keel_allow_ro(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_ALLOW_RO_WRITE, NULL, 0);
  return status;
}

keel_status keel_console_write_async(const void* data, size_t length, keel_upcall_fn done, void* appdata) {
  keel_status status = keel_subscribe(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_UPCALL_WRITE_DONE, done, appdata);
  if (status != KEEL_OK) return status;
  status = keel_allow_ro(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_ALLOW_RO_WRITE, data, length);
  if (status != KEEL_OK) return status;
  return keel_command(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_COMMAND_WRITE, (uint32_t)length, 0);
}

keel_status keel_console_read(void* buffer, size_t length, size_t* bytes_read) {
  if (bytes_read != NULL) *bytes_read = 0;
  keel_status status = keel_allow_rw(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_ALLOW_RW_READ, buffer, length);
  if (status != KEEL_OK) return status;
  status = keel_command(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_COMMAND_READ, (uint32_t)length, 0);
  if (status == KEEL_OK) {
    keel_upcall_args done = keel_yield_wait_for(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_UPCALL_READ_DONE);
    if (bytes_read != NULL) *bytes_read = done.arg1 <= length ? done.arg1 : length;
    // READ_DONE carries 0 or an ABI error code; anything else means a broken driver.
    status = done.arg0 <= KEEL_ERR_NOACK ? (keel_status)done.arg0 : KEEL_ERR_BAD_VARIANT;
  }
  (void)keel_allow_rw(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_ALLOW_RW_READ, NULL, 0);
  return status;
}

keel_status keel_console_read_async(void* buffer, size_t length, keel_upcall_fn done, void* appdata) {
  keel_status status = keel_subscribe(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_UPCALL_READ_DONE, done, appdata);
  if (status != KEEL_OK) return status;
  status = keel_allow_rw(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_ALLOW_RW_READ, buffer, length);
  if (status != KEEL_OK) return status;
  return keel_command(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_COMMAND_READ, (uint32_t)length, 0);
}

keel_status keel_console_read_abort(void) {
  return keel_command(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_COMMAND_ABORT_READ, 0, 0);
}
