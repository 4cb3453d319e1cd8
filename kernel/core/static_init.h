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

#define KEEL_STATIC_INIT(Type, ...)                                                           \
  ([&]() -> ::keel::StaticRef<Type> {                                                         \
    static_assert(!::keel::is_view<Type>, "a view cannot be static: " #Type);                \
    static bool keel_static_init_done = false;                                                \
    if (keel_static_init_done) { ::keel::panic(__FILE__, __LINE__, "KEEL_STATIC_INIT twice: " #Type); } \
    keel_static_init_done = true;                                                             \
    static Type keel_static_init_object{__VA_ARGS__};                                         \
    return ::keel::StaticRef<Type>::assume_static(keel_static_init_object);                   \
  }())

#define KEEL_STATIC_BUFFER(Type, N)                                                           \
  ([]() -> ::keel::StaticSlice<Type> {                                                        \
    static_assert(!::keel::is_view<Type>, "a view cannot be static: " #Type);                \
    static bool keel_static_init_done = false;                                                \
    if (keel_static_init_done) { ::keel::panic(__FILE__, __LINE__, "KEEL_STATIC_BUFFER twice"); } \
    keel_static_init_done = true;                                                             \
    static Type keel_static_buffer[N]{};  /* a C array: no untrusted template in between */  \
    return ::keel::StaticSlice<Type>::assume_static(::keel::Slice<Type>(keel_static_buffer)); \
  }())
