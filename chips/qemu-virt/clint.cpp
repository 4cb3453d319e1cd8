// SPDX-License-Identifier: Apache-2.0
#include "chips/qemu-virt/clint.h"

#include "chips/qemu-virt/memory_map.h"

namespace keel::chips::qemu_virt {

Clint::Clint(StaticRef<ClintRegisters> registers, StaticRef<InterruptEnable const> timer_interrupt)
    : registers_(registers), timer_interrupt_(timer_interrupt) {}

void Clint::initialize() const {
  timer_interrupt_->disable();
  write_compare(kNever);
  armed_.set(false);
}

void Clint::handle_interrupt() const {
  // Disarm (see disarm()) before calling the client, which may set the alarm again.
  timer_interrupt_->disable();
  if (armed_.replace(false)) {
    client_.map([](hil::time::HardwareAlarmClient const& client) { client.alarm_fired(); });
  }
}

uint64_t Clint::now_64() const {
  uint32_t high = registers_->mtime_high.get();
  uint32_t low = registers_->mtime_low.get();
  uint32_t high_again = registers_->mtime_high.get();
  // A changed high word means the low word wrapped between the reads; the second pair is then consistent, because
  // the next wrap is 2^32 ticks (seven minutes at 10 MHz) away.
  if (high != high_again) {
    high = high_again;
    low = registers_->mtime_low.get();
  }
  return (static_cast<uint64_t>(high) << 32) | low;
}

uint32_t Clint::frequency() const { return kTimebaseHz; }

hil::time::Ticks Clint::now() const { return registers_->mtime_low.get(); }

void Clint::set_alarm_client(StaticRef<hil::time::HardwareAlarmClient const> client) const { client_.set(client); }

void Clint::set_alarm(hil::time::Ticks reference, hil::time::Ticks dt) const {
  alarm_.set(static_cast<hil::time::Ticks>(reference + dt));
  armed_.set(true);
  write_compare(compare_value(now_64(), reference, dt));
  timer_interrupt_->enable();
}

hil::time::Ticks Clint::get_alarm() const { return alarm_.get(); }

// Masking the timer interrupt is the whole of disarming: mtimecmp may stay in the past (the level stays high), but
// masked it neither counts as pending (the chip asks mip & mie) nor should end a wfi (the privileged spec asks
// harts to honour the individual enables there). set_alarm writes mtimecmp before it unmasks. This keeps the
// fired path, where the client nearly always sets the alarm again at once, to one CSR write.
Result<void> Clint::disarm() const {
  timer_interrupt_->disable();
  if (!armed_.replace(false)) { return Error(ErrorCode::Already); }
  return success();
}

bool Clint::is_armed() const { return armed_.get(); }

// Any dt works: an alarm already due when it is written fires at once (see compare_value).
hil::time::Ticks Clint::minimum_dt() const { return 1; }

void Clint::write_compare(uint64_t value) const {
  // rv32 writes mtimecmp in two halves. High = all ones first makes every intermediate value lie in the far future,
  // so no spurious interrupt can fire between the writes (RISC-V privileged spec 3.2.1, the sequence for RV32).
  registers_->mtimecmp_high.set(0xFFFF'FFFFU);
  registers_->mtimecmp_low.set(static_cast<uint32_t>(value));
  registers_->mtimecmp_high.set(static_cast<uint32_t>(value >> 32));
}

}  // namespace keel::chips::qemu_virt
