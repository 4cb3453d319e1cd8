// The two things only the board's CPU does, for the loader fuzzer: entering a process and programming the MPU/PMP.
// The loader does neither (it claims memory and sets up a context), so both end the run if ever reached.
#include <cstdio>
#include <cstdlib>

#include "keel_arch/memory_protection.h"
#include "keel_arch/user_context.h"

namespace {
[[noreturn]] void unexpected(char const* what) {
  std::fprintf(stderr, "keel fuzz: the loader called %s\n", what);
  std::abort();
}
}  // namespace

#if defined(KEEL_FUZZ_ARCH_RV32)
#include "arch/rv32/assembly_entry.h"
extern "C" void keel_rv32_switch_to_user(keel::arch::TrapFrame& /*frame*/) { unexpected("switch_to_user"); }
#else
#include "arch/cortex-m/assembly_entry.h"
extern "C" void keel_cm_switch_to_user(keel::arch::SavedState& /*state*/) { unexpected("switch_to_user"); }
extern "C" void keel_cm_wait_for_interrupt() { unexpected("wait_for_interrupt"); }
#endif

namespace keel::arch {
#if defined(KEEL_FUZZ_ARCH_RV32)
void ProcessEntry::program_and_enter(TrapFrame& /*frame*/, ProcessMemory const& /*memory*/) {
  unexpected("ProcessEntry::program_and_enter");
}
#else
void ProcessEntry::program(ProcessMemory const& /*memory*/) { unexpected("ProcessEntry::program"); }
#endif
bool resume_flash_rule() { unexpected("resume_flash_rule"); }
void enable_memory_protection() { unexpected("enable_memory_protection"); }
}  // namespace keel::arch
