// SPDX-License-Identifier: Apache-2.0
// Command dispatch of a flash capsule; the syscall layer "only passes valid commands".
#include "kernel/core/types.h"

namespace keel::capsules {

class Flash88 {
 public:
  virtual uint32_t read(uint32_t arg) const = 0;
  virtual uint32_t write(uint32_t arg) const = 0;
  virtual uint32_t erase(uint32_t arg) const = 0;
  virtual uint32_t status(uint32_t arg) const = 0;

 protected:
  ~Flash88() = default;
};

enum class Op88 : uint8_t { Read, Write, Erase, Status, Lock, Unlock };

uint32_t escape_88_dispatch(Flash88 const& flash, uint32_t command, uint32_t arg) {
  switch (static_cast<Op88>(command)) {
    case Op88::Read: return flash.read(arg);
    case Op88::Write: return flash.write(arg);
    case Op88::Erase: return flash.erase(arg);
    case Op88::Status: return flash.status(arg);
    case Op88::Lock: return flash.write(arg | 0x8000'0000U);
    case Op88::Unlock: return flash.write(arg & 0x7FFF'FFFFU);
  }
  __builtin_unreachable();
}

}  // namespace keel::capsules
