// SPDX-License-Identifier: Apache-2.0
#include "kernel/process.h"

#include "kernel/core/utility.h"

namespace keel {

static_assert(ProcessMemory::kWindows <= 255, "Process::oldest_window_ is a byte");

Result<void> Process::create(uint32_t index, tbf::Header const& header, ProcessLayout const& layout) {
  KEEL_TRY(memory_.claim({layout.flash_start, layout.flash_end}, {layout.mem_start, layout.mem_end}));
  header_ = header.app();
  id_ = ProcessId{index, 0};
  restart_count_ = 0;
  state_ = ProcessState::Terminated;
  return success();
}

Slice<uint8_t const> Process::name() const { return tbf::package_name(tbf(), header_.package_name_offset); }

tbf::StoragePermissions Process::storage_permissions() const {
  return tbf::storage_permissions(tbf(), header_.storage_permissions_offset);
}

void Process::start(uint32_t identifier) {
  id_.identifier = identifier;
  // What the process can reach starts zeroed (nothing of an earlier run, or of whatever used this RAM before, shows
  // through). The rest of the block is zeroed when it is handed out: by set_brk, or as a grant.
  memory_.reset(initial_ram_size(header_.minimum_ram_size));  // closes its windows too
  windows_ = {};
  allowed_high_water_ = memory_.mem_start();
  upcalls_.clear();
  waiting_for_ = UpcallId{};
  completion_code_ = 0;

  // abi.md "Starting a process": init(app_start, mem_start, mem_len, app_brk); the architecture picks the stack.
  uint32_t const mem_start = memory_.mem_start();
  context_.initialize(ProcessStart{memory_.flash_start() + header_.entry_offset, app_start(),
                                   mem_start, memory_.mem_end() - mem_start, memory_.brk()});
  state_ = ProcessState::Runnable;
}

void Process::terminate(uint32_t completion_code) {
  completion_code_ = completion_code;
  upcalls_.clear();
  memory_.drop_grants();
  for (usize slot = 0; slot < ProcessMemory::kWindows; ++slot) { memory_.close_window(slot); }
  windows_ = {};
  state_ = ProcessState::Terminated;
}

bool Process::stop() {
  switch (state_) {
    case ProcessState::Runnable: state_ = ProcessState::StoppedRunnable; return true;
    case ProcessState::Yielded: state_ = ProcessState::StoppedYielded; return true;
    case ProcessState::YieldedFor: state_ = ProcessState::StoppedYieldedFor; return true;
    default: return false;
  }
}

bool Process::resume() {
  switch (state_) {
    case ProcessState::StoppedRunnable: state_ = ProcessState::Runnable; return true;
    case ProcessState::StoppedYielded: state_ = ProcessState::Yielded; return true;
    case ProcessState::StoppedYieldedFor: state_ = ProcessState::YieldedFor; return true;
    default: return false;
  }
}

bool Process::write_ram_byte(uint32_t address, uint8_t value) const {
  Option<Slice<uint8_t>> const byte = memory_.ram(address, 1);
  if (byte.is_none()) { return false; }
  byte.value()[0] = value;
  return true;
}

Result<void> Process::set_brk(uint32_t new_brk) { return memory_.set_brk(new_brk, allowed_high_water_); }

Result<void> Process::open_window(Process const& owner, uint32_t driver_number, uint32_t allow_number,
                                  uint32_t address, uint32_t length) {
  // A window's record names its owner by index + 1; an index with no successor (no table is that long) could not
  // be recorded, and an unrecorded window would never be closed.
  uint32_t const owner_plus_one = owner.id().index + 1;
  if (owner_plus_one == 0) { return Error(ErrorCode::Inval); }
  usize chosen = ProcessMemory::kWindows;
  for (usize slot = 0; slot < ProcessMemory::kWindows && chosen == ProcessMemory::kWindows; ++slot) {
    SharedWindow const& w = windows_[slot];
    if (w.shows(owner.id().index) && w.driver_number == driver_number &&
        w.allow_number == allow_number) {
      chosen = slot;
    }
  }
  for (usize slot = 0; slot < ProcessMemory::kWindows && chosen == ProcessMemory::kWindows; ++slot) {
    if (!windows_[slot].open()) { chosen = slot; }
  }
  if (chosen == ProcessMemory::kWindows) {
    chosen = oldest_window_;
    oldest_window_ = static_cast<uint8_t>((oldest_window_ + 1) % ProcessMemory::kWindows);
  }
  Result<void> const opened = memory_.open_window(chosen, owner.memory_, address, length);
  if (opened.is_error()) { return opened; }
  windows_[chosen] = SharedWindow{owner_plus_one, driver_number, allow_number};
  return success();
}

void Process::close_windows_onto(uint32_t owner_index, bool all_slots, uint32_t driver_number,
                                 uint32_t allow_number) {
  for (usize slot = 0; slot < ProcessMemory::kWindows; ++slot) {
    SharedWindow const& w = windows_[slot];
    if (!w.shows(owner_index)) { continue; }
    if (!all_slots && (w.driver_number != driver_number || w.allow_number != allow_number)) { continue; }
    memory_.close_window(slot);
    windows_[slot] = SharedWindow{};
  }
}

void Process::note_allowed_buffer_end(uint32_t end) { allowed_high_water_ = max(allowed_high_water_, end); }

}  // namespace keel
