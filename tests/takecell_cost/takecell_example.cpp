// SPDX-License-Identifier: Apache-2.0
// The example of "The Case for Writing a Kernel in Rust": a driver holds its app's state in a TakeCell and bumps a
// counter through `map`. The paper reports 11 ARM instructions for it, the same as a hand-written null check. Here
// are the TakeCell version and two hand-written ones (the plain null check, and the null check that also takes the
// pointer out while the app is in use, which is what `map` promises), with C names so count_instructions.py finds
// them in the Cortex-M4 object, built with the kernel's own flags.
#include "kernel/core/take_cell.h"
#include "kernel/core/types.h"

namespace {

// The paper's App: a counter next to the per-app state a real driver keeps (upcalls, shared buffers).
struct App {
  uint32_t count;
  uint32_t pending_upcall;
  uint32_t read_buffer_address;
  uint32_t read_buffer_length;
};

struct Driver {
  keel::TakeCell<App> app;
};

// The same driver written in C style: a nullable pointer, checked by hand.
struct HandWrittenDriver {
  App* app;
};

}  // namespace

extern "C" void keel_takecell_map(Driver const& driver) {
  driver.app.map([](App& a) { a.count = a.count + 1; });
}

extern "C" void keel_takecell_hand_written(HandWrittenDriver& driver) {
  if (driver.app != nullptr) { driver.app->count = driver.app->count + 1; }
}

// What TakeCell::map does, by hand: while the app is lent out the driver holds nothing, so a re-entrant call through
// the driver cannot reach the app a second time.
extern "C" void keel_takecell_hand_written_guarded(HandWrittenDriver& driver) {
  App* app = driver.app;
  if (app != nullptr) {
    driver.app = nullptr;
    app->count = app->count + 1;
    driver.app = app;
  }
}
