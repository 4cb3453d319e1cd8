// SPDX-License-Identifier: Apache-2.0
#include "kernel/tbf.h"

#include "kernel/core/utility.h"

namespace keel::tbf {
namespace {

/// The header's base fields stay in the result: total_size is what lets the loader skip the bad image.
Parsed invalid(Header const& header, uint32_t offset, StaticSlice<char const> reason) {
  Parsed p;
  p.outcome = Outcome::Invalid;
  p.header = header;
  p.offset = offset;
  p.reason = reason;
  return p;
}

Parsed end(uint32_t offset, StaticSlice<char const> reason) {
  Parsed p;
  p.outcome = Outcome::End;
  p.offset = offset;
  p.reason = reason;
  return p;
}

// A field that may lie outside `bytes` reads as 0 (every caller has checked the length it needs).
inline uint32_t u32_at(Slice<uint8_t const> bytes, usize offset) { return read_u32(bytes, offset).value_or(0); }
inline uint16_t u16_at(Slice<uint8_t const> bytes, usize offset) { return read_u16(bytes, offset).value_or(0); }

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
        if (header.writeable_region_count < Header::kMaxWriteableRegions) {
          header.writeable_regions[header.writeable_region_count] = region;
          ++header.writeable_region_count;
        }
      }
      return {};
    }
    case TlvType::PackageName:
      if (!is_valid_utf8(body)) { return static_text("package name is not valid UTF-8"); }
      header.package_name_offset = body_offset;
      header.package_name_length = static_cast<uint32_t>(body.size());
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
      // Tock's layout (tock-tbf TbfHeaderV2StoragePermissions), packed with no padding between the fields: u32
      // write_id (0: none), u16 read count, the read ids (u32 each), u16 modify count, the modify ids. Bytes after
      // them (the TLV's padding) are ignored, as Tock does.
      if (body.size() < 6) { return static_text("storage permissions TLV is too short"); }
      uint32_t const reads = u16_at(body, 4);
      usize const modify_count_at = 6 + reads * 4U;
      Option<uint16_t> const modifies = read_u16(body, modify_count_at);
      if (modifies.is_none() || modify_count_at + 2 + modifies.value() * 4U > body.size()) {
        return static_text("storage permissions TLV is shorter than its counts");
      }
      if (reads > StoragePermissions::kMaxIds) { return static_text("storage permissions TLV has more than 8 read ids"); }
      if (modifies.value() > StoragePermissions::kMaxIds) {
        return static_text("storage permissions TLV has more than 8 modify ids");
      }
      StoragePermissions storage{};
      storage.present = true;
      storage.write_id = u32_at(body, 0);
      storage.read_count = reads;
      for (usize i = 0; i < reads; ++i) { storage.read_ids[i] = u32_at(body, 6 + 4 * i); }
      storage.modify_count = modifies.value();
      for (usize i = 0; i < storage.modify_count; ++i) {
        storage.modify_ids[i] = u32_at(body, modify_count_at + 2 + 4 * i);
      }
      header.storage = storage;
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

Parsed parse(Slice<uint8_t const> region) {
  if (region.size() < kBaseHeaderSize) { return end(0, static_text("no room for another header")); }
  Header header;
  header.version = u16_at(region, 0);
  header.header_size = u16_at(region, 2);
  header.total_size = u32_at(region, 4);
  header.flags = u32_at(region, 8);
  uint32_t const checksum = u32_at(region, 12);

  if (header.version != 2) { return end(0, static_text("no TBF version 2 header")); }
  if (header.total_size == 0) { return end(4, static_text("total_size is 0")); }
  if (header.total_size > region.size()) { return end(4, static_text("total_size runs past the app region")); }
  if (header.header_size < kBaseHeaderSize) { return invalid(header, 2, static_text("header_size is below 16")); }
  if (header.header_size > header.total_size) { return invalid(header, 2, static_text("header_size exceeds total_size")); }
  if (header.header_size % 4 != 0) { return invalid(header, 2, static_text("header_size is not a multiple of 4")); }

  Slice<uint8_t const> const bytes = region.first(header.total_size);
  Slice<uint8_t const> const header_bytes = bytes.first(header.header_size);
  // XOR of the header's words but the checksum itself (header_size is a multiple of 4, checked above).
  uint32_t computed = 0;
  for (usize at = 0; at < header.header_size; at += 4) { computed ^= u32_at(header_bytes, at); }
  computed ^= checksum;
  if (computed != checksum) { return invalid(header, 12, static_text("checksum mismatch")); }

  Parsed parsed;
  if (header.header_size == kBaseHeaderSize) {
    parsed.outcome = Outcome::Padding;
    parsed.header = header;
    return parsed;
  }

  usize at = kBaseHeaderSize;
  while (at < header.header_size) {
    if (header.header_size - at < 4) { return invalid(header, static_cast<uint32_t>(at), static_text("truncated TLV header")); }
    uint16_t const type = u16_at(header_bytes, at);
    uint16_t const length = u16_at(header_bytes, at + 2);
    Option<Slice<uint8_t const>> const body = header_bytes.subslice(at + 4, at + 4 + length);
    if (body.is_none()) { return invalid(header, static_cast<uint32_t>(at), static_text("TLV runs past header_size")); }
    StaticSlice<char const> const problem = apply_tlv(type, body.value(), static_cast<uint32_t>(at + 4), header);
    if (!problem.slice().is_empty()) { return invalid(header, static_cast<uint32_t>(at), problem); }
    at += 4 + align_up(length, 4);
  }

  if (!header.has_main) {
    parsed.outcome = Outcome::Padding;
    parsed.header = header;
    return parsed;
  }
  if (!header.has_program) { header.binary_end_offset = header.total_size; }
  if (header.protected_trailer_size > header.total_size - header.header_size) {
    return invalid(header, kBaseHeaderSize, static_text("protected trailer runs past the app"));
  }
  if (header.binary_end_offset > header.total_size || header.binary_end_offset < header.binary_offset()) {
    return invalid(header, kBaseHeaderSize, static_text("binary_end_offset lies outside the app"));
  }
  // init_fn_offset counts from the end of the header, so it includes the protected trailer.
  uint32_t const init_at = header.header_size + header.init_fn_offset;
  if (header.init_fn_offset > header.total_size || init_at < header.binary_offset() ||
      init_at >= header.binary_end_offset) {
    return invalid(header, kBaseHeaderSize, static_text("init_fn_offset lies outside the app binary"));
  }
  parsed.outcome = Outcome::App;
  parsed.header = header;
  return parsed;
}

}  // namespace keel::tbf
