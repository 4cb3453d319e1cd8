// SPDX-License-Identifier: Apache-2.0
// QEMU's "sifive_test" finisher at 0x00100000 (hw/misc/sifive_test.c): writing 0x5555 ends the emulation with exit
// status 0, 0x3333 | (code << 16) with status `code`, 0x7777 resets the machine. Boards use it to end a run when
// every process has ended, the panic path to end it with a failure status, and the process console to reboot.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/registers.h"
#include "kernel/hil/reset.h"

namespace keel::chips::qemu_virt {

struct TestFinisherRegisters {
  mmio::WriteOnly<uint32_t> finisher;
};
KEEL_REGISTER_AT(TestFinisherRegisters, finisher, 0x0);

inline constexpr uintptr_t kTestFinisherAddress = 0x00100000;

class TestFinisher final : public hil::reset::SystemReset {
 public:
  explicit TestFinisher(StaticRef<TestFinisherRegisters> registers) : registers_(registers) {}
  TestFinisher(TestFinisher const&) = delete;
  TestFinisher& operator=(TestFinisher const&) = delete;
  void exit_success() const { registers_->finisher.set(0x5555); }
  void exit_failure(uint16_t code) const { registers_->finisher.set(0x3333U | (static_cast<uint32_t>(code) << 16)); }
  void reset() const override { registers_->finisher.set(0x7777); }

 private:
  StaticRef<TestFinisherRegisters> registers_;
};

}  // namespace keel::chips::qemu_virt
