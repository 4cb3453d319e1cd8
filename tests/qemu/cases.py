#!/usr/bin/env python3
"""QEMU integration tests: `cases.py CASE --build BUILD_DIR [--board BOARD]` runs one case, exit 0 = pass.

Each case boots the real kernel with real app images and asserts on what the console shows. Kernel messages are
prefixed `keel:`; app output is whatever the apps print.
"""
import argparse
import re
import sys

import harness
from harness import Failure, app, boot, expect

CASES = {}


def case(function):
    CASES[function.__name__] = function
    return function


def ended_cleanly(run):
    expect(not run.timed_out, "the kernel did not end the run (timed out)", run)
    expect(run.exit_code == 0, f"QEMU exit code {run.exit_code}, expected 0 (all processes ended)", run)


@case
def hello(build):
    run = boot(build, [app(build, "hello")])
    ended_cleanly(run)
    app_lines = [line for line in run.lines() if not line.startswith("keel:")]
    expect(app_lines == ["Hello from Keel!"], f"app output was {app_lines!r}", run)
    expect("keel: process 'hello' exited with code 0" in run.output, "hello did not exit cleanly with code 0", run)


@case
def two_processes(build):
    run = boot(build, [app(build, "twoproc_a"), app(build, "twoproc_b")])
    ended_cleanly(run)
    for letter in "AB":
        mine = [line for line in run.lines() if line.startswith(letter + ":")]
        expect(len(mine) == 10, f"expected 10 lines from {letter}, got {len(mine)}", run)
        for line in mine:
            expect(re.fullmatch(letter + r": line \d+ .*", line) is not None and "A:" not in line[2:] and
                   "B:" not in line[2:], f"line from {letter} is not whole: {line!r}", run)
    expect("keel: process 'twoproc_a' exited with code 0" in run.output, "A did not exit cleanly", run)
    expect("keel: process 'twoproc_b' exited with code 0" in run.output, "B did not exit cleanly", run)


@case
def rng_differs_between_runs(build):
    outputs = []
    for _ in range(2):
        run = boot(build, [app(build, "rng")])
        ended_cleanly(run)
        found = re.search(r"^rng: ([0-9a-f]{32})$", run.output, re.M)
        expect(found is not None, "no 'rng: <32 hex digits>' line", run)
        outputs.append(found.group(1))
    if outputs[0] == outputs[1]:
        raise Failure(f"two runs gave the same random bytes {outputs[0]}")


@case
def alarm_never_early(build):
    run = boot(build, [app(build, "timer")])
    ended_cleanly(run)
    ticks = re.findall(r"^timer: tick (\d+) .*$", run.output, re.M)
    expect(len(ticks) == 5, f"expected 5 ticks, saw {len(ticks)}", run)
    expect("EARLY" not in run.output, "an alarm fired earlier than asked", run)
    for line in re.findall(r"^timer: tick .*$", run.output, re.M):
        waited = re.search(r"waited (\d+) ticks.*asked (\d+)", line)
        expect(waited is not None, f"tick line without waited/asked figures: {line!r}", run)
        expect(int(waited.group(1)) >= int(waited.group(2)), f"fired early: {line!r}", run)


@case
def faulting_app_restarted_then_stopped(build):
    run = boot(build, [app(build, "faulter"), app(build, "counter")], timeout=60)
    ended_cleanly(run)
    reports = len(re.findall(r"keel: process 'faulter' faulted: " + harness.BOARD.faults["load"], run.output))
    expect(reports == 4, f"expected 4 fault reports (first run + 3 restarts), saw {reports}", run)
    expect(run.output.count("faulter: start") == 4, "faulter did not start 4 times", run)
    for k in (1, 2, 3):
        expect(f"keel: restarting 'faulter' (restart {k} of 3)" in run.output, f"no restart {k} message", run)
    stop = run.output.find("keel: process 'faulter' stopped after 3 restart(s)")
    expect(stop >= 0, "faulter was not stopped after 3 restarts", run)
    expect("pc 0x" in run.output and "app_brk 0x" in run.output and harness.BOARD.faults["register"] in run.output,
           "fault report lacks pc / memory layout / registers", run)
    expect("counter: done" in run.output[stop:], "counter did not keep printing after faulter stopped", run)


def misbehaving(build, name, expected):
    run = boot(build, [app(build, name), app(build, "counter")], timeout=60)
    ended_cleanly(run)
    for text in expected:
        expect(re.search(text, run.output, re.M) is not None, f"{name}: no match for {text!r}", run)
    expect("counter: done" in run.output, f"counter did not finish beside {name}", run)
    expect("Kernel panic" not in run.output and "PANIC" not in run.output, "the kernel panicked", run)


def stopped(name, cause):
    return [rf"keel: process '{name}' faulted: {cause}", rf"keel: process '{name}' stopped after 3 restart\(s\)"]


@case
def write_kernel_memory(build):
    misbehaving(build, "write_kernel", stopped("write_kernel", harness.BOARD.faults["store"]))


@case
def read_other_process(build):
    misbehaving(build, "read_other", stopped("read_other", harness.BOARD.faults["load"]))


@case
def allow_kernel_address(build):
    misbehaving(build, "allow_kernel", [r"allow_kernel: rejected with .*INVAL",
                                        r"keel: process 'allow_kernel' exited with code 0"])


@case
def subscribe_kernel_address(build):
    misbehaving(build, "subscribe_kernel", [r"subscribe_kernel: rejected with .*INVAL",
                                            r"keel: process 'subscribe_kernel' exited with code 0"])


