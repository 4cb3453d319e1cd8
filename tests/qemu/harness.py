"""Runs Keel on QEMU with a set of TBFs and returns what the console printed.

Each integration test boots the real kernel ELF with real app images laid out by tools/tbf-layout, under
-icount shift=0 (deterministic instruction-count time), and stops when the kernel prints "keel: all processes have
ended" (with the process console the kernel stays up for a person to inspect it; the harness ends the run there and
counts it as exit code 0), when QEMU exits on its own (the kernel's panic path ends it with a failure status), or
after a timeout.
"""
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "tools"))
import flash_image  # noqa: E402

# qemu-virt-rv32's flash bank (tools/flash_image.py): the image size, and where the hart starts with one attached.
KERNEL_ENTRY_RV32 = 0x80000000


class Board:
    def __init__(self, name, qemu, machine, app_region, faults, extras_with_rng=(), leds=0):
        self.name = name
        self.leds = leds  # user LEDs behind the LED driver (0x2)
        # What the kernel's fault report calls each kind of fault on this architecture (regular expressions), and
        # a register name every report shows.
        self.faults = faults
        self.qemu = qemu
        self.machine = machine
        self.app_region = app_region
        self.extras_with_rng = list(extras_with_rng)

    def kernel(self, build, variant=None):
        """The board's kernel image, or one of its self-test images (kernel/self_test.h): variant "text", "stack"."""
        if variant is not None:
            return os.path.join(build, "tests", "selftest", f"keel-{self.name}-selftest-{variant}.elf")
        return os.path.join(build, "boards", self.name, f"keel-{self.name}.elf")


BOARDS = {
    "qemu-virt-rv32": Board("qemu-virt-rv32", "qemu-system-riscv32",
                            ["-machine", "virt", "-cpu", "rv32,x-epmp=true", "-bios", "none", "-m", "128M",
                             "-global", "virtio-mmio.force-legacy=false"],
                            0x80100000,
                            {"load": "load access fault", "store": "store access fault",
                             "illegal": "illegal instruction", "stack": "store access fault", "register": " ra=0x"},
                            ["-device", "virtio-rng-device"]),
    # Semihosting lets the kernel end the run with a status (SYS_EXIT_EXTENDED).
    "mps2-an386": Board("mps2-an386", "qemu-system-arm",
                        ["-machine", "mps2-an386", "-semihosting-config", "enable=on,target=native"], 0x00040000,
                        {"load": r"data access violation \(DACCVIOL\)", "store": r"data access violation \(DACCVIOL\)",
                         "illegal": r"undefined instruction \(UNDEFINSTR\)", "stack": "stack overflow",
                         "register": " lr=0x"}, leds=2),
}
# The board under test: cases.py sets it from --board.
BOARD = BOARDS["qemu-virt-rv32"]


def select_board(name):
    global BOARD
    BOARD = BOARDS[name]


class Run:
    def __init__(self, output, exit_code, timed_out):
        self.output = output
        self.exit_code = exit_code
        self.timed_out = timed_out

    def lines(self):
        return self.output.splitlines()


def app(build, name):
    path = os.path.join(build, "userland", "apps", name + ".tbf")
    if not os.path.exists(path):
        raise SystemExit(f"missing app image {path} (build the board's target first)")
    return path


def layout(apps, out_path, corrupt=None):
    subprocess.run([sys.executable, os.path.join(REPO, "tools", "tbf-layout"), "-o", out_path, *apps], check=True)
    if corrupt is not None:
        offset, xor = corrupt
        with open(out_path, "r+b") as f:
            f.seek(offset)
            byte = f.read(1)[0]
            f.seek(offset)
            f.write(bytes([byte ^ xor]))


