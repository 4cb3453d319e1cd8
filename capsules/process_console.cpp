// SPDX-License-Identifier: Apache-2.0
#include "capsules/process_console.h"

#include "kernel/core/text.h"
#include "kernel/core/utility.h"

namespace keel::capsules {
namespace {

constexpr uint8_t kBackspace = 0x08;
constexpr uint8_t kDelete = 0x7F;
constexpr uint8_t kCarriageReturn = '\r';
constexpr uint8_t kLineFeed = '\n';

bool same_text(Slice<char const> a, Slice<char const> b) {
  if (a.size() != b.size()) { return false; }
  for (usize i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) { return false; }
  }
  return true;
}

/// The commands that take a process name.
constexpr Array<Slice<char const>, 6> kProcessCommands{
    {text("process"), text("stop"), text("start"), text("terminate"), text("fault"), text("restart")}};

bool is_space(char c) { return c == ' ' || c == '\t'; }

/// The line without leading and trailing blanks.
Slice<char const> trimmed(Slice<char const> line KEEL_LIFETIMEBOUND) {
  usize start = 0;
  while (start < line.size() && is_space(line[start])) { ++start; }
  usize end = line.size();
  while (end > start && is_space(line[end - 1])) { --end; }
  return line.subslice(start, end).value_or({});
}

/// Where the first word of "word rest" ends.
usize first_word_end(Slice<char const> line) {
  usize end = 0;
  while (end < line.size() && !is_space(line[end])) { ++end; }
  return end;
}

StaticSlice<char const> state_name(Process const& process) {
  switch (process.state()) {
    case ProcessState::Unused: return static_text("unused");
    case ProcessState::Runnable: return static_text("running");
    case ProcessState::Yielded: return static_text("yielded");
    case ProcessState::YieldedFor: return static_text("waiting");
    case ProcessState::Terminated: return static_text("terminated");
    case ProcessState::StoppedRunnable: return static_text("stopped");
    case ProcessState::StoppedYielded: return static_text("stopped (yielded)");
    case ProcessState::StoppedYieldedFor: return static_text("stopped (waiting)");
  }
  return static_text("?");
}

/// Bytes of its RAM block a process uses: below its break, and grants at the top.
uint32_t memory_used(Process const& process) {
  ProcessMemory const& memory = process.memory();
  return (process.app_brk() - memory.mem_start()) + (memory.mem_end() - process.kernel_break());
}

}  // namespace

void ProcessConsole::start(StaticRef<ProcessConsole const> console) {
  console->reboot_when_quiet_.bind(console);
  console->listen();
}

void ProcessConsole::handle_deferred_call() const {
  if (out_->has_pending_output()) {
    reboot_when_quiet_.set();
    return;
  }
  system_reset_->reset();
  out_->str("reboot: the reset request was ignored\n");
}

void ProcessConsole::listen() const {
  Option<StaticBuffer<uint8_t>> buffer = receive_buffer_.take();
  if (buffer.is_none()) { return; }  // already listening
  BufferResult<uint8_t> started = uart_->receive_buffer(move(buffer).value(), 1);
  // Refused (Busy: this device already listens; a UART error): keep the buffer, and try again at the next key.
  if (started.is_error()) { receive_buffer_.put(started.take_buffer()); }
}