@case
def brk_beyond_block(build):
    misbehaving(build, "brk_beyond", [r"brk_beyond: .*NOMEM"] + stopped("brk_beyond", f'({harness.BOARD.faults["load"]}|{harness.BOARD.faults["store"]})'))


@case
def stack_overflow(build):
    misbehaving(build, "stack_overflow", stopped("stack_overflow", harness.BOARD.faults["stack"]))


@case
def illegal_instruction(build):
    misbehaving(build, "illegal_instruction", stopped("illegal_instruction", harness.BOARD.faults["illegal"]))


@case
def spin_is_preempted(build):
    run = boot(build, [app(build, "spin"), app(build, "counter")], timeout=60, until="counter: done")
    expect(not run.timed_out and "counter: done" in run.output, "counter did not finish beside a spinning process", run)
    expect(re.search(r"^spin: ", run.output, re.M) is not None, "spin never ran", run)


@case
def unknown_syscall_class(build):
    misbehaving(build, "unknown_syscall", stopped("unknown_syscall", "unknown system call class"))


@case
def leds(build):
    # QEMU's LED model traces each change of the FPGA IO LEDs (mps2-an386): the state after each step of the blink
    # app must be what the LED driver's commands asked for.
    run = boot(build, [app(build, "blink")], qemu_args=["-trace", "led_set_intensity"])
    ended_cleanly(run)
    if harness.BOARD.leds == 0:
        expect("blink: no LEDs (NODEVICE)" in run.output, "a board without LEDs must answer NODEVICE", run)
        return
    expect(f"blink: {harness.BOARD.leds} LEDs" in run.output, "wrong LED count", run)
    state = {}
    seen = []
    for line in run.lines():
        lit = re.search(r"led_set_intensity LED desc:'USERLED(\d)' .*intensity: (\d+)%", line)
        if lit:
            state[int(lit.group(1))] = int(lit.group(2)) > 0
        step = re.match(r"blink: (on|off|toggle) (\d): ok$", line)
        if step:
            seen.append(tuple(state.get(led, False) for led in range(harness.BOARD.leds)))
    expected = [(True, False), (True, True), (False, True), (False, False), (False, False), (False, False)]
    expect(seen == expected, f"LED states after each step were {seen}, expected {expected}", run)
    expect("blink: on past the last LED 2: INVAL" in run.output, "an LED past the last must be INVAL", run)


@case
def upcall_returns_to_its_stack(build):
    # On Cortex-M, a yield with sp = 4 mod 8 gets a padded exception frame; the upcall must return to that stack.
    run = boot(build, [app(build, "upcall_alignment")])
    ended_cleanly(run)
    expect("upcall_alignment: the upcall returned to the yield's own stack" in run.output,
           "the upcall did not return to the yield's stack", run)
    expect("exited with code 0" in run.output, "upcall_alignment did not exit cleanly", run)


@case
def tiny_minimum_ram_still_starts(build):
    # A TBF asking for 8 bytes of RAM (Cortex-M: less than the 32 the first system call's frame needs below its
    # stack pointer) must still start and make system calls: here crt0's break request is refused (NOMEM) and the app
    # exits with KEEL_EXIT_NO_RAM, instead of faulting on its first svc.
    import os
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        tbf = os.path.join(tmp, "hello_small.tbf")
        subprocess.run([sys.executable, os.path.join(harness.REPO, "tools", "tbf-pack"),
                        os.path.join(build, "userland", "apps", "hello.elf"), "-o", tbf, "--name", "hello",
                        "--binary-offset", "0x80", "--position-independent", "--minimum-ram-size", "8"], check=True)
        run = boot(build, [tbf])
    ended_cleanly(run)
    expect("keel: process 'hello' faulted" not in run.output, "the process faulted instead of starting", run)
    expect(f"keel: process 'hello' exited with code {0x0BAD0003}" in run.output,
           "crt0 did not report that its break request was refused", run)


@case
def process_console(build):
    """A person at the serial port: list, stop, start and process NAME, while one process spins and one has ended."""
    prompt = b"keel$ "
    typed = [(b"keel: process 'hello' exited", b"\r"),
             (prompt, b"list\r"),
             (prompt, b"stop spin\r"),
             (prompt, b"list\r"),
             (prompt, b"start spin\r"),
             (prompt, b"process hello\r"),
             (prompt, b"bogus\r")]
    run = boot(build, [app(build, "hello"), app(build, "spin")], timeout=60, typed=typed, end=b"`help` lists")
    expect(not run.timed_out, "the console did not answer every command", run)
    answers = run.output.split("keel$ ")[1:7]  # (the prompt after the last answer may or may not be in yet)
    expect(len(answers) == 6, f"expected 6 answers after prompts, got {len(answers)}", run)
    first_list, stopped, second_list, started, shown, bogus = answers
    expect(re.search(r"^\s+\d+  hello\s+terminated\s", first_list, re.M) is not None, "list: hello not terminated", run)
    expect(re.search(r"^\s+\d+  spin\s+running\s", first_list, re.M) is not None, "list: spin not running", run)
    expect(re.search(r"^\s+\d+  spin\s+running\s+0\s+\d+", first_list, re.M) is not None, "list: no counts", run)
    expect("keel: process 'spin' stopped" in stopped, "stop spin was not reported", run)
    expect(re.search(r"^\s+\d+  spin\s+stopped\s", second_list, re.M) is not None, "list: spin not stopped", run)
    expect("keel: process 'spin' resumed" in started, "start spin was not reported", run)
    placed = re.search(r"keel: process 'hello' flash (0x[0-9a-f]{8})-(0x[0-9a-f]{8}) ram (0x[0-9a-f]{8})-(0x[0-9a-f]{8})",
                       run.output)
    expect(placed is not None, "no placement line for hello", run)
    expect(f"flash    {placed.group(1)}-{placed.group(2)}" in shown, "process hello: flash range differs", run)
    expect(f"ram      {placed.group(3)}-{placed.group(4)}" in shown, "process hello: ram range differs", run)
    expect("last fault: none" in shown and "terminated" in shown, "process hello: state or fault missing", run)
    expect("unknown command 'bogus'" in bogus, "an unknown command was not answered", run)


