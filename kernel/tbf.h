// SPDX-License-Identifier: Apache-2.0
// Tock Binary Format v2 header parser (shared/spec/tbf.md). Pure: it reads a byte slice and never trusts a length
// it has not checked against that slice, so a malformed image yields an error with its offset and reason, never a
// bad read. Placement decisions (kernel version, fixed addresses, RAM) belong to the process loader.
#pragma once

#include "kernel/core/array.h"
#include "kernel/core/option.h"
#include "kernel/core/slice.h"
#include "kernel/core/types.h"

namespace keel::tbf {

inline constexpr usize kBaseHeaderSize = 16;
inline constexpr uint32_t kFlagEnabled = 1U << 0;
inline constexpr uint32_t kNotFixed = 0xffffffffU;

enum class TlvType : uint16_t {
  Main = 1,
  WriteableFlashRegions = 2,
  PackageName = 3,
  FixedAddresses = 5,
  Permissions = 6,
  StoragePermissions = 7,
  KernelVersion = 8,
  Program = 9,
  ShortId = 10,
  Credentials = 128,
};

struct FlashRegion {
  uint32_t offset = 0;  // from the TBF start
  uint32_t size = 0;
};

/// What the Storage Permissions TLV (type 7) grants: the id this app's stored values are written under, and the
/// ids of values it may read and may modify (update or delete). An app without the TLV may not use storage.
/// Not kept per process (it is 80 bytes): storage_permissions() reads it from the TBF when a driver asks.
struct StoragePermissions {
  static constexpr usize kMaxIds = 8;
  bool present = false;
  uint32_t write_id = 0;  // 0: the app may not write
  uint32_t read_count = 0;
  Array<uint32_t, kMaxIds> read_ids{};
  uint32_t modify_count = 0;
  Array<uint32_t, kMaxIds> modify_ids{};
};

/// What a loaded process keeps of its header: the numbers that start it, and where in its TBF the TLVs it reads
/// later begin (package name, storage permissions; each TLV's length is in front of its body). Positions, not
/// copies: every TLV lies inside header_size, a 16-bit field, so 16 bits hold each position; the TBF itself stays
/// where the process runs from, unchanged.
struct AppHeader {
  uint32_t entry_offset = 0;   // the init function, from the TBF start
  uint32_t binary_offset = 0;  // the app binary (after header and protected trailer), from the TBF start
  uint32_t minimum_ram_size = 0;
  uint16_t package_name_offset = 0;         // the TLV's body, from the TBF start; 0: no name
  uint16_t storage_permissions_offset = 0;  // the TLV's body, from the TBF start; 0: none
};

struct Header {
  uint16_t version = 0;
  uint16_t header_size = 0;
  uint32_t total_size = 0;
  uint32_t flags = 0;

  bool has_main = false;  // Main or Program present (an app, not padding)
  bool has_program = false;
  uint32_t init_fn_offset = 0;
  uint32_t protected_trailer_size = 0;
  uint32_t minimum_ram_size = 0;
  uint32_t binary_end_offset = 0;  // footers start here (total_size without Program)
  uint32_t app_version = 0;

  // Where the package name lies in the TBF (offset from its start, length; 0, 0: none): a position, not a view, so
  // that a Header holds no reference into anything. name_in() reads it.
  uint16_t package_name_offset = 0;
  uint16_t package_name_length = 0;
  // Where the last Storage Permissions TLV's body lies (0: none). parse checks it as storage_permissions() reads it.
  uint16_t storage_permissions_offset = 0;

  bool has_fixed_addresses = false;
  // Read only when has_fixed_addresses; kNotFixed there leaves that one free.
  uint32_t fixed_ram = 0;
  uint32_t fixed_flash = 0;

  bool has_kernel_version = false;
  uint16_t kernel_major = 0;
  uint16_t kernel_minor = 0;

  bool has_short_id = false;
  uint32_t short_id = 0;

