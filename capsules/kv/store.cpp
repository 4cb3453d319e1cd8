// SPDX-License-Identifier: Apache-2.0
#include "capsules/kv/store.h"

#include "kernel/core/move.h"
#include "kernel/core/utility.h"

namespace keel::capsules::kv {

Store::Store(StaticRef<hil::flash::Flash const> flash, StaticRef<DeferredCall const> deferred,
             StaticBuffer<uint8_t>&& record_buffer, StaticBuffer<uint8_t>&& work_buffer)
    : flash_(flash),
      buffer_size_(static_cast<uint32_t>(min(record_buffer.size(), work_buffer.size()))),
      record_buffer_(move(record_buffer)),
      work_buffer_(move(work_buffer)),
      deferred_(deferred) {}

void Store::setup(StaticRef<Store const> store) {
  store->flash_->set_client(store);
  store->deferred_->bind(store);
}

// ---- Geometry ----

uint32_t Store::sector_count() const {
  hil::flash::Geometry const g = flash_->geometry();
  return g.sector_size == 0 ? 0 : g.size / g.sector_size;
}
uint32_t Store::record_limit() const { return buffer_size_ & ~(kAlign - 1); }
// Two records' room is kept at the end of every sector for garbage collection: a sector's copies may use it, and
// it lends the sector as much room for appends as its copies take, so compacting never leaves less room than an
// empty store has; and the room a power cut's torn copy wastes is absorbed (docs/kv-store.md).
uint32_t Store::reserve() const { return 2 * record_limit(); }
uint32_t Store::append_limit() const { return sector_size() - reserve(); }
uint32_t Store::sector_limit(uint32_t sector) const {
  return append_limit() + min(copied_bytes_[sector].get(), reserve());
}
uint32_t Store::max_value_length() const { return record_limit() - kRecordHeaderSize; }

uint32_t Store::capacity() const {
  uint32_t const per_sector = append_limit() - kSectorHeaderSize - record_limit();
  return (sector_count() - 1) * per_sector - record_limit();
}

uint32_t Store::live_bytes() const {
  uint32_t total = 0;
  for (Cell<Entry> const& cell : index_) {
    Entry const e = cell.get();
    if (e.used) { total += e.size(); }
  }
  return total;
}

uint32_t Store::key_count() const {
  uint32_t n = 0;
  for (Cell<Entry> const& cell : index_) { n += cell.get().used ? 1 : 0; }
  return n;
}

// ---- Index and sectors ----

Option<usize> Store::find_entry(uint64_t hash) const {
  for (usize i = 0; i < kMaxKeys; ++i) {
    Entry const e = index_[i].get();
    if (e.used && e.hash == hash) { return i; }
  }
  return none;
}

Option<usize> Store::free_entry() const {
  for (usize i = 0; i < kMaxKeys; ++i) {
    if (!index_[i].get().used) { return i; }
  }
  return none;
}

uint32_t Store::sector_live_bytes(uint32_t sector) const {
  uint32_t total = 0;
  for (Cell<Entry> const& cell : index_) {
    Entry const e = cell.get();
    if (e.used && sector_of(e.offset) == sector) { total += e.size(); }
  }
  return total;
}

uint32_t Store::count_state(SectorState state) const {
  uint32_t n = 0;
  for (uint32_t s = 0; s < sector_count(); ++s) { n += sector_state_[s].get() == state ? 1 : 0; }
  return n;
}

Option<uint32_t> Store::pick_free() const {
  // A sector already erased this boot first: it saves an erase.
  for (uint32_t s = 0; s < sector_count(); ++s) {
    if (sector_state_[s].get() == SectorState::Blank) { return s; }
  }
  for (uint32_t s = 0; s < sector_count(); ++s) {
    if (sector_state_[s].get() == SectorState::Free) { return s; }
  }
  return none;
}

bool Store::has_dead_bytes(uint32_t sector) const {
  return write_position_[sector].get() - kSectorHeaderSize > sector_live_bytes(sector);
}

Option<uint32_t> Store::next_victim() const {
  // The oldest sector with dead records other than the head; then the head itself, once per collection, if a
  // free sector can take its live records.
  Option<uint32_t> oldest;
  for (uint32_t s = 0; s < sector_count(); ++s) {
    if (sector_state_[s].get() != SectorState::Used || (has_head_.get() && s == head_.get())) { continue; }
    if (!has_dead_bytes(s) && sector_live_bytes(s) > 0) { continue; }  // an empty one is worth erasing too
    if (oldest.is_none() || sequence_[s].get() < sequence_[oldest.value()].get()) { oldest = s; }
  }
  if (oldest.is_some()) { return oldest; }
  if (has_head_.get() && !head_collected_.get() && has_dead_bytes(head_.get()) && free_count() > 0) {
    return head_.get();
  }
  return none;
}

Option<KeyInfo> Store::find(uint64_t hash) const {
  Option<usize> const i = find_entry(hash);
  if (i.is_none() || !mounted_.get()) { return none; }
  Entry const e = index_[i.value()].get();
  return KeyInfo{e.tag, e.length};
}

// ---- Mount ----

Result<void> Store::mount() const {
  if (operation_.get() != Operation::None) { return Error(ErrorCode::Busy); }
  hil::flash::Geometry const g = flash_->geometry();
  uint32_t const count = sector_count();
  bool const units_fit = g.write_unit == 1 || g.write_unit == 2 || g.write_unit == 4;
  bool const records_fit = record_limit() >= kRecordHeaderSize + kAlign &&
                           g.sector_size >= 4 * record_limit() + kSectorHeaderSize;
  if (count < 2 || count > kMaxSectors || g.sector_size % kAlign != 0 || !units_fit || !records_fit) {
    return Error(ErrorCode::Inval);
  }
  mounted_.set(false);
  for (Cell<Entry> const& cell : index_) { cell.set(Entry{}); }
  for (uint32_t s = 0; s < kMaxSectors; ++s) {
    sector_state_[s].set(SectorState::Free);
    sequence_[s].set(0);
    write_position_[s].set(0);
    copied_bytes_[s].set(0);
  }
  has_head_.set(false);
  repair_count_.set(0);
  mount_overflow_.set(false);
  operation_.set(Operation::Mount);
  cursor_.set(0);
  read_sector_header(0);
  return success();
}

void Store::read_sector_header(uint32_t sector) const {
  read(sector * sector_size(), kSectorHeaderSize, Step::ReadSectorHeader);
}

void Store::headers_read() const {
  // The used sectors in age order (sequence numbers ascending), by insertion: there are at most kMaxSectors.
  uint32_t used = 0;
  uint32_t newest = 0;
  for (uint32_t s = 0; s < sector_count(); ++s) {
    if (sector_state_[s].get() != SectorState::Used) { continue; }
    uint32_t at = used;
    while (at > 0 && sequence_[order_[at - 1].get()].get() > sequence_[s].get()) {
      order_[at].set(order_[at - 1].get());
      --at;
    }
    order_[at].set(s);
    ++used;
    newest = max(newest, sequence_[s].get());
  }
  used_count_.set(used);
  next_sequence_.set(newest + 1);
  cursor_.set(0);
  scan_next_sector();
}

void Store::scan_next_sector() const {
  if (cursor_.get() < used_count_.get()) {
    resync_.set(false);
    scan_end_.set(kSectorHeaderSize);
    read_for_scan(kSectorHeaderSize);
    return;
  }
  if (mount_overflow_.get()) {
    finish(Error(ErrorCode::NoMem));
    return;
  }
  if (used_count_.get() > 0) {
    head_.set(order_[used_count_.get() - 1].get());
    has_head_.set(true);
  }
  cursor_.set(0);
  repair_next();
}

void Store::read_for_scan(uint32_t position) const {
  scan_position_.set(position);
  uint32_t const sector = order_[cursor_.get()].get();
  read(sector * sector_size() + position, min(record_limit(), sector_size() - position), Step::ScanSector);
}

Store::ScanStep Store::scan_chunk(Slice<uint8_t const> bytes) const {
  uint32_t const sector = order_[cursor_.get()].get();
  uint32_t const start = scan_position_.get();
  uint32_t offset = 0;
  while (true) {
    uint32_t const at = start + offset;
    if (at + kAlign > sector_size()) { return {true, 0}; }
    if (offset >= bytes.size()) { return {false, at}; }
    RecordHeader header;
    Parse parsed = parse_record(bytes.skip(offset), min(sector_size() - at, record_limit()), header);
    if (parsed == Parse::NeedMore) {
      if (offset > 0) { return {false, at}; }  // read again from here: the record fits in one read
      parsed = Parse::Garbage;
    }
    if (parsed == Parse::Record) {
      uint32_t const size = record_size(header.length);
      resync_.set(false);
      index_record(header, sector * sector_size() + at);
      if (header.copied) { copied_bytes_[sector].set(copied_bytes_[sector].get() + size); }
      offset += size;
      scan_end_.set(at + size);
    } else if (parsed == Parse::Erased && !resync_.get()) {
      return {true, 0};  // the end of this sector's log
    } else if (parsed == Parse::Erased) {
      offset += kAlign;  // after a torn record, erased words do not end the log: a record may follow
    } else {
      // A torn or corrupted record: its length cannot be trusted, so look for the next record word by word. The
      // log goes on after the last word that is not erased (the store appended there after the cut).
      resync_.set(true);
      offset += kAlign;
      scan_end_.set(at + kAlign);
    }
  }
}

void Store::sector_scanned(uint32_t end) const {
  write_position_[order_[cursor_.get()].get()].set(end);
  cursor_.set(cursor_.get() + 1);
  scan_next_sector();
}

void Store::index_record(RecordHeader const& header, uint32_t offset) const {
  if (header.state != kRecordLive) { return; }  // dead, or its death mark was cut short: dead either way
  Option<usize> const existing = find_entry(header.hash);
  usize slot = 0;
  if (existing.is_some()) {
    // A newer record of the same key (records are scanned oldest first): the older one is left over from a
    // replacement or a garbage-collection copy cut short before the old record was marked dead. It is marked now,
    // before anything else runs, so that one live record per key is on flash again (a delete must not uncover it).
    slot = existing.value();
    uint32_t const older = index_[slot].get().offset;
    if (repair_count_.get() < kMaxRepairs) {
      repairs_[repair_count_.get()].set(older);
      repair_count_.set(repair_count_.get() + 1);
    }
  } else {
    Option<usize> const spare = free_entry();
    if (spare.is_none()) {
      mount_overflow_.set(true);
      return;
    }
    slot = spare.value();
  }
  index_[slot].set(Entry{header.hash, offset, header.length, header.tag, true});
}

void Store::repair_next() const {
  if (cursor_.get() < repair_count_.get()) {
    uint32_t const at = repairs_[cursor_.get()].get();
    cursor_.set(cursor_.get() + 1);
    write_state(at, kRecordDead, Step::Repair);
    return;
  }
  mounted_.set(true);
  finish(success());
}

// ---- Operations ----

Result<void> Store::get(uint64_t hash) const {
  if (operation_.get() != Operation::None) { return Error(ErrorCode::Busy); }
  if (!mounted_.get()) { return Error(ErrorCode::Off); }
  Option<usize> const i = find_entry(hash);
  if (i.is_none()) { return Error(ErrorCode::NoSupport); }
  entry_.set(i.value());
  operation_.set(Operation::Get);
  Entry const e = index_[i.value()].get();
  read(e.offset, e.size(), Step::ReadValue);
  return success();
}

Result<void> Store::set(uint64_t hash, Slice<uint8_t const> value, uint32_t tag, SetMode mode) const {
  if (operation_.get() != Operation::None) { return Error(ErrorCode::Busy); }
  if (!mounted_.get()) { return Error(ErrorCode::Off); }
  if (value.size() > max_value_length()) { return Error(ErrorCode::Size); }
  Option<usize> const existing = find_entry(hash);
  if (mode == SetMode::MustBeAbsent && existing.is_some()) { return Error(ErrorCode::NoSupport); }
  if (mode == SetMode::MustExist && existing.is_none()) { return Error(ErrorCode::NoSupport); }
  if (existing.is_none() && free_entry().is_none()) { return Error(ErrorCode::NoMem); }
  uint32_t const length = static_cast<uint32_t>(value.size());
  uint32_t const replaced = existing.is_some() ? index_[existing.value()].get().size() : 0;
  if (live_bytes() - replaced + record_size(length) > capacity()) { return Error(ErrorCode::NoMem); }
  bool const built = record_buffer_.map([&](Slice<uint8_t> bytes) {
    (void)bytes.skip(kRecordHeaderSize).copy_from(value);
    encode_record(bytes, hash, length, tag);
  });
  if (!built) { return Error(ErrorCode::Busy); }
  hash_.set(hash);
  tag_.set(tag);
  length_.set(length);
  operation_.set(Operation::Set);
  place_record();
  return success();
}

Result<void> Store::remove(uint64_t hash) const {
  if (operation_.get() != Operation::None) { return Error(ErrorCode::Busy); }
  if (!mounted_.get()) { return Error(ErrorCode::Off); }
  Option<usize> const i = find_entry(hash);
  if (i.is_none()) { return Error(ErrorCode::NoSupport); }
  entry_.set(i.value());
  operation_.set(Operation::Remove);
  // Marking the one live record dead is the whole delete: no tombstone, so it needs no space (a full store can
  // always delete) and there is nothing to copy later.
  write_state(index_[i.value()].get().offset, kRecordDead, Step::MarkRemoved);
  return success();
}

Result<void> Store::garbage_collect() const {
  if (operation_.get() != Operation::None) { return Error(ErrorCode::Busy); }
  if (!mounted_.get()) { return Error(ErrorCode::Off); }
  operation_.set(Operation::Collect);
  rounds_.set(0);
  head_collected_.set(false);
  collect_more();
  return success();
}

void Store::collect_more() const {
  Option<uint32_t> const victim = next_victim();
  // Each round erases a sector; more rounds than sectors would mean one was collected twice.
  if (victim.is_none() || rounds_.get() > 2 * sector_count()) {
    finish_later(success());
    return;
  }
  rounds_.set(rounds_.get() + 1);
  victim_.set(victim.value());
  if (has_head_.get() && victim.value() == head_.get()) {
    head_collected_.set(true);
    Option<uint32_t> const spare = pick_free();
    if (spare.is_none()) {
      finish_later(success());
      return;
    }
    open_sector(spare.value(), Then::CopyLive);  // the head's live records go to a fresh sector
    return;
  }
  copy_next();
}

// ---- Writing records, opening sectors, collecting ----

void Store::place_record() const {
  uint32_t const size = record_size(length_.get());
  uint32_t const head = head_.get();
  if (has_head_.get() && write_position_[head].get() + size <= sector_limit(head)) {
    write_buffer(record_buffer_, head * sector_size() + write_position_[head].get(), size, Step::WriteRecord);
    return;
  }
  // One free sector is always kept for garbage collection, and a set never collects on its own.
  Option<uint32_t> const spare = pick_free();
  if (free_count() < 2 || spare.is_none()) {
    finish_later(Error(ErrorCode::NoMem));
    return;
  }
  open_sector(spare.value(), Then::PlaceRecord);
}

void Store::open_sector(uint32_t sector, Then then) const {
  opening_.set(sector);
  after_open_.set(then);
  if (sector_state_[sector].get() == SectorState::Blank) {
    write_sector_header();
  } else {
    erase(sector, Step::EraseForOpen);
  }
}

void Store::write_sector_header() const {
  bool const built = work_buffer_.map([&](Slice<uint8_t> bytes) {
    encode_sector_header(bytes, next_sequence_.get(), sector_size());
  });
  if (!built) {
    refused();
    return;
  }
  write_buffer(work_buffer_, opening_.get() * sector_size(), kSectorHeaderSize, Step::WriteSectorHeader);
}

void Store::sector_opened() const {
  uint32_t const sector = opening_.get();
  sector_state_[sector].set(SectorState::Used);
  sequence_[sector].set(next_sequence_.get());
  next_sequence_.set(next_sequence_.get() + 1);
  write_position_[sector].set(kSectorHeaderSize);
  copied_bytes_[sector].set(0);
  head_.set(sector);
  has_head_.set(true);
  if (after_open_.get() == Then::PlaceRecord) {
    place_record();
  } else {
    copy_next();
  }
}

void Store::copy_next() const {
  for (usize i = 0; i < kMaxKeys; ++i) {
    Entry const e = index_[i].get();
    if (!e.used || sector_of(e.offset) != victim_.get()) { continue; }
    entry_.set(i);
    uint32_t const head = head_.get();
    if (has_head_.get() && write_position_[head].get() + e.size() <= sector_size()) {
      read(e.offset, e.size(), Step::CopyRead);
      return;
    }
    // The head is full: the copies go on in a fresh sector (the victim's erase gives one back).
    Option<uint32_t> const spare = pick_free();
    if (spare.is_none()) {
      // Only after a power cut inside a collection that had taken the last free sector, when its destination
      // cannot take the rest: the store stays usable, and a collection after some deletes goes on from here.
      finish_later(Error(ErrorCode::NoMem));
      return;
    }
    open_sector(spare.value(), Then::CopyLive);
    return;
  }
  // Every live record is out. The header is destroyed first, so that an erase cut short (which may bring dead
  // records' state words back to 0xff, that is, live) leaves a sector no mount reads.
  write_state(victim_.get() * sector_size(), 0, Step::RetireVictim);
}

void Store::copy_read(Slice<uint8_t const> bytes) const {
  Entry e = index_[entry_.get()].get();
  RecordHeader header;
  bool const intact = parse_record(bytes, e.size(), header) == Parse::Record && header.state == kRecordLive &&
                      header.hash == e.hash && header.length == e.length;
  if (!intact) {
    // Corrupted since mount: it cannot be copied, and its value must not be returned.
    e.used = false;
    index_[entry_.get()].set(e);
    copy_next();
    return;
  }
  bool const sealed = work_buffer_.map([&](Slice<uint8_t> record) { reseal_as_copy(record, e.length); });
  if (!sealed) {
    refused();
    return;
  }
  uint32_t const head = head_.get();
  copied_from_.set(e.offset);
  write_buffer(work_buffer_, head * sector_size() + write_position_[head].get(), e.size(), Step::CopyWrite);
}

void Store::copy_written() const {
  uint32_t const head = head_.get();
  Entry e = index_[entry_.get()].get();
  e.offset = head * sector_size() + write_position_[head].get();
  index_[entry_.get()].set(e);
  write_position_[head].set(write_position_[head].get() + e.size());
  copied_bytes_[head].set(copied_bytes_[head].get() + e.size());
  // The copy is whole and newer: the original dies now, as a replaced record does.
  write_state(copied_from_.get(), kRecordDead, Step::MarkCopied);
}

void Store::write_state(uint32_t offset, uint32_t state, Step step) const {
  bool const built = work_buffer_.map([&](Slice<uint8_t> bytes) { store32(bytes, 0, state); });
  if (!built) {
    refused();
    return;
  }
  write_buffer(work_buffer_, offset, kAlign, step);
}

void Store::record_written() const {
  uint32_t const head = head_.get();
  uint32_t const size = record_size(length_.get());
  uint32_t const at = head * sector_size() + write_position_[head].get();
  write_position_[head].set(write_position_[head].get() + size);
  Entry const fresh{hash_.get(), at, length_.get(), tag_.get(), true};
  Option<usize> const existing = find_entry(hash_.get());
  if (existing.is_some()) {
    // The new record is whole on flash (it wins over the old one from now on); now the old one dies.
    uint32_t const old = index_[existing.value()].get().offset;
    index_[existing.value()].set(fresh);
    write_state(old, kRecordDead, Step::MarkReplaced);
    return;
  }
  Option<usize> const spare = free_entry();
  if (spare.is_some()) { index_[spare.value()].set(fresh); }
  finish(spare.is_some() ? success() : Result<void>(Error(ErrorCode::NoMem)));
}

// ---- Flash callbacks ----

void Store::read_done(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const {
  StaticBuffer<uint8_t> held = move(buffer);
  Step const step = step_.replace(Step::Idle);
  if (status.is_error()) {
    work_buffer_.put(move(held));
    flash_failed();
    return;
  }
  Slice<uint8_t const> const bytes = held.slice().first(length);
  switch (step) {
    case Step::ReadSectorHeader: {
      uint32_t const sector = cursor_.get();
      Option<uint32_t> const sequence = parse_sector_header(bytes, sector_size());
      work_buffer_.put(move(held));
      // Anything but a valid header (erased, torn, another format) is a sector to erase before use.
      sector_state_[sector].set(sequence.is_some() ? SectorState::Used : SectorState::Free);
      sequence_[sector].set(sequence.value_or(0));
      cursor_.set(sector + 1);
      if (sector + 1 < sector_count()) {
        read_sector_header(sector + 1);
      } else {
        headers_read();
      }
      return;
    }
    case Step::ScanSector: {
      ScanStep const next = scan_chunk(bytes);
      work_buffer_.put(move(held));
      if (next.sector_done) {
        sector_scanned(scan_end_.get());
      } else {
        read_for_scan(next.position);
      }
      return;
    }
    case Step::CopyRead:
      work_buffer_.put(move(held));
      copy_read(bytes);
      return;
    case Step::ReadValue:
      work_buffer_.put(move(held));
      value_read(bytes);
      return;
    default:
      work_buffer_.put(move(held));
      flash_failed();
      return;
  }
}

void Store::value_read(Slice<uint8_t const> bytes) const {
  Entry e = index_[entry_.get()].get();
  RecordHeader header;
  bool const intact = parse_record(bytes, e.size(), header) == Parse::Record && header.state == kRecordLive &&
                      header.hash == e.hash;
  operation_.set(Operation::None);
  if (!intact) {
    // Flash changed under the store (bit rot, tampering): never hand out a value whose checksum fails.
    e.used = false;
    index_[entry_.get()].set(e);
    client_.map([](StoreClient const& c) { c.get_done(Error(ErrorCode::Fail), Slice<uint8_t const>(), 0); });
    return;
  }
  // The view is of the work buffer, which stays as it is until the client starts another operation.
  Slice<uint8_t const> const value = bytes.subslice(kRecordHeaderSize, kRecordHeaderSize + header.length).value();
  client_.map([&](StoreClient const& c) { c.get_done(success(), value, header.tag); });
}

void Store::write_done(StaticBuffer<uint8_t>&& buffer, usize /*length*/, Result<void> status) const {
  Step const step = step_.replace(Step::Idle);
  if (step == Step::WriteRecord) {
    record_buffer_.put(move(buffer));
  } else {
    work_buffer_.put(move(buffer));
  }
  if (status.is_error()) {
    flash_failed();
    return;
  }
  switch (step) {
    case Step::Repair: repair_next(); return;
    case Step::WriteSectorHeader: sector_opened(); return;
    case Step::CopyWrite: copy_written(); return;
    case Step::MarkCopied: copy_next(); return;
    case Step::RetireVictim: erase(victim_.get(), Step::EraseVictim); return;
    case Step::WriteRecord: record_written(); return;
    case Step::MarkReplaced: finish(success()); return;
    case Step::MarkRemoved: {
      Entry e = index_[entry_.get()].get();
      e.used = false;
      index_[entry_.get()].set(e);
      finish(success());
      return;
    }
    default: flash_failed(); return;
  }
}

void Store::erase_done(Result<void> status) const {
  Step const step = step_.replace(Step::Idle);
  if (status.is_error()) {
    flash_failed();
    return;
  }
  if (step == Step::EraseForOpen) {
    sector_state_[opening_.get()].set(SectorState::Blank);
    write_sector_header();
  } else if (step == Step::EraseVictim) {
    sector_state_[victim_.get()].set(SectorState::Blank);
    write_position_[victim_.get()].set(0);
    copied_bytes_[victim_.get()].set(0);
    if (has_head_.get() && head_.get() == victim_.get()) { has_head_.set(false); }
    collect_more();
  } else {
    flash_failed();
  }
}

// ---- Issuing flash operations ----

void Store::read(uint32_t offset, uint32_t length, Step step) const {
  Option<StaticBuffer<uint8_t>> buffer = work_buffer_.take();
  if (buffer.is_none()) {
    refused();
    return;
  }
  step_.set(step);
  BufferResult<uint8_t> started = flash_->read(offset, move(buffer).value(), length);
  if (started.is_error()) {
    work_buffer_.put(started.take_buffer());
    refused();
  }
}

void Store::write_buffer(TakeCell<StaticBuffer<uint8_t>> const& cell, uint32_t offset, uint32_t length,
                         Step step) const {
  Option<StaticBuffer<uint8_t>> buffer = cell.take();
  if (buffer.is_none()) {
    refused();
    return;
  }
  step_.set(step);
  BufferResult<uint8_t> started = flash_->write(offset, move(buffer).value(), length);
  if (started.is_error()) {
    cell.put(started.take_buffer());
    refused();
  }
}

void Store::erase(uint32_t sector, Step step) const {
  step_.set(step);
  if (flash_->erase(sector * sector_size()).is_error()) { refused(); }
}

void Store::refused() const {
  // The flash refused an operation the store believed it could start: nothing more is served until mount().
  step_.set(Step::Idle);
  mounted_.set(false);
  finish_later(Error(ErrorCode::Fail));
}

// ---- Ending operations ----

void Store::flash_failed() const {
  // What the failed operation left on flash is unknown: nothing more is served until mount() has read it again.
  mounted_.set(false);
  finish(Error(ErrorCode::Fail));
}

void Store::finish_later(Result<void> status) const {
  deferred_status_.set(status);
  deferred_->set();
}

void Store::handle_deferred_call() const { finish(deferred_status_.get()); }

void Store::finish(Result<void> status) const {
  Operation const operation = operation_.replace(Operation::None);
  step_.set(Step::Idle);
  client_.map([&](StoreClient const& c) {
    switch (operation) {
      case Operation::Mount: c.mount_done(status); return;
      case Operation::Get: c.get_done(status, Slice<uint8_t const>(), 0); return;
      case Operation::Set: c.set_done(status); return;
      case Operation::Remove: c.remove_done(status); return;
      case Operation::Collect: c.garbage_collect_done(status); return;
      case Operation::None: return;
    }
  });
}

}  // namespace keel::capsules::kv
