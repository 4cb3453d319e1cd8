#include "loader_checks.h"

#include <cstdio>
#include <cstring>
#include <vector>

#include "kernel/tbf.h"

namespace keel_fuzz {
namespace {

using keel::Kernel;
using keel::Process;
using keel::arch::ProtectionRules;
namespace tbf = keel::tbf;

struct ChainApp {
  uint32_t address = 0;
  tbf::Header header{};
};

/// The apps of the TBF chain in the app flash, walked the way the loader documents it (shared/spec/tbf.md): parse,
/// stop at End, skip every other object by its total_size.
std::vector<ChainApp> chain_apps(BoardMemory const& board) {
  Range const flash = board.flash();
  auto const bytes = keel::Slice<uint8_t const>::from_raw_parts(
      reinterpret_cast<uint8_t const*>(static_cast<uintptr_t>(flash.start)), flash.size());
  std::vector<ChainApp> apps;
  size_t offset = 0;
  while (offset < bytes.size()) {
    tbf::Parsed const parsed = tbf::parse(bytes.skip(offset));
    if (parsed.outcome == tbf::Outcome::End) { break; }
    if (parsed.outcome == tbf::Outcome::App) {
      apps.push_back({flash.start + static_cast<uint32_t>(offset), parsed.header});
    }
    offset += parsed.header.total_size != 0 ? parsed.header.total_size : bytes.size();
  }
  return apps;
}

size_t count_lines_starting(std::string const& output, char const* prefix) {
  size_t count = 0;
  size_t const length = std::strlen(prefix);
  for (size_t at = 0; at < output.size();) {
    if (output.compare(at, length, prefix) == 0) { ++count; }
    size_t const next = output.find('\n', at);
    if (next == std::string::npos) { break; }
    at = next + 1;
  }
  return count;
}

std::string hex(uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", static_cast<unsigned>(value));
  return text;
}

bool compatible_version(tbf::Header const& h) {
  return !h.has_kernel_version || (h.kernel_major == Kernel::kVersionMajor && h.kernel_minor <= Kernel::kVersionMinor);
}

bool certainly_placeable(tbf::Header const& h, Range ram) {
  bool const fixed = h.has_fixed_addresses && (h.fixed_ram != tbf::kNotFixed || h.fixed_flash != tbf::kNotFixed);
  return h.enabled() && compatible_version(h) && !fixed && h.total_size % 4 == 0 && h.minimum_ram_size <= ram.size() / 4;
}

std::vector<Process const*> processes_of(Kernel& kernel) {
  std::vector<Process const*> list;
  kernel.for_each_process([&](Process& p) { list.push_back(&p); });
  return list;
}

bool overlap(uint32_t a_start, uint32_t a_end, uint32_t b_start, uint32_t b_end) {
  return a_start < b_end && b_start < a_end;
}

std::string check_one(Process const& p, BoardMemory const& board, std::vector<ChainApp> const& apps) {
  keel::ProcessMemory const& m = p.memory();
  Range const flash = board.flash();
  Range const ram = board.ram();
  std::string const where = "process at flash " + hex(m.flash_start()) + " ram " + hex(m.mem_start()) + ": ";

  if (p.state() != keel::ProcessState::Runnable) { return where + "not runnable after loading"; }
  if (m.flash_start() >= m.flash_end() || !flash.holds(m.flash_start(), m.flash_end())) {
    return where + "TBF " + hex(m.flash_start()) + "-" + hex(m.flash_end()) + " is not inside the app flash";
  }
  if (m.flash_start() % 4 != 0 || m.flash_end() % 4 != 0) { return where + "TBF bounds are not 4-byte aligned"; }
  ChainApp const* in_chain = nullptr;
  for (ChainApp const& app : apps) {
    if (app.address == m.flash_start() && app.header.total_size == m.flash_end() - m.flash_start()) { in_chain = &app; }
  }
  if (in_chain == nullptr) { return where + "its TBF is not an app of the region's TBF chain"; }
  // The header as this check parses it from the flash, not what the process kept of it.
  tbf::Header const& h = in_chain->header;
  if (p.app_start() != m.flash_start() + h.binary_offset()) { return where + "app start is not its binary"; }

  if (m.mem_start() >= m.mem_end() || !ram.holds(m.mem_start(), m.mem_end())) {
    return where + "RAM " + hex(m.mem_start()) + "-" + hex(m.mem_end()) + " is not inside process RAM";
  }
  uint32_t const size = m.mem_end() - m.mem_start();
  if (m.mem_start() % 8 != 0 || size % 8 != 0) { return where + "RAM block is not 8-byte aligned"; }
  if (ProtectionRules::block_size(size) != size || m.mem_start() % ProtectionRules::block_alignment(size) != 0) {
    return where + "RAM block of " + hex(size) + " bytes is not one the MPU/PMP can fence";
  }
  if (m.brk() < m.mem_start() || m.brk() - m.mem_start() < h.minimum_ram_size) {
    return where + "break " + hex(m.brk()) + " gives less than minimum_ram_size " + hex(h.minimum_ram_size);
  }
  if (m.kernel_break() != m.mem_end() || m.brk() > m.mem_end() || m.mem_end() - m.brk() < Kernel::kGrantRegionSize) {
    return where + "break " + hex(m.brk()) + " leaves less than the grant region below " + hex(m.mem_end());
  }
  keel::ProtectionRegions const& regions = p.protection_regions();
  if (regions.flash().start != m.flash_start() || regions.flash().end != m.flash_end() ||
      regions.ram_block().start != m.mem_start() || regions.ram_block().end != m.mem_end() ||
      regions.ram().end < m.brk() || regions.ram().end > m.mem_end() || regions.ram().start != m.mem_start()) {
    return where + "protection regions do not match its TBF and RAM block";
  }
  uint8_t const* bytes = board.ram_at(m.mem_start());
  for (uint32_t i = 0; i < regions.ram().end - m.mem_start(); ++i) {
    if (bytes[i] != 0) { return where + "accessible RAM at " + hex(m.mem_start() + i) + " was not zeroed"; }
  }

  if (!h.enabled()) { return where + "loaded although disabled"; }
  if (!compatible_version(h)) { return where + "loaded although it needs another kernel version"; }
  if (h.has_fixed_addresses && h.fixed_ram != tbf::kNotFixed && m.mem_start() != h.fixed_ram) {
    return where + "fixed RAM " + hex(h.fixed_ram) + " not honoured";
  }
  if (h.has_fixed_addresses && h.fixed_flash != tbf::kNotFixed && p.app_start() != h.fixed_flash) {
    return where + "fixed flash " + hex(h.fixed_flash) + " not honoured (binary at " + hex(p.app_start()) + ")";
  }
  return {};
}

}  // namespace

std::string check_process_table(Kernel& kernel, BoardMemory const& board, std::string const& output) {
  std::vector<ChainApp> const apps = chain_apps(board);
  std::vector<Process const*> const table = processes_of(kernel);
  if (table.size() > Kernel::kMaxProcesses) { return "more processes than the table holds"; }
  for (Process const* p : table) {
    std::string problem = check_one(*p, board, apps);
    if (!problem.empty()) { return problem; }
  }
  for (size_t i = 0; i < table.size(); ++i) {
    for (size_t j = i + 1; j < table.size(); ++j) {
      keel::ProcessMemory const& a = table[i]->memory();
      keel::ProcessMemory const& b = table[j]->memory();
      if (overlap(a.flash_start(), a.flash_end(), b.flash_start(), b.flash_end())) {
        return "processes at " + hex(a.flash_start()) + " and " + hex(b.flash_start()) + " share flash";
      }
      if (overlap(a.mem_start(), a.mem_end(), b.mem_start(), b.mem_end())) {
        return "processes at " + hex(a.flash_start()) + " and " + hex(b.flash_start()) + " share RAM " +
               hex(a.mem_start()) + "-" + hex(a.mem_end()) + " / " + hex(b.mem_start()) + "-" + hex(b.mem_end());
      }
    }
  }

  size_t const loaded = count_lines_starting(output, "keel: process '");
  size_t const refused = count_lines_starting(output, "keel: app '");
  if (loaded != table.size()) { return "the kernel reported " + std::to_string(loaded) + " loads for " +
                                       std::to_string(table.size()) + " processes"; }
  if (loaded + refused != apps.size()) {
    return std::to_string(apps.size()) + " apps in the chain, but " + std::to_string(loaded) + " loaded and " +
           std::to_string(refused) + " refused with a message";
  }
  for (ChainApp const& app : apps) {
    bool const is_loaded = !table.empty() && table.front()->memory().flash_start() <= app.address;
    if (is_loaded) { break; }  // a process before or at this app: RAM may be taken
    if (app.address % 4 == 0 && certainly_placeable(app.header, board.ram())) {
      return "the app at " + hex(app.address) + " fits the empty process RAM but was refused";
    }
  }
  return {};
}

void dirty_process_ram(Kernel& kernel, BoardMemory const& board) {
  kernel.for_each_process([&](Process& p) {
    uint32_t const start = p.memory().mem_start();
    std::memset(board.ram_at(start), 0xa5, p.protection_regions().ram().end - start);
  });
}

}  // namespace keel_fuzz
