// SPDX-License-Identifier: Apache-2.0
// The radio's operating modes, shared by the command decoder and the frame builder. The decoder speaks the radio's
// 32-bit register protocol and asks for the wide encoding (KEEL_MODE_WIDE_470) before including this header.
#pragma once

#include <stdint.h>

namespace keel::capsules {

#ifdef KEEL_MODE_WIDE_470
enum class RadioMode470 : uint32_t { off, receive, transmit };
#else
enum class RadioMode470 : uint8_t { off, receive, transmit };
#endif

/// Decodes the mode word of a command into `mode`.
void decode_mode_470(uint32_t word, RadioMode470& mode);

}  // namespace keel::capsules
