// SPDX-License-Identifier: Apache-2.0
// The two annotations the safe subset is built on, spelled so that GCC (which builds the kernel) ignores them and
// clang (which checks it, tools/safety-check) enforces them:
//   KEEL_UNSAFE        on a trusted function that some arguments make undefined behaviour. clang's
//                      -Wunsafe-buffer-usage reports every call of it, and the check rejects such a call outside the
//                      trusted files: untrusted code cannot call it at all.
//   KEEL_LIFETIMEBOUND on a parameter (or after a member function, for *this) whose referent a returned view or
//                      reference points into, so that clang reports the view dangling with its argument.
//   KEEL_VIEW          on a view class (Slice, Option<T&>): clang's -Wdangling-gsl then follows views built from
//                      other views and owners through assignments and conversions too.
//
// Also the compiler traits the kernel needs (reserved names, which untrusted files may not write).
//
// TRUSTED: tests the compiler's identity, which untrusted files may not.
#pragma once

#if defined(__clang__)
#define KEEL_UNSAFE [[clang::unsafe_buffer_usage]]
#define KEEL_LIFETIMEBOUND [[clang::lifetimebound]]
#define KEEL_VIEW [[gsl::Pointer]]
#else
#define KEEL_UNSAFE
#define KEEL_LIFETIMEBOUND
#define KEEL_VIEW
#endif

namespace keel {

template <typename T> inline constexpr bool is_trivially_copyable = __is_trivially_copyable(T);

}  // namespace keel