@case
def timers_order_and_count(build):
    # userland/apps/timers: six timers on the one kernel alarm. They must fire in order of expiration, as often as
    # their periods say, periodic ones exactly one period apart (re-armed from the previous expiration, no drift), each
    # soon after it is due (the kernel alarm is armed for the earliest), and never once cancelled.
    # With the clock following instruction counts only (icount_sleep=False), how late a timer runs is the same on
    # every run: a few hundred instructions, far below the 1 ms allowed here and the 5 ms between expirations.
    run = boot(build, [app(build, "timers")], icount_sleep=False)
    ended_cleanly(run)
    hertz = re.search(r"^timers: (\d+) Hz$", run.output, re.M)
    expect(hertz is not None, "no frequency line", run)
    ms = int(hertz.group(1)) // 1000
    fired = [(name, int(k), int(exp), int(late)) for name, k, exp, late in
             re.findall(r"^timers: fire (\w) (\d+) exp \+(\d+) late (\d+)$", run.output, re.M)]
    order = "".join(name for name, _, _, _ in fired)
    expect(order == "EAEABECAABAZ", f"timers fired in the order {order}, expected EAEABECAABAZ", run)
    seen = {}
    for name, k, exp, late in fired:
        seen.setdefault(name, []).append(exp)
        expect(k == len(seen[name]), f"{name}'s firing {len(seen[name])} reported itself as number {k}", run)
        expect(late < ms, f"{name} {k} ran {late} ticks after it was due (more than 1 ms)", run)
    expect(seen["A"] == [30 * ms * k for k in range(1, 6)], f"A (every 30 ms from the start) fired at {seen['A']}", run)
    expect(seen["Z"] == [160 * ms], f"Z (once at 160 ms from the start) fired at {seen['Z']}", run)
    for name, period, first in (("E", 25, 25), ("B", 70, 70), ("C", None, 80)):
        # Started a little after the start tick: the first expiration may be up to 1 ms later than nominal.
        expect(first * ms <= seen[name][0] < (first + 1) * ms, f"{name} first fired at +{seen[name][0]} ticks", run)
        if period is not None:
            steps = [b - a for a, b in zip(seen[name], seen[name][1:])]
            expect(all(step == period * ms for step in steps), f"{name}'s periods were {steps} ticks", run)
    expect("D" not in seen, "D ran after it was cancelled", run)
    for line in ("timers: cancel D: OK", "timers: pending A 1 B 1 C 0 D 0 E 0 Z 0",
                 "timers: cancel A: OK, cancel B: OK, cancel D again: ALREADY", "timers: done"):
        expect(line in run.lines(), f"no line {line!r}", run)
    expect("keel: process 'timers' exited with code 0" in run.output, "timers did not exit cleanly", run)


@case
def console_reads_typed_lines(build):
    # userland/apps/readline, typed at like a terminal: Enter as CR, CR LF and LF each end one line; backspace (DEL,
    # BS) edits, a UTF-8 character going at once; echo shows what was typed, and nothing once turned off.
    run = boot(build, [app(build, "readline")], typed=[
        ("readline: name> ", b"Keel\xc3\xa9\x7f usr\x08er\r"),
        ("readline: stdin> ", "from stdin\r\n"),
        ("readline: key> ", "x"),
        ("readline: short> ", "0123456789\n"),
        ("readline: secret> ", "hidden\r"),
    ])
    ended_cleanly(run)
    for line in ("readline: line 'Keel user' (9 bytes, OK)",
                 "readline: fgets 'from stdin\\n'",
                 "readline: getchar 0x78",
                 "readline: short '0123456' (7 bytes, SIZE)",
                 "readline: secret of 6 bytes (OK), reversed 'neddih'",
                 "readline: done"):
        expect(line in run.lines(), f"no line {line!r}", run)
    expect("readline: name> Keel\u00e9\b \b usr\b \ber\r\n" in run.output, "the edited line was not echoed", run)
    expect("readline: stdin> from stdin\r\n" in run.output, "stdin input was not echoed with CR LF", run)
    expect("readline: short> 0123456\r\n" in run.output, "a full line echoed the characters it refused", run)
    expect("hidden" not in run.output, "input was echoed with echo turned off", run)
    expect("keel: process 'readline' exited with code 0" in run.output, "readline did not exit cleanly", run)


@case
def cxx_app_runs(build):
    # userland/apps/cxx_hello: a C++ app's global constructor runs before main, virtual calls and new/delete work
    # without a C++ library, and its global destructor runs at exit.
    run = boot(build, [app(build, "cxx_hello")])
    ended_cleanly(run)
    lines = [line for line in run.lines() if not line.startswith("keel:")]
    expect(lines[:4] == ["Hello from C++ on Keel! (constructed before main: yes)", "cxx_hello: rectangle of area 12",
                         "cxx_hello: square of area 25", "cxx_hello: total area 37"], f"app output was {lines!r}", run)
    expect(re.search(r"^cxx_hello: libkeel from C\+\+: alarm at \d+ Hz \(OK\)$", run.output, re.M) is not None,
           "no libkeel call from C++", run)
    expect(lines[-1:] == ["cxx_hello: destructor ran"], "the global destructor did not run at exit", run)
    expect("ERROR" not in run.output, "cxx_hello reported an error", run)
    expect("keel: process 'cxx_hello' exited with code 0" in run.output, "cxx_hello did not exit cleanly", run)


