// SPDX-License-Identifier: Apache-2.0
// The key-value store's on-flash format (docs/kv-store.md draws it): sector headers, record headers, the key hash
// and the checksum. Everything is little-endian and written through plain byte slices, so the format is the same on
// every board and in the host tests.
//
// A sector starts with a 16-byte header: magic "KVS1", a sequence number (higher is newer), the sector size, and a
// CRC-32 of those 12 bytes. A record is a 24-byte header and the value, padded with 0xff to a multiple of 4:
//   0 state   0x5afeffff live; the store programs the low half to 0 to mark it dead (one 1 -> 0 write, no erase)
//   4 hash    64-bit FNV-1a hash of the key bytes (the store never keeps the key itself, as Tock's KV stack)
//  12 length  value bytes; the top bit is set on a copy garbage collection made (the sector then lends the copy
//             room from its reserve, so compacting never leaves less room than the store had)
//  16 tag     a 32-bit word the caller stores with the value (the KV driver's write id)
//  20 crc     CRC-32 of bytes 4..20 and the value: a record whose write was cut short fails it and is ignored
#pragma once

#include "kernel/core/array.h"
#include "kernel/core/slice.h"
#include "kernel/core/types.h"

namespace keel::capsules::kv {

inline constexpr uint32_t kSectorMagic = 0x3153564bU;  // "KVS1" read as little-endian bytes
inline constexpr uint32_t kSectorHeaderSize = 16;
inline constexpr uint32_t kRecordHeaderSize = 24;
inline constexpr uint32_t kErased = 0xffffffffU;
/// The state word of a record that holds the key's value.
inline constexpr uint32_t kRecordLive = 0x5afeffffU;
/// The state word after the record was superseded or deleted (only bits 1 -> 0 from kRecordLive).
inline constexpr uint32_t kRecordDead = 0x5afe0000U;
/// The half of the state word written with the record: a record starts here iff its high half says so.
inline constexpr uint32_t kRecordMagicHigh = 0x5afeU;
/// Set in the length word of a record that garbage collection copied.
inline constexpr uint32_t kCopiedFlag = 0x80000000U;
/// Record alignment: every record starts on a 4-byte boundary (the state word is one program unit).
inline constexpr uint32_t kAlign = 4;

constexpr uint32_t align_record(uint32_t n) { return (n + kAlign - 1) & ~(kAlign - 1); }
/// Bytes a record with `value_length` bytes of value takes on flash.
constexpr uint32_t record_size(uint32_t value_length) { return align_record(kRecordHeaderSize + value_length); }

constexpr uint32_t load32(Slice<uint8_t const> bytes, usize at) {
  return static_cast<uint32_t>(bytes[at]) | (static_cast<uint32_t>(bytes[at + 1]) << 8) |
         (static_cast<uint32_t>(bytes[at + 2]) << 16) | (static_cast<uint32_t>(bytes[at + 3]) << 24);
}
constexpr uint64_t load64(Slice<uint8_t const> bytes, usize at) {
  return static_cast<uint64_t>(load32(bytes, at)) | (static_cast<uint64_t>(load32(bytes, at + 4)) << 32);
}
constexpr void store32(Slice<uint8_t> bytes, usize at, uint32_t value) {
  for (usize i = 0; i < 4; ++i) { bytes[at + i] = static_cast<uint8_t>(value >> (8 * i)); }
}
constexpr void store64(Slice<uint8_t> bytes, usize at, uint64_t value) {
  store32(bytes, at, static_cast<uint32_t>(value));
  store32(bytes, at + 4, static_cast<uint32_t>(value >> 32));
}

/// CRC-32 (IEEE 802.3, reflected, as zlib computes it), four bits at a time from a 16-entry table: small and
/// fast enough for records of a few hundred bytes.
class Crc32 {
 public:
  constexpr void add(Slice<uint8_t const> bytes) {
    for (uint8_t const byte : bytes) {
      state_ = kTable[(state_ ^ byte) & 0xfU] ^ (state_ >> 4);
      state_ = kTable[(state_ ^ (static_cast<uint32_t>(byte) >> 4)) & 0xfU] ^ (state_ >> 4);
    }
  }
  constexpr uint32_t value() const { return ~state_; }

