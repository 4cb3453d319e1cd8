// SPDX-License-Identifier: Apache-2.0
// Ring helpers shared with the app library.
#pragma once
#include <stddef.h>
#include <stdint.h>

inline uint8_t& escape_66_slot(uint8_t* ring, size_t index) { return *(ring + index); }
