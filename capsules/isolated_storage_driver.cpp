// SPDX-License-Identifier: Apache-2.0
#include "capsules/isolated_storage_driver.h"

#include "kernel/core/utility.h"
#include "kernel/kernel.h"

namespace keel::capsules {
namespace {

constexpr uint32_t kHeaderVersion = 1;
/// Mixed into the check word, so that a slot of other data is not taken for a header by chance.
constexpr uint32_t kCheckKey = 0x4b49'5653;  // "KIVS"
constexpr uint32_t kUnprogrammed = 0xffff'ffffU;

uint32_t word_at(Slice<uint8_t const> bytes, usize at) {
  return uint32_t{bytes[at]} | (uint32_t{bytes[at + 1]} << 8) | (uint32_t{bytes[at + 2]} << 16) |
         (uint32_t{bytes[at + 3]} << 24);
}

void put_word(Slice<uint8_t> bytes, usize at, uint32_t value) {
  for (usize i = 0; i < 4; ++i) { bytes[at + i] = static_cast<uint8_t>(value >> (8 * i)); }
}

/// Whether sequence a is after b (numbers wrap).
bool newer(uint32_t a, uint32_t b) { return static_cast<int32_t>(a - b) > 0; }

uint32_t status_code(Result<void> status) { return status.is_ok() ? 0 : to_number(status.error()); }

}  // namespace

IsolatedStorageDriver::IsolatedStorageDriver(StaticRef<Kernel> kernel, StaticRef<hil::flash::Flash const> flash,
                                             uint32_t region_size, StaticBuffer<uint8_t>&& buffer)
    : kernel_(kernel), grant_(kernel.get(), kDriverNumber), flash_(flash), region_size_(region_size),
      buffer_(move(buffer)) {}

bool IsolatedStorageDriver::is_present() const {
  hil::flash::Geometry const geometry = flash_->geometry();
  return geometry.size != 0 && region_size_ != 0 && region_size_ % 4 == 0 && geometry.write_unit != 0 &&
         kSlotHeaderSize % geometry.write_unit == 0 && region_size_ % geometry.write_unit == 0 &&
         geometry.sector_size >= kSlotHeaderSize && region_size_ <= geometry.sector_size - kSlotHeaderSize &&
         region_capacity() != 0;
}

uint32_t IsolatedStorageDriver::region_capacity() const {
  hil::flash::Geometry const geometry = flash_->geometry();
  if (geometry.sector_size == 0) { return 0; }
  return min<uint32_t>(geometry.size / geometry.sector_size / 2, static_cast<uint32_t>(kMaxRegions));
}

tbf::StoragePermissions IsolatedStorageDriver::permissions(ProcessId pid) const {
  Option<Process&> const process = kernel_->process(pid);
  if (process.is_none()) { return {}; }
  return process.value().storage_permissions();
}

bool IsolatedStorageDriver::lists(uint32_t count, Array<uint32_t, tbf::StoragePermissions::kMaxIds> const& ids,
                                  uint32_t id) {
  for (usize i = 0; i < count && i < ids.size(); ++i) {
    if (ids[i] == id) { return true; }
  }
  return false;
}

CommandReturn IsolatedStorageDriver::command(uint32_t command_number, uint32_t arg0, uint32_t /*arg1*/,
                                             ProcessId pid) const {
  if (command_number == 0) {
    return is_present() ? CommandReturn::success() : CommandReturn::failure(ErrorCode::NoDevice);
  }
  if (command_number > 3) { return CommandReturn::failure(ErrorCode::NoSupport); }
  if (!is_present()) { return CommandReturn::failure(ErrorCode::NoDevice); }
  tbf::StoragePermissions const granted = permissions(pid);
  uint32_t const id = granted.present ? granted.write_id : 0;
  if (id == 0) { return CommandReturn::failure(ErrorCode::NoSupport); }
  // Tock's TBF-header policy: an app reads and modifies its own region only if its ids say so.
  if (command_number == 2 && !lists(granted.read_count, granted.read_ids, id)) {
    return CommandReturn::failure(ErrorCode::NoSupport);
  }
  if (command_number == 3 && !lists(granted.modify_count, granted.modify_ids, id)) {
    return CommandReturn::failure(ErrorCode::NoSupport);
  }
  // The offset's high word only matters on 64-bit machines (Tock's usize32s_to_usize); this one is 32-bit.
  Request const request = command_number == 1 ? Request::GetSize : command_number == 2 ? Request::Read : Request::Write;
  auto queued = grant_.enter(pid, [&](ProcessRequest& waiting, GrantKernelData const& /*data*/) {
    if (waiting.request != Request::None) { return false; }
    waiting.request = request;
    waiting.offset = arg0;
    return true;
  });
  if (queued.is_error()) { return CommandReturn::failure(queued.error()); }
  if (!queued.value()) { return CommandReturn::failure(ErrorCode::Busy); }
  run_next();
  return CommandReturn::success();
}

// ---- Serving requests ----

void IsolatedStorageDriver::run_next() const {
  if (task_.get() != Task::None) { return; }
  if (!scanned_.get()) {
    scan_region_.set(0);
    scan_slot_.set(0);
    if (scan_step()) { return; }
  }
  bool started = false;
  uint32_t const first = first_served_.get();
  auto serve = [&](ProcessId pid, ProcessRequest& request, GrantKernelData const& data) {
    if (!started && request.request != Request::None) { started = start_request(pid, request, data); }
  };
  // Two passes: the processes from `first` to the end of the table, then those before it.
  grant_.each([&](ProcessId pid, ProcessRequest& request, GrantKernelData const& data) {
    if (pid.index >= first) { serve(pid, request, data); }
  });
  grant_.each([&](ProcessId pid, ProcessRequest& request, GrantKernelData const& data) {
    if (pid.index < first) { serve(pid, request, data); }
  });
  first_served_.set((first + 1) % static_cast<uint32_t>(Kernel::kMaxProcesses));
}

bool IsolatedStorageDriver::start_request(ProcessId pid, ProcessRequest& request, GrantKernelData const& data) const {
  tbf::StoragePermissions const granted = permissions(pid);
  uint32_t const owner = granted.present ? granted.write_id : 0;
  if (owner == 0) {
    finish(request, data, Error(ErrorCode::NoSupport), 0);
    return false;
  }
  pid_.set(pid);
  Option<uint32_t> const found = region_of(owner);
  if (found.is_none()) {
    // The app's first request: make its region, then serve the request (it stays waiting).
    Option<uint32_t> const unused = free_region();
    if (unused.is_none()) {
      finish(request, data, Error(ErrorCode::NoMem), 0);
      return false;
    }
    Result<void> const erasing = flash_->erase(slot_offset(unused.value(), 0));
    if (erasing.is_error()) {
      finish(request, data, Error(ErrorCode::Fail), 0);
      return false;
    }
    region_.set(unused.value());
    owner_.set(owner);
    task_.set(Task::AllocateErase);
    return true;
  }
  Region const region = regions_[found.value()].get();
  if (request.request == Request::GetSize) {
    finish(request, data, success(), region.length);
    return false;
  }
  usize const length = request.request == Request::Read ? data.read_write_buffer(ReadWriteAllow::kRead).size()
                                                        : data.read_only_buffer(ReadOnlyAllow::kWrite).size();
  if (length == 0) {
    finish(request, data, Error(ErrorCode::Reserve), 0);
    return false;
  }
  uint64_t const offset = request.offset;
  if (offset >= region.length || length > region.length || offset + length > region.length) {
    finish(request, data, Error(ErrorCode::Inval), 0);
    return false;
  }
  region_.set(found.value());
  offset_.set(request.offset);
  length_.set(static_cast<uint32_t>(length));
  position_.set(0);
  if (request.request == Request::Read) {
    task_.set(Task::Read);
    if (read_chunk().is_ok()) { return true; }
  } else {
    task_.set(Task::WriteErase);
    if (flash_->erase(slot_offset(found.value(), static_cast<uint8_t>(1 - region.live_slot))).is_ok()) { return true; }
  }
  task_.set(Task::None);
  finish(request, data, Error(ErrorCode::Fail), 0);
  return false;
}

void IsolatedStorageDriver::finish(ProcessRequest& request, GrantKernelData const& data, Result<void> status,
                                   uint32_t value) {
  uint32_t const upcall = request.request == Request::GetSize ? Upcall::kGetSizeDone
                          : request.request == Request::Read  ? Upcall::kReadDone
                                                              : Upcall::kWriteDone;
  request.request = Request::None;
  // A full upcall queue drops the notification; the request is over either way.
  (void)data.schedule_upcall(upcall, status_code(status), status.is_ok() ? value : 0, 0);
}

void IsolatedStorageDriver::finish_current(Result<void> status, uint32_t value) const {
  task_.set(Task::None);
  // A process that ended meanwhile has no grant to tell: nothing to do for it.
  (void)grant_.enter(pid_.get(), [&](ProcessRequest& request, GrantKernelData const& data) {
    if (request.request != Request::None) { finish(request, data, status, value); }
  });
  run_next();
}

Option<uint32_t> IsolatedStorageDriver::region_of(uint32_t owner) const {
  for (uint32_t i = 0; i < region_capacity(); ++i) {
    Region const region = regions_[i].get();
    if (!region.unusable && region.owner == owner) { return i; }
  }
  return none;
}

Option<uint32_t> IsolatedStorageDriver::free_region() const {
  for (uint32_t i = 0; i < region_capacity(); ++i) {
    Region const region = regions_[i].get();
    if (!region.unusable && region.owner == 0) { return i; }
  }
  return none;
}

// ---- Slot headers ----

uint32_t IsolatedStorageDriver::check_word(uint32_t owner, uint32_t sequence, uint32_t length) {
  return ((kHeaderVersion << 24) | length) ^ owner ^ sequence ^ kCheckKey;
}

uint32_t IsolatedStorageDriver::usable_sequence(uint32_t owner, uint32_t from, uint32_t length) {
  uint32_t sequence = from;
  // At most one number is skipped: only one sequence makes the check word all ones.
  if (check_word(owner, sequence, length) == kUnprogrammed) { ++sequence; }
  return sequence;
}

Result<void> IsolatedStorageDriver::program_header(uint32_t offset, uint32_t owner, uint32_t sequence,
                                                   uint32_t length) const {
  Option<StaticBuffer<uint8_t>> taken = buffer_.take();
  if (taken.is_none()) { return Error(ErrorCode::Fail); }
  StaticBuffer<uint8_t> buffer = move(taken).value();
  Slice<uint8_t> const bytes = buffer.slice();
  put_word(bytes, 0, (kHeaderVersion << 24) | length);
  put_word(bytes, 4, owner);
  put_word(bytes, 8, sequence);
  // Programmed last of the four (the driver goes word by word): a header cut short has no valid check word.
  put_word(bytes, 12, check_word(owner, sequence, length));
  BufferResult<uint8_t> started = flash_->write(offset, move(buffer), kSlotHeaderSize);
  if (started.is_error()) {
    buffer_.put(started.take_buffer());
    return started.status();
  }
  return success();
}

IsolatedStorageDriver::SlotHeader IsolatedStorageDriver::parse_header() const {
  Option<SlotHeader> const parsed = buffer_.map([&](Slice<uint8_t> bytes) {
    SlotHeader header;
    uint32_t const version_and_length = word_at(bytes, 0);
    header.owner = word_at(bytes, 4);
    header.sequence = word_at(bytes, 8);
    header.length = version_and_length & 0x00ff'ffffU;
    uint32_t const check = word_at(bytes, 12);
    header.valid = (version_and_length >> 24) == kHeaderVersion && check != kUnprogrammed &&
                   check == check_word(header.owner, header.sequence, header.length) && header.owner != 0 &&
                   header.length != 0 && header.length % 4 == 0 && header.length <= sector_size() - kSlotHeaderSize;
    return header;
  });
  return parsed.value_or(SlotHeader{});
}

// ---- The scan ----

bool IsolatedStorageDriver::scan_step() const {
  while (scan_region_.get() < region_capacity()) {
    Option<StaticBuffer<uint8_t>> taken = buffer_.take();
    if (taken.is_none()) { break; }
    task_.set(Task::Scan);
    BufferResult<uint8_t> started =
        flash_->read(slot_offset(scan_region_.get(), scan_slot_.get()), move(taken).value(), kSlotHeaderSize);
    if (started.is_ok()) { return true; }
    buffer_.put(started.take_buffer());
    // The region cannot be read: never hand it out, go on with the next.
    Region unusable{};
    unusable.unusable = true;
    regions_[scan_region_.get()].set(unusable);
    scan_region_.set(scan_region_.get() + 1);
    scan_slot_.set(0);
  }
  task_.set(Task::None);
  scanned_.set(true);
  return false;
}

void IsolatedStorageDriver::scan_header_read(Result<void> status) const {
  uint32_t const index = scan_region_.get();
  SlotHeader const header = status.is_ok() ? parse_header() : SlotHeader{};
  if (status.is_error()) {
    Region unusable{};
    unusable.unusable = true;
    regions_[index].set(unusable);
  }
  if (scan_slot_.get() == 0 && status.is_ok()) {
    scan_first_.set(header);
    scan_slot_.set(1);
    if (!scan_step()) { run_next(); }
    return;
  }
  if (status.is_ok()) {
    // Both headers read: the valid one with the higher sequence is live.
    SlotHeader const first = scan_first_.get();
    bool const second_live = header.valid && (!first.valid || newer(header.sequence, first.sequence));
    SlotHeader const live = second_live ? header : first;
    Region region{};
    if (live.valid) {
      region.owner = live.owner;
      region.sequence = live.sequence;
      region.length = live.length;
      region.live_slot = second_live ? 1 : 0;
    }
    regions_[index].set(region);
  }
  scan_region_.set(index + 1);
  scan_slot_.set(0);
  if (!scan_step()) { run_next(); }
}

// ---- Reads ----

Result<void> IsolatedStorageDriver::read_chunk() const {
  Option<StaticBuffer<uint8_t>> taken = buffer_.take();
  if (taken.is_none()) { return Error(ErrorCode::Fail); }
  Region const region = regions_[region_.get()].get();
  uint32_t const chunk = min<uint32_t>(length_.get() - position_.get(), static_cast<uint32_t>(kBufferSize));
  chunk_.set(chunk);
  uint32_t const at = slot_offset(region_.get(), region.live_slot) + kSlotHeaderSize + offset_.get() + position_.get();
  BufferResult<uint8_t> started = flash_->read(at, move(taken).value(), chunk);
  if (started.is_error()) {
    buffer_.put(started.take_buffer());
    return started.status();
  }
  return success();
}

// ---- Writes ----

void IsolatedStorageDriver::copy_next_chunk() const {
  Region const region = regions_[region_.get()].get();
  uint8_t const spare = static_cast<uint8_t>(1 - region.live_slot);
  while (position_.get() < region.length) {
    Option<StaticBuffer<uint8_t>> taken = buffer_.take();
    if (taken.is_none()) { break; }
    uint32_t const chunk = min<uint32_t>(region.length - position_.get(), static_cast<uint32_t>(kBufferSize));
    chunk_.set(chunk);
    task_.set(Task::WriteCopyRead);
    BufferResult<uint8_t> started = flash_->read(
        slot_offset(region_.get(), region.live_slot) + kSlotHeaderSize + position_.get(), move(taken).value(), chunk);
    if (started.is_ok()) { return; }
    buffer_.put(started.take_buffer());
    finish_current(Error(ErrorCode::Fail), 0);
    return;
  }
  // Every chunk is in the spare: its header makes it the live slot.
  uint32_t const sequence = usable_sequence(region.owner, region.sequence + 1, region.length);
  sequence_.set(sequence);
  task_.set(Task::WriteHeader);
  if (program_header(slot_offset(region_.get(), spare), region.owner, sequence, region.length).is_error()) {
    finish_current(Error(ErrorCode::Fail), 0);
  }
}

void IsolatedStorageDriver::copy_chunk_read() const {
  uint32_t const start = position_.get();
  uint32_t const chunk = chunk_.get();
  uint64_t const write_start = offset_.get();
  uint64_t const write_end = write_start + length_.get();
  bool all_erased = true;
  // The app's bytes that fall in this chunk, from the buffer it has allowed now.
  Result<void> const entered = grant_.enter(pid_.get(), [&](ProcessRequest& /*request*/, GrantKernelData const& data) {
    Slice<uint8_t const> const source = data.read_only_buffer(ReadOnlyAllow::kWrite).bytes();
    (void)buffer_.map([&](Slice<uint8_t> bytes) {
      for (uint32_t i = 0; i < chunk; ++i) {
        uint64_t const at = uint64_t{start} + i;
        if (at >= write_start && at < write_end && at - write_start < source.size()) {
          bytes[i] = source[static_cast<usize>(at - write_start)];
        }
        if (bytes[i] != 0xff) { all_erased = false; }
      }
    });
  });
  if (entered.is_error()) {
    // The app is gone: leave the live slot as it was (the spare never gets a header).
    task_.set(Task::None);
    run_next();
    return;
  }
  if (all_erased) {
    // Nothing to program: the spare was just erased.
    position_.set(start + chunk);
    copy_next_chunk();
    return;
  }
  Region const region = regions_[region_.get()].get();
  uint8_t const spare = static_cast<uint8_t>(1 - region.live_slot);
  Option<StaticBuffer<uint8_t>> taken = buffer_.take();
  if (taken.is_none()) {
    finish_current(Error(ErrorCode::Fail), 0);
    return;
  }
  task_.set(Task::WriteCopyProgram);
  BufferResult<uint8_t> started =
      flash_->write(slot_offset(region_.get(), spare) + kSlotHeaderSize + start, move(taken).value(), chunk);
  if (started.is_error()) {
    buffer_.put(started.take_buffer());
    finish_current(Error(ErrorCode::Fail), 0);
  }
}

// ---- Flash callbacks ----

void IsolatedStorageDriver::read_done(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const {
  buffer_.put(move(buffer));
  switch (task_.get()) {
    case Task::Scan:
      scan_header_read(status);
      return;
    case Task::Read: {
      if (status.is_error()) {
        finish_current(Error(ErrorCode::Fail), 0);
        return;
      }
      uint32_t const at = position_.get();
      auto copy_out = [&](ProcessRequest& /*request*/, GrantKernelData const& data) {
        Slice<uint8_t> const target = data.read_write_buffer(ReadWriteAllow::kRead).bytes();
        // The process may have allowed a smaller buffer since asking: copy only what fits.
        (void)buffer_.map([&](Slice<uint8_t> bytes) {
          if (at >= target.size()) { return; }
          static_cast<void>(target.skip(at).copy_from(bytes.first(min(length, bytes.size()))));
        });
      };
      Result<void> const entered = grant_.enter(pid_.get(), copy_out);
      if (entered.is_error()) {
        task_.set(Task::None);
        run_next();
        return;
      }
      position_.set(at + chunk_.get());
      if (position_.get() >= length_.get()) {
        finish_current(success(), length_.get());
      } else if (read_chunk().is_error()) {
        finish_current(Error(ErrorCode::Fail), 0);
      }
      return;
    }
    case Task::WriteCopyRead:
      if (status.is_error()) {
        finish_current(Error(ErrorCode::Fail), 0);
        return;
      }
      copy_chunk_read();
      return;
    case Task::None:
    case Task::AllocateErase:
    case Task::AllocateHeader:
    case Task::WriteErase:
    case Task::WriteCopyProgram:
    case Task::WriteHeader:
      return;
  }
}

void IsolatedStorageDriver::write_done(StaticBuffer<uint8_t>&& buffer, usize /*length*/, Result<void> status) const {
  buffer_.put(move(buffer));
  switch (task_.get()) {
    case Task::AllocateHeader: {
      if (status.is_error()) {
        finish_current(Error(ErrorCode::Fail), 0);
        return;
      }
      Region region{};
      region.owner = owner_.get();
      region.sequence = sequence_.get();
      region.length = region_size_;
      region.live_slot = 0;
      regions_[region_.get()].set(region);
      // The request that made the region is still waiting: serve it (or whoever is next) now.
      task_.set(Task::None);
      run_next();
      return;
    }
    case Task::WriteCopyProgram:
      if (status.is_error()) {
        finish_current(Error(ErrorCode::Fail), 0);
        return;
      }
      position_.set(position_.get() + chunk_.get());
      copy_next_chunk();
      return;
    case Task::WriteHeader: {
      if (status.is_error()) {
        finish_current(Error(ErrorCode::Fail), 0);
        return;
      }
      Region region = regions_[region_.get()].get();
      region.sequence = sequence_.get();
      region.live_slot = static_cast<uint8_t>(1 - region.live_slot);
      regions_[region_.get()].set(region);
      finish_current(success(), length_.get());
      return;
    }
    case Task::None:
    case Task::Scan:
    case Task::AllocateErase:
    case Task::Read:
    case Task::WriteErase:
    case Task::WriteCopyRead:
      return;
  }
}

void IsolatedStorageDriver::erase_done(Result<void> status) const {
  switch (task_.get()) {
    case Task::AllocateErase: {
      if (status.is_error()) {
        finish_current(Error(ErrorCode::Fail), 0);
        return;
      }
      uint32_t const sequence = usable_sequence(owner_.get(), 1, region_size_);
      sequence_.set(sequence);
      task_.set(Task::AllocateHeader);
      if (program_header(slot_offset(region_.get(), 0), owner_.get(), sequence, region_size_).is_error()) {
        finish_current(Error(ErrorCode::Fail), 0);
      }
      return;
    }
    case Task::WriteErase:
      if (status.is_error()) {
        finish_current(Error(ErrorCode::Fail), 0);
        return;
      }
      copy_next_chunk();
      return;
    case Task::None:
    case Task::Scan:
    case Task::AllocateHeader:
    case Task::Read:
    case Task::WriteCopyRead:
    case Task::WriteCopyProgram:
    case Task::WriteHeader:
      return;
  }
}

}  // namespace keel::capsules
