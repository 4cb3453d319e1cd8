// SPDX-License-Identifier: Apache-2.0
// Inline helpers of escape_61.cpp's ring (included there only).
inline uint8_t escape_61_at(keel::Slice<uint8_t const> ring, keel::usize index) { return *(ring.begin() + index); }