void ProcessConsole::received_buffer(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const {
  uint8_t const byte = buffer.size() > 0 ? buffer.slice()[0] : 0;
  receive_buffer_.put(move(buffer));
  // Cancel: a process's read took the UART over; listening again waits until that read ends (the mux parks it).
  listen();
  if (status.is_ok() && length == 1) { take_byte(byte); }
}

void ProcessConsole::take_byte(uint8_t byte) const {
  note_clock();
  Option<Line> finished;
  line_.map([&](Line& line) {
    bool const after_cr = line.last_was_cr;
    line.last_was_cr = byte == kCarriageReturn;
    if (byte == kCarriageReturn || byte == kLineFeed) {
      if (byte == kLineFeed && after_cr) { return; }  // the LF of a CR LF
      out_->str("\n");
      finished = line;
      line = Line{};
      line.last_was_cr = byte == kCarriageReturn;
      return;
    }
    if (byte == kBackspace || byte == kDelete) {
      if (line.length == 0) { return; }
      --line.length;
      out_->str("\b \b");
      return;
    }
    if (byte < 0x20 || byte > 0x7E || line.length == kLineLength) { return; }  // not printable, or the line is full
    line.text[line.length++] = static_cast<char>(byte);
    out_->ch(static_cast<char>(byte));
  });
  if (finished.is_none()) { return; }
  Line const& line = finished.value();
  run(trimmed(line.text.as_slice().first(line.length)));
  prompt();
}

void ProcessConsole::prompt() const { out_->str("keel$ "); }

void ProcessConsole::run(Slice<char const> line) const {
  if (line.is_empty()) { return; }
  usize const word_end = first_word_end(line);
  Slice<char const> const command = line.first(word_end);
  Slice<char const> const rest = trimmed(line.skip(word_end));
  if (same_text(command, text("help"))) { return help(); }
  if (same_text(command, text("list"))) { return list(); }
  if (same_text(command, text("status"))) { return status(); }
  if (same_text(command, text("kernel"))) { return show_kernel(); }
  if (same_text(command, text("reboot"))) {
    out_->str("rebooting\n");
    reboot_when_quiet_.set();  // once this answer is out
    return;
  }
  for (Slice<char const> named : kProcessCommands) {
    if (!same_text(command, named)) { continue; }
    if (rest.is_empty()) {
      out_->text(command).str(": which process? (").text(command).str(" NAME; `list` shows the names)\n");
      return;
    }
    return with_process(rest, command);
  }
  out_->str("unknown command '").text(command).str("': `help` lists the commands\n");
}

void ProcessConsole::help() const {
  out_->str("Keel process console. Commands:\n"
            "  help              this list\n"
            "  list              every process: state, restarts, system calls, upcalls, memory, grants\n"
            "  status            how many processes are in each state, and the uptime\n"
            "  process NAME      a process in detail: memory map, allowed buffers, pending upcalls, last fault\n"
            "  stop NAME         stop scheduling it (upcalls still queue); start NAME resumes it\n"
            "  terminate NAME    end it, as an exit would\n"
            "  fault NAME        charge it a fault: report, then the board's restart policy\n"
            "  restart NAME      start it afresh (also after it terminated)\n"
            "  kernel            the kernel's memory, uptime and process table\n"
            "  reboot            reset the machine\n");
}

void ProcessConsole::list() const {
  out_->str(" id  name              state              restarts   syscalls    upcalls   used / reserved   grants\n");
  kernel_->for_each_process([&](Process& process) {
    write_number(process.id().index, 3);
    out_->str("  ");
    write_padded_name(process.name(), 16);
    out_->str("  ");
    write_padded(state_name(process).slice(), 17);
    write_number(process.restart_count(), 10);
    write_number(process.syscall_count(), 11);
    write_number(process.upcall_count(), 11);
    write_number(memory_used(process), 10);
    out_->str(" / ");
    write_number(process.memory().mem_end() - process.memory().mem_start(), 8);
    write_number(grants_allocated(process), 9);
    out_->str("\n");
  });
}

void ProcessConsole::status() const {
  uint32_t running = 0;
  uint32_t blocked = 0;
  uint32_t stopped = 0;
  uint32_t ended = 0;
  uint32_t faults = 0;
  kernel_->for_each_process([&](Process& process) {
    faults += process.last_fault().fault_count;
    if (process.is_stopped()) {
      ++stopped;
    } else if (process.state() == ProcessState::Runnable) {
      ++running;
    } else if (process.is_alive()) {
      ++blocked;
    } else {
      ++ended;
    }
  });
  out_->str("processes: ").dec(static_cast<uint32_t>(kernel_->process_count())).str(" (").dec(running);
  out_->str(" ready, ").dec(blocked).str(" blocked in yield, ").dec(stopped).str(" stopped, ").dec(ended);
  out_->str(" ended); faults: ").dec(faults).str("\n");
  write_uptime();
}

void ProcessConsole::with_process(Slice<char const> name, Slice<char const> command) const {
  Option<usize> const found = kernel_->find_process(name);
  if (found.is_none()) {
    out_->str("no process named '").text(name).str("' (`list` shows the names)\n");
    return;
  }
  Process& process = kernel_->process_at(found.value());
  bool done = true;
  if (same_text(command, text("process"))) {
    show_process(process);
  } else if (same_text(command, text("stop"))) {
    done = kernel_->stop_process(process);
  } else if (same_text(command, text("start"))) {
    done = kernel_->resume_process(process);
  } else if (same_text(command, text("terminate"))) {
    done = kernel_->terminate_process(process);
  } else if (same_text(command, text("fault"))) {
    done = kernel_->fault_process(process);
  } else {
    kernel_->restart_process(process);
  }
  if (!done) {
    out_->text(command).str(": '").text(name).str("' is ").text(state_name(process).slice());
    out_->str(": nothing to do\n");
  }
}

void ProcessConsole::show_process(Process& process) const {
  ProcessMemory const& memory = process.memory();
  out_->str("process '").bytes_as_text(process.name()).str("': id ").dec(process.id().index);
  out_->str(" (run ").dec(process.id().identifier).str("), ").text(state_name(process).slice());
  out_->str(", restarts ").dec(process.restart_count()).str(", system calls ").dec(process.syscall_count());
  out_->str(", upcalls ").dec(process.upcall_count()).str("\n");
  out_->str("  flash    ").hex(memory.flash_start()).str("-").hex(memory.flash_end()).str("  ");
  write_number(memory.flash_end() - memory.flash_start(), 0);
  out_->str(" B\n  ram      ").hex(memory.mem_start()).str("-").hex(memory.mem_end()).str("  ");
  write_number(memory.mem_end() - memory.mem_start(), 0);
  out_->str(" B\n    app    ").hex(memory.mem_start()).str("-").hex(process.app_brk()).str("  ");
  write_number(process.app_brk() - memory.mem_start(), 0);
  out_->str(" B below the break\n    free   ").hex(process.app_brk()).str("-").hex(process.kernel_break());
  out_->str("\n    grants ").hex(process.kernel_break()).str("-").hex(memory.mem_end()).str("  ");
  write_number(memory.mem_end() - process.kernel_break(), 0);
  out_->str(" B in ").dec(grants_allocated(process)).str(" grant(s)\n");
  write_allowed_buffers(process);
  write_pending_upcalls(process);
  FaultRecord const& fault = process.last_fault();
  if (fault.fault_count == 0) {
    out_->str("  last fault: none\n");
    return;
  }
  out_->str("  last fault (").dec(fault.fault_count).str(" this boot): ").text(fault.cause.slice());
  if (fault.value_name.size() != 0) { out_->str(" (").text(fault.value_name.slice()).str(" ").hex(fault.value).str(")"); }
  out_->str(" at pc ").hex(fault.pc).str(", sp ").hex(fault.stack_pointer).str("\n");
}

void ProcessConsole::write_allowed_buffers(Process& process) const {
  out_->str("  allowed buffers:");
  bool any = false;
  for (usize index = 0;; ++index) {
    Option<SyscallDriver const&> const driver = platform_->driver_at(index);
    if (driver.is_none()) { break; }
    Option<GrantBase const&> const grant = driver.value().grant();
    if (grant.is_none()) { continue; }
    uint32_t const number = grant.value().driver_number();
    (void)with_existing_kernel_data(grant.value(), process, [&](GrantKernelData const& data) {
      auto show = [&](Option<AllowSlot> slot, uint32_t slot_number, bool read_write) {
        if (slot.is_none() || slot.value().length == 0) { return; }
        any = true;
        out_->str("\n    driver ").hex(number);
        if (read_write) {
          out_->str(" read-write ");
        } else {
          out_->str(" read-only ");
        }
        out_->dec(slot_number).str(": ").hex(slot.value().address).str(", ").dec(slot.value().length).str(" B");
      };
      for (uint32_t n = 0; n < data.read_only_allow_count(); ++n) { show(data.read_only_allow(n), n, false); }
      for (uint32_t n = 0; n < data.read_write_allow_count(); ++n) { show(data.read_write_allow(n), n, true); }
    });
  }
  if (any) {
    out_->str("\n");
  } else {
    out_->str(" none\n");
  }
}

void ProcessConsole::write_pending_upcalls(Process const& process) const {
  out_->str("  pending upcalls:");
  if (process.upcalls().size() == 0) {
    out_->str(" none\n");
    return;
  }
  process.upcalls().for_each([&](PendingUpcall const& upcall) {
    out_->str("\n    driver ").hex(upcall.id.driver).str(" upcall ").dec(upcall.id.subscribe_number);
    if (upcall.target.function == 0) { out_->str(" (no function: for yield-wait-for)"); }
    out_->str(" (").hex(upcall.args[0]).str(", ").hex(upcall.args[1]).str(", ").hex(upcall.args[2]).str(")");
  });
  out_->str("\n");
}

void ProcessConsole::show_kernel() const {
  out_->str("kernel RAM: ");
  write_number(memory_.data_and_bss, 0);
  out_->str(" B data and bss (the process table included), ");
  write_number(memory_.stack, 0);
  out_->str(" B stack\n");
  uint32_t reserved = 0;
  uint32_t used = 0;
  kernel_->for_each_process([&](Process& process) {
    reserved += process.memory().mem_end() - process.memory().mem_start();
    used += memory_used(process);
  });
  out_->str("process RAM: ");
  write_number(reserved, 0);
  out_->str(" B in blocks (");
  write_number(used, 0);
  out_->str(" B used) of ");
  write_number(memory_.process_ram, 0);
  out_->str(" B\nprocess table: ").dec(static_cast<uint32_t>(kernel_->process_count())).str(" of ");
  out_->dec(static_cast<uint32_t>(Kernel::kMaxProcesses)).str(" slots, ");
  write_number(static_cast<uint32_t>(sizeof(Process)), 0);
  out_->str(" B each\n");
  write_uptime();
}

void ProcessConsole::write_uptime() const {
  uint32_t const frequency = clock_->frequency();
  uint32_t const now = note_clock();
  // Seconds = (wraps * 2^32 + now) / frequency, in 32-bit steps: 2^32 = q * frequency + r.
  uint32_t const whole_per_wrap = static_cast<uint32_t>(0xFFFF'FFFFU / frequency);
  uint32_t const rest_per_wrap = static_cast<uint32_t>(0xFFFF'FFFFU % frequency) + 1;
  uint32_t seconds = wraps_.get() * whole_per_wrap + now / frequency;
  uint32_t remainder = now % frequency;
  for (uint32_t i = 0; i < wraps_.get(); ++i) {
    remainder += rest_per_wrap;
    if (remainder >= frequency) {
      remainder -= frequency;
      ++seconds;
    }
  }
  out_->str("uptime: ").dec(seconds).str(".");
  // Three decimals by long division: remainder * 1000 could overflow 32 bits, remainder * 10 cannot (below 429 MHz).
  for (int digit = 0; digit < 3; ++digit) {
    remainder *= 10;
    out_->ch(static_cast<char>('0' + remainder / frequency));
    remainder %= frequency;
  }
  out_->str(" s (clock wraps are counted when the console looks)\n");
}

uint32_t ProcessConsole::note_clock() const {
  uint32_t const now = clock_->now();
  if (now < last_ticks_.get()) { wraps_.set(wraps_.get() + 1); }
  last_ticks_.set(now);
  return now;
}

uint32_t ProcessConsole::grants_allocated(Process& process) const {
  uint32_t count = 0;
  for (usize index = 0;; ++index) {
    Option<SyscallDriver const&> const driver = platform_->driver_at(index);
    if (driver.is_none()) { return count; }
    Option<GrantBase const&> const grant = driver.value().grant();
    if (grant.is_some() && with_existing_kernel_data(grant.value(), process, [](GrantKernelData const&) {})) { ++count; }
  }
}

void ProcessConsole::write_number(uint32_t value, usize width) const {
  Array<char, 16> digits{};
  usize count = 0;
  usize since_separator = 0;
  do {
    if (since_separator == 3) {
      digits[count++] = ',';
      since_separator = 0;
    }
    digits[count++] = static_cast<char>('0' + value % 10);
    value /= 10;
    ++since_separator;
  } while (value != 0);
  for (usize pad = count; pad < width; ++pad) { out_->ch(' '); }
  while (count > 0) { out_->ch(digits[--count]); }
}

void ProcessConsole::write_padded(Slice<char const> text, usize width) const {
  out_->text(text);
  for (usize pad = text.size(); pad < width; ++pad) { out_->ch(' '); }
}

void ProcessConsole::write_padded_name(Slice<uint8_t const> name, usize width) const {
  out_->bytes_as_text(name.first(width));
  for (usize pad = min(name.size(), width); pad < width; ++pad) { out_->ch(' '); }
}

}  // namespace keel::capsules
