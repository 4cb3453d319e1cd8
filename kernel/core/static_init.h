// SPDX-License-Identifier: Apache-2.0
// KEEL_STATIC_INIT(Type, args...): creates one statically allocated Type, constructed on the first (and only) call,
// and yields a reference to it. Boards wire the kernel with it: every kernel object lives for the whole run, so a
// reference between kernel objects never dangles, and nothing is allocated at run time. Each use site owns its own
// storage (the lambda makes each expansion a distinct function), so two uses with the same type are two objects.
// Calling one use site twice is a wiring bug and panics.
#pragma once

#include "kernel/core/panic.h"
#include "kernel/core/utility.h"

#define KEEL_STATIC_INIT(Type, ...)                                            \
  ([&]() -> Type& {                                                            \
    static bool keel_static_init_done = false;                                 \
    if (keel_static_init_done) { KEEL_PANIC("KEEL_STATIC_INIT ran twice for " #Type); } \
    keel_static_init_done = true;                                              \
    static Type keel_static_init_object{__VA_ARGS__};                          \
    return keel_static_init_object;                                            \
  }())