@case
def corrupted_checksum_skipped(build):
    # Flip a bit of the first image's checksum (bytes 12-15 of the TBF at the region start).
    run = boot(build, [app(build, "hello"), app(build, "counter")], corrupt=(12, 0x01), timeout=60)
    ended_cleanly(run)
    expect(f"keel: skipping TBF at {harness.BOARD.app_region:#010x} (offset 0x0000000c): checksum mismatch"
           in run.output,
           "the corrupted image was not reported with offset and reason", run)
    expect("Hello from Keel!" not in run.output, "the corrupted image ran", run)
    expect("counter: done" in run.output, "the next image did not run", run)


@case
def flash_found_only_with_an_image(build):
    """The CFI driver probes flash bank 0 when QEMU has an image for it, and the board runs as before without one;
    run-qemu makes a missing image erased and refuses one of the wrong size."""
    import os
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        image = os.path.join(tmp, "flash.img")
        run = boot(build, [app(build, "hello")], storage=image)
        ended_cleanly(run)
        expect("keel: flash: 32768 KiB in sectors of 256 KiB" in run.output, "the probe did not find the bank", run)
        expect("Hello from Keel!" in run.output, "hello did not run with the flash attached", run)
        with open(image, "rb") as file:
            contents = file.read()
        expect(len(contents) == 32 * 2**20 and contents == b"\xff" * len(contents),
               "the new image is not 32 MiB of erased flash", run)

        run = boot(build, [app(build, "hello")])
        ended_cleanly(run)
        expect("keel: no flash image (run with STORAGE=file); storage is absent" in run.output,
               "without an image the kernel did not say storage is absent", run)
        expect("Hello from Keel!" in run.output, "hello did not run without the flash", run)

        wrong = os.path.join(tmp, "small.img")
        with open(wrong, "wb") as file:
            file.write(b"\xff" * 4096)
        run = run_qemu(build, "--apps", "hello", "--storage", wrong)
        expect(run.exit_code == 2 and "must be exactly 33554432 bytes" in run.output,
               "run-qemu accepted a flash image of the wrong size", run)
        expect(os.path.getsize(wrong) == 4096, "run-qemu changed the wrong-size image", run)


def storage_lines(run, letter):
    return [line for line in run.lines() if line.startswith(f"storage-{letter}: ")]


@case
def isolated_storage_persists_and_is_isolated(build):
    """Driver 0x50004: each app its own region, keyed by its storage write id, kept across reboots on the same flash
    image; another app never sees it; accesses outside the region and apps without permissions are refused."""
    import os
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        image = os.path.join(tmp, "flash.img")
        apps = [app(build, "isolated_storage_a"), app(build, "isolated_storage_b"),
                app(build, "isolated_storage_denied")]
        run = boot(build, apps, storage=image, timeout=60)
        ended_cleanly(run)
        for letter in "AB":
            lines = storage_lines(run, letter)
            expected = [f"storage-{letter}: size 4096", f"storage-{letter}: found nothing",
                        f"storage-{letter}: stored: keel-{letter} boot 1", f"storage-{letter}: end of region ok",
                        f"storage-{letter}: read past the end INVAL", f"storage-{letter}: write at the end INVAL",
                        f"storage-{letter}: write at offset -1 INVAL", f"storage-{letter}: read of nothing RESERVE",
                        f"storage-{letter}: done"]
            expect(lines == expected, f"app {letter} printed {lines!r}, expected {expected!r}", run)
        denied = storage_lines(run, "denied")
        expect(denied == ["storage-denied: exists yes", "storage-denied: size NOSUPPORT",
                          "storage-denied: read NOSUPPORT", "storage-denied: write NOSUPPORT"],
               f"the app without storage permissions printed {denied!r}", run)

        # A reboot on the same flash: b alone sees its own line, never a's.
        run = boot(build, [app(build, "isolated_storage_b")], storage=image, timeout=60)
        ended_cleanly(run)
        lines = storage_lines(run, "B")
        expect("storage-B: found: keel-B boot 1" in lines and "storage-B: stored: keel-B boot 2" in lines,
               f"b did not read back what it stored before the reboot: {lines!r}", run)
        expect(not any("keel-A" in line for line in lines), "b saw a's data", run)

        # And a, after two reboots, reads its own.
        run = boot(build, [app(build, "isolated_storage_a")], storage=image, timeout=60)
        ended_cleanly(run)
        lines = storage_lines(run, "A")
        expect("storage-A: found: keel-A boot 1" in lines and "storage-A: stored: keel-A boot 2" in lines,
               f"a did not read back what it stored two boots ago: {lines!r}", run)
        expect(lines[-1] == "storage-A: done", f"a did not finish: {lines!r}", run)


@case
def isolated_storage_absent_without_flash(build):
    """Without a flash image the driver answers NODEVICE, as a Tock kernel without the driver does."""
    run = boot(build, [app(build, "isolated_storage_a"), app(build, "isolated_storage_denied")])
    ended_cleanly(run)
    expect(storage_lines(run, "A") == ["storage-A: no isolated storage"], "a found storage without flash", run)
    denied = storage_lines(run, "denied")
    expect(denied == ["storage-denied: exists no", "storage-denied: size NODEVICE", "storage-denied: read NODEVICE",
                      "storage-denied: write NODEVICE"], f"without flash the driver answered {denied!r}", run)


