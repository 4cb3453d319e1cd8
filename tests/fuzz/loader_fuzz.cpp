// libFuzzer harness: the TBF parser and the process loader, called exactly as a board calls them
// (kernel/linker_regions.h load_processes: the board's _app_flash_start/_end and _process_ram_start/_end, which
// tests/fuzz/CMakeLists.txt takes from the board's layout.ld), over an app flash that holds the input, then every
// property of loader_checks.h. Built once per board, with that board's architecture (its protection rules and
// process context).
//
// Input: byte 0 holds options, the rest is the start of the app flash (the remainder stays erased, 0xff).
//   bit 0: recompute the checksum of every TBF in the chain first, so that mutations reach past the checksum check
//          (clear: the bytes as they are, checksums included).
// With KEEL_FUZZ_VERBOSE set, each input's kernel output is printed (to see what a seed or a crash input does).
// A finding aborts: a kernel panic (KEEL_PANIC), a broken property (described on stderr), a crash (a store into
// the read-only app flash or an access outside the board's two regions is a SIGSEGV) or a sanitizer report.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "board_memory.h"
#include "kernel/core/panic.h"
#include "kernel/core/slice.h"
#include "kernel/kernel.h"
#include "kernel/linker_regions.h"
#include "kernel/tbf.h"
#include "loader_checks.h"

namespace keel {

namespace {

std::string text(PanicText panic_text) {
  std::string out;
  for (char const c : panic_text.text().slice()) { out += c; }
  return out;
}

}  // namespace

[[noreturn]] void panic(PanicText file, int line, PanicText why) {
  std::fprintf(stderr, "keel fuzz: KERNEL PANIC at %s:%d: %s\n", text(file).c_str(), line, text(why).c_str());
  std::abort();
}

[[noreturn]] void panic_with_values(PanicText file, int line, PanicText why, uint32_t a, uint32_t b, uint32_t c) {
  std::fprintf(stderr, "keel fuzz: KERNEL PANIC at %s:%d: %s 0x%08x 0x%08x 0x%08x\n", text(file).c_str(), line,
               text(why).c_str(), static_cast<unsigned>(a), static_cast<unsigned>(b), static_cast<unsigned>(c));
  std::abort();
}

}  // namespace keel

namespace {

using keel_fuzz::BoardMemory;
using keel_fuzz::Range;

constexpr uint8_t kFixChecksums = 1U << 0;

/// Collects what the kernel prints (the checks count its load and refusal lines).
class StringWriter final : public keel::Writer {
 public:
  void write(keel::Slice<char const> text) const override {
    for (char c : text) { output.push_back(c); }
  }
  mutable std::string output;
};

BoardMemory& board() {
  static BoardMemory memory(Range{keel::address_of(_app_flash_start), keel::address_of(_app_flash_end)},
                            Range{keel::address_of(_process_ram_start), keel::address_of(_process_ram_end)});
  return memory;
}

keel::Array<keel::Process, keel::Kernel::kMaxProcesses> process_table{};
StringWriter kernel_output;
bool verbose = false;

uint32_t read32(uint8_t const* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
         (static_cast<uint32_t>(p[3]) << 24);
}

/// Walks the chain as the loader does and gives each TBF whose header lies in the first `written` bytes the
/// checksum its header asks for.
void fix_checksums(uint8_t* flash, size_t written, size_t flash_size) {
  size_t offset = 0;
  while (offset + keel::tbf::kBaseHeaderSize <= written) {
    uint8_t* tbf = flash + offset;
    uint32_t const version = static_cast<uint32_t>(tbf[0] | (tbf[1] << 8));
    uint32_t const header_size = static_cast<uint32_t>(tbf[2] | (tbf[3] << 8));
    uint32_t const total_size = read32(tbf + 4);
    if (version != 2 || total_size == 0 || total_size > flash_size - offset) { return; }
    if (header_size >= keel::tbf::kBaseHeaderSize && header_size % 4 == 0 && header_size <= total_size) {
      uint32_t checksum = 0;
      for (uint32_t at = 0; at < header_size; at += 4) {
        if (at != 12) { checksum ^= read32(tbf + at); }
      }
      for (int i = 0; i < 4; ++i) { tbf[12 + i] = static_cast<uint8_t>(checksum >> (8 * i)); }
    }
    offset += total_size;
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  board();
  verbose = std::getenv("KEEL_FUZZ_VERBOSE") != nullptr;
  kernel_output.output.reserve(1 << 16);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(uint8_t const* data, size_t size) {
  if (size == 0) { return -1; }  // libFuzzer: not worth keeping
  BoardMemory& memory = board();
  memory.write_flash(data + 1, size - 1);
  if ((data[0] & kFixChecksums) != 0) {
    fix_checksums(memory.writable_flash(), size - 1 < memory.flash().size() ? size - 1 : memory.flash().size(),
                  memory.flash().size());
  }

  // A fresh board: an empty process table and no RAM claimed.
  for (keel::Process& p : process_table) {
    std::destroy_at(&p);
    std::construct_at(&p);
  }
  keel::ProcessMemory::forget_all_claims();
  kernel_output.output.clear();
  keel::Kernel kernel(keel::StaticRef<keel::Writer const>::assume_static(kernel_output), keel::RestartPolicy{3},
                      keel::StaticBuffer<keel::Process>::assume_unique_static(process_table.as_slice()));

  keel::load_processes(kernel);
  if (verbose) { std::fputs(kernel_output.output.c_str(), stderr); }

  std::string const problem = keel_fuzz::check_process_table(kernel, memory, kernel_output.output);
  if (!problem.empty()) {
    std::fprintf(stderr, "keel fuzz: LOADER PROPERTY BROKEN: %s\n--- kernel output ---\n%s--- end ---\n",
                 problem.c_str(), kernel_output.output.c_str());
    std::abort();
  }
  keel_fuzz::dirty_process_ram(kernel, memory);
  return 0;
}
