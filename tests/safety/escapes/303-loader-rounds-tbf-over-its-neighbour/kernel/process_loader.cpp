// SPDX-License-Identifier: Apache-2.0
// The process loader (shared/spec/tbf.md "Loader rules"): walks the app region TBF by TBF, reports and skips bad
// images, refuses apps it cannot place exactly as they ask, and starts the rest. Nothing is started half-way.
#include "kernel/core/text.h"
#include "kernel/core/utility.h"
#include "kernel/kernel.h"

namespace keel {
namespace {

}  // namespace

void Kernel::load_processes(AddressRange flash, Slice<uint8_t const> flash_bytes, AddressRange ram) {
  AddressRange free_ram{align_up(ram.start, 8), ram.end};
  usize offset = 0;
  while (offset < flash_bytes.size()) {
    uint32_t const address = flash.start + static_cast<uint32_t>(offset);
    tbf::Parsed const parsed = tbf::parse(flash_bytes.skip(offset));
    if (parsed.outcome == tbf::Outcome::End) {
      // Erased flash (or another format) is the normal end; a version-2 header that cannot be walked is not.
      if (parsed.offset != 0) {
        out_->str("keel: app region ends at ").hex(address).str(": ").text(parsed.reason.slice()).str("\n");
      }
      break;
    }
    if (parsed.outcome == tbf::Outcome::Invalid) {
      out_->str("keel: skipping TBF at ").hex(address).str(" (offset ").hex(parsed.offset).str("): ");
      out_->text(parsed.reason.slice()).str("\n");
    } else if (parsed.outcome == tbf::Outcome::App) {
      load_one(address, flash_bytes.skip(offset).first(parsed.header.total_size), parsed.header, free_ram);
    }
    offset += parsed.header.total_size != 0 ? parsed.header.total_size : flash_bytes.size();
  }
  out_->str("keel: ").dec(static_cast<uint32_t>(process_count_)).str(" process(es) loaded\n");
}

void Kernel::load_one(uint32_t address, Slice<uint8_t const> bytes, tbf::Header const& header,
                      AddressRange& free_ram) {
  // "keel: app 'NAME' [at ADDRESS] refused: ", the start of every refusal (one copy of it, not one per message).
  auto refused = [&](bool at_address) -> Writer const& {
    out_->str("keel: app '").bytes_as_text(header.name_in(bytes)).str("'");
    if (at_address) { out_->str(" at ").hex(address); }
    return out_->str(" refused: ");
  };
  auto refuse = [&](Slice<char const> why) { refused(true).text(why).str("\n"); };
  if (!header.enabled()) {
    refuse(text("disabled (flags bit 0 clear)"));
    return;
  }
  if (header.has_kernel_version && (header.kernel_major != kVersionMajor || header.kernel_minor > kVersionMinor)) {
    refused(true).str("needs kernel ").dec(header.kernel_major).str(".").dec(header.kernel_minor);
    out_->str(", this kernel is compatible with ").dec(kVersionMajor).str(".").dec(kVersionMinor).str("\n");
    return;
  }
  uint32_t const binary = address + header.binary_offset();
  if (header.has_fixed_addresses && header.fixed_flash != tbf::kNotFixed && header.fixed_flash != binary) {
    refused(false).str("linked for flash ").hex(header.fixed_flash).str(" but its binary is at ").hex(binary);
    out_->str("\n");
    return;
  }
  if (process_count_ >= processes_.size()) {
    refuse(text("the process table is full"));
    return;
  }

  // The block as the MPU/PMP can fence it (kernel/arch.h): the architecture's size steps and alignment.
  if (header.minimum_ram_size > free_ram.end) {
    refuse(text("it needs more RAM than the board has"));
    return;
  }
  uint32_t const size =
      arch::ProtectionRules::block_size(align_up(initial_ram_size(header.minimum_ram_size), 8) + kGrantRegionSize);
  bool const fixed_ram = header.has_fixed_addresses && header.fixed_ram != tbf::kNotFixed;
  uint32_t const alignment = arch::ProtectionRules::block_alignment(size);
  uint32_t const start = fixed_ram ? header.fixed_ram : align_up(free_ram.start, alignment);
  if (size == 0 || start < free_ram.start || start % alignment != 0 || start > free_ram.end ||
      size > free_ram.end - start) {
    refused(false).str("needs RAM ").hex(start).str("-").hex(start + size).str(", free RAM is ").hex(free_ram.start);
    out_->str("-").hex(free_ram.end).str("\n");
    return;
  }

  // The TBF's flash out to the next 4 KiB: the MPU then fences it in whole chunks (fewer neighbouring bytes exposed
  // through a partial one), and the bytes after the TBF are erased flash or padding anyway.
  uint32_t const flash_end = align_up(address + header.total_size, 0x1000);
  Process& process = processes_.slice()[process_count_];
  if (process.create(static_cast<uint32_t>(process_count_), header,
                     ProcessLayout{address, flash_end, start, start + size})
          .is_error()) {
    refuse(text("its flash or RAM is outside the board's app regions, misaligned, or overlaps another process"));
    return;
  }
  ++process_count_;
  free_ram.start = start + size;
  start_process(process);
  out_->str("keel: process '").bytes_as_text(header.name_in(bytes)).str("' flash ").hex(address).str("-");
  out_->hex(address + header.total_size).str(" ram ").hex(start).str("-").hex(start + size).str("\n");
}

}  // namespace keel