def kv_lines(run, name):
    return [line for line in run.lines() if line.startswith(f"kv-{name}: ")]


@case
def kv_store_persists_and_checks_permissions(build):
    """Driver 0x50003 (Tock's KV driver): one app writes, and after a reboot on the same flash image other apps read
    what it wrote as their storage permissions allow: b (read ids name a's write id) reads it but may not change
    it, c (no such read id) and an app without storage permissions get NOSUPPORT, as from Tock."""
    import os
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        image = os.path.join(tmp, "flash.img")
        run = boot(build, [app(build, "kv_a")], storage=image, timeout=60)
        ended_cleanly(run)
        expected = ["kv-a: get greeting NOSUPPORT", "kv-a: set greeting OK", "kv-a: add greeting NOSUPPORT",
                    "kv-a: update greeting OK", "kv-a: get greeting SIZE length 18: hello",
                    "kv-a: add scratch OK", "kv-a: delete scratch OK", "kv-a: get scratch NOSUPPORT",
                    "kv-a: delete scratch NOSUPPORT", "kv-a: update scratch NOSUPPORT", "kv-a: collect - OK",
                    "kv-a: get greeting OK length 18: hello again from a", "kv-a: done"]
        lines = kv_lines(run, "a")
        expect(lines == expected, f"a printed {lines!r}, expected {expected!r}", run)

        # Reboot: b reads a's value (its read ids name 0xa1) but may not modify it; the app without permissions
        # may neither read nor write.
        run = boot(build, [app(build, "kv_b"), app(build, "kv_denied")], storage=image, timeout=60)
        ended_cleanly(run)
        expected = ["kv-b: get greeting OK length 18: hello again from a", "kv-b: set greeting NOSUPPORT",
                    "kv-b: update greeting NOSUPPORT", "kv-b: delete greeting NOSUPPORT", "kv-b: set b-own OK",
                    "kv-b: get b-own OK length 4: mine", "kv-b: get greeting OK length 18: hello again from a",
                    "kv-b: done"]
        lines = kv_lines(run, "b")
        expect(lines == expected, f"b printed {lines!r}, expected {expected!r}", run)
        expected = ["kv-denied: get greeting NOSUPPORT", "kv-denied: set greeting INVAL",
                    "kv-denied: add denied-own INVAL", "kv-denied: delete greeting NOSUPPORT", "kv-denied: done"]
        lines = kv_lines(run, "denied")
        expect(lines == expected, f"the app without permissions printed {lines!r}, expected {expected!r}", run)

        # Another reboot: c, whose read ids name neither 0xa1 nor 0xb2, sees neither value and cannot delete.
        run = boot(build, [app(build, "kv_c")], storage=image, timeout=60)
        ended_cleanly(run)
        expected = ["kv-c: get greeting NOSUPPORT", "kv-c: get b-own NOSUPPORT", "kv-c: delete greeting NOSUPPORT",
                    "kv-c: set c-own OK", "kv-c: get c-own OK length 3: c's", "kv-c: done"]
        lines = kv_lines(run, "c")
        expect(lines == expected, f"c printed {lines!r}, expected {expected!r}", run)

        # And a's value is still there, unchanged by what b and c tried.
        run = boot(build, [app(build, "kv_b")], storage=image, timeout=60)
        ended_cleanly(run)
        expect(kv_lines(run, "b")[0] == "kv-b: get greeting OK length 18: hello again from a",
               "a's value did not survive three reboots unchanged", run)


@case
def kv_store_absent_without_flash(build):
    """Without a flash image the KV driver answers NODEVICE (command 0), as a Tock kernel without the driver."""
    run = boot(build, [app(build, "kv_denied")])
    ended_cleanly(run)
    expect(kv_lines(run, "denied") == ["kv-denied: no key-value store"], "the store was there without flash", run)
@case
def isolated_storage_survives_power_cuts(build):
    """QEMU killed at random moments while an app rewrites its whole isolated-storage region, record after record;
    after each restart on the same flash image the region holds the last record the app was told was written (or
    a later one), never a mix of two. KEEL_POWER_CUTS sets the number of kills (10)."""
    import os
    import random
    import tempfile
    cuts = int(os.environ.get("KEEL_POWER_CUTS", "10"))
    seed = random.randrange(1 << 32)
    chooser = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        image = os.path.join(tmp, "flash.img")
        last_written = 0
        for cut in range(cuts + 1):
            run = boot(build, [app(build, "isolated_storage_stream")], storage=image,
                       timeout=chooser.uniform(0.4, 1.6) if cut < cuts else 30,
                       until="stream: wrote" if cut == cuts else None)
            lines = [line for line in run.lines() if line.startswith("stream: ")]
            # A kill can cut the console mid-line ("stream: wrote 11" of 114): a last line without its newline is not
            # a report.
            if lines and not run.output.endswith("\n") and run.output.rstrip("\r").endswith(lines[-1]):
                lines = lines[:-1]
            context = f"(seed {seed}, boot {cut})"
            # A cut before the app's first report (a slow host: QEMU was killed while it booted) is a power cut
            # during boot: the app wrote nothing, so there is nothing to check until the next boot.
            if not lines and cut < cuts and run.timed_out:
                continue
            expect(lines and lines[0].startswith("stream: found"), f"the app did not report its region {context}", run)
            if lines[0] == "stream: found nothing":
                expect(last_written == 0, f"record {last_written} was written, the region is empty {context}", run)
                found = 0
            else:
                expect(lines[0] != "stream: torn", f"the region holds a torn record {context}", run)
                found = int(lines[0].split()[-1])
                # Not found == last_written exactly: the record being written may have been committed, and the
                # kill may have cut off console output the harness had not read yet.
                expect(found >= last_written,
                       f"found record {found}, the app had been told of {last_written} {context}", run)
            written = [int(line.split()[-1]) for line in lines if line.startswith("stream: wrote ")]
            expect(all(b == a + 1 for a, b in zip([found] + written, written)),
                   f"records not written in order after {found} {context}", run)
            last_written = written[-1] if written else found
        expect(last_written > 0, "no record was ever written", run)


