// Host stand-ins for the two things only a real rv32 CPU can do: enter a process, and program the PMP. Host tests
// drive the kernel's syscall layer directly, so entering a process is never expected (unless a test allows it);
// PMP programming is recorded.
#include "fake_cpu.h"

#include <cstdlib>

#include "keel_arch/memory_protection.h"
#include "keel_arch/user_context.h"

namespace fake_cpu {
keel::ProtectionRegions last_protected{};
int protect_calls = 0;
int entries_allowed = 0;
int entries = 0;
}  // namespace fake_cpu

extern "C" void keel_rv32_switch_to_user(keel::arch::TrapFrame& /*frame*/) {
  if (fake_cpu::entries >= fake_cpu::entries_allowed) { std::abort(); }
  ++fake_cpu::entries;
}

namespace keel::arch {
void ProcessEntry::program_and_enter(TrapFrame& frame, ProcessMemory const& memory) {
  fake_cpu::last_protected = memory.regions();
  ++fake_cpu::protect_calls;
  ProcessMemory::programmed_ = memory.mem_start();
  keel_rv32_switch_to_user(frame);
}
bool resume_flash_rule() { return false; }
void enable_memory_protection() {}
}  // namespace keel::arch