def boot(build, apps, timeout=30, corrupt=None, rng=True, until=None, qemu_args=(), typed=(), end=None,
         icount_sleep=True, kernel=None, storage=None):
    """Boots the kernel with `apps` (TBF paths); returns a Run. With `until` (a string), QEMU is stopped as soon as
    the console shows it (for runs with a process that never ends; the same as `end`). `typed` is a list of (prompt, text) steps fed to the serial port as a person would type: once
    the console shows `prompt` (after what the step before waited for), `text` is written to QEMU's stdin, which is
    the board's UART (str or bytes, both). `end` (default: the kernel's "all processes have ended") is where the run
    stops, once it shows after the last step (run_to_end). With icount_sleep=False the virtual clock jumps to the
    next timer deadline whenever the guest idles, instead of following the host's clock while it waits: every time
    the guest reads is then an exact instruction count, the same on every run however loaded the host is. `kernel`
    boots another image of the board (Board.kernel's variants) instead of the board's own. `storage`
    (qemu-virt-rv32 only) is a flash image file attached as flash bank 0, created erased if missing; boot again with
    the same path to see what the last run stored (the power is "cut" when QEMU is stopped)."""
    with tempfile.TemporaryDirectory() as tmp:
        image = os.path.join(tmp, "apps.bin")
        layout(apps, image, corrupt)
        command = [BOARD.qemu, *BOARD.machine, "-nographic", "-monitor", "none", "-serial", "stdio",
                   "-icount", "shift=0" if icount_sleep else "shift=0,sleep=off", "-kernel", kernel or BOARD.kernel(build),
                   "-device", f"loader,file={image},addr={BOARD.app_region:#x}"]
        if rng:
            command += BOARD.extras_with_rng
        if storage is not None:
            if BOARD.name != "qemu-virt-rv32":
                raise Failure(f"{BOARD.name} has no flash bank for storage")
            flash_image.ensure(storage)
            command += flash_image.qemu_args(storage, KERNEL_ENTRY_RV32)
        command += list(qemu_args)
        if until is not None:
            end = until
        return run_to_end(command, timeout, typed, ALL_ENDED if end is None else end)


ALL_ENDED = b"keel: all processes have ended\n"
TYPING_DELAY_S = 0.05


def as_bytes(text):
    return text.encode() if isinstance(text, str) else text


def run_to_end(command, timeout, stdin_script=(), end=ALL_ENDED):
    """Runs QEMU until the console shows `end` (by default the kernel's report that every process has ended: exit
    code 0), QEMU exits (its status), or `timeout` seconds pass (exit code None, timed out). `stdin_script`:
    (wait_for, send) pairs of bytes: once the console has shown `wait_for` since the previous step, `send` is typed
    into the serial port; `end` then counts only once it appears after the last step's `wait_for`."""
    import select
    import time
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    output = b""
    steps = [(as_bytes(wait_for), as_bytes(send)) for wait_for, send in stdin_script]
    end = as_bytes(end)
    searched_from = 0
    exit_code, timed_out = None, True
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([process.stdout], [], [], 0.2)
            if ready:
                chunk = process.stdout.read1(4096)
                if not chunk:
                    process.wait()
                    exit_code, timed_out = process.returncode, False
                    break
                output += chunk
            while steps and steps[0][0] in output[searched_from:]:
                searched_from = output.index(steps[0][0], searched_from) + len(steps[0][0])
                # As a person would: a moment after the prompt, by which time the process has asked for its read.
                # Keys typed before a process's first read go to the process console (README, "The process console").
                time.sleep(TYPING_DELAY_S)
                try:
                    process.stdin.write(steps.pop(0)[1])
                    process.stdin.flush()
                except BrokenPipeError:
                    pass  # QEMU has ended; its output says why
            if not steps and end in output[searched_from:]:
                exit_code, timed_out = 0, False
                break
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    return Run(output.decode("utf-8", "replace"), exit_code, timed_out)


class Failure(Exception):
    pass


def expect(condition, message, run):
    if not condition:
        raise Failure(message + "\n--- console output ---\n" + run.output + "--- end ---")
