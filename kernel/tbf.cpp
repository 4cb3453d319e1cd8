// SPDX-License-Identifier: Apache-2.0
#include "kernel/tbf.h"

#include "kernel/core/utility.h"

namespace keel::tbf {
namespace {

// parse fills one Parsed in place and returns that object (no Header copies on the boot path): these set its
// outcome. Invalid keeps the header's fields read so far (total_size is what lets the loader skip the bad image).
void invalid(Parsed& parsed, uint32_t offset, StaticSlice<char const> reason) {
  parsed.outcome = Outcome::Invalid;
  parsed.offset = offset;
  parsed.reason = reason;
}

void end(Parsed& parsed, uint32_t offset, StaticSlice<char const> reason) {
  parsed.outcome = Outcome::End;
  parsed.offset = offset;
  parsed.reason = reason;
}

// A field that may lie outside `bytes` reads as 0 (every caller has checked the length it needs). Written out, not
// as read_u32(...).value_or(0): the loader reads every field through these, and the Option cost a third of each.
uint32_t u32_at(Slice<uint8_t const> bytes, usize offset) {
  if (offset > bytes.size() || bytes.size() - offset < 4) { return 0; }
  // The rest from `offset` is at least 4 long, which lets the compiler drop the four index checks.
  Slice<uint8_t const> const word = bytes.skip(offset);
  return static_cast<uint32_t>(word[0]) | (static_cast<uint32_t>(word[1]) << 8) |
         (static_cast<uint32_t>(word[2]) << 16) | (static_cast<uint32_t>(word[3]) << 24);
}
uint16_t u16_at(Slice<uint8_t const> bytes, usize offset) {
  if (offset > bytes.size() || bytes.size() - offset < 2) { return 0; }
  Slice<uint8_t const> const half = bytes.skip(offset);
  return static_cast<uint16_t>(half[0] | (half[1] << 8));
}
/// The little-endian word at `offset`, inline, for the checksum loop (each byte is still a checked index: the loop
/// bound covers the word, which lets the compiler drop most of those checks).
[[gnu::always_inline]] inline uint32_t word_at(Slice<uint8_t const> bytes, usize offset) {
  return static_cast<uint32_t>(bytes[offset]) | (static_cast<uint32_t>(bytes[offset + 1]) << 8) |
         (static_cast<uint32_t>(bytes[offset + 2]) << 16) | (static_cast<uint32_t>(bytes[offset + 3]) << 24);
}

// Tock's layout of the Storage Permissions TLV (tock-tbf TbfHeaderV2StoragePermissions), packed with no padding
// between the fields: u32 write_id (0: none), u16 read count, the read ids (u32 each), u16 modify count, the modify
// ids. Bytes after them (the TLV's padding) are ignored, as Tock does. The loader checks it and the storage drivers
// read it, both through here, so what a driver reads is exactly what the loader accepted.
constexpr usize kStorageReadIdsAt = 6;

/// Reads a Storage Permissions TLV body into `storage` (which must start empty); returns why it is refused (then
/// `storage` holds part of it, and must not be used), or an empty reason.
StaticSlice<char const> read_storage_permissions(Slice<uint8_t const> body, StoragePermissions& storage) {
  if (body.size() < kStorageReadIdsAt) { return static_text("storage permissions TLV is too short"); }
  uint32_t const reads = u16_at(body, 4);
  usize const modify_count_at = kStorageReadIdsAt + reads * 4U;
  Option<uint16_t> const modifies = read_u16(body, modify_count_at);
  if (modifies.is_none() || modify_count_at + 2 + modifies.value() * 4U > body.size()) {
    return static_text("storage permissions TLV is shorter than its counts");
  }
  if (reads > StoragePermissions::kMaxIds) { return static_text("storage permissions TLV has more than 8 read ids"); }
  if (modifies.value() > StoragePermissions::kMaxIds) {
    return static_text("storage permissions TLV has more than 8 modify ids");
  }
  storage.present = true;
  storage.write_id = u32_at(body, 0);
  storage.read_count = reads;
  for (usize i = 0; i < reads; ++i) { storage.read_ids[i] = u32_at(body, kStorageReadIdsAt + 4 * i); }
  storage.modify_count = modifies.value();
  for (usize i = 0; i < storage.modify_count; ++i) {
    storage.modify_ids[i] = u32_at(body, modify_count_at + 2 + 4 * i);
  }
  return {};
}

/// Checks one TLV body (already bounded to its declared length, starting `body_offset` bytes into the TBF) and
/// records it in `header`. Returns an empty reason when it is acceptable.
StaticSlice<char const> apply_tlv(uint16_t type, Slice<uint8_t const> body, uint32_t body_offset, Header& header) {
  switch (static_cast<TlvType>(type)) {
    case TlvType::Main:
      if (body.size() != 12) { return static_text("Main TLV length is not 12"); }
      if (!header.has_program) {
        header.init_fn_offset = u32_at(body, 0);
        header.protected_trailer_size = u32_at(body, 4);
        header.minimum_ram_size = u32_at(body, 8);
      }
      header.has_main = true;
      return {};
    case TlvType::Program:
      if (body.size() != 20) { return static_text("Program TLV length is not 20"); }
      header.init_fn_offset = u32_at(body, 0);
      header.protected_trailer_size = u32_at(body, 4);
      header.minimum_ram_size = u32_at(body, 8);
      header.binary_end_offset = u32_at(body, 12);
      header.app_version = u32_at(body, 16);
      header.has_main = true;
      header.has_program = true;
      return {};
    case TlvType::WriteableFlashRegions: {
      if (body.size() % 8 != 0) { return static_text("writeable flash regions TLV length is not a multiple of 8"); }
      for (usize at = 0; at < body.size(); at += 8) {
        FlashRegion const region{u32_at(body, at), u32_at(body, at + 4)};
        if (region.offset > header.total_size || region.size > header.total_size - region.offset) {
          return static_text("writeable flash region lies outside the app");
        }
        // Past the first kMaxWriteableRegions, regions are checked but not offered (writeable_region stops there).
        if (header.writeable_region_count < Header::kMaxWriteableRegions) { ++header.writeable_region_count; }
      }
      return {};
    }
    case TlvType::PackageName:
      if (!is_valid_utf8(body)) { return static_text("package name is not valid UTF-8"); }
      header.package_name_offset = static_cast<uint16_t>(body_offset);
      header.package_name_length = static_cast<uint16_t>(body.size());
      return {};
    case TlvType::FixedAddresses:
      if (body.size() != 8) { return static_text("fixed addresses TLV length is not 8"); }
      header.has_fixed_addresses = true;
      header.fixed_ram = u32_at(body, 0);
      header.fixed_flash = u32_at(body, 4);
      return {};
    case TlvType::Permissions: {
      if (body.size() < 2) { return static_text("permissions TLV is too short"); }
      uint32_t const count = u16_at(body, 0);
      if (2 + count * 16U > body.size()) { return static_text("permissions TLV is shorter than its count"); }
      return {};
    }
    case TlvType::StoragePermissions: {
      // Checked now, read again when a storage driver asks (storage_permissions): only the position is kept.
      StoragePermissions checked{};
      StaticSlice<char const> const problem = read_storage_permissions(body, checked);
      if (!problem.slice().is_empty()) { return problem; }
      header.storage_permissions_offset = static_cast<uint16_t>(body_offset);
      return {};
    }
    case TlvType::KernelVersion:
      if (body.size() != 4) { return static_text("kernel version TLV length is not 4"); }
      header.has_kernel_version = true;
      header.kernel_major = u16_at(body, 0);
      header.kernel_minor = u16_at(body, 2);
      return {};
    case TlvType::ShortId:
      if (body.size() != 4) { return static_text("short ID TLV length is not 4"); }
      header.has_short_id = true;
      header.short_id = u32_at(body, 0);
      return {};
    case TlvType::Credentials:
      return static_text("credentials TLV in the header (it belongs in a footer)");
  }
  return {};  // unknown types are skipped
}

}  // namespace

bool is_valid_utf8(Slice<uint8_t const> bytes) {
  usize i = 0;
  while (i < bytes.size()) {
    uint8_t const lead = bytes[i];
    usize continuation = 0;
    uint32_t minimum = 0;
    uint32_t code_point = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    }
    if ((lead & 0xe0) == 0xc0) {
      continuation = 1;
      minimum = 0x80;
      code_point = lead & 0x1fU;
    } else if ((lead & 0xf0) == 0xe0) {
      continuation = 2;
      minimum = 0x800;
      code_point = lead & 0x0fU;
    } else if ((lead & 0xf8) == 0xf0) {
      continuation = 3;
      minimum = 0x10000;
      code_point = lead & 0x07U;
    } else {
      return false;
    }
    if (i + continuation >= bytes.size()) { return false; }
    for (usize k = 1; k <= continuation; ++k) {
      uint8_t const next = bytes[i + k];
      if ((next & 0xc0) != 0x80) { return false; }
      code_point = (code_point << 6) | (next & 0x3fU);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
    if (code_point < minimum || code_point > 0x10ffff || (code_point >= 0xd800 && code_point <= 0xdfff)) {
      return false;
    }
    i += continuation + 1;
  }
  return true;
}

namespace {

void parse_into(Slice<uint8_t const> region, Parsed& parsed) {
  if (region.size() < kBaseHeaderSize) { return end(parsed, 0, static_text("no room for another header")); }
  uint16_t const version = u16_at(region, 0);
  uint32_t const total_size = u32_at(region, 4);
  // An End reports no header (its fields stay zero), so the base fields are stored only once it is not one.
  if (version != 2) { return end(parsed, 0, static_text("no TBF version 2 header")); }
  if (total_size == 0) { return end(parsed, 4, static_text("total_size is 0")); }
  if (total_size > region.size()) { return end(parsed, 4, static_text("total_size runs past the app region")); }
  Header& header = parsed.header;
  header.version = version;
  header.header_size = u16_at(region, 2);
  header.total_size = total_size;
  header.flags = u32_at(region, 8);
  uint32_t const checksum = u32_at(region, 12);

  if (header.header_size < kBaseHeaderSize) { return invalid(parsed, 2, static_text("header_size is below 16")); }
  if (header.header_size > header.total_size) {
    return invalid(parsed, 2, static_text("header_size exceeds total_size"));
  }
  if (header.header_size % 4 != 0) { return invalid(parsed, 2, static_text("header_size is not a multiple of 4")); }

  Slice<uint8_t const> const bytes = region.first(header.total_size);
  Slice<uint8_t const> const header_bytes = bytes.first(header.header_size);
  // XOR of the header's words but the checksum itself (header_size is a multiple of 4, checked above). Read in
  // the loop, not through read_u32: the loop's bound covers the word, so the compiler drops the per-byte checks
  // (a call per word was a tenth of the rv32 boot).
  uint32_t computed = 0;
  for (usize at = 0; at + 4 <= header_bytes.size(); at += 4) { computed ^= word_at(header_bytes, at); }
  computed ^= checksum;
  if (computed != checksum) { return invalid(parsed, 12, static_text("checksum mismatch")); }

  parsed.outcome = Outcome::Padding;
  if (header.header_size == kBaseHeaderSize) { return; }

  usize at = kBaseHeaderSize;
  while (at < header.header_size) {
    if (header.header_size - at < 4) {
      return invalid(parsed, static_cast<uint32_t>(at), static_text("truncated TLV header"));
    }
    uint16_t const type = u16_at(header_bytes, at);
    uint16_t const length = u16_at(header_bytes, at + 2);
    Option<Slice<uint8_t const>> const body = header_bytes.subslice(at + 4, at + 4 + length);
    if (body.is_none()) { return invalid(parsed, static_cast<uint32_t>(at), static_text("TLV runs past header_size")); }
    StaticSlice<char const> const problem = apply_tlv(type, body.value(), static_cast<uint32_t>(at + 4), header);
    if (!problem.slice().is_empty()) { return invalid(parsed, static_cast<uint32_t>(at), problem); }
    at += 4 + align_up(length, 4);
  }

  if (!header.has_main) { return; }  // Padding
  if (!header.has_program) { header.binary_end_offset = header.total_size; }
  if (header.protected_trailer_size > header.total_size - header.header_size) {
    return invalid(parsed, kBaseHeaderSize, static_text("protected trailer runs past the app"));
  }
  if (header.binary_end_offset > header.total_size || header.binary_end_offset < header.binary_offset()) {
    return invalid(parsed, kBaseHeaderSize, static_text("binary_end_offset lies outside the app"));
  }
  // init_fn_offset counts from the end of the header, so it includes the protected trailer.
  uint32_t const init_at = header.header_size + header.init_fn_offset;
  if (header.init_fn_offset > header.total_size || init_at < header.binary_offset() ||
      init_at >= header.binary_end_offset) {
    return invalid(parsed, kBaseHeaderSize, static_text("init_fn_offset lies outside the app binary"));
  }
  parsed.outcome = Outcome::App;
}

}  // namespace

Parsed parse(Slice<uint8_t const> region) {
  Parsed parsed;
  parse_into(region, parsed);
  return parsed;
}

namespace {

/// The body of the TLV of `type` that starts `offset` bytes into `tbf` (its type and length just before it), if one
/// lies there.
Option<Slice<uint8_t const>> tlv_body_at(Slice<uint8_t const> tbf KEEL_LIFETIMEBOUND, uint32_t offset,
                                         TlvType type) {
  if (offset < kBaseHeaderSize + 4 || offset > tbf.size()) { return none; }
  Slice<uint8_t const> const tlv = tbf.skip(offset - 4);  // type (2 bytes), length (2), body: at least 4 bytes
  if (static_cast<TlvType>(tlv[0] | (tlv[1] << 8)) != type) { return none; }
  return tlv.subslice(4, 4 + static_cast<usize>(tlv[2] | (tlv[3] << 8)));
}

}  // namespace

Slice<uint8_t const> package_name(Slice<uint8_t const> tbf KEEL_LIFETIMEBOUND, uint32_t offset) {
  return tlv_body_at(tbf, offset, TlvType::PackageName).value_or({});
}

StoragePermissions storage_permissions(Slice<uint8_t const> tbf, uint32_t offset) {
  // The offset must still name a Storage Permissions TLV inside `tbf` (it names the one parse checked), and its
  // body must pass parse's checks again.
  // One result object on every path, so that it is built where the caller wants it (no 80-byte copies).
  StoragePermissions storage{};
  Option<Slice<uint8_t const>> const body = tlv_body_at(tbf, offset, TlvType::StoragePermissions);
  if (body.is_none() || !read_storage_permissions(body.value(), storage).slice().is_empty()) { storage = {}; }
  return storage;
}

WriteableRegions writeable_regions(Slice<uint8_t const> tbf, uint32_t index) {
  // parse's TLV walk, over a header it accepted (so every TLV lies inside header_size and every regions TLV is
  // whole entries lying inside the app); reads stay inside `tbf` whatever it holds.
  usize const header_size = u16_at(tbf, 2);
  WriteableRegions regions;
  for (usize at = kBaseHeaderSize; at + 4 <= header_size; at += 4 + align_up(u16_at(tbf, at + 2), 4)) {
    if (static_cast<TlvType>(u16_at(tbf, at)) != TlvType::WriteableFlashRegions) { continue; }
    usize const end = at + 4 + u16_at(tbf, at + 2);
    for (usize entry = at + 4; entry + 8 <= end && regions.count < Header::kMaxWriteableRegions; entry += 8) {
      if (regions.count == index) { regions.chosen = FlashRegion{u32_at(tbf, entry), u32_at(tbf, entry + 4)}; }
      ++regions.count;
    }
  }
  return regions;
}

}  // namespace keel::tbf
