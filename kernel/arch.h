// SPDX-License-Identifier: Apache-2.0
// The two things an architecture (arch/<isa>/) gives the kernel, and the only way kernel/ reaches them. The build
// puts one architecture's folder on the include path; the concepts below say what its keel_arch/ headers must
// provide, so the kernel and the capsules compile against these interfaces and never learn which CPU they run on.
//
// 1. A process's context (keel_arch/user_context.h, arch::UserContext): start it, run it until it traps, and read
//    and change what the trap left (the system call, its return, an upcall to enter, a fault to report).
// 2. Memory protection (keel_arch/memory_protection.h): the rules the hardware imposes on a process's RAM block
//    and break (arch::ProtectionRules, which the trusted ProcessMemory follows, so the hardware can always fence
//    exactly what it allows). The MPU/PMP is programmed by the architecture's trusted arch::ProcessEntry::enter
//    (arch/<isa>/assembly_entry.h), with the regions of the process it enters, whenever the hardware does not
//    hold them already: which regions are loaded is never the kernel's choice.
#pragma once

#include "keel_arch/memory_protection.h"
#include "keel_arch/user_context.h"
#include "kernel/core/array.h"
#include "kernel/core/slice.h"
#include "kernel/process_memory.h"
#include "kernel/switch_reason.h"
#include "kernel/syscall.h"
#include "kernel/upcall.h"
#include "kernel/writer.h"

namespace keel {

template <typename A, typename B> concept same_as_type = is_same<A, B>;

template <typename Context>
concept ProcessContext = requires(Context& context, Context const& saved, ProcessStart const& start,
                                  ProcessMemory const& memory, SyscallReturn const& result, UpcallSlot const& slot,
                                  Array<uint32_t, 3> const& values, Writer const& out) {
  context.initialize(start);
  /// Runs the process until it traps. A system call comes back with its pc past the call instruction.
  { context.switch_to(memory) } -> same_as_type<SwitchReason>;
  { saved.syscall() } -> same_as_type<Syscall const&>;
  context.set_return(result);
  context.set_raw_return(values);
  context.enter_upcall(slot, values);
  { saved.pc() } -> same_as_type<uint32_t>;
  { saved.stack_pointer() } -> same_as_type<uint32_t>;
  /// A fault's readable description: its name, what its value is ("address", or empty) and the value.
  { saved.fault_cause() } -> same_as_type<StaticSlice<char const>>;
  { saved.fault_value_name() } -> same_as_type<StaticSlice<char const>>;
  { saved.fault_value() } -> same_as_type<uint32_t>;
  saved.write_registers(out);
};

template <typename Rules>
concept MemoryProtectionRules = requires(uint32_t value, arch::Fence& fence) {
  /// The size of a RAM block for a process that needs `minimum` bytes (what the hardware can fence in steps).
  { Rules::block_size(value) } -> same_as_type<uint32_t>;
  /// The alignment of a RAM block of that size.
  { Rules::block_alignment(value) } -> same_as_type<uint32_t>;
  /// The end of what the hardware exposes when [mem_start, brk) is accessible: the least end >= brk it can fence.
  { Rules::accessible_end(value, value, value) } -> same_as_type<uint32_t>;
  /// What the hardware's fence of a process fixes once, when it claims its TBF and RAM block.
  { Rules::fence(value, value, value, value) } -> same_as_type<arch::Fence>;
  /// And what it updates when the exposed end moves (on a break change, never on a context switch).
  Rules::expose(fence, value, value);
  /// The regions the hardware has for one process, for the boot banner.
  { Rules::kRegions } -> same_as_type<uint32_t const&>;
};

static_assert(ProcessContext<arch::UserContext>, "arch::UserContext must be a ProcessContext");
static_assert(MemoryProtectionRules<arch::ProtectionRules>, "arch::ProtectionRules must follow the rules' shape");

}  // namespace keel
