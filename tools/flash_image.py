# SPDX-License-Identifier: Apache-2.0
"""The flash image behind qemu-virt-rv32's parallel flash bank 0 (tools/run-qemu --storage, the QEMU tests).

QEMU's virt machine maps the image at 0x2000_0000 as CFI NOR flash (pflash_cfi01), writes through to the file at
once, and requires it to be exactly the bank's size. A new image is all 0xff: erased flash. With a unit-0 flash
image QEMU starts the hart at the flash base rather than at the kernel, so the hart's reset pc is set back to the
kernel's entry with a generic loader device (it loads nothing)."""

import os

BANK_SIZE = 32 * 1024 * 1024
ERASED = 0xFF


class ImageError(Exception):
    pass


def ensure(path: str, size: int = BANK_SIZE) -> bool:
    """Makes `path` an image of `size` bytes: creates it erased when missing (returns True), keeps it as it is when it
    already has that size (False), and refuses any other file."""
    if os.path.exists(path):
        if not os.path.isfile(path):
            raise ImageError(f"{path} is not a regular file")
        actual = os.path.getsize(path)
        if actual != size:
            raise ImageError(f"{path} is {actual} bytes; a flash image must be exactly {size} bytes ({size // 2**20} "
                             f"MiB, the size of the flash bank). Use another file, or delete this one to start with "
                             f"erased flash")
        return False
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise ImageError(f"cannot create {path}: no directory {directory}")
    chunk = bytes([ERASED]) * (1024 * 1024)
    with open(path, "wb") as file:
        for _ in range(size // len(chunk)):
            file.write(chunk)
        file.write(bytes([ERASED]) * (size % len(chunk)))
    return True


def qemu_args(path: str, entry: int) -> list:
    """QEMU arguments for the image as bank 0, with the hart started at the kernel's `entry`."""
    return ["-drive", f"if=pflash,format=raw,unit=0,file={os.path.abspath(path)}",
            "-device", f"loader,addr={entry:#x},cpu-num=0"]
