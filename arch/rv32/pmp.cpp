// SPDX-License-Identifier: Apache-2.0
// TRUSTED: writes the PMP CSRs with inline assembly, and reads the layout's linker symbols as addresses.
//
// Entries (the lowest-numbered match decides), with mseccfg.MML (Smepmp machine-mode lockdown: unlocked rules are
// U-mode only, locked ones M-mode only, except the shared encodings) and MMWP (an M-mode access no rule matches
// fails):
//   0-1  the process's TBF, TOR, U read+execute. Under MML it is U-mode only, so it shadows entry 12 for the
//        kernel: a kernel load from that TBF traps, and switch.S suspends entry 1 (off) and retries; the process's
//        next access to its TBF traps in turn and resume_flash_rule turns it back on. Nothing on a system call.
//   2-3  the process's RAM, TOR, shared read+write (M and U).
//   4-7  two IPC windows, TOR, shared read+write, each on only while open.
//   8    the kernel stack guard, NAPOT, locked, no access.
//   9-10 kernel text, TOR, locked, M read+execute (9 holds its start).
//   11   kernel constants and .data's load image, up to the end of the kernel's flash, TOR, locked, M read-only.
//   12   all app flash, NAPOT, locked, M read-only.
//   13   kernel RAM (.data, .bss, the stack), NAPOT, locked, M read+write.
//   14   all process RAM, NAPOT, locked, M read+write (other processes' buffers, grants).
//   15   devices and the flash bank, [0, 1 GiB), NAPOT, locked, M read+write.
// Entries 0-7 come only from a ProtectionRegions (ProcessMemory's, checked there), written only by ProcessEntry::enter
// for the process it enters (assembly_entry.h). Entries 8-15 get their
// configuration from here, each locked and M-only; the addresses of 9-15 come from the untrusted
// arch/rv32/kernel_rules.h, which can choose no permission (see there); the guard's address is computed here.
#include "keel_arch/memory_protection.h"

#include "arch/rv32/assembly_entry.h"
#include "arch/rv32/kernel_rules.h"

#include "kernel/core/panic.h"

extern "C" char _kernel_flash_start[], _kernel_text_end[], _kernel_flash_end[], _kernel_ram_start[],
    _kernel_ram_end[], _kernel_stack_guard[], _app_flash_start[], _app_flash_end[], _process_ram_start[],
    _process_ram_end[];

namespace keel::arch {
namespace {

// pmpcfg byte fields (privileged spec figure 3.27).
constexpr uint32_t kRead = 1U << 0;
constexpr uint32_t kWrite = 1U << 1;
constexpr uint32_t kExecute = 1U << 2;
constexpr uint32_t kTopOfRange = 1U << 3;
constexpr uint32_t kNaturalPowerOfTwo = 3U << 3;
constexpr uint32_t kLocked = 1U << 7;
// Smepmp, MML set: L=0 R=0 W=1 X=1 is a region both M and U may read and write.
constexpr uint32_t kShared = kWrite | kExecute;
constexpr uint32_t kMseccfgMachineModeLockdown = 1U << 0;
constexpr uint32_t kMseccfgMachineModeWhitelist = 1U << 1;
constexpr uint32_t kMseccfgRuleLockingBypass = 1U << 2;
constexpr uint32_t kGuardSize = 1024;  // layout.ld's

uint32_t address_of(char const* symbol) { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(symbol)); }

// Entry 0 (off) holds the flash base for entry 1 (TOR, R+X); entry 2 (off) the RAM base for entry 3 (TOR, shared
// read+write). Entry 1 off with entry 3 on is how resume_flash_rule knows that switch.S suspended entry 1: only
// ProcessEntry::protect turns entry 3 on (A is 0 at reset), always together with entry 1.
constexpr uint32_t kEntry1TopOfRange = kTopOfRange << 8;
constexpr uint32_t kEntry3TopOfRange = kTopOfRange << 24;
constexpr uint32_t kConfig = ((kTopOfRange | kRead | kExecute) << 8) | ((kTopOfRange | kShared) << 24);
// Entries 4-7 the same for the two windows (TOR, R+W), each switched on only while its window is open: an empty TOR
// range should match nothing, but QEMU 7.2 computes its end as pmpaddr * 4 - 1, so [0, 0) would match every address.
constexpr uint32_t kWindowRule = kTopOfRange | kShared;

// Whether entries 4-7 may hold an open window: while none is open and none was programmed, a switch skips them.
bool windows_programmed = false;

void program_windows(Window const& first, Window const& second) {
  asm volatile("csrw pmpcfg1, zero" ::: "memory");
  asm volatile("csrw pmpaddr4, %0" ::"r"(first.start >> 2));
  asm volatile("csrw pmpaddr5, %0" ::"r"(first.end >> 2));
  asm volatile("csrw pmpaddr6, %0" ::"r"(second.start >> 2));
  asm volatile("csrw pmpaddr7, %0" ::"r"(second.end >> 2));
  uint32_t const window_config = (first.start != first.end ? kWindowRule << 8 : 0) |
                                 (second.start != second.end ? kWindowRule << 24 : 0);
  asm volatile("csrw pmpcfg1, %0" ::"r"(window_config) : "memory");
}

}  // namespace

