// Host-test model of a CFI flash bank with the Intel/Sharp command set, as QEMU 7.2's pflash_cfi01 behaves on the
// virt machine: `lanes` x16 chips side by side on a 32-bit bus (2 on virt; 1 models a single x32 chip), each
// answering status and query reads in its own half of the word. Like QEMU, a program stores the data as given (no
// 1-to-0 rule) and every command completes at once; unlike QEMU it can refuse (locked sectors), never become ready,
// and it records what the driver did so a test can check the command sequences.
#pragma once

#include <cstdint>
#include <cstring>
#include <set>
#include <utility>
#include <vector>

#include "chips/qemu-virt/pflash_window.h"
#include "kernel/core/panic.h"

namespace keel_test {

struct FakeCfiConfig {
  uint32_t lanes = 2;
  uint32_t chip_size_log2 = 24;    // 16 MiB per chip
  uint32_t blocks_per_chip = 128;  // of 128 KiB: 256 KiB bank sectors
  uint16_t command_set = 0x0001;
  uint32_t window_words = 8U * 1024U * 1024U;  // 32 MiB
  bool answers_query = true;
  bool never_ready = false;
  uint32_t buffer_log2 = 0x0b;  // each chip's write buffer, 2^n bytes (QEMU: 2048); 0: no buffered program
};


class FakeCfiDevice final : public keel::chips::qemu_virt::CfiBus {
 public:
  using Config = FakeCfiConfig;

  FakeCfiDevice() { configure(Config{}); }

  void configure(Config config) {
    config_ = config;
    storage.assign(std::size_t{config.lanes} << config.chip_size_log2, 0xff);
    locked_sectors.clear();
    status_ = 0;
    cycle_ = Cycle::Command;
    mode_ = Mode::ReadArray;
    split_commands = unknown_commands = out_of_window = program_cycles = erase_cycles = status_reads = 0;
    word_programs = buffered_programs = buffer_violations = 0;
  }

  std::size_t sector_bytes() const { return storage.size() / config_.blocks_per_chip; }
  bool in_read_array_mode() const { return mode_ == Mode::ReadArray && cycle_ == Cycle::Command; }
  uint8_t status() const { return status_; }

  uint32_t stored_word(std::size_t word) const {
    uint32_t value = 0;
    std::memcpy(&value, &storage.at(word * 4), 4);
    return value;
  }
  void set_stored_word(std::size_t word, uint32_t value) { std::memcpy(&storage.at(word * 4), &value, 4); }

  keel::usize words() const override { return config_.window_words; }

  uint32_t load(keel::usize word) const override {
    if (word >= config_.window_words) { ++out_of_window; return 0; }
    switch (mode_) {
      case Mode::ReadArray: return word * 4 < storage.size() ? stored_word(word) : 0xffff'ffffU;
      case Mode::Status: ++status_reads; return replicate(status_);
      case Mode::Query: return replicate(query_byte(word));
    }
    return 0;
  }

