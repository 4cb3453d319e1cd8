// SPDX-License-Identifier: Apache-2.0
// Key-value syscall driver (driver 0x50003), with Tock's ABI (capsules/extra/src/kv_driver.rs over
// kv_store_permissions.rs), so libtock-c's libtock/storage/kv apps run unchanged. The store below it is
// capsules/kv/store.h; the write id of the app that wrote a value is stored with it (the record's tag).
//
// Interface (as Tock's):
//   read-only allow 0: the key; read-only allow 1: the value to store; read-write allow 0: where get puts the value
//   subscribe 0: every operation's upcall, (status, value length for get, 0); status 0 or an error number
//   command 0: exists (NoDevice when the store did not mount); 1 get; 2 set; 3 delete; 4 add; 5 update;
//   6 garbage collect. A command answers Success (the upcall follows) or fails at once: Size (a key longer than
//   kMaxKeyLength, a value longer than the store's max_value_length), Inval (a set, add or update by an app with no
//   write id), NoMem (this app already has an operation waiting), NoDevice.
//   Upcall statuses: get: NoSupport (no such key, or the app may not read it: Tock answers both alike), Size (the
//   value was longer than the read-write buffer: its first bytes are there, and the length says how long it is);
//   set: NoSupport (the key exists and the app may not modify it); add: NoSupport (the key exists); update and
//   delete: NoSupport (no such key, or the app may not modify it); any: NoMem (no room: garbage collect and try
//   again; or the store's key limit), Fail (the flash failed).
// Permissions are the app's TBF storage permissions (tools/tbf-pack --storage-write-id / --storage-read-ids /
// --storage-modify-ids), checked as Tock's TBF-header policy checks them: a value is readable by an app whose read
// ids name its write id, and modifiable (overwritten by set or update, deleted) by one whose modify ids name it;
// an app without the TLV has no write id and no read or modify ids.
//
// One store operation runs at a time; apps' requests wait in their grants and are served in turn.
//
// Setup (board):
//   auto kv = KEEL_STATIC_INIT(KvDriver, kernel, store);
//   store->set_client(kv);
//   kv->mount();  // reads the flash; requests wait until it is done
//   platform: driver number KvDriver::kDriverNumber -> kv
#pragma once

#include "capsules/kv/store.h"
#include "kernel/core/cell.h"
#include "kernel/core/optional_cell.h"
#include "kernel/core/ref.h"
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"
#include "kernel/tbf.h"

namespace keel::capsules {

class KvDriver final : public SyscallDriver, public kv::StoreClient {
 public:
  static constexpr uint32_t kDriverNumber = 0x50003;
  /// Longest key (Tock's boards give the driver a 64-byte key buffer).
  static constexpr usize kMaxKeyLength = 64;

  struct Upcall {
    static constexpr uint32_t kDone = 0;
    static constexpr uint32_t kCount = 1;
  };
  struct ReadOnlyAllow {
    static constexpr uint32_t kKey = 0;
    static constexpr uint32_t kValue = 1;
    static constexpr uint32_t kCount = 2;
  };
  struct ReadWriteAllow {
    static constexpr uint32_t kValue = 0;
    static constexpr uint32_t kCount = 1;
  };
  struct Command {
    static constexpr uint32_t kExists = 0;
    static constexpr uint32_t kGet = 1;
    static constexpr uint32_t kSet = 2;
    static constexpr uint32_t kDelete = 3;
    static constexpr uint32_t kAdd = 4;
    static constexpr uint32_t kUpdate = 5;
    static constexpr uint32_t kGarbageCollect = 6;
  };

  KvDriver(StaticRef<Kernel> kernel, StaticRef<kv::Store const> store);
  KvDriver(KvDriver const&) = delete;
  KvDriver& operator=(KvDriver const&) = delete;

  /// Mounts the store (board wiring, once, after store->set_client(this driver)).
  void mount() const;

  CommandReturn command(uint32_t command_number, uint32_t arg0, uint32_t arg1, ProcessId pid) const override;
  Option<GrantBase const&> grant() const override { return grant_; }

  void mount_done(Result<void> status) const override;
  void get_done(Result<void> status, Slice<uint8_t const> value, uint32_t tag) const override;
  void set_done(Result<void> status) const override;
  void remove_done(Result<void> status) const override;
  void garbage_collect_done(Result<void> status) const override;

 private:
  enum class Request : uint8_t { None, Get, Set, Delete, Add, Update, Collect };
  enum class StoreState : uint8_t { Mounting, Ready, Absent };

  /// A process's state, in its grant: the request it waits for (at most one, as in Tock).
  struct ProcessRequest {
    Request request = Request::None;
  };

  using AppGrant = Grant<ProcessRequest, Upcall::kCount, ReadOnlyAllow::kCount, ReadWriteAllow::kCount>;

  tbf::StoragePermissions permissions(ProcessId pid) const;
  static bool lists(uint32_t count, Array<uint32_t, tbf::StoragePermissions::kMaxIds> const& ids, uint32_t id);
  /// Tock's checks: a stored id of 0 (the kernel's) is never readable or modifiable by an app.
  static bool may_read(tbf::StoragePermissions const& granted, uint32_t stored_id);
  static bool may_modify(tbf::StoragePermissions const& granted, uint32_t stored_id);

  /// What is wrong with a request before it reaches the store (the errors a command answers at once): its buffers,
  /// then (for a write) the app's write id, from `granted` (permissions are read from the app's TBF each time, so
  /// a caller reads them once and passes them on).
  static bool writes(Request request);
  Result<void> check_buffers(Request request, GrantKernelData const& data) const;
  static Result<void> check_write_id(Request request, tbf::StoragePermissions const& granted);
  /// Starts the request on the store. Success: the store answers later. An error: the request is over with it
  /// (NoSupport for a permission or a missing key, or the store's own error).
  Result<void> start(ProcessId pid, Request request, GrantKernelData const& data) const;
  /// Starts waiting requests, from app to app in turn, until one runs on the store or none is left.
  void run_next() const;
  /// The store answered the request being served: `report` (with the grant) tells its process.
  template <typename F> void served(F&& report) const;

  StaticRef<Kernel> kernel_;
  AppGrant grant_;
  StaticRef<kv::Store const> store_;
  Cell<StoreState> state_{StoreState::Mounting};
  /// The process whose request the store is running.
  OptionalCell<ProcessId> serving_;
  /// Process-table index asked first when the next request is chosen.
  Cell<uint32_t> first_served_{0};
};

}  // namespace keel::capsules