void enable_memory_protection() {
  uint32_t const guard = address_of(_kernel_stack_guard);
  if (guard % kGuardSize != 0) { KEEL_PANIC("the kernel stack guard cannot be fenced by the PMP"); }
  KernelEntries const kernel = KernelRules::entries(
      {{address_of(_kernel_flash_start), address_of(_kernel_flash_end)}, address_of(_kernel_text_end),
       {address_of(_app_flash_start), address_of(_app_flash_end)},
       {address_of(_kernel_ram_start), address_of(_kernel_ram_end)},
       {address_of(_process_ram_start), address_of(_process_ram_end)}});
  // Rule-locking bypass first (it can only be set while no rule is locked): QEMU 7.2 refuses the shared read-write
  // encoding (entries 3-7) under MML without it. Locked rules stay unchangeable by anything but a CSR write, which
  // only this file's code (kernel text, executable by nothing else) contains.
  asm volatile("csrw 0x747, %0" ::"r"(kMseccfgRuleLockingBypass) : "memory");
  asm volatile("csrw pmpaddr8, %0" ::"r"((guard | (kGuardSize / 2 - 1)) >> 2));
  asm volatile("csrw pmpaddr9, %0" ::"r"(kernel.text_start));
  asm volatile("csrw pmpaddr10, %0" ::"r"(kernel.text_end));
  asm volatile("csrw pmpaddr11, %0" ::"r"(kernel.flash_end));
  asm volatile("csrw pmpaddr12, %0" ::"r"(kernel.app_flash));
  asm volatile("csrw pmpaddr13, %0" ::"r"(kernel.kernel_ram));
  asm volatile("csrw pmpaddr14, %0" ::"r"(kernel.process_ram));
  asm volatile("csrw pmpaddr15, %0" ::"r"(kernel.devices));
  // Every one locked, none with a shared encoding (under MML: L=1 with W but not R, or with R, W and X).
  uint32_t const entries_8_to_11 = (kLocked | kNaturalPowerOfTwo) | (kLocked << 8) |
                                   ((kLocked | kTopOfRange | kRead | kExecute) << 16) |
                                   ((kLocked | kTopOfRange | kRead) << 24);
  uint32_t const read_write = kLocked | kNaturalPowerOfTwo | kRead | kWrite;
  uint32_t const entries_12_to_15 = (kLocked | kNaturalPowerOfTwo | kRead) | (read_write << 8) | (read_write << 16) |
                                    (read_write << 24);
  asm volatile("csrw pmpcfg2, %0" ::"r"(entries_8_to_11) : "memory");
  asm volatile("csrw pmpcfg3, %0" ::"r"(entries_12_to_15) : "memory");
  // mseccfg (0x747): from here on the kernel reaches only what entries 8-15 (and the shared ones) give it.
  asm volatile("csrw 0x747, %0" ::"r"(kMseccfgRuleLockingBypass | kMseccfgMachineModeLockdown |
                                        kMseccfgMachineModeWhitelist) : "memory");
  asm volatile("sfence.vma zero, zero" ::: "memory");
}

void ProcessEntry::program_and_enter(TrapFrame& frame, ProcessMemory const& memory) {
  ProtectionRegions const& regions = memory.regions();
  // pmpaddr holds address bits 33:2; ProcessMemory keeps every bound 4-byte aligned.
  uint32_t const flash_start = regions.flash().start >> 2;
  uint32_t const flash_end = regions.flash().end >> 2;
  uint32_t const ram_start = regions.ram().start >> 2;
  uint32_t const ram_end = regions.ram().end >> 2;
  // Disable first so no half-written combination is ever live. The empty default regions would make TOR [0, 0),
  // which QEMU 7.2 matches with every address (see kWindowRule): entry 1, U-mode only, would then deny the kernel its
  // next instruction fetch, so no process could ever run with them.
  asm volatile("csrw pmpcfg0, zero" ::: "memory");
  asm volatile("csrw pmpaddr0, %0" ::"r"(flash_start));
  asm volatile("csrw pmpaddr1, %0" ::"r"(flash_end));
  asm volatile("csrw pmpaddr2, %0" ::"r"(ram_start));
  asm volatile("csrw pmpaddr3, %0" ::"r"(ram_end));
  asm volatile("csrw pmpcfg0, %0" ::"r"(kConfig) : "memory");
  static_assert(ProtectionRules::kWindows == 2, "entries 4-7 hold two windows");
  Window const first = regions.window(0);
  Window const second = regions.window(1);
  bool const any_open = first.start != first.end || second.start != second.end;
  if (any_open || windows_programmed) { program_windows(first, second); }
  windows_programmed = any_open;
  // Privileged spec 3.7.2: PMP settings may be cached with address translations, and new ones apply only after an
  // sfence.vma. QEMU does cache them: without this, a process could keep reaching a page the previous process (or a
  // revoked IPC window) made accessible.
  asm volatile("sfence.vma zero, zero" ::: "memory");
  ProcessMemory::programmed_ = memory.mem_start();
  keel_rv32_switch_to_user(frame);
}

bool resume_flash_rule() {
  uint32_t config = 0;
  asm volatile("csrr %0, pmpcfg0" : "=r"(config));
  if ((config & (kEntry1TopOfRange | kEntry3TopOfRange)) != kEntry3TopOfRange) { return false; }
  asm volatile("csrs pmpcfg0, %0" ::"r"(kEntry1TopOfRange) : "memory");
  return true;
}

}  // namespace keel::arch
