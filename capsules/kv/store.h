// SPDX-License-Identifier: Apache-2.0
// A log-structured key-value store on NOR flash (hil::flash), in the spirit of Tock's TicKV and Zephyr's NVS:
// records are only ever appended, a value is replaced by appending a new record and marking the old one dead (one
// 1 -> 0 program of its state word), and garbage collection copies the live records out of sectors holding dead
// ones and erases them (one sector is always kept free for it). docs/kv-store.md gives the format and the
// crash-consistency argument.
//
// RAM is bounded and static: an index of up to kMaxKeys entries (key hash -> where its record is, its tag and
// size), a few words per sector, and two buffers the board gives (each one record long: the record being written,
// and the one the store reads with). Keys are known only by their 64-bit hash (format.h: hash_key).
//
// Every operation is split-phase, one at a time: a call that returns success answers through exactly one client
// callback, never from inside the call; a call that returns an error has no callback. Errors, as Tock's KV stack
// gives them: NoSupport (get/update/remove of a key that is not there, add of one that is), Size (a value longer
// than max_value_length), NoMem (the index is full, the live data would pass capacity(), or the log is full: a set
// never collects, so the caller runs garbage_collect and tries again),
// Busy (another operation runs), Off (not mounted), Fail (the flash reported an error: the store unmounts itself,
// as what is on flash is no longer known, and mount() reads it again).
//
// Setup (board):
//   auto store = KEEL_STATIC_INIT(Store, flash, KEEL_STATIC_INIT(DeferredCall), KEEL_STATIC_BUFFER(uint8_t, 256),
//                                 KEEL_STATIC_BUFFER(uint8_t, 256));
//   Store::setup(store);          // the flash's client and the store's deferred call
//   store.set_client(client); store.mount();  // -> client.mount_done
#pragma once

#include "capsules/kv/format.h"
#include "kernel/core/array.h"
#include "kernel/core/cell.h"
#include "kernel/core/optional_cell.h"
#include "kernel/core/take_cell.h"
#include "kernel/deferred_call.h"
#include "kernel/hil/flash.h"

namespace keel::capsules::kv {

class StoreClient {
 public:
  virtual void mount_done(Result<void> status) const = 0;
  /// The value (a view of the store's buffer, valid during the call) and the tag stored with it.
  virtual void get_done(Result<void> status, Slice<uint8_t const> value, uint32_t tag) const = 0;
  /// A set, add or update finished.
  virtual void set_done(Result<void> status) const = 0;
  virtual void remove_done(Result<void> status) const = 0;
  virtual void garbage_collect_done(Result<void> status) const = 0;

 protected:
  ~StoreClient() = default;
};

/// What a set requires of the key's presence (Tock's set, add and update).
enum class SetMode : uint8_t { Any, MustBeAbsent, MustExist };

/// What the index knows of a stored key without reading flash.
struct KeyInfo {
  uint32_t tag = 0;
  uint32_t length = 0;
};

class Store final : public hil::flash::Client, public DeferredCallClient {
 public:
  static constexpr usize kMaxSectors = 16;
  static constexpr usize kMaxKeys = 64;

  /// `deferred` is the store's own deferred call (it answers through it when it has nothing to wait for).
  Store(StaticRef<hil::flash::Flash const> flash, StaticRef<DeferredCall const> deferred,
        StaticBuffer<uint8_t>&& record_buffer, StaticBuffer<uint8_t>&& work_buffer);
  Store(Store const&) = delete;
  Store& operator=(Store const&) = delete;

  /// Board wiring, once: the flash calls this store back, and so does its deferred call.
  static void setup(StaticRef<Store const> store);
  void set_client(StaticRef<StoreClient const> client) const { client_.set(client); }

  /// Reads the flash and builds the index; finishes an interrupted garbage collection or record replacement.
  /// Inval if the geometry does not suit (2..kMaxSectors sectors, each holding several records).
  Result<void> mount() const;
  bool is_mounted() const { return mounted_.get(); }

  /// The index entry for `hash`, if the key is stored (no flash access, no callback).
  Option<KeyInfo> find(uint64_t hash) const;
  Result<void> get(uint64_t hash) const;
  /// Copies `value` in at once (the caller's buffer is free when this returns).
  Result<void> set(uint64_t hash, Slice<uint8_t const> value, uint32_t tag, SetMode mode) const;
  Result<void> remove(uint64_t hash) const;
  /// Reclaims dead space: every sector holding dead records is compacted (its live records copied out, then it is
  /// erased), oldest first, the head last. A set never collects on its own (as Tock's KV stack): when a set answers
  /// NoMem the caller collects and tries again.
  Result<void> garbage_collect() const;

  /// The longest value a record can hold (the buffers' size less the record header).
  uint32_t max_value_length() const;
  /// Record bytes the store promises to hold (a set beyond it answers NoMem), and what live records take now.
  uint32_t capacity() const;
  uint32_t live_bytes() const;
  uint32_t key_count() const;

