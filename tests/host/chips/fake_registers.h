// Host-test helpers: register blocks in ordinary memory, seen at raw byte offsets the way the device sees them, so a
// test can set read-only registers (LSR, mtime, MagicValue) and read back write-only ones (QueueDescLow, ...).
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>

#include "tests/host/static_ref.h"

namespace keel_test {

/// A zero-filled register block; big blocks (the PLIC's is 2 MiB) live on the heap.
template <typename Block> std::unique_ptr<Block> make_register_block() { return std::make_unique<Block>(); }

template <typename Block> void poke8(Block& block, std::size_t offset, uint8_t value) {
  std::memcpy(reinterpret_cast<uint8_t*>(&block) + offset, &value, sizeof value);
}
template <typename Block> uint8_t peek8(Block const& block, std::size_t offset) {
  uint8_t value = 0;
  std::memcpy(&value, reinterpret_cast<uint8_t const*>(&block) + offset, sizeof value);
  return value;
}
template <typename Block> void poke32(Block& block, std::size_t offset, uint32_t value) {
  std::memcpy(reinterpret_cast<uint8_t*>(&block) + offset, &value, sizeof value);
}
template <typename Block> uint32_t peek32(Block const& block, std::size_t offset) {
  uint32_t value = 0;
  std::memcpy(&value, reinterpret_cast<uint8_t const*>(&block) + offset, sizeof value);
  return value;
}

}  // namespace keel_test
