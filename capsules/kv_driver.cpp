// SPDX-License-Identifier: Apache-2.0
#include "capsules/kv_driver.h"

#include "kernel/core/utility.h"
#include "kernel/kernel.h"

namespace keel::capsules {
namespace {

uint32_t status_code(Result<void> status) { return status.is_ok() ? 0 : to_number(status.error()); }

}  // namespace

KvDriver::KvDriver(StaticRef<Kernel> kernel, StaticRef<kv::Store const> store)
    : kernel_(kernel), grant_(kernel.get(), kDriverNumber), store_(store) {}

void KvDriver::mount() const {
  state_.set(StoreState::Mounting);
  if (store_->mount().is_error()) { state_.set(StoreState::Absent); }  // no flash, or a geometry it cannot use
}

// ---- Permissions ----

tbf::StoragePermissions KvDriver::permissions(ProcessId pid) const {
  Option<Process&> const process = kernel_->process(pid);
  if (process.is_none()) { return {}; }
  return process.value().storage_permissions();
}

bool KvDriver::lists(uint32_t count, Array<uint32_t, tbf::StoragePermissions::kMaxIds> const& ids, uint32_t id) {
  for (usize i = 0; i < count && i < ids.size(); ++i) {
    if (ids[i] == id) { return true; }
  }
  return false;
}

bool KvDriver::may_read(tbf::StoragePermissions const& granted, uint32_t stored_id) {
  return granted.present && stored_id != 0 && lists(granted.read_count, granted.read_ids, stored_id);
}

bool KvDriver::may_modify(tbf::StoragePermissions const& granted, uint32_t stored_id) {
  return granted.present && stored_id != 0 && lists(granted.modify_count, granted.modify_ids, stored_id);
}

// ---- Commands ----

CommandReturn KvDriver::command(uint32_t command_number, uint32_t /*arg0*/, uint32_t /*arg1*/, ProcessId pid) const {
  Request request = Request::None;
  switch (command_number) {
    case Command::kExists:
      return state_.get() == StoreState::Absent ? CommandReturn::failure(ErrorCode::NoDevice) : CommandReturn::success();
    case Command::kGet: request = Request::Get; break;
    case Command::kSet: request = Request::Set; break;
    case Command::kDelete: request = Request::Delete; break;
    case Command::kAdd: request = Request::Add; break;
    case Command::kUpdate: request = Request::Update; break;
    case Command::kGarbageCollect: request = Request::Collect; break;
    default: return CommandReturn::failure(ErrorCode::NoSupport);
  }
  if (state_.get() == StoreState::Absent) { return CommandReturn::failure(ErrorCode::NoDevice); }
  auto queued = grant_.enter(pid, [&](ProcessRequest& waiting, GrantKernelData const& data) -> Result<void> {
    if (waiting.request != Request::None) { return Error(ErrorCode::NoMem); }  // Tock: one operation per app
    Result<void> valid = check_buffers(request, data);
    if (valid.is_ok() && writes(request)) { valid = check_write_id(request, permissions(pid)); }
    if (valid.is_ok()) { waiting.request = request; }
    return valid;
  });
  if (queued.is_error()) { return CommandReturn::failure(queued.error()); }
  if (queued.value().is_error()) { return CommandReturn::failure(queued.value().error()); }
  run_next();
  return CommandReturn::success();
}

bool KvDriver::writes(Request request) {
  return request == Request::Set || request == Request::Add || request == Request::Update;
}

Result<void> KvDriver::check_buffers(Request request, GrantKernelData const& data) const {
  if (data.read_only_buffer(ReadOnlyAllow::kKey).size() > kMaxKeyLength) { return Error(ErrorCode::Size); }
  if (writes(request) && data.read_only_buffer(ReadOnlyAllow::kValue).size() > store_->max_value_length()) {
    return Error(ErrorCode::Size);
  }
  return success();
}

Result<void> KvDriver::check_write_id(Request request, tbf::StoragePermissions const& granted) {
  if (writes(request) && (!granted.present || granted.write_id == 0)) { return Error(ErrorCode::Inval); }  // Tock
  return success();
}

Result<void> KvDriver::start(ProcessId pid, Request request, GrantKernelData const& data) const {
  Result<void> const buffers = check_buffers(request, data);  // the app may have allowed other buffers since
  if (buffers.is_error()) { return buffers; }
  tbf::StoragePermissions const granted = permissions(pid);
  Result<void> const valid = check_write_id(request, granted);
  if (valid.is_error()) { return valid; }
  uint64_t const hash = kv::hash_key(data.read_only_buffer(ReadOnlyAllow::kKey).bytes());
  Option<kv::KeyInfo> const stored = store_->find(hash);
  Slice<uint8_t const> const value = data.read_only_buffer(ReadOnlyAllow::kValue).bytes();
  // A key the app may not read or modify answers as one that is not there, as in Tock.
  bool const readable = stored.is_some() && may_read(granted, stored.value().tag);
  bool const modifiable = stored.is_some() && may_modify(granted, stored.value().tag);
  Result<void> started = success();
  switch (request) {
    case Request::Get:
      started = readable ? store_->get(hash) : Result<void>(Error(ErrorCode::NoSupport));
      break;
    case Request::Set:
      started = stored.is_some() && !modifiable ? Result<void>(Error(ErrorCode::NoSupport))
                                                : store_->set(hash, value, granted.write_id, kv::SetMode::Any);
      break;
    case Request::Add:  // only succeeds on a key that is not there: nothing to check (as Tock)
      started = store_->set(hash, value, granted.write_id, kv::SetMode::MustBeAbsent);
      break;
    case Request::Update:
      started = modifiable ? store_->set(hash, value, granted.write_id, kv::SetMode::MustExist)
                           : Result<void>(Error(ErrorCode::NoSupport));
      break;
    case Request::Delete:
      started = modifiable ? store_->remove(hash) : Result<void>(Error(ErrorCode::NoSupport));
      break;
    case Request::Collect: started = store_->garbage_collect(); break;
    case Request::None: break;
  }
  // The store off (a flash failure unmounted it) is a failed operation to the app.
  if (started.is_error() && started.error() == ErrorCode::Off) { return Error(ErrorCode::Fail); }
  return started;
}

void KvDriver::run_next() const {
  if (serving_.is_some() || state_.get() == StoreState::Mounting) { return; }
  bool const absent = state_.get() == StoreState::Absent;
  uint32_t const first = first_served_.get();
  auto serve = [&](ProcessId pid, ProcessRequest& waiting, GrantKernelData const& data) {
    if (serving_.is_some() || waiting.request == Request::None) { return; }
    Result<void> const started = absent ? Result<void>(Error(ErrorCode::NoDevice)) : start(pid, waiting.request, data);
    if (started.is_ok()) {
      serving_.set(pid);
      return;
    }
    // Over already: the app hears why (a full upcall queue drops it; the request is over either way).
    waiting.request = Request::None;
    (void)data.schedule_upcall(Upcall::kDone, status_code(started), 0, 0);
  };
  // Two passes: the processes from `first` to the end of the table, then those before it.
  grant_.each([&](ProcessId pid, ProcessRequest& waiting, GrantKernelData const& data) {
    if (pid.index >= first) { serve(pid, waiting, data); }
  });
  grant_.each([&](ProcessId pid, ProcessRequest& waiting, GrantKernelData const& data) {
    if (pid.index < first) { serve(pid, waiting, data); }
  });
  first_served_.set((first + 1) % static_cast<uint32_t>(Kernel::kMaxProcesses));
}

// ---- The store's answers ----

template <typename F> void KvDriver::served(F&& report) const {
  Option<ProcessId> const pid = serving_.take();
  if (pid.is_some()) {
    // A process that ended meanwhile has no grant any more: nobody to tell.
    (void)grant_.enter(pid.value(), [&](ProcessRequest& waiting, GrantKernelData const& data) {
      waiting.request = Request::None;
      report(data);
    });
  }
  if (!store_->is_mounted() && state_.get() == StoreState::Ready) {
    mount();  // a flash failure unmounted the store: read it again before the next request
    if (state_.get() == StoreState::Mounting) { return; }
  }
  run_next();
}

void KvDriver::mount_done(Result<void> status) const {
  state_.set(status.is_ok() ? StoreState::Ready : StoreState::Absent);
  run_next();
}

void KvDriver::get_done(Result<void> status, Slice<uint8_t const> value, uint32_t /*tag*/) const {
  served([&](GrantKernelData const& data) {
    if (status.is_error()) {
      (void)data.schedule_upcall(Upcall::kDone, status_code(status), 0, 0);
      return;
    }
    // As much of the value as the buffer takes; Size says it was cut, and the length says how long it is.
    Slice<uint8_t> const buffer = data.read_write_buffer(ReadWriteAllow::kValue).bytes();
    usize const copied = buffer.copy_from(value);
    Result<void> const outcome = copied < value.size() ? Result<void>(Error(ErrorCode::Size)) : success();
    (void)data.schedule_upcall(Upcall::kDone, status_code(outcome), static_cast<uint32_t>(value.size()), 0);
  });
}

void KvDriver::set_done(Result<void> status) const {
  served([&](GrantKernelData const& data) { (void)data.schedule_upcall(Upcall::kDone, status_code(status), 0, 0); });
}

void KvDriver::remove_done(Result<void> status) const {
  served([&](GrantKernelData const& data) { (void)data.schedule_upcall(Upcall::kDone, status_code(status), 0, 0); });
}

void KvDriver::garbage_collect_done(Result<void> status) const {
  served([&](GrantKernelData const& data) { (void)data.schedule_upcall(Upcall::kDone, status_code(status), 0, 0); });
}

}  // namespace keel::capsules
