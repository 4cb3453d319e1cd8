// SPDX-License-Identifier: Apache-2.0
// Packet forwarding between two channels: the common header is copied from the received packet into the one sent.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

/// The wire header every packet starts with.
class PacketHeader106 {
 public:
  uint32_t length = 0;
  uint8_t kind = 0;
  uint8_t reserved() const { return reserved_; }

 private:
  uint8_t reserved_ = 0;  // the wire format's reserved byte: never read or written by drivers
};
static_assert(sizeof(PacketHeader106) == 8);

struct RxPacket106 : PacketHeader106 {
  uint8_t channel = 0;  // as the process asked: any byte
};
struct TxPacket106 : PacketHeader106 {
  bool urgent = false;
};

struct QueueStats106 {
  Array<uint32_t, 2> sent{};  // [normal, urgent]
};

void escape_106_forward(RxPacket106 const& received, TxPacket106& outgoing, QueueStats106& stats) {
  // Copy the common header in one go (trivially copyable: a memcpy).
  Slice<PacketHeader106>::of(outgoing).copy_from(Slice<PacketHeader106 const>::of(received));
  // outgoing.urgent now holds received.channel (tail padding of the header); 0 or 1 says the compiler.
  stats.sent[static_cast<usize>(outgoing.urgent)] += 1;
}

}  // namespace keel::capsules