 private:
  static constexpr Array<uint32_t, 16> kTable = [] {
    Array<uint32_t, 16> table{};
    for (uint32_t i = 0; i < 16; ++i) {
      uint32_t c = i;
      for (int bit = 0; bit < 4; ++bit) { c = (c & 1U) != 0 ? 0xedb88320U ^ (c >> 1) : c >> 1; }
      table[i] = c;
    }
    return table;
  }();
  uint32_t state_ = 0xffffffffU;
};

constexpr uint32_t crc32(Slice<uint8_t const> bytes) {
  Crc32 crc;
  crc.add(bytes);
  return crc.value();
}

/// The 64-bit key hash (FNV-1a): keys are stored and compared only by it.
constexpr uint64_t hash_key(Slice<uint8_t const> key) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (uint8_t const byte : key) {
    hash ^= byte;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

/// What a record header says (already checked against its checksum where `parse_record` says so).
struct RecordHeader {
  uint32_t state = 0;
  uint64_t hash = 0;
  uint32_t length = 0;
  uint32_t tag = 0;
  bool copied = false;
};

/// Fills bytes[0, record_size(value length)) with a live record: header, the value already at kRecordHeaderSize,
/// and the 0xff padding.
constexpr void encode_record(Slice<uint8_t> bytes, uint64_t hash, uint32_t length, uint32_t tag) {
  store32(bytes, 0, kRecordLive);
  store64(bytes, 4, hash);
  store32(bytes, 12, length);
  store32(bytes, 16, tag);
  Crc32 crc;
  crc.add(bytes.subslice(4, 20).value());
  crc.add(bytes.subslice(kRecordHeaderSize, kRecordHeaderSize + length).value());
  store32(bytes, 20, crc.value());
  for (usize i = kRecordHeaderSize + length; i < record_size(length); ++i) { bytes[i] = 0xff; }
}

/// Why a record at some offset is or is not one.
enum class Parse {
  Record,    // a whole record whose checksum holds
  Erased,    // the state word is erased: nothing was written here
  NeedMore,  // it may be a record, but `bytes` does not hold all of it
  Garbage,   // not a record (torn, corrupted, or not a record start)
};

/// Parses a record at the start of `bytes`. `room` is how many bytes the record may take at most (to the sector's
/// end, and the largest record the store writes).
constexpr Parse parse_record(Slice<uint8_t const> bytes, uint32_t room, RecordHeader& header) {
  if (bytes.size() < 4) { return Parse::NeedMore; }
  header.state = load32(bytes, 0);
  if (header.state == kErased) { return Parse::Erased; }
  if ((header.state >> 16) != kRecordMagicHigh) { return Parse::Garbage; }
  if (room < kRecordHeaderSize) { return Parse::Garbage; }
  if (bytes.size() < kRecordHeaderSize) { return Parse::NeedMore; }
  header.hash = load64(bytes, 4);
  uint32_t const length_word = load32(bytes, 12);
  header.length = length_word & ~kCopiedFlag;
  header.copied = (length_word & kCopiedFlag) != 0;
  header.tag = load32(bytes, 16);
  if (header.length > room || record_size(header.length) > room) { return Parse::Garbage; }
  if (bytes.size() < kRecordHeaderSize + header.length) { return Parse::NeedMore; }
  Crc32 crc;
  crc.add(bytes.subslice(4, 20).value());
  crc.add(bytes.subslice(kRecordHeaderSize, kRecordHeaderSize + header.length).value());
  return crc.value() == load32(bytes, 20) ? Parse::Record : Parse::Garbage;
}

/// Turns the whole record in `bytes` (value length `length`) into a copy: the flag set, the checksum made again.
constexpr void reseal_as_copy(Slice<uint8_t> bytes, uint32_t length) {
  store32(bytes, 12, length | kCopiedFlag);
  Crc32 crc;
  crc.add(bytes.subslice(4, 20).value());
  crc.add(bytes.subslice(kRecordHeaderSize, kRecordHeaderSize + length).value());
  store32(bytes, 20, crc.value());
}

constexpr void encode_sector_header(Slice<uint8_t> bytes, uint32_t sequence, uint32_t sector_size) {
  store32(bytes, 0, kSectorMagic);
  store32(bytes, 4, sequence);
  store32(bytes, 8, sector_size);
  store32(bytes, 12, crc32(bytes.first(12)));
}

/// The sequence number of a valid sector header for a sector of `sector_size` bytes; none otherwise.
constexpr Option<uint32_t> parse_sector_header(Slice<uint8_t const> bytes, uint32_t sector_size) {
  if (bytes.size() < kSectorHeaderSize) { return none; }
  if (load32(bytes, 0) != kSectorMagic || load32(bytes, 8) != sector_size) { return none; }
  if (crc32(bytes.first(12)) != load32(bytes, 12)) { return none; }
  return load32(bytes, 4);
}

}  // namespace keel::capsules::kv
