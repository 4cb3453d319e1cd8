// SPDX-License-Identifier: Apache-2.0
// ErrorCode: the one closed set of errors, numbered exactly as the system-call ABI (shared/spec/abi.md) numbers them,
// so a kernel error reaches userspace without translation. 0 is reserved for success.
#pragma once

#include "kernel/core/types.h"

namespace keel {

enum class ErrorCode : uint32_t {
  Fail = 1,
  Busy = 2,
  Already = 3,
  Off = 4,
  Reserve = 5,
  Inval = 6,
  Size = 7,
  Cancel = 8,
  NoMem = 9,
  NoSupport = 10,
  NoDevice = 11,
  Uninstalled = 12,
  NoAck = 13,
};

/// The number userspace sees for an error (also the upcall status value).
constexpr uint32_t to_number(ErrorCode code) { return static_cast<uint32_t>(code); }

}  // namespace keel