  void read_done(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const override;
  void write_done(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const override;
  void erase_done(Result<void> status) const override;
  void handle_deferred_call() const override;

 private:
  enum class Operation : uint8_t { None, Mount, Get, Set, Remove, Collect };
  /// The flash operation in flight (what its callback continues with).
  enum class Step : uint8_t {
    Idle, ReadSectorHeader, ScanSector, Repair, EraseForOpen, WriteSectorHeader, CopyRead, CopyWrite, MarkCopied,
    RetireVictim, EraseVictim, WriteRecord, MarkReplaced, ReadValue, MarkRemoved,
  };
  /// What an opened sector continues with.
  enum class Then : uint8_t { PlaceRecord, CopyLive };
  enum class SectorState : uint8_t { Free, Blank, Used };  // Free: to erase before use; Blank: erased this boot

  struct Entry {
    uint64_t hash = 0;
    uint32_t offset = 0;  // of the record, from the start of the flash
    uint32_t length = 0;  // of the value
    uint32_t tag = 0;
    bool used = false;
    uint32_t size() const { return record_size(length); }  // record bytes on flash
  };

  // Geometry.
  uint32_t sector_size() const { return flash_->geometry().sector_size; }
  uint32_t sector_count() const;
  uint32_t record_limit() const;   // largest record, the buffers' size rounded down
  uint32_t reserve() const;        // kept at the end of each sector for garbage collection's copies
  uint32_t append_limit() const;   // where appends stop in a sector without copies
  uint32_t sector_limit(uint32_t sector) const;  // ... and in this one (copies lend it room from the reserve)
  uint32_t sector_of(uint32_t offset) const { return offset / sector_size(); }

  // The index.
  Option<usize> find_entry(uint64_t hash) const;
  Option<usize> free_entry() const;
  uint32_t sector_live_bytes(uint32_t sector) const;

  // Sectors.
  uint32_t count_state(SectorState state) const;
  uint32_t free_count() const { return count_state(SectorState::Free) + count_state(SectorState::Blank); }
  Option<uint32_t> pick_free() const;
  bool has_dead_bytes(uint32_t sector) const;
  Option<uint32_t> next_victim() const;

  // Mount.
  void read_sector_header(uint32_t sector) const;
  void headers_read() const;
  void scan_next_sector() const;
  void read_for_scan(uint32_t position) const;
  struct ScanStep {
    bool sector_done = false;
    uint32_t position = 0;  // where to read next in the sector
  };
  ScanStep scan_chunk(Slice<uint8_t const> bytes) const;
  void sector_scanned(uint32_t end) const;
  void index_record(RecordHeader const& header, uint32_t offset) const;
  void repair_next() const;

  // Writing records, opening sectors, collecting.
  void place_record() const;
  void open_sector(uint32_t sector, Then then) const;
  void write_sector_header() const;
  void sector_opened() const;
  void collect_more() const;
  void copy_next() const;
  void copy_read(Slice<uint8_t const> bytes) const;
  void copy_written() const;
  void value_read(Slice<uint8_t const> bytes) const;
  void write_state(uint32_t offset, uint32_t state, Step step) const;
  void record_written() const;

  // Issuing flash operations (a refused one finishes the operation with Fail, through the deferred call).
  void read(uint32_t offset, uint32_t length, Step step) const;
  void write_buffer(TakeCell<StaticBuffer<uint8_t>> const& cell, uint32_t offset, uint32_t length, Step step) const;
  void erase(uint32_t sector, Step step) const;
  void refused() const;

  /// Ends the operation: the client hears `status`. Only from a callback (never inside a call of a client).
  void finish(Result<void> status) const;
  /// Ends the operation from the deferred call (for an end reached inside a client's call).
  void finish_later(Result<void> status) const;
  void flash_failed() const;

  StaticRef<hil::flash::Flash const> flash_;
  uint32_t buffer_size_;  // the smaller buffer's size (initialised before the buffers move in)
  TakeCell<StaticBuffer<uint8_t>> record_buffer_;
  TakeCell<StaticBuffer<uint8_t>> work_buffer_;
  StaticRef<DeferredCall const> deferred_;
  ClientCell<StoreClient> client_;

  Cell<bool> mounted_{false};
  Cell<Operation> operation_{Operation::None};
  Cell<Step> step_{Step::Idle};
  Cell<Result<void>> deferred_status_{};

  // Sectors: state, sequence number, where the next record goes (the end of the log in it), and the bytes of
  // copies in it (which lend it room from the reserve).
  Array<Cell<SectorState>, kMaxSectors> sector_state_{};
  Array<Cell<uint32_t>, kMaxSectors> sequence_{};
  Array<Cell<uint32_t>, kMaxSectors> write_position_{};
  Array<Cell<uint32_t>, kMaxSectors> copied_bytes_{};
  Array<Cell<uint32_t>, kMaxSectors> order_{};  // the used sectors, oldest first (set by mount)
  Cell<uint32_t> used_count_{0};
  Cell<uint32_t> head_{0};
  Cell<bool> has_head_{false};
  Cell<uint32_t> next_sequence_{1};

  Array<Cell<Entry>, kMaxKeys> index_{};

  // Mount progress.
  Cell<uint32_t> cursor_{0};         // sector whose header is read / position in age order being scanned
  Cell<uint32_t> scan_position_{0};  // offset in the sector of the chunk read
  Cell<bool> resync_{false};         // after a torn record: looking for the next good one
  Cell<uint32_t> scan_end_{0};       // end of the last record or non-erased word seen
  static constexpr usize kMaxRepairs = 4;
  Array<Cell<uint32_t>, kMaxRepairs> repairs_{};
  Cell<uint32_t> repair_count_{0};
  Cell<bool> mount_overflow_{false};

  // The operation's arguments and progress.
  Cell<uint64_t> hash_{0};
  Cell<uint32_t> tag_{0};
  Cell<uint32_t> length_{0};
  Cell<uint32_t> rounds_{0};
  Cell<bool> head_collected_{false};
  Cell<uint32_t> victim_{0};
  Cell<Then> after_open_{Then::PlaceRecord};
  Cell<uint32_t> opening_{0};
  Cell<usize> entry_{0};
  Cell<uint32_t> copied_from_{0};
};

}  // namespace keel::capsules::kv
