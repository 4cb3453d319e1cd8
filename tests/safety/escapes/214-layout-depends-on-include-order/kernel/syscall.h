// SPDX-License-Identifier: Apache-2.0
// System-call values as the ABI defines them (shared/spec/abi.md): the eight classes, a decoded call, and the return
// variants. Arch code moves these to and from registers; everything else works on these types.
#pragma once

#include "kernel/core/array.h"
#include "kernel/core/error_code.h"
#include "kernel/core/types.h"

namespace keel {

enum class SyscallClass : uint32_t {
  Yield = 0,
  Subscribe = 1,
  Command = 2,
  ReadWriteAllow = 3,
  ReadOnlyAllow = 4,
  Memop = 5,
  Exit = 6,
  UserspaceReadableAllow = 7,
};
inline constexpr uint32_t kSyscallClassCount = 8;

/// A system call as the process made it: the four argument registers and the class number (not yet validated).
/// This order matches RISC-V's a0-a4, so the rv32 trap frame holds a Syscall in place and decoding copies nothing.
struct Syscall {
  Array<uint32_t, 4> args{};
  uint32_t class_number = 0;
#ifdef KEEL_REGISTER_AT
  // Drivers (whose register headers come first) keep the decoded driver number beside the call.
  uint32_t driver_number = 0;
#endif
};

enum class ReturnVariant : uint32_t {
  Failure = 0,
  FailureU32 = 1,
  FailureU32U32 = 2,
  FailureU64 = 3,
  Success = 128,
  SuccessU32 = 129,
  SuccessU32U32 = 130,
  SuccessU64 = 131,
  SuccessU32U32U32 = 132,
  SuccessU32U64 = 133,
};

/// What goes back in registers 0-3: the variant, then up to three values.
struct SyscallReturn {
  ReturnVariant variant = ReturnVariant::Success;
  Array<uint32_t, 3> values{};

  static constexpr SyscallReturn success() { return {ReturnVariant::Success, {{0, 0, 0}}}; }
  static constexpr SyscallReturn success_u32(uint32_t a) { return {ReturnVariant::SuccessU32, {{a, 0, 0}}}; }
  static constexpr SyscallReturn success_u32_u32(uint32_t a, uint32_t b) {
    return {ReturnVariant::SuccessU32U32, {{a, b, 0}}};
  }
  static constexpr SyscallReturn success_u32_u32_u32(uint32_t a, uint32_t b, uint32_t c) {
    return {ReturnVariant::SuccessU32U32U32, {{a, b, c}}};
  }
  static constexpr SyscallReturn success_u64(uint64_t v) {
    return {ReturnVariant::SuccessU64, {{static_cast<uint32_t>(v), static_cast<uint32_t>(v >> 32), 0}}};
  }
  static constexpr SyscallReturn success_u32_u64(uint32_t a, uint64_t v) {
    return {ReturnVariant::SuccessU32U64, {{a, static_cast<uint32_t>(v), static_cast<uint32_t>(v >> 32)}}};
  }
  static constexpr SyscallReturn failure(ErrorCode e) { return {ReturnVariant::Failure, {{to_number(e), 0, 0}}}; }
  static constexpr SyscallReturn failure_u32(ErrorCode e, uint32_t a) {
    return {ReturnVariant::FailureU32, {{to_number(e), a, 0}}};
  }
  static constexpr SyscallReturn failure_u32_u32(ErrorCode e, uint32_t a, uint32_t b) {
    return {ReturnVariant::FailureU32U32, {{to_number(e), a, b}}};
  }
  static constexpr SyscallReturn failure_u64(ErrorCode e, uint64_t v) {
    return {ReturnVariant::FailureU64, {{to_number(e), static_cast<uint32_t>(v), static_cast<uint32_t>(v >> 32)}}};
  }
};

/// How many of the values after the variant (r1-r3 / a1-a3) a variant carries. The kernel writes only those and leaves
/// the registers after them as the process had them, as Tock does: libtock-c's system-call wrappers name just the
/// registers they read back as outputs, so the compiler may keep live values in the others across the trap.
[[gnu::always_inline]] constexpr usize return_value_count(ReturnVariant variant) {
  // Two bits per variant, indexed by its low three bits plus 8 for the success variants (128-133): a shift, not a
  // switch or a table, on every system call's return. Failure 0-3: 1, 2, 3, 3; success 128-133: 0, 1, 2, 2, 3, 3.
  constexpr uint32_t kCounts = 1U | 2U << 2U | 3U << 4U | 3U << 6U | 0U << 16U | 1U << 18U | 2U << 20U | 2U << 22U |
                               3U << 24U | 3U << 26U;
  auto const number = static_cast<uint32_t>(variant);
  return (kCounts >> (2U * ((number & 7U) | ((number >> 4U) & 8U)))) & 3U;
}

/// A command's answer. Each command has one fixed success variant and one fixed failure variant (abi.md).
using CommandReturn = SyscallReturn;

}  // namespace keel
