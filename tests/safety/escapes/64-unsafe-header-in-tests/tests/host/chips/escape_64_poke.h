// SPDX-License-Identifier: Apache-2.0
// Host-test helper: write a word of (fake) device memory.
#pragma once
#include <stdint.h>

inline void escape_64_poke(uintptr_t address, uint32_t value) { *(uint32_t*)address = value; }
