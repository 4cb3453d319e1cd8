// SPDX-License-Identifier: Apache-2.0
// Isolated nonvolatile storage syscall driver (driver 0x50004, Tock's
// capsules/extra/src/isolated_nonvolatile_storage_driver.rs interface): each app gets its own fixed-size region of
// flash, keyed by its storage write id, and reads and writes only inside it. The regions persist across reboots.
//
// Interface (as Tock's; libtock-c libtock/storage/isolated_nonvolatile_storage*):
//   command 0: exists (NoDevice without the flash); 1: get size; 2 (offset lo, hi): read into read-write allow 0;
//   3 (offset lo, hi): write read-only allow 0. 1-3: Success (an upcall follows), NoSupport (no storage write id,
//   or for a read / write: the app's read / modify ids do not name its own write id), Busy (this app has a request
//   pending). Upcalls: 0 get size (status, region bytes), 1 read done (status, bytes read), 2 write done (status,
//   bytes written); status 0 or an error code: Reserve (no buffer allowed, or of length 0), Inval (the range leaves
//   the region), NoMem (no free region left), Fail (the flash failed).
// Permissions are Tock's TBF-header policy: the write id comes from the storage permissions TLV (tools/tbf-pack
// --storage-write-id), and reading or writing the app's own region needs that id among its read / modify ids.
//
// Flash layout (NOR, erased in whole sectors; all of it the board's partition): region k is the sector pair
// (2k, 2k+1), two slots. A slot starts with a 16-byte header -- version 1 << 24 | region length, owner write id,
// sequence number, check word -- and the region's bytes follow. The slot with the valid header of the higher
// sequence is the live one. A write never touches it: the other slot is erased, the live data is copied into it
// through the 512-byte buffer with the app's bytes laid over, and the new header (sequence + 1) is programmed last.
// So a power cut at any moment leaves either the old contents or the new, never a mix; and an app that ends during
// its write leaves the old. A new region is made on an app's first request: the first pair with no valid header,
// its first slot erased, then its header (sequence 1); its bytes read as 0xff. Regions are found by reading every
// pair's two headers on the first request after boot.
//
// Requests are served one at a time, from app to app in turn; each app has at most one (Busy otherwise).
//
// Setup (board):
//   auto storage = KEEL_STATIC_INIT(IsolatedStorageDriver, kernel, partition, region_size,
//                                   KEEL_STATIC_BUFFER(uint8_t, IsolatedStorageDriver::kBufferSize));
//   partition->set_client(storage);
//   platform: driver number IsolatedStorageDriver::kDriverNumber -> storage
#pragma once

#include "kernel/core/array.h"
#include "kernel/core/cell.h"
#include "kernel/core/ref.h"
#include "kernel/core/take_cell.h"
#include "kernel/grant.h"
#include "kernel/hil/flash.h"
#include "kernel/syscall_driver.h"
#include "kernel/tbf.h"

namespace keel::capsules {

class IsolatedStorageDriver final : public SyscallDriver, public hil::flash::Client {
 public:
  static constexpr uint32_t kDriverNumber = 0x50004;
  /// The copy buffer; at least a slot header.
  static constexpr usize kBufferSize = 512;
  /// Bytes before a region's data in its slot.
  static constexpr uint32_t kSlotHeaderSize = 16;
  /// Regions the driver keeps track of (the partition's sector pairs beyond this are not used).
  static constexpr usize kMaxRegions = 16;

  struct Upcall {
    static constexpr uint32_t kGetSizeDone = 0;
    static constexpr uint32_t kReadDone = 1;
    static constexpr uint32_t kWriteDone = 2;
    static constexpr uint32_t kCount = 3;
  };
  struct ReadOnlyAllow {
    /// What a write stores.
    static constexpr uint32_t kWrite = 0;
    static constexpr uint32_t kCount = 1;
  };
  struct ReadWriteAllow {
    /// Where a read puts the bytes.
    static constexpr uint32_t kRead = 0;
    static constexpr uint32_t kCount = 1;
  };

  /// `region_size`: bytes per app (a multiple of 4 that fits a sector with its header; else the driver is absent).
  IsolatedStorageDriver(StaticRef<Kernel> kernel, StaticRef<hil::flash::Flash const> flash, uint32_t region_size,
                        StaticBuffer<uint8_t>&& buffer);
  IsolatedStorageDriver(IsolatedStorageDriver const&) = delete;
  IsolatedStorageDriver& operator=(IsolatedStorageDriver const&) = delete;

  CommandReturn command(uint32_t command_number, uint32_t arg0, uint32_t arg1, ProcessId pid) const override;
  Option<GrantBase const&> grant() const override { return grant_; }

