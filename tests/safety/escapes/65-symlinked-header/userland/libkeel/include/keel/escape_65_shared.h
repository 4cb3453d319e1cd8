// SPDX-License-Identifier: Apache-2.0
// Shared between the app library and the kernel (the kernel sees it as capsules/escape_65_shared.h).
#pragma once
#include <stddef.h>
#include <stdint.h>

inline uint8_t escape_65_byte(uint8_t const* bytes, size_t index) { return *(bytes + index); }
