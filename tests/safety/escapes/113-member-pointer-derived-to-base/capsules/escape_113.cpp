// SPDX-License-Identifier: Apache-2.0
// Frame fields by table: a header field and the trailer of the full frame, set by one helper (no switch per field).
#include "kernel/core/array.h"
#include "kernel/core/types.h"

namespace keel::capsules {

struct Header {
  uint32_t checksum = 0;
};

struct Frame : Header {
  Array<uint8_t, 1024> payload{};
  uint32_t trailer = 0;
};

/// The frame's trailer as a Header field (the header's view of the frame's last word).
inline auto trailer_field() { return static_cast<decltype(&Header::checksum)>(&Frame::trailer); }

template <typename Field> void set_field(Header& header, Field field, uint32_t value) { header.*field = value; }

class Checksummer {
 public:
  void seal(uint32_t value) { set_field(last_, trailer_field(), value); }  // writes 1028 bytes past last_
  uint32_t checksum() const { return last_.checksum; }

 private:
  Header last_{};
};

void escape_113_seal(Checksummer& checksummer, uint32_t value) { checksummer.seal(value); }

}  // namespace keel::capsules