def run_qemu(build, *args, timeout=90):
    """tools/run-qemu as a person runs it (its notes on the console are what these cases check), on the board under
    test, with deterministic guest time."""
    import os
    import subprocess
    command = [sys.executable, os.path.join(harness.REPO, "tools", "run-qemu"), "--board", harness.BOARD.name,
               "--build", build, "--icount", "--timeout", str(timeout), *args]
    done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          timeout=timeout + 30)
    output = done.stdout.decode("utf-8", "replace")
    return harness.Run(output, done.returncode, "run-qemu: timed out" in output)


def source_line(path, marker):
    import os
    with open(os.path.join(harness.REPO, path)) as file:
        for number, line in enumerate(file, 1):
            if marker in line:
                return number
    raise Failure(f"no line with {marker!r} in {path}")


@case
def fault_symbolized(build):
    # faulter runs second, so on qemu-virt-rv32 it is moved from where it was linked and on mps2-an386 it sits
    # after counter: run-qemu must map the pc back to the ELF and name the line of the faulting load.
    run = run_qemu(build, "--apps", "counter faulter")
    ended_cleanly(run)
    line = source_line("userland/apps/faulter/main.c", "// faults (")
    register = "lr" if harness.BOARD.name == "mps2-an386" else "ra"
    pc = rf"^run-qemu: 'faulter' faulted at pc 0x[0-9a-f]{{8}}: main at userland/apps/faulter/main\.c:{line} " \
         rf"\(faulter\.elf 0x[0-9a-f]+\)$"
    expect(len(re.findall(pc, run.output, re.M)) == 4, f"expected 4 notes naming main at faulter/main.c:{line}", run)
    returns = re.findall(rf"^run-qemu:   {register} 0x[0-9a-f]{{8}} \(return address\): \S+ at "
                         rf"userland/\S+\.[ch]:\d+ \(faulter\.elf 0x[0-9a-f]+\)$", run.output, re.M)
    expect(len(returns) == 4, f"expected 4 notes naming the return address ({register}) as function at file:line", run)
    expect("stack overflow" not in run.output, "a load from address 4 is no stack overflow", run)
    expect("run-qemu: all 2 process(es) have ended" in run.output, "no line saying every process has ended", run)


@case
def stack_overflow_named(build):
    run = run_qemu(build, "--apps", "counter stack_overflow")
    ended_cleanly(run)
    notes = re.findall(r"^run-qemu:   stack overflow: sp 0x([0-9a-f]{8}) is (\d+) bytes below the process's RAM "
                       r"\(from 0x([0-9a-f]{8})\)", run.output, re.M)
    expect(len(notes) == 4, f"expected 4 stack overflow notes, saw {len(notes)}", run)
    for sp, below, ram in notes:
        expect(int(ram, 16) - int(sp, 16) == int(below), "the note's distance does not match its addresses", run)
    faulted = re.findall(r"^run-qemu: 'stack_overflow' faulted at pc 0x[0-9a-f]{8}: \S+ at \S+:\d+", run.output, re.M)
    expect(len(faulted) == 4, "the faulting pc was not named as function at file:line", run)


def grow_tbf(path, size):
    """Makes the TBF at `path` `size` bytes long, its app binary running to the end (zeros), header still valid."""
    import os
    import struct
    sys.path.insert(0, os.path.join(harness.REPO, "tools"))
    import tbf
    with open(path, "rb") as file:
        data = bytearray(file.read())
    parsed = tbf.parse_tbf(bytes(data))
    data += bytes(size - len(data))
    struct.pack_into("<I", data, 4, size)
    for tlv_type, _length, offset in parsed.tlvs:
        if tlv_type == tbf.TLV_PROGRAM:
            struct.pack_into("<I", data, offset + 4 + 12, size)  # binary_end_offset
    struct.pack_into("<I", data, 12, tbf.checksum(bytes(data[:parsed.header_size])))
    with open(path, "wb") as file:
        file.write(data)


