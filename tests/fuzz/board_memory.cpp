#include "board_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace keel_fuzz {
namespace {

constexpr uint32_t kGuard = 4096;

[[noreturn]] void fail(char const* what, uint32_t address) {
  std::fprintf(stderr, "keel fuzz: cannot map %s at 0x%08x: %s\n", what, static_cast<unsigned>(address),
               std::strerror(errno));
  std::abort();
}

void* at(uint32_t address) { return reinterpret_cast<void*>(static_cast<uintptr_t>(address)); }

void map_fixed(uint32_t address, uint32_t size, int protection, int flags, int fd, char const* what) {
  void* got = mmap(at(address), size, protection, flags | MAP_FIXED_NOREPLACE, fd, 0);
  if (got != at(address)) { fail(what, address); }
}

void guard(uint32_t address, char const* what) {
  map_fixed(address, kGuard, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, what);
}

}  // namespace

BoardMemory::BoardMemory(Range flash, Range ram) : flash_(flash), ram_(ram) {
  // Flash: one memory file, seen read-only at the board address and writable elsewhere.
  int const fd = memfd_create("keel-app-flash", 0);
  if (fd < 0 || ftruncate(fd, flash.size()) != 0) { fail("app flash (memfd)", flash.start); }
  map_fixed(flash.start, flash.size(), PROT_READ, MAP_SHARED, fd, "app flash");
  void* alias = mmap(nullptr, flash.size(), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (alias == MAP_FAILED) { fail("app flash (writable view)", flash.start); }
  close(fd);
  flash_alias_ = static_cast<uint8_t*>(alias);
  std::memset(flash_alias_, 0xff, flash.size());

  map_fixed(ram.start, ram.size(), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, "process RAM");
  // Not zero: the loader must zero what it hands a process (checked after every input).
  std::memset(ram_at(ram.start), 0xa5, ram.size());

  guard(flash.start - kGuard, "guard below app flash");
  guard(flash.end, "guard above app flash");
  guard(ram.start - kGuard, "guard below process RAM");
  guard(ram.end, "guard above process RAM");
}

void BoardMemory::write_flash(uint8_t const* data, size_t size) {
  erase_flash();
  written_ = size < flash_.size() ? size : flash_.size();
  if (written_ != 0) { std::memcpy(flash_alias_, data, written_); }
}

void BoardMemory::erase_flash() {
  std::memset(flash_alias_, 0xff, written_);
  written_ = 0;
}

uint8_t* BoardMemory::ram_at(uint32_t address) const { return static_cast<uint8_t*>(at(address)); }

}  // namespace keel_fuzz