  void read_done(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const override;
  void write_done(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const override;
  void erase_done(Result<void> status) const override;

  /// Whether the flash is there and the regions fit it.
  bool is_present() const;
  /// Regions the partition holds (sector pairs, at most kMaxRegions).
  uint32_t region_capacity() const;

 private:
  enum class Request : uint8_t { None, GetSize, Read, Write };

  /// A process's state, in its grant: the request it waits for.
  struct ProcessRequest {
    Request request = Request::None;
    uint32_t offset = 0;
  };

  /// What the driver knows of one region (owner 0: free).
  struct Region {
    uint32_t owner = 0;
    uint32_t sequence = 0;
    uint32_t length = 0;
    uint8_t live_slot = 0;
    bool unusable = false;  // its headers could not be read: never handed out
  };

  /// One slot header as read from flash.
  struct SlotHeader {
    bool valid = false;
    uint32_t owner = 0;
    uint32_t sequence = 0;
    uint32_t length = 0;
  };

  enum class Task : uint8_t {
    None,
    /// Reading region scan_region_'s headers, slot scan_slot_.
    Scan,
    /// A new region for pid_: erasing its first slot, then programming its header.
    AllocateErase,
    AllocateHeader,
    /// A read for pid_: chunk by chunk into its buffer.
    Read,
    /// A write for pid_: erase the spare slot, copy each chunk (read live, lay the app's bytes over, program the
    /// spare), then program the spare's header.
    WriteErase,
    WriteCopyRead,
    WriteCopyProgram,
    WriteHeader,
  };

  using AppGrant = Grant<ProcessRequest, Upcall::kCount, ReadOnlyAllow::kCount, ReadWriteAllow::kCount>;

  tbf::StoragePermissions permissions(ProcessId pid) const;
  static bool lists(uint32_t count, Array<uint32_t, tbf::StoragePermissions::kMaxIds> const& ids, uint32_t id);

  uint32_t sector_size() const { return flash_->geometry().sector_size; }
  uint32_t slot_offset(uint32_t region, uint8_t slot) const { return (2 * region + slot) * sector_size(); }
  Option<uint32_t> region_of(uint32_t owner) const;
  Option<uint32_t> free_region() const;

  /// Starts the next thing to do when idle: the scan, else the next waiting request (round robin).
  void run_next() const;
  /// Serves `request` of `pid` now: true when a flash operation started (the task is set), false when it finished
  /// at once (its upcall is queued).
  bool start_request(ProcessId pid, ProcessRequest& request, GrantKernelData const& data) const;
  static void finish(ProcessRequest& request, GrantKernelData const& data, Result<void> status, uint32_t value);
  /// Ends pid_'s request with `status`, and the task; then serves the next.
  void finish_current(Result<void> status, uint32_t value) const;

  /// Starts reading the next header of the scan, skipping regions whose read cannot start: true when a read
  /// started, false when the scan is over (the caller then serves the waiting requests).
  bool scan_step() const;
  void scan_header_read(Result<void> status) const;
  /// The first sequence number from `from` on whose header's check word is not all ones (an unprogrammed word).
  static uint32_t usable_sequence(uint32_t owner, uint32_t from, uint32_t length);
  static uint32_t check_word(uint32_t owner, uint32_t sequence, uint32_t length);
  Result<void> read_chunk() const;
  Result<void> program_header(uint32_t offset, uint32_t owner, uint32_t sequence, uint32_t length) const;
  /// Copies the next chunk of the live slot into the spare (or, after the last, programs the spare's header).
  void copy_next_chunk() const;
  /// A chunk of the live slot is in the buffer: lays the app's bytes over it and programs it into the spare.
  void copy_chunk_read() const;
  SlotHeader parse_header() const;

  StaticRef<Kernel> kernel_;
  AppGrant grant_;
  StaticRef<hil::flash::Flash const> flash_;
  uint32_t const region_size_;
  TakeCell<StaticBuffer<uint8_t>> buffer_;

  Array<Cell<Region>, kMaxRegions> regions_{};
  Cell<bool> scanned_{false};
  Cell<uint32_t> scan_region_{0};
  Cell<uint8_t> scan_slot_{0};
  Cell<SlotHeader> scan_first_{};

  Cell<Task> task_{Task::None};
  /// The request being served: its process, region, offset and length in the region, and progress.
  Cell<ProcessId> pid_{};
  Cell<uint32_t> region_{0};
  Cell<uint32_t> offset_{0};
  Cell<uint32_t> length_{0};
  Cell<uint32_t> position_{0};
  Cell<uint32_t> chunk_{0};
  /// The owner and sequence number of the header being programmed.
  Cell<uint32_t> owner_{0};
  Cell<uint32_t> sequence_{0};
  Cell<uint32_t> first_served_{0};
};

}  // namespace keel::capsules
