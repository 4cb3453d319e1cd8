// SPDX-License-Identifier: Apache-2.0
#include "kernel/process.h"

#include "kernel/core/utility.h"
#include "kernel/process_memory.h"

namespace keel {

void Process::create(uint32_t index, tbf::Header const& header, ProcessLayout const& layout) {
  header_ = header;
  layout_ = layout;
  id_ = ProcessId{index, 0};
  restart_count_ = 0;
  state_ = ProcessState::Terminated;
}

void Process::start(uint32_t identifier) {
  id_.identifier = identifier;
  kernel_break_ = layout_.mem_end;
  app_brk_ = min(align_up(layout_.mem_start + header_.minimum_ram_size, 4), kernel_break_);
  // What the process can reach starts zeroed (nothing of an earlier run, or of whatever used this RAM before, shows
  // through). The rest of the block is zeroed when it is handed out: by set_brk, or as a grant.
  process_memory::zero(layout_.mem_start, app_brk_ - layout_.mem_start);
  allowed_high_water_ = layout_.mem_start;
  upcalls_.clear();
  for (GrantEntry& entry : grants_) { entry = GrantEntry{}; }
  waiting_for_ = UpcallId{};
  completion_code_ = 0;

  // abi.md "Starting a process": init(app_start, mem_start, mem_len, app_brk); RISC-V starts with sp = mem_start.
  uint32_t const init = layout_.flash_start + header_.header_size + header_.init_fn_offset;
  Array<uint32_t, 4> const args{{app_start(), layout_.mem_start, layout_.mem_end - layout_.mem_start, app_brk_}};
  context_.initialize(init, layout_.mem_start, args);
  state_ = ProcessState::Runnable;
}

void Process::terminate(uint32_t completion_code) {
  completion_code_ = completion_code;
  upcalls_.clear();
  for (GrantEntry& entry : grants_) { entry = GrantEntry{}; }
  state_ = ProcessState::Terminated;
}

arch::ProcessRegions Process::protection_regions() const {
  return {layout_.flash_start, layout_.flash_end, layout_.mem_start, align_up(app_brk_, 4)};
}

Option<Slice<uint8_t>> Process::ram_bytes(uint32_t address, uint32_t length) const {
  if (!in_ram(address, length)) { return none; }
  return process_memory::bytes(address, length);
}

bool Process::write_ram_byte(uint32_t address, uint8_t value) const {
  if (!in_ram(address, 1)) { return false; }
  process_memory::bytes(address, 1)[0] = value;
  return true;
}

Result<void> Process::set_brk(uint32_t new_brk) {
  if (new_brk < layout_.mem_start || new_brk > kernel_break_ || new_brk < allowed_high_water_) {
    return Error(ErrorCode::NoMem);
  }
  // Memory that becomes accessible again reads as zero, whatever the process left there before shrinking.
  if (new_brk > app_brk_) { process_memory::zero(app_brk_, new_brk - app_brk_); }
  app_brk_ = new_brk;
  return success();
}

void Process::note_allowed_buffer_end(uint32_t end) { allowed_high_water_ = max(allowed_high_water_, end); }

Option<uint32_t> Process::allocate_grant_memory(uint32_t size) {
  uint32_t const rounded = align_up(size, 8);
  if (rounded > kernel_break_ - layout_.mem_start) { return none; }
  uint32_t const start = (kernel_break_ - rounded) & ~7U;
  if (start < align_up(app_brk_, 4)) { return none; }
  kernel_break_ = start;
  return start;
}

}  // namespace keel