  void store(keel::usize word, uint32_t value) const override {
    if (word >= config_.window_words) { ++out_of_window; return; }
    if (cycle_ == Cycle::ProgramData) {
      // The data cycle of a word program: the whole word, not a command.
      if (locked(word)) {
        status_ |= 0x10 | 0x02;
      } else {
        std::memcpy(&storage.at(word * 4), &value, 4);
      }
      ++program_cycles;
      ++word_programs;
      finish();
      return;
    }
    if (cycle_ == Cycle::BufferCount) {
      // Each chip's count of its words, less one: the same in both lanes.
      if (config_.lanes == 2 && (value >> 16) != (value & 0xffffU)) { ++split_commands; }
      buffer_left_ = (value & 0xffffU) + 1;
      buffer_base_ = word;
      std::size_t const block_words = (std::size_t{1} << config_.buffer_log2) * config_.lanes / 4;
      if (buffer_left_ > block_words) { ++buffer_violations; }
      cycle_ = Cycle::BufferData;
      return;
    }
    if (cycle_ == Cycle::BufferData) {
      std::size_t const block_words = (std::size_t{1} << config_.buffer_log2) * config_.lanes / 4;
      if (word / block_words != buffer_base_ / block_words) { ++buffer_violations; }
      // Held until the confirm, as a device's write buffer.
      pending_words_.push_back({word, value});
      if (--buffer_left_ == 0) { cycle_ = Cycle::BufferConfirm; }
      return;
    }
    if (cycle_ == Cycle::BufferConfirm) {
      if ((value & 0xff) != 0xd0 || (config_.lanes == 2 && (value >> 16) != (value & 0xffffU))) { ++unknown_commands; }
      for (auto const& [at, data] : pending_words_) {
        if (locked(at)) {
          status_ |= 0x10 | 0x02;
        } else {
          std::memcpy(&storage.at(at * 4), &data, 4);
        }
      }
      pending_words_.clear();
      ++program_cycles;
      ++buffered_programs;
      finish();
      return;
    }
    uint8_t const code = static_cast<uint8_t>(value);
    if (config_.lanes == 2 && (value >> 16) != (value & 0xffffU)) { ++split_commands; }
    if (cycle_ == Cycle::EraseConfirm) {
      if (code != 0xd0) { ++unknown_commands; cycle_ = Cycle::Command; mode_ = Mode::ReadArray; return; }
      std::size_t const sector = word * 4 / sector_bytes();
      if (locked(word)) {
        status_ |= 0x20 | 0x02;
      } else {
        std::memset(&storage.at(sector * sector_bytes()), 0xff, sector_bytes());
      }
      ++erase_cycles;
      finish();
      return;
    }
    switch (code) {
      case 0xff: mode_ = Mode::ReadArray; return;
      case 0x98: mode_ = config_.answers_query ? Mode::Query : Mode::ReadArray; return;
      case 0x70: mode_ = Mode::Status; return;
      case 0x50: status_ = 0; mode_ = Mode::ReadArray; return;  // QEMU: clear status also returns to read array
      case 0x40:
      case 0x10: cycle_ = Cycle::ProgramData; mode_ = Mode::Status; return;
      case 0x20: cycle_ = Cycle::EraseConfirm; mode_ = Mode::Status; return;
      case 0xe8:
        if (config_.buffer_log2 == 0) { ++unknown_commands; return; }
        cycle_ = Cycle::BufferCount;
        mode_ = Mode::Status;
        if (!config_.never_ready) { status_ |= 0x80; }  // a buffer is free
        return;
      default: ++unknown_commands; return;
    }
  }

  mutable std::vector<uint8_t> storage;
  /// Sectors (bank sector index) that refuse program and erase.
  std::set<std::size_t> locked_sectors;
  mutable int split_commands = 0;
  mutable int unknown_commands = 0;
  mutable int out_of_window = 0;
  mutable int program_cycles = 0;
  mutable int erase_cycles = 0;
  mutable int status_reads = 0;
  mutable int word_programs = 0;
  mutable int buffered_programs = 0;
  /// Buffered programs longer than the buffer or with words outside one buffer block.
  mutable int buffer_violations = 0;

 private:
  enum class Mode { ReadArray, Status, Query };
  enum class Cycle { Command, ProgramData, EraseConfirm, BufferCount, BufferData, BufferConfirm };

  bool locked(std::size_t word) const { return locked_sectors.count(word * 4 / sector_bytes()) != 0; }
  void finish() const {
    if (!config_.never_ready) { status_ |= 0x80; }
    cycle_ = Cycle::Command;
    mode_ = Mode::Status;
  }
  uint32_t replicate(uint32_t lane_value) const {
    return config_.lanes == 2 ? (lane_value & 0xffffU) | (lane_value << 16) : lane_value;
  }
  uint32_t query_byte(std::size_t index) const {
    uint32_t const block_bytes = static_cast<uint32_t>((std::size_t{1} << config_.chip_size_log2) / config_.blocks_per_chip);
    switch (index) {
      case 0x10: return 'Q';
      case 0x11: return 'R';
      case 0x12: return 'Y';
      case 0x13: return config_.command_set & 0xffU;
      case 0x14: return config_.command_set >> 8;
      case 0x15: return 0x31;
      case 0x27: return config_.chip_size_log2;
      case 0x28: return 0x02;
      case 0x2a: return config_.buffer_log2;
      case 0x2c: return 0x01;
      case 0x2d: return (config_.blocks_per_chip - 1) & 0xffU;
      case 0x2e: return (config_.blocks_per_chip - 1) >> 8;
      case 0x2f: return (block_bytes >> 8) & 0xffU;
      case 0x30: return block_bytes >> 16;
      default: return 0;
    }
  }

  Config config_{};
  mutable std::size_t buffer_left_ = 0;
  mutable std::size_t buffer_base_ = 0;
  mutable std::vector<std::pair<std::size_t, uint32_t>> pending_words_;
  mutable uint8_t status_ = 0;
  mutable Cycle cycle_ = Cycle::Command;
  mutable Mode mode_ = Mode::ReadArray;
};

}  // namespace keel_test
