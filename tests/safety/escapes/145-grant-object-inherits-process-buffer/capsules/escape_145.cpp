// SPDX-License-Identifier: Apache-2.0
// A streaming capsule: the buffer a process allowed is remembered in its grant between commands.
#include "kernel/grant.h"
#include "kernel/process_buffer.h"

namespace keel::capsules {

struct Stream145 : ReadWriteProcessBuffer {
  uint32_t written = 0;
};

class Streamer145 {
 public:
  explicit Streamer145(Kernel& kernel) : grant_(kernel, 0x9'0145) {}

  void open(ProcessId pid) const {
    (void)grant_.enter(pid, [](Stream145& stream, GrantKernelData const& data) {
      static_cast<ReadWriteProcessBuffer&>(stream) = data.read_write_buffer(0);
      stream.written = 0;
    });
  }
  void put(ProcessId pid, uint8_t byte) const {
    (void)grant_.enter(pid, [byte](Stream145& stream, GrantKernelData const& /*data*/) {
      Slice<uint8_t> const bytes = stream.bytes();  // the buffer as it was allowed at open()
      if (stream.written < bytes.size()) {
        bytes[stream.written] = byte;
        stream.written = stream.written + 1;
      }
    });
  }

 private:
  Grant<Stream145, 0, 0, 1> grant_;
};

}  // namespace keel::capsules
