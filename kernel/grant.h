// SPDX-License-Identifier: Apache-2.0
// Grants: per-process kernel state for one driver, allocated on first use from that process's grant region (so a
// process that asks for much pays with its own memory, and running out gives NoMem to that process only).
//
// Setup: the board creates one Grant per driver: `Grant<App, 2, 1, 1> grant(kernel, kDriverNumber);`
// Usage (capsule): `grant_.enter(pid, [&](App& app, GrantKernelData const& kernel_data) { ... });`
//
// Built on the trusted GrantStorage (kernel/grant_core.h), which checks what matters for memory safety itself (the
// allocation is this grant's, and not already entered); this part only finds the process and shapes the results.
// What a capsule reaches of the kernel-owned part is a GrantKernelData (kernel/grant_kernel_data.h).
#pragma once

#include "kernel/core/option.h"
#include "kernel/core/result.h"
#include "kernel/grant_core.h"
#include "kernel/kernel.h"

namespace keel {

template <typename T, uint32_t Upcalls, uint32_t ReadOnlyAllows, uint32_t ReadWriteAllows>
class Grant : public GrantStorage<T, Upcalls, ReadOnlyAllows, ReadWriteAllows> {
  using Storage = GrantStorage<T, Upcalls, ReadOnlyAllows, ReadWriteAllows>;

 public:
  Grant(Kernel& kernel, uint32_t driver_number) : Storage(kernel, driver_number) {}

  /// Runs f(T&, GrantKernelData const&) for process `pid`, allocating its grant on first use. Returns f's result,
  /// or Fail (no such process), NoMem (grant region full), Busy (this grant is already entered for pid).
  template <typename F> auto enter(ProcessId pid, F&& f) const {
    using R = InvokeResult<F, T&, GrantKernelData const&>;
    Option<Process&> const found = this->kernel_.process(pid);
    ErrorCode error = ErrorCode::Fail;
    if (found.is_some()) {
      error = this->allocation(found.value()) == 0 ? ErrorCode::NoMem : ErrorCode::Busy;
    }
    if constexpr (is_same<R, void>) {
      if (found.is_some() && this->run(found.value(), f)) { return success(); }
      return Result<void>(Error(error));
    } else {
      Option<R> result;
      auto keep = [&](T& object, GrantKernelData const& data) { result = f(object, data); };
      if (found.is_some() && this->run(found.value(), keep)) { return Result<R>(move(result.value())); }
      return Result<R>(Error(error));
    }
  }

  /// Runs f(ProcessId, T&, GrantKernelData const&) for every live process that has this grant allocated. A
  /// process whose grant is already entered (re-entry) is skipped, as enter() refuses it.
  template <typename F> void each(F&& f) const {
    this->kernel_.for_each_process([&](Process& process) {
      if (!process.is_alive()) { return; }
      auto visit = [&](T& object, GrantKernelData const& data) { f(process.id(), object, data); };
      (void)this->run(process, visit);
    });
  }
};

/// As grant.with_kernel_data, but only if `process` already has this grant: nothing is allocated (false otherwise).
/// For readers of the slots (the overlapping-allow check, IPC sharing, the process console).
template <typename F> bool with_existing_kernel_data(GrantBase const& grant, Process& process, F&& f) {
  return grant.has_allocation(process) && grant.with_kernel_data(process, f);
}

}  // namespace keel
