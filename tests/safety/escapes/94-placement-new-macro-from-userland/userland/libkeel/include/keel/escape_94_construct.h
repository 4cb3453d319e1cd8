// SPDX-License-Identifier: Apache-2.0
// In-place construction for structs shared by apps and the kernel.
#pragma once
#include <stddef.h>

struct keel_in_place_94 {};
inline void* operator new(size_t /*size*/, keel_in_place_94 /*tag*/, void* where) noexcept { return where; }
#define ESCAPE_94_CONSTRUCT(Type, where) (new (keel_in_place_94{}, (where)) Type{})