@case
def installed_apps(build):
    # tools/keel-apps keeps a list that run-qemu boots: install, replace, refuse an app too big (nothing changes),
    # uninstall; list and info read the image.
    import os
    import shutil
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        store = os.path.join(tmp, "installed")

        def keel_apps(*args):
            done = subprocess.run([sys.executable, os.path.join(harness.REPO, "tools", "keel-apps"), "--board",
                                   harness.BOARD.name, "--build", build, "--installed", store, *args],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            return done.returncode, done.stdout

        status, listing = keel_apps("install", "hello", "counter", "faulter")
        run = harness.Run(listing, status, False)
        expect(status == 0, "install failed", run)
        expect(re.findall(r"^  \[\d\] (\w+)", listing, re.M) == ["hello", "counter", "faulter"],
               "the list after install is not hello, counter, faulter", run)
        status, listing = keel_apps("install", "hello")
        expect(status == 0 and "replacing 'hello'" in listing and
               re.findall(r"^  \[\d\] (\w+)", listing, re.M) == ["counter", "faulter", "hello"],
               "installing hello again did not replace it (moved to the end)", harness.Run(listing, status, False))
        with open(os.path.join(store, "apps.bin"), "rb") as file:
            before = file.read()
        big = os.path.join(tmp, "big.tbf")
        subprocess.run([sys.executable, os.path.join(harness.REPO, "tools", "tbf-pack"),
                        os.path.join(build, "userland", "apps", "hello.elf"), "-o", big, "--name", "big"]
                       + (["--position-independent"] if harness.BOARD.name == "mps2-an386" else []), check=True)
        shutil.copyfile(os.path.join(build, "userland", "apps", "hello.elf"), big[:-4] + ".elf")  # movable
        grow_tbf(big, 4 << 20)  # larger than the whole app region
        status, message = keel_apps("install", big)
        expect(status == 1 and "big.tbf: does not fit: it needs 4,194,304 bytes of flash" in message,
               "an app larger than the app region was not refused with what it needs", harness.Run(message, status, False))
        with open(os.path.join(store, "apps.bin"), "rb") as file:
            expect(file.read() == before, "a refused install changed the image", harness.Run(message, status, False))
        status, listing = keel_apps("uninstall", "counter")
        expect(status == 0 and re.findall(r"^  \[\d\] (\w+)", listing, re.M) == ["faulter", "hello"],
               "uninstall counter did not leave faulter, hello", harness.Run(listing, status, False))
        status, details = keel_apps("info", "hello")
        expect(status == 0 and "app 'hello' at 0x" in details and "Package name (type 3" in details,
               "info hello did not describe it", harness.Run(details, status, False))
        run = run_qemu(build, "--installed", store)
        ended_cleanly(run)
        expect("the apps installed in" in run.output and "Hello from Keel!" in run.output and
               run.output.count("faulter: start") == 4, "run-qemu did not boot the installed apps", run)
        expect("counter:" not in run.output, "an uninstalled app ran", run)


@case
def elf_instead_of_tbf(build):
    import os
    elf = os.path.join(build, "userland", "apps", "hello.elf")
    run = run_qemu(build, "--apps", elf)
    expect(run.exit_code == 2 and "this is an ELF: package it with tbf-pack" in run.output,
           "an ELF given as an app was not refused with a pointer to tbf-pack", run)


@case
def kernel_reads_process_flash(build):
    # Alone, so the memory protection holds this process's rules whenever the kernel copies from its flash.
    run = boot(build, [app(build, "flash_reader")])
    ended_cleanly(run)
    lines = [line for line in run.lines() if line.startswith("flash_reader:")]
    want = []
    for n, letter in zip((1, 2, 3), "las"):
        want += ["flash_reader: this line is read from flash", f"flash_reader: still running after write {n} ({letter})"]
    expect(lines == want, f"flash_reader printed {lines!r}", run)
    expect("keel: process 'flash_reader' exited with code 0" in run.output, "flash_reader did not exit cleanly", run)


# IPC (capsules/ipc.h, docs/ipc.md): a service and clients built for it (userland/apps/ipc/).
def ipc_lines(run, prefix="client: "):
    return [line[len(prefix):] for line in run.lines() if line.startswith(prefix)]


@case
def ipc_exchange_client_first(build):
    # The client is first in the table, so it discovers, shares and notifies before the service has run at all:
    # its first notification waits for the service's subscription instead of being lost.
    run = boot(build, [app(build, "ipc_client"), app(build, "ipc_service")])
    ended_cleanly(run)
    replies = [line for line in ipc_lines(run) if line.startswith("reply")]
    expect(replies == [f"reply {n}: Uryyb Jbeyq!" for n in (1, 2, 3)], f"replies were {replies!r}", run)
    expect("ipc_service: quit after 3 requests, 4 notifications" in run.output, "the service's count is wrong", run)


@case
def ipc_exchange_service_first(build):
    run = boot(build, [app(build, "ipc_service"), app(build, "ipc_client")])
    ended_cleanly(run)
    replies = [line for line in ipc_lines(run) if line.startswith("reply")]
    expect(replies == [f"reply {n}: Uryyb Jbeyq!" for n in (1, 2, 3)], f"replies were {replies!r}", run)


@case
def ipc_hostile_client_refused(build):
    run = boot(build, [app(build, "ipc_hostile"), app(build, "ipc_service")])
    ended_cleanly(run)
    lines = ipc_lines(run)
    # Exact fences: RISC-V's TOR rules fence any 4-byte-aligned range, the ARMv7-M MPU only powers of two (or whole
    # eighths of one), so the last two answers differ by board and neither board rounds a buffer open.
    fenceable = harness.BOARD.name == "qemu-virt-rv32"
    wanted = ["share kernel memory: INVAL", "share flash: INVAL", "share beyond its memory: INVAL",
              "share unaligned: " + ("OK" if fenceable else "SIZE"), "share 48 bytes: " + ("OK" if fenceable else "SIZE"),
              "notify itself: INVAL", "notify index 0xffffffff: INVAL", "notify no process: INVAL",
              "discover nothing: NODEVICE", "reply 1: Uryyb Jbeyq!", "done"]
    expect(lines == wanted, f"the hostile client saw {lines!r}, expected {wanted!r}", run)


def expect_revoked_read_faults(run, client):
    address = re.search(r"ipc_service: reading the buffer client \d+ shared before at (0x[0-9a-f]{8})", run.output)
    expect(address is not None, "the service never tried the revoked buffer", run)
    expect("still reachable" not in run.output, "the service read a buffer after it was revoked", run)
    fault = re.search(r"keel: process 'ipc_service' faulted: .*\(address (0x[0-9a-f]{8})\)", run.output)
    expect(fault is not None and fault.group(1) == address.group(1),
           "the service's access to the revoked buffer did not fault at that address", run)
    expect(f"keel: process '{client}' exited with code 0" in run.output, f"{client} did not end cleanly", run)


@case
def ipc_revoked_buffer_unreachable(build):
    run = boot(build, [app(build, "ipc_revoke"), app(build, "ipc_service")])
    ended_cleanly(run)
    expect_revoked_read_faults(run, "ipc_revoke")
    expect("client: still running after the service touched the revoked buffer" in run.output,
           "the client was disturbed", run)
    expect("client: done" in run.output, "the restarted service did not serve the client's quit", run)


@case
def ipc_exit_revokes_sharing(build):
    run = boot(build, [app(build, "ipc_service"), app(build, "ipc_exit"), app(build, "ipc_trigger")])
    ended_cleanly(run)
    expect("client: the service holds the buffer; exiting" in run.output, "the sharing client did not run", run)
    expect_revoked_read_faults(run, "ipc_trigger")


@case
def ipc_notification_storm(build):
    run = boot(build, [app(build, "ipc_storm"), app(build, "ipc_service")])
    ended_cleanly(run)
    found = re.search(r"^client: storm accepted (\d+) refused (\d+) counted (\d+)$", run.output, re.M)
    expect(found is not None, "no storm summary", run)
    accepted, counted = int(found.group(1)), int(found.group(3))
    expect(accepted == 200 and counted == accepted,
           f"{accepted} notifications accepted but {counted} arrived: every accepted one must arrive", run)


@case
def ipc_restarts(build):
    run = boot(build, [app(build, "ipc_restarts"), app(build, "ipc_service")])
    ended_cleanly(run)
    replies = [line for line in ipc_lines(run) if line.startswith("reply")]
    # Client run 1: 1 (fresh service), then the service restarts: 1, 2; client run 2: 3, 4, 5.
    want = [f"reply {n}: Uryyb Jbeyq!" for n in (1, 1, 2, 3, 4, 5)]
    expect(replies == want, f"replies were {replies!r}, expected {want!r}", run)
    expect("keel: process 'ipc_service' restarts (exit code 0)" in run.output, "the service did not restart", run)
    expect("keel: process 'ipc_restarts' restarts (exit code 0)" in run.output, "the client did not restart", run)


# The kernel's protection of itself (mps2-an386: MPU regions for the kernel, background region off; qemu-virt-rv32:
# locked PMP rules under Smepmp's machine-mode lockdown): self-test images
# (kernel/self_test.h) commit the bug right after boot; the report must name it, and nothing else may run.
def symbol_address(elf, name):
    import subprocess
    nm = "arm-none-eabi-nm" if harness.BOARD.name == "mps2-an386" else "riscv64-unknown-elf-nm"
    out = subprocess.run([nm, "-C", elf], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        parts = line.split(None, 2)
        if len(parts) == 3 and parts[2] == name:
            return int(parts[0], 16)
    raise Failure(f"no symbol {name} in {elf}")


def self_test_run(build, variant):
    elf = harness.BOARD.kernel(build, variant)
    run = boot(build, [app(build, "hello")], kernel=elf, timeout=20)
    expect(not run.timed_out and run.exit_code != 0, "the self-test kernel did not end in a panic", run)
    expect("Hello from Keel!" not in run.output and "process(es) loaded" not in run.output,
           "the kernel went on after its own bug", run)
    return elf, run


@case
def kernel_text_write_faults(build):
    elf, run = self_test_run(build, "text")
    target = symbol_address(elf, "keel::self_test::write_kernel_text()") & ~3
    if harness.BOARD.name == "mps2-an386":
        report = r"kernel fault: data access violation, DACCVIOL \(pc, address, CFSR\) 0x[0-9a-f]{8} (0x[0-9a-f]{8})"
    else:  # mcause 7: store access fault
        report = r"exception in machine mode \(mcause, mepc, mtval\) 0x00000007 0x[0-9a-f]{8} (0x[0-9a-f]{8})"
    found = re.search(report, run.output)
    expect(found is not None, "no data access violation reported for the write to kernel text", run)
    expect(int(found.group(1), 16) == target, f"the fault address is not the kernel text written ({target:#x})", run)


@case
def kernel_stack_overflow_guarded(build):
    elf, run = self_test_run(build, "stack")
    guard = symbol_address(elf, "_kernel_stack_guard")
    found = re.search(r"kernel stack overflow: the kernel stack ran into its guard \(sp, fault address, \w+\) "
                      r"(0x[0-9a-f]{8}) (0x[0-9a-f]{8})", run.output)
    expect(found is not None, "no stack-guard panic for the kernel stack overflow", run)
    address = int(found.group(2), 16)
    expect(guard <= address < guard + 1024, f"the fault address {address:#x} is not in the guard at {guard:#x}", run)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("case", choices=sorted(CASES) + ["list"])
    parser.add_argument("--build", required=True)
    parser.add_argument("--board", default="qemu-virt-rv32", choices=sorted(harness.BOARDS))
    args = parser.parse_args()
    harness.select_board(args.board)
    if args.case == "list":
        print("\n".join(sorted(CASES)))
        return 0
    try:
        CASES[args.case](args.build)
    except Failure as failure:
        print(f"FAIL {args.case}: {failure}")
        return 1
    print(f"PASS {args.case}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
