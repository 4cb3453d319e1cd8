// SPDX-License-Identifier: Apache-2.0
#include "chips/qemu-virt/cfi_flash.h"

#include "kernel/core/utility.h"

namespace keel::chips::qemu_virt {
namespace {

// Intel/Sharp command set (CFI primary command set 0x0001 / 0x0003).
constexpr uint8_t kReadArray = 0xff;
constexpr uint8_t kReadQuery = 0x98;
constexpr uint8_t kClearStatus = 0x50;
constexpr uint8_t kWordProgram = 0x40;
constexpr uint8_t kBufferedProgram = 0xe8;
constexpr uint8_t kBufferConfirm = 0xd0;
constexpr uint8_t kBlockErase = 0x20;
constexpr uint8_t kEraseConfirm = 0xd0;

// Status register bits, per chip.
constexpr uint32_t kStatusReady = 0x80;
constexpr uint32_t kStatusEraseError = 0x20;
constexpr uint32_t kStatusProgramError = 0x10;
constexpr uint32_t kStatusVppLow = 0x08;
constexpr uint32_t kStatusLocked = 0x02;
constexpr uint32_t kStatusErrors = kStatusEraseError | kStatusProgramError | kStatusVppLow | kStatusLocked;

// CFI query table (JESD68): where the query command is given, and the byte addresses of the fields used.
constexpr usize kQueryAddress = 0x55;
constexpr usize kSignature = 0x10;  // "QRY"
constexpr usize kPrimaryCommandSet = 0x13;
constexpr usize kDeviceSizeLog2 = 0x27;
constexpr usize kWriteBufferLog2 = 0x2a;  // bytes per chip's write buffer, 2^n (16 bits; 0: none)
constexpr usize kEraseRegionCount = 0x2c;
constexpr usize kEraseRegion0 = 0x2d;  // blocks - 1 (16 bits), block size / 256 (16 bits)

constexpr uint32_t byte_lane(uint32_t word, usize byte) { return (word >> (8U * byte)) & 0xffU; }

}  // namespace

CfiFlash::CfiFlash(StaticRef<CfiBus const> bus) : bus_(bus) {}

Result<void> CfiFlash::initialize(StaticRef<CfiFlash const> flash) {
  flash->deferred_call_.bind(flash);
  Result<void> const probed = flash->probe();
  // Whatever the probe found, leave query mode.
  flash->return_to_read_array();
  if (probed.is_error()) {
    flash->geometry_.set({});
    flash->state_.set(State::Absent);
    return probed;
  }
  flash->state_.set(State::Idle);
  return success();
}

uint32_t CfiFlash::command(uint8_t code) const {
  uint32_t value = 0;
  for (uint32_t lane = 0; lane < lanes_.get(); ++lane) { value |= uint32_t{code} << (lane * lane_bits_.get()); }
  return value;
}

Option<uint8_t> CfiFlash::query_byte(usize index) const {
  uint32_t const word = bus_->load(index);
  uint32_t const bits = lane_bits_.get();
  uint32_t const mask = bits >= 32 ? ~uint32_t{0} : (uint32_t{1} << bits) - 1U;
  uint32_t const first = word & mask;
  for (uint32_t lane = 1; lane < lanes_.get(); ++lane) {
    if (((word >> (lane * bits)) & mask) != first) { return none; }
  }
  if (first > 0xffU) { return none; }
  return static_cast<uint8_t>(first);
}

Result<void> CfiFlash::probe() const {
  // Ask as if for two x16 chips: a single x32 chip takes the same command from its low byte. The "Q" of the answer
  // then says which it is: in both halves of the word, or once.
  lanes_.set(2);
  lane_bits_.set(16);
  bus_->store(0, command(kReadArray));
  bus_->store(kQueryAddress, command(kReadQuery));
  uint32_t const q = bus_->load(kSignature);
  if (q == 0x0051'0051U) {
    lanes_.set(2);
    lane_bits_.set(16);
  } else if (q == 0x51U) {
    lanes_.set(1);
    lane_bits_.set(32);
  } else {
    return Error(ErrorCode::NoDevice);
  }
  if (query_field(kSignature + 1, 2) != Option<uint32_t>(uint32_t{'R'} | (uint32_t{'Y'} << 8))) {
    return Error(ErrorCode::NoDevice);
  }

  // A field that some lane answers differently is none, and fails the checks below.
  Option<uint32_t> const command_set = query_field(kPrimaryCommandSet, 2);
  if (command_set != Option<uint32_t>(0x0001U) && command_set != Option<uint32_t>(0x0003U)) {
    return Error(ErrorCode::NoSupport);
  }
  if (query_field(kEraseRegionCount, 1) != Option<uint32_t>(1U)) { return Error(ErrorCode::NoSupport); }
  Option<uint32_t> const size_log2 = query_field(kDeviceSizeLog2, 1);
  Option<uint32_t> const blocks_less_one = query_field(kEraseRegion0, 2);
  Option<uint32_t> const block_units = query_field(kEraseRegion0 + 2, 2);
  if (size_log2.is_none() || blocks_less_one.is_none() || block_units.is_none()) {
    return Error(ErrorCode::NoSupport);
  }
  // Sizes per chip; the bank holds `lanes` chips side by side, so its sizes are that many times larger.
  if (size_log2.value() < 8 || size_log2.value() > 30) { return Error(ErrorCode::NoSupport); }
  uint64_t const chip_bytes = uint64_t{1} << size_log2.value();
  uint64_t const block_bytes = block_units.value() == 0 ? 128U : uint64_t{block_units.value()} * 256U;
  uint64_t const blocks = uint64_t{blocks_less_one.value()} + 1U;
  if (blocks * block_bytes != chip_bytes) { return Error(ErrorCode::NoSupport); }
  uint64_t const bank_bytes = chip_bytes * lanes_.get();
  if (bank_bytes > uint64_t{bus_->words()} * kWordBytes) { return Error(ErrorCode::NoSupport); }
  geometry_.set({static_cast<uint32_t>(bank_bytes), static_cast<uint32_t>(block_bytes * lanes_.get()), kWordBytes});
  // The write buffer: each chip takes one lane of every bus word, so the bank's buffer holds as many bus words as
  // one chip's holds lanes.
  Option<uint32_t> const buffer_log2 = query_field(kWriteBufferLog2, 2);
  uint32_t words = 0;
  if (buffer_log2.is_some() && buffer_log2.value() != 0 && buffer_log2.value() < 16) {
    words = min<uint32_t>((uint32_t{1} << buffer_log2.value()) * 8U / lane_bits_.get(), kMaxBufferWords);
  }
  // A buffer of one word is no better than a word program; the groups' alignment needs a power of two.
  buffer_words_.set(words >= 2 && (words & (words - 1)) == 0 ? words : 0);
  return success();
}

Option<uint32_t> CfiFlash::query_field(usize index, usize bytes) const {
  uint32_t value = 0;
  for (usize i = 0; i < bytes; ++i) {
    Option<uint8_t> const byte = query_byte(index + i);
    if (byte.is_none()) { return none; }
    value |= uint32_t{byte.value()} << (8U * i);
  }
  return value;
}

void CfiFlash::return_to_read_array() const { bus_->store(0, command(kReadArray)); }

Result<void> CfiFlash::wait_and_check(usize word) const {
  uint32_t status = 0;
  bool ready = false;
  for (uint32_t poll = 0; poll < kStatusPolls && !ready; ++poll) {
    status = bus_->load(word);
    ready = all_lanes(status, kStatusReady);
  }
  bool const failed = !ready || any_lane(status, kStatusErrors);
  // Clear the error bits (they stay set until cleared and would fail the next command's check), then read array.
  bus_->store(word, command(kClearStatus));
  bus_->store(word, command(kReadArray));
  return failed ? Result<void>(Error(ErrorCode::Fail)) : success();
}

bool CfiFlash::all_lanes(uint32_t status, uint32_t bits) const {
  for (uint32_t lane = 0; lane < lanes_.get(); ++lane) {
    if (((status >> (lane * lane_bits_.get())) & bits) != bits) { return false; }
  }
  return true;
}

bool CfiFlash::any_lane(uint32_t status, uint32_t bits) const {
  for (uint32_t lane = 0; lane < lanes_.get(); ++lane) {
    if (((status >> (lane * lane_bits_.get())) & bits) != 0) { return true; }
  }
  return false;
}

void CfiFlash::set_client(StaticRef<hil::flash::HardwareClient const> client) const { client_.set(client); }

hil::flash::Geometry CfiFlash::geometry() const { return geometry_.get(); }

Result<void> CfiFlash::check_range(uint32_t offset, usize length) const {
  uint32_t const size = geometry_.get().size;
  if (length > size || offset > size - length) { return Error(ErrorCode::Inval); }
  return success();
}

Result<void> CfiFlash::check_start() const {
  switch (state_.get()) {
    case State::Absent: return Error(ErrorCode::NoDevice);
    case State::Idle: return success();
    case State::Reading:
    case State::Writing:
    case State::Erasing: return Error(ErrorCode::Busy);
  }
  return Error(ErrorCode::Busy);
}

BufferResult<uint8_t> CfiFlash::read(uint32_t offset, StaticBuffer<uint8_t>&& buffer, usize length) const {
  Result<void> const can_start = check_start();
  if (can_start.is_error()) { return {can_start.error(), move(buffer)}; }
  if (length == 0 || length > buffer.size()) { return {ErrorCode::Size, move(buffer)}; }
  if (check_range(offset, length).is_error()) { return {ErrorCode::Inval, move(buffer)}; }

  return_to_read_array();
  Slice<uint8_t> const bytes = buffer.slice().first(length);
  uint32_t word = 0;
  for (usize i = 0; i < length; ++i) {
    usize const at = usize{offset} + i;
    if (i == 0 || at % kWordBytes == 0) { word = bus_->load(at / kWordBytes); }
    bytes[i] = static_cast<uint8_t>(byte_lane(word, at % kWordBytes));
  }
  buffer_.put(move(buffer));
  complete_later(State::Reading, length, success());
  return {};
}

BufferResult<uint8_t> CfiFlash::write(uint32_t offset, StaticBuffer<uint8_t>&& buffer, usize length) const {
  Result<void> const can_start = check_start();
  if (can_start.is_error()) { return {can_start.error(), move(buffer)}; }
  if (length == 0 || length > buffer.size() || length % kWordBytes != 0) { return {ErrorCode::Size, move(buffer)}; }
  if (offset % kWordBytes != 0 || check_range(offset, length).is_error()) {
    return {ErrorCode::Inval, move(buffer)};
  }

  return_to_read_array();
  Slice<uint8_t const> const bytes = buffer.slice().first(length);
  uint32_t const group_words = max<uint32_t>(buffer_words_.get(), 1);
  Result<void> status = success();
  for (usize i = 0; i < length && status.is_ok();) {
    usize const first_word = (usize{offset} + i) / kWordBytes;
    // A group never crosses a write-buffer block (aligned to the group size, which divides the device's block).
    usize const to_boundary = group_words - first_word % group_words;
    usize const left = (length - i) / kWordBytes;
    uint32_t const count = static_cast<uint32_t>(min<usize>(min<usize>(left, to_boundary), group_words));
    // Bits already 0 stay 0: each word becomes (old AND new). A group that changes nothing needs no program.
    Array<uint32_t, kMaxBufferWords> values{};
    bool changes = false;
    for (uint32_t k = 0; k < count; ++k) {
      usize const at = i + usize{k} * kWordBytes;
      uint32_t const value = uint32_t{bytes[at]} | (uint32_t{bytes[at + 1]} << 8) | (uint32_t{bytes[at + 2]} << 16) |
                             (uint32_t{bytes[at + 3]} << 24);
      uint32_t const old = bus_->load(first_word + k);
      values[k] = old & value;
      changes = changes || values[k] != old;
    }
    if (changes) {
      status = buffer_words_.get() != 0 ? program_buffer(first_word, values, count)
                                        : program_word(first_word, values[0]);
    }
    i += usize{count} * kWordBytes;
  }
  buffer_.put(move(buffer));
  complete_later(State::Writing, length, status);
  return {};
}

Result<void> CfiFlash::program_buffer(usize word, Array<uint32_t, kMaxBufferWords> const& values,
                                      uint32_t count) const {
  bus_->store(word, command(kBufferedProgram));
  // The device answers with its status: ready once a write buffer is free.
  if (!wait_ready(word)) {
    bus_->store(word, command(kClearStatus));
    bus_->store(word, command(kReadArray));
    return Error(ErrorCode::Fail);
  }
  bus_->store(word, command(static_cast<uint8_t>(count - 1)));
  for (uint32_t k = 0; k < count; ++k) { bus_->store(word + k, values[k]); }
  bus_->store(word, command(kBufferConfirm));
  return wait_and_check(word);
}

bool CfiFlash::wait_ready(usize word) const {
  for (uint32_t poll = 0; poll < kStatusPolls; ++poll) {
    if (all_lanes(bus_->load(word), kStatusReady)) { return true; }
  }
  return false;
}

Result<void> CfiFlash::program_word(usize word, uint32_t value) const {
  bus_->store(word, command(kWordProgram));
  bus_->store(word, value);
  return wait_and_check(word);
}

Result<void> CfiFlash::erase(uint32_t offset) const {
  KEEL_TRY(check_start());
  hil::flash::Geometry const geometry = geometry_.get();
  if (offset % geometry.sector_size != 0 || offset >= geometry.size) { return Error(ErrorCode::Inval); }
  usize const word = offset / kWordBytes;
  bus_->store(word, command(kBlockErase));
  bus_->store(word, command(kEraseConfirm));
  complete_later(State::Erasing, 0, wait_and_check(word));
  return success();
}

void CfiFlash::complete_later(State state, usize length, Result<void> status) const {
  state_.set(state);
  length_.set(length);
  status_.set(status);
  deferred_call_.set();
}

void CfiFlash::handle_deferred_call() const {
  State const state = state_.get();
  if (state == State::Absent || state == State::Idle) { return; }
  // Idle before the callback: the client may start its next operation from it.
  state_.set(State::Idle);
  Result<void> const status = status_.get();
  if (state == State::Erasing) {
    client_.map([&](hil::flash::HardwareClient const& client) { client.erase_done(status); });
    return;
  }
  Option<StaticBuffer<uint8_t>> taken = buffer_.take();
  if (taken.is_none()) { return; }
  StaticBuffer<uint8_t> buffer = move(taken).value();
  OptionalStaticRef<hil::flash::HardwareClient const> const client = client_.get();
  // No client: the buffer is dropped with the operation (a wiring bug; nothing else could use it).
  if (client.is_none()) { return; }
  if (state == State::Reading) {
    client.get().read_done(move(buffer), length_.get(), status);
  } else {
    client.get().write_done(move(buffer), length_.get(), status);
  }
}

}  // namespace keel::chips::qemu_virt
