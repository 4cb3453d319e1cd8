// The board's app flash and process RAM, mapped into the fuzzer at the board's own addresses (the ones its
// layout.ld gives the kernel through _app_flash_start & co.), so that the loader's 32-bit addresses are real host
// pointers and it runs exactly as on the board:
//   - app flash is read-only where the kernel sees it (a store into it is a SIGSEGV, a finding); the harness writes
//     each input through a second, writable view of the same pages;
//   - process RAM is read-write;
//   - a PROT_NONE guard page lies on each side of both, so that a read or write just past either is a SIGSEGV too
//     (AddressSanitizer does not watch memory it did not allocate).
// Nothing else of the board is mapped: the kernel touching any other board address faults.
#pragma once

#include <cstddef>
#include <cstdint>

namespace keel_fuzz {

struct Range {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - start; }
  bool holds(uint32_t from, uint32_t to) const { return from >= start && to <= end && from <= to; }
};

class BoardMemory {
 public:
  /// Maps both regions (aborts, saying why, if an address is taken): once per process.
  BoardMemory(Range flash, Range ram);

  Range flash() const { return flash_; }
  Range ram() const { return ram_; }

  /// Puts `size` bytes at the start of the app flash (at most its size); the rest stays erased (0xff).
  void write_flash(uint8_t const* data, size_t size);
  /// The app flash as the harness may change it (the same bytes the kernel reads).
  uint8_t* writable_flash() { return flash_alias_; }
  /// Erases what the last write_flash wrote.
  void erase_flash();

  /// Host pointer for a board address inside process RAM.
  uint8_t* ram_at(uint32_t address) const;

 private:
  Range flash_;
  Range ram_;
  uint8_t* flash_alias_ = nullptr;
  size_t written_ = 0;
};

}  // namespace keel_fuzz