  // How many writeable flash regions the app declares (at most kMaxWriteableRegions count; parse checks them all).
  // writeable_region() reads one from the TBF.
  static constexpr usize kMaxWriteableRegions = 4;
  uint32_t writeable_region_count = 0;

  bool enabled() const { return (flags & kFlagEnabled) != 0; }
  /// The package name within `tbf` (the whole TBF this header came from); empty if it lies outside.
  Slice<uint8_t const> name_in(Slice<uint8_t const> tbf KEEL_LIFETIMEBOUND) const {
    return tbf.subslice(package_name_offset, package_name_offset + package_name_length).value_or({});
  }
  /// Offset of the app binary from the TBF start.
  uint32_t binary_offset() const { return header_size + protected_trailer_size; }
  /// What a process keeps of it.
  AppHeader app() const {
    return {header_size + init_fn_offset, binary_offset(), minimum_ram_size, package_name_offset,
            storage_permissions_offset};
  }
};

enum class Outcome {
  App,      // a valid header with Main/Program
  Padding,  // a valid object to skip (header_size 16, or no Main/Program)
  Invalid,  // a bad image; skip it by total_size and report `reason` at `offset`
  End,      // no more apps (erased flash, another version, or a size that leaves the region)
};

struct Parsed {
  Outcome outcome = Outcome::End;
  Header header{};
  /// For Invalid (and an End worth reporting): offset of the problem from the TBF start, and why.
  uint32_t offset = 0;
  StaticSlice<char const> reason{};  // a literal
};

/// Parses the TBF at the start of `region` (the rest of the app flash region from this TBF on).
Parsed parse(Slice<uint8_t const> region);

/// The storage permissions in the Storage Permissions TLV whose body starts `offset` bytes into `tbf` (a TBF whose
/// header parse accepted; AppHeader and Header say where). Read with the checks parse makes, so bytes parse would
/// refuse, or an offset that names no such TLV inside `tbf`, grant nothing; offset 0 (no TLV) grants nothing either.
StoragePermissions storage_permissions(Slice<uint8_t const> tbf, uint32_t offset);

/// The package name in the Package Name TLV whose body starts `offset` bytes into `tbf` (AppHeader says where);
/// empty if no such TLV lies there.
Slice<uint8_t const> package_name(Slice<uint8_t const> tbf KEEL_LIFETIMEBOUND, uint32_t offset);

/// The writeable flash regions of `tbf`, a TBF whose header parse accepted: how many it offers (at most
/// Header::kMaxWriteableRegions, counted as parse counts them) and region `index` of them in header order (none
/// past the last).
struct WriteableRegions {
  uint32_t count = 0;
  Option<FlashRegion> chosen{};
};
WriteableRegions writeable_regions(Slice<uint8_t const> tbf, uint32_t index);

/// Whether `bytes` is well-formed UTF-8 (package names must be).
bool is_valid_utf8(Slice<uint8_t const> bytes);

/// Little-endian reads; none past the end. Each checks the whole field once (written so that nothing can overflow)
/// and then reads it byte by byte, which needs no alignment. Inline: the loader reads every field so.
inline Option<uint16_t> read_u16(Slice<uint8_t const> bytes, usize offset) {
  if (bytes.size() < 2 || offset > bytes.size() - 2) { return none; }
  return static_cast<uint16_t>(bytes[offset] | (bytes[offset + 1] << 8));
}
inline Option<uint32_t> read_u32(Slice<uint8_t const> bytes, usize offset) {
  if (bytes.size() < 4 || offset > bytes.size() - 4) { return none; }
  return static_cast<uint32_t>(bytes[offset]) | (static_cast<uint32_t>(bytes[offset + 1]) << 8) |
         (static_cast<uint32_t>(bytes[offset + 2]) << 16) | (static_cast<uint32_t>(bytes[offset + 3]) << 24);
}

}  // namespace keel::tbf
