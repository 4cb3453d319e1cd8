// SPDX-License-Identifier: Apache-2.0
// The calls that stop the kernel, for capsules.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/hil/uart.h"

namespace keel {
/// Switches output to the panic writer for good.
[[noreturn]] void set_panic_writer(StaticRef<hil::uart::PanicWriter const> writer);
}  // namespace keel
