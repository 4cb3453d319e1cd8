// SPDX-License-Identifier: Apache-2.0
// A bare-metal stand-in for the kernel, for mps2-an386 under QEMU: starts ONE position-independent app TBF the way
// the ABI says (unprivileged thread mode on PSP, r0-r3 = app_start, mem_start, mem_len, app_brk, sp = app_brk,
// lr = 1, r4-r11 = 0) and answers its system calls with the few drivers the test apps use. It exists only to show
// that crt0 relocates the app correctly wherever it is placed; no MPU, no scheduler, no upcalls.
//
// QEMU loads the TBF and a 3-word config block at CONFIG (TBF address, RAM address, RAM length) with
// -device loader. Output goes through semihosting; the app's exit code becomes QEMU's exit status, and a fault ends
// the run with status 0xFF after printing the fault registers.
#include <stdint.h>

#define CONFIG ((volatile const uint32_t*)0x003F0000u)

typedef struct {
  uint32_t r0, r1, r2, r3, r12, lr, pc, xpsr;
} frame_t;

static uint32_t tbf_start, tbf_end, mem_start, mem_len, app_brk, grant_start;
static const uint8_t* console_buffer;
static uint32_t console_length, last_written;

static int semihost(int op, const void* arg) {
  register int r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

static void put_char(char c) { (void)semihost(0x03, &c); }

static void put_string(const char* s) {
  while (*s) put_char(*s++);
}

static void put_hex(uint32_t v) {
  put_string("0x");
  for (int shift = 28; shift >= 0; shift -= 4) put_char("0123456789abcdef"[(v >> shift) & 0xF]);
}

static void __attribute__((noreturn)) quit(uint32_t code) {
  uint32_t block[2] = {0x20026, code};  // ADP_Stopped_ApplicationExit
  (void)semihost(0x20, block);          // SYS_EXIT_EXTENDED
  for (;;) {
  }
}

static uint32_t read32(uint32_t address) { return *(volatile const uint32_t*)address; }

static void set(frame_t* f, uint32_t r0, uint32_t r1, uint32_t r2, uint32_t r3) {
  f->r0 = r0;
  f->r1 = r1;
  f->r2 = r2;
  f->r3 = r3;
}

static void command(frame_t* f) {
  uint32_t driver = f->r0, number = f->r1, arg0 = f->r2, arg1 = f->r3;
  if (number == 0 && (driver == 1 || driver == 8)) return set(f, 128, 0, 0, 0);
  if (driver == 1 && number == 1) {  // console write
    uint32_t n = arg0 < console_length ? arg0 : console_length;
    for (uint32_t i = 0; i < n; ++i) put_char((char)console_buffer[i]);
    last_written = n;
    return set(f, 128, 0, 0, 0);
  }
  if (driver == 8 && number >= 1 && number <= 3) {  // low-level debug
    put_string("LowLevelDebug: ");
    put_hex(arg0);
    if (number == 3) {
      put_char(' ');
      put_hex(arg1);
    }
    put_char('\n');
    return set(f, 128, 0, 0, 0);
  }
  set(f, 0, 11, 0, 0);  // NODEVICE
}

static void memop(frame_t* f) {
  uint32_t op = f->r0, arg = f->r1;
  switch (op) {
    case 0:
      if (arg < mem_start || arg > grant_start) return set(f, 0, 9, 0, 0);
      app_brk = arg;
      return set(f, 128, 0, 0, 0);
    case 1: {
      uint32_t old = app_brk, wanted = app_brk + arg;
      if (wanted < mem_start || wanted > grant_start) return set(f, 0, 9, 0, 0);
      app_brk = wanted;
      return set(f, 129, old, 0, 0);
    }
    case 2: return set(f, 129, mem_start, 0, 0);
    case 3: return set(f, 129, mem_start + mem_len, 0, 0);
    case 4: return set(f, 129, tbf_start, 0, 0);
    case 5: return set(f, 129, tbf_end, 0, 0);
    case 6: return set(f, 129, grant_start, 0, 0);
    case 10:
    case 11: return set(f, 128, 0, 0, 0);
    default: return set(f, 0, 10, 0, 0);
  }
}

void harness_svc(frame_t* f) {
  uint32_t class_number = *(const uint16_t*)(f->pc - 2) & 0xFF;
  switch (class_number) {
    case 0:  // yield: only wait-for the console's write-done is needed (the write finished at once)
      if (f->r0 == 2 && f->r1 == 1 && f->r2 == 1) return set(f, last_written, 0, 0, f->r3);
      return;
    case 1: return set(f, 130, 0, 0, 0);  // subscribe
    case 2: return command(f);
    case 3:
    case 7: return set(f, 130, 0, 0, 0);
    case 4:
      if (f->r0 == 1 && f->r1 == 1) {
        console_buffer = (const uint8_t*)f->r2;
        console_length = f->r3;
      }
      return set(f, 130, 0, 0, 0);
    case 5: return memop(f);
    case 6:
      put_string("harness: exit ");
      put_hex(f->r1);
      put_char('\n');
      quit(f->r1);
    default:
      put_string("harness: unknown class\n");
      quit(0xFE);
  }
}

void harness_fault(const frame_t* f, uint32_t exc_return) {
  put_string("harness: FAULT pc ");
  put_hex(f->pc);
  put_string(" lr ");
  put_hex(f->lr);
  put_string(" exc_return ");
  put_hex(exc_return);
  put_string(" CFSR ");
  put_hex(read32(0xE000ED28));
  put_char('\n');
  quit(0xFF);
}

void __attribute__((naked)) svc_entry(void) {
  __asm__ volatile("tst lr, #4\n ite eq\n mrseq r0, msp\n mrsne r0, psp\n b harness_svc\n");
}

void __attribute__((naked)) fault_entry(void) {
  __asm__ volatile("tst lr, #4\n ite eq\n mrseq r0, msp\n mrsne r0, psp\n mov r1, lr\n b harness_fault\n");
}

void __attribute__((noreturn)) harness_main(void) {
  tbf_start = CONFIG[0];
  mem_start = CONFIG[1];
  mem_len = CONFIG[2];
  grant_start = mem_start + mem_len - 1024;
  *(volatile uint32_t*)0xE000ED24 |= 7u << 16;  // MemManage, BusFault, UsageFault enabled (reported, not escalated)

  uint32_t header_size = read32(tbf_start) >> 16;
  tbf_end = tbf_start + read32(tbf_start + 4);
  uint32_t init_offset = 0, trailer = 0;
  for (uint32_t at = tbf_start + 16; at < tbf_start + header_size;) {
    uint32_t tlv = read32(at), type = tlv & 0xFFFF, length = tlv >> 16;
    if (type == 1 || type == 9) {
      init_offset = read32(at + 4);
      trailer = read32(at + 8);
    }
    at += 4 + ((length + 3) & ~3u);
  }
  uint32_t app_start = tbf_start + header_size + trailer;
  uint32_t init = tbf_start + header_size + init_offset;
  app_brk = mem_start + 64;  // small on purpose: crt0 must ask for its RAM with brk
  put_string("harness: TBF at ");
  put_hex(tbf_start);
  put_string(", RAM at ");
  put_hex(mem_start);
  put_char('\n');

  register uint32_t r0 __asm__("r0") = app_start;
  register uint32_t r1 __asm__("r1") = mem_start;
  register uint32_t r2 __asm__("r2") = mem_len;
  register uint32_t r3 __asm__("r3") = app_brk;
  register uint32_t r12 __asm__("r12") = init;
  __asm__ volatile(
      "msr psp, r3\n"
      "movs r4, #3\n"  // thread mode unprivileged, on PSP
      "msr control, r4\n"
      "isb\n"
      "movs r4, #0\n mov r5, r4\n mov r6, r4\n mov r7, r4\n mov r8, r4\n mov r9, r4\n mov r10, r4\n mov r11, r4\n"
      "movs r4, #1\n mov lr, r4\n movs r4, #0\n"
      "bx r12\n"
      :
      : "r"(r0), "r"(r1), "r"(r2), "r"(r3), "r"(r12)
      : "r4", "r5", "r6", "r7", "r8", "r10", "r11", "memory");
  for (;;) {
  }
}

extern uint32_t _harness_stack_top[];
void reset_entry(void) { harness_main(); }

__attribute__((section(".vectors"), used)) const void* const vectors[16] = {
    _harness_stack_top, reset_entry, fault_entry, fault_entry, fault_entry, fault_entry, fault_entry, 0, 0, 0, 0,
    svc_entry, 0, 0, fault_entry, fault_entry,
};
