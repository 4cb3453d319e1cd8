// SPDX-License-Identifier: Apache-2.0
// KEEL_STATIC_INIT(Type, args...): creates one statically allocated Type, constructed on the first (and only) call,
// and yields a StaticRef to it. Boards wire the kernel with it: every kernel object lives for the whole run, so a
// reference between kernel objects never dangles, and nothing is allocated at run time. Each use site owns its own
// storage (the lambda makes each expansion a distinct function), so two uses with the same type are two objects.
// Calling one use site twice is a wiring bug and panics. A view type cannot be made static: it would outlive what
// it views.
// KEEL_STATIC_BUFFER(Type, N): a zeroed static array of N Type, as a StaticSlice, under the same rules.
//
// TRUSTED: the one place that promises StaticRef's static storage.
#pragma once

#include "kernel/core/slice.h"
#include "kernel/core/panic.h"
#include "kernel/core/ref.h"
#include "kernel/core/utility.h"

namespace keel::static_init_detail {
/// A StaticRef to `object` / a StaticSlice of the C array `array`, sound for any argument: a reference template
/// argument can only name an object of static storage duration or part of one (never a local, a temporary or a
/// string literal). The macros below use these, so that assume_static is called here, in trusted code, rather than
/// in the (untrusted) file the macro is expanded in, where -Wunsafe-buffer-usage flags it.
template <auto& object> [[gnu::always_inline]] constexpr auto static_ref() {
  return []<typename T>(T& static_object) { return StaticRef<T>::assume_static(static_object); }(object);
}
template <auto& array> [[gnu::always_inline]] constexpr auto static_buffer() {
  return []<typename T, usize N>(T (&static_array)[N]) {
    return StaticBuffer<T>::assume_unique_static(Slice<T>(static_array));
  }(array);
}
}  // namespace keel::static_init_detail

#define KEEL_STATIC_INIT(Type, ...)                                                           \
  ([&]() -> ::keel::StaticRef<Type> {                                                         \
    static_assert(!::keel::is_view<Type>, "a view cannot be static: " #Type);                \
    static bool keel_static_init_done = false;                                                \
    if (keel_static_init_done) { ::keel::panic(__FILE__, __LINE__, "KEEL_STATIC_INIT twice: " #Type); } \
    keel_static_init_done = true;                                                             \
    static Type keel_static_init_object{__VA_ARGS__};                                         \
    return ::keel::static_init_detail::static_ref<keel_static_init_object>();                 \
  }())

#define KEEL_STATIC_BUFFER(Type, N)                                                           \
  ([]() -> ::keel::StaticBuffer<Type> {                                                        \
    static_assert(!::keel::is_view<Type>, "a view cannot be static: " #Type);                \
    static bool keel_static_init_done = false;                                                \
    if (keel_static_init_done) { ::keel::panic(__FILE__, __LINE__, "KEEL_STATIC_BUFFER twice"); } \
    keel_static_init_done = true;                                                             \
    static Type keel_static_buffer[N]{};  /* a C array: no untrusted template in between */  \
    return ::keel::static_init_detail::static_buffer<keel_static_buffer>();                    \
  }())
