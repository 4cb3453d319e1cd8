// SPDX-License-Identifier: Apache-2.0
// Keel userspace status codes: 0 for success, the kernel's error codes (spec/abi.md) 1-13 unchanged, and one code
// of our own for an answer whose return variant the library did not expect. Every libkeel call that talks to the
// kernel returns one of these, so callers test a single value.
#ifndef KEEL_STATUS_H
#define KEEL_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum keel_status {
  KEEL_OK = 0,
  KEEL_ERR_FAIL = 1,
  KEEL_ERR_BUSY = 2,
  KEEL_ERR_ALREADY = 3,
  KEEL_ERR_OFF = 4,
  KEEL_ERR_RESERVE = 5,
  KEEL_ERR_INVAL = 6,
  KEEL_ERR_SIZE = 7,
  KEEL_ERR_CANCEL = 8,
  KEEL_ERR_NOMEM = 9,
  KEEL_ERR_NOSUPPORT = 10,
  KEEL_ERR_NODEVICE = 11,
  KEEL_ERR_UNINSTALLED = 12,
  KEEL_ERR_NOACK = 13,
  // The kernel answered with a return variant this call never uses (or an error number outside 1-13): either the
  // kernel or the driver does not follow the ABI. Never produced by the kernel itself.
  KEEL_ERR_BAD_VARIANT = 1024,
} keel_status;

// The ABI's name for a status ("INVAL", "NOMEM", ...; "OK" for success, "BAD_VARIANT", "UNKNOWN").
const char* keel_status_name(keel_status status);

#ifdef __cplusplus
}
#endif

#endif  // KEEL_STATUS_H
