// SPDX-License-Identifier: Apache-2.0
// Turning a raw return (variant + registers) into a keel_status.
#include "keel/calls.h"

static keel_status error_from(uint32_t code) {
  if (code >= KEEL_ERR_FAIL && code <= KEEL_ERR_NOACK) return (keel_status)code;
  return KEEL_ERR_BAD_VARIANT;
}

keel_status keel_decode(keel_syscall_return r, uint32_t expected_success) {
  if (r.variant == expected_success) return KEEL_OK;
  if (r.variant <= KEEL_VARIANT_FAILURE_U64) return error_from(r.r1);
  return KEEL_ERR_BAD_VARIANT;
}

keel_status keel_decode_2_u32_strict(keel_syscall_return r) {
  if (r.variant == KEEL_VARIANT_SUCCESS_2_U32) return KEEL_OK;
  if (r.variant == KEEL_VARIANT_FAILURE_2_U32) return error_from(r.r1);
  return KEEL_ERR_BAD_VARIANT;
}
