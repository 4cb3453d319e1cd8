"""Seed corpus for the loader fuzzer (tests/fuzz/loader_fuzz.cpp): real TBFs from the build, and hand-made edge cases.

Every seed is an input of the harness: one options byte (bit 0: the harness recomputes every checksum) followed by
the start of the board's app flash. `write_seeds(board, build_root, directory)` writes them, one file each:
  - app-<target>-<name>: each TBF the rv32imac and cortex-m4 builds made, alone, as built (checksum intact);
  - placed-<target>-<name>: the same TBF with its Fixed Addresses (if any) moved to where it lies in the image, so it
    loads on this board, RAM wherever its slot asks;
  - layout-<target>-<k>: several of them in a row, each placed (the usual multi-app flash);
  - edge-<what>: hand-made headers around every check the parser and the loader make (fixed addresses inside, at
    the end of, above and wrapping past process RAM, bad checksums, truncated headers and TLVs, huge and unaligned
    sizes, a full process table, ...).
"""
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tools"))
import tbf  # noqa: E402  (tools/tbf.py)

FIX_CHECKSUMS = 0x01
NOT_FIXED = 0xFFFFFFFF
TLV_MAIN, TLV_WRITEABLE, TLV_NAME, TLV_FIXED, TLV_PERMISSIONS, TLV_STORAGE, TLV_KERNEL_VERSION, TLV_PROGRAM = (
    1, 2, 3, 5, 6, 7, 8, 9)
TLV_SHORT_ID, TLV_CREDENTIALS = 10, 128


def board_regions(board):
    """(app flash start, end, process RAM start, end) from boards/<board>/layout.ld, as the harness is linked."""
    with open(os.path.join(REPO, "boards", board, "layout.ld")) as f:
        script = f.read()
    regions = []
    for name in ("app_flash", "process_ram"):
        found = re.search(name + r" \([a-z]+\) *: *ORIGIN = (0x[0-9A-Fa-f]+), LENGTH = (0x[0-9A-Fa-f]+)", script)
        if found is None:
            raise SystemExit(f"boards/{board}/layout.ld: no {name} region")
        start = int(found.group(1), 16)
        regions += [start, start + int(found.group(2), 16)]
    return tuple(regions)


def with_checksum(image):
    """`image` with the checksum of the TBF at its start recomputed (its header_size must be sane)."""
    image = bytearray(image)
    header_size = struct.unpack_from("<H", image, 2)[0]
    struct.pack_into("<I", image, 12, tbf.checksum(bytes(image[:header_size])))
    return bytes(image)


def tlvs_of(image):
    """[(offset of the TLV body, type, length)] of the TBF at the start of `image`."""
    header_size = struct.unpack_from("<H", image, 2)[0]
    found = []
    at = 16
    while at + 4 <= header_size:
        kind, length = struct.unpack_from("<HH", image, at)
        found.append((at + 4, kind, length))
        at += 4 + tbf.align_up(length, 4)
    return found


def placed(image, address):
    """The TBF `image` as it must be to load at flash `address`: its Fixed Addresses flash (if fixed) moved to
    where its binary then lies; its RAM stays where it was linked."""
    image = bytearray(image)
    header_size = struct.unpack_from("<H", image, 2)[0]
    for body, kind, length in tlvs_of(image):
        if kind == TLV_FIXED and length == 8 and struct.unpack_from("<I", image, body + 4)[0] != NOT_FIXED:
            trailer = 0
            for main_body, main_kind, main_length in tlvs_of(image):
                if main_kind in (TLV_MAIN, TLV_PROGRAM) and main_length >= 12:
                    trailer = struct.unpack_from("<I", image, main_body + 4)[0]
            struct.pack_into("<I", image, body + 4, address + header_size + trailer)
    return with_checksum(image)


def app(name="edge", ram=4096, binary=64, flags=1, fixed=None, version=(2, 2), main=False, extra=(),
        init=0, trailer=0, total=None, header_size=None, program_end=None):
    """A hand-made app TBF: Program (or Main) TLV, package name, kernel version, optional Fixed Addresses
    (ram, flash) and extra TLVs, then `binary` bytes of app. `total`/`header_size` override the base fields."""
    rest = b""
    tlv_bodies = [(TLV_NAME, name.encode() if isinstance(name, str) else name)]
    if version is not None:
        tlv_bodies.append((TLV_KERNEL_VERSION, struct.pack("<HH", *version)))
    if fixed is not None:
        tlv_bodies.append((TLV_FIXED, struct.pack("<II", *fixed)))
    tlv_bodies += list(extra)
    size_without_main = 16 + sum(4 + tbf.align_up(len(b), 4) for _, b in tlv_bodies)
    size = size_without_main + (4 + 12 if main else 4 + 20)
    whole = size + trailer + binary
    if main:
        rest += tbf.tlv(TLV_MAIN, struct.pack("<III", trailer + init, trailer, ram))
    else:
        end = whole if program_end is None else program_end
        rest += tbf.tlv(TLV_PROGRAM, struct.pack("<IIIII", trailer + init, trailer, ram, end, 1))
    for kind, body in tlv_bodies:
        rest += tbf.tlv(kind, body)
    hs = size if header_size is None else header_size
    ts = whole if total is None else total
    header = bytearray(struct.pack("<HHIII", 2, hs, ts, flags, 0) + rest)
    if hs % 4 == 0 and hs <= len(header):
        struct.pack_into("<I", header, 12, tbf.checksum(bytes(header[:hs])))
    return bytes(header) + bytes(binary + trailer)


def edge_cases(regions):
    """{name: (options, image)} of hand-made inputs around the parser's and the loader's checks."""
    flash, flash_end, ram, ram_end = regions
    def fixed_here(ram_address, offset=0, **kw):
        """An app whose Fixed Addresses say: binary where it lies (at `offset` in the image), RAM at `ram_address`."""
        image = app(fixed=(ram_address, 0), **kw)
        header_size = struct.unpack_from("<H", image, 2)[0]
        return placed_fixed(image, flash + offset + header_size + kw.get("trailer", 0), ram_address)

    def placed_fixed(image, flash_address, ram_address):
        image = bytearray(image)
        for body, kind, length in tlvs_of(image):
            if kind == TLV_FIXED:
                struct.pack_into("<II", image, body, ram_address, flash_address)
        return with_checksum(image)

    cases = {}
    # Fixed addresses: inside process RAM, its last block, unaligned, above it, wrapping past 2^32, in RAM that is
    # not process RAM (the kernel's), below it, and a flash address that is not where the binary lies.
    for label, address in [("ram-start", ram), ("ram-next-block", ram + 0x10000), ("ram-last-block", ram_end - 0x2000),
                           ("ram-end", ram_end), ("ram-unaligned", ram + 4), ("ram-above", 0x90000000),
                           ("ram-wraps", 0xFFFFF000), ("ram-kernel", ram_end + 0x100000), ("ram-below", ram - 0x1000),
                           ("ram-zero", 0), ("ram-not-fixed", NOT_FIXED)]:
        cases[f"fixed-{label}"] = (0, fixed_here(address))
    cases["fixed-flash-elsewhere"] = (0, placed_fixed(app(fixed=(ram, 0)), flash + 0x1000, ram))
    cases["fixed-flash-only"] = (0, placed_fixed(app(fixed=(NOT_FIXED, 0)), flash + 0x80, NOT_FIXED))
    cases["fixed-both-not-fixed"] = (0, placed_fixed(app(fixed=(0, 0)), NOT_FIXED, NOT_FIXED))
    cases["fixed-big-ram-at-end"] = (0, fixed_here(ram_end - 0x1000, ram=0x4000))
    # Two apps asking for the same RAM, and for overlapping RAM.
    one = fixed_here(ram)
    cases["fixed-same-ram-twice"] = (0, one + fixed_here(ram, offset=len(one)))
    big = fixed_here(ram, ram=0x8000)
    cases["fixed-overlapping-ram"] = (0, big + fixed_here(ram + 0x4000, offset=len(big)))
    # Checksums: wrong, and zero.
    good = app()
    bad = bytearray(good)
    bad[12] ^= 1
    cases["checksum-flipped"] = (0, bytes(bad) + good)
    zeroed = bytearray(good)
    zeroed[12:16] = bytes(4)
    cases["checksum-zero"] = (0, bytes(zeroed))
    # Truncated: the image cut inside its header, a header_size past total_size, a TLV running past the header,
    # a header_size that is not a multiple of 4, below 16, and a TLV header cut short.
    cases["truncated-in-header"] = (0, good[:24])
    cases["truncated-base-header"] = (0, good[:10])
    cases["header-past-total"] = (FIX_CHECKSUMS, app(total=40, binary=0))
    cases["header-size-unaligned"] = (0, app(header_size=0x32))
    cases["header-size-small"] = (0, app(header_size=8))
    long_tlv = bytearray(good)
    struct.pack_into("<H", long_tlv, 16 + 2, 0xFFF0)
    cases["tlv-past-header"] = (FIX_CHECKSUMS, bytes(long_tlv))
    cases["tlv-header-cut"] = (FIX_CHECKSUMS, app(header_size=struct.unpack_from("<H", good, 2)[0] + 4,
                                                  binary=64))
    # Huge sizes: total_size 0xFFFFFFFF and the whole flash, header_size 0xFFFC, minimum RAM all the RAM, more than
    # it, 2^31, 2^32 - 1.
    cases["total-huge"] = (FIX_CHECKSUMS, app(total=0xFFFFFFFF))
    cases["total-whole-flash"] = (FIX_CHECKSUMS, app(total=flash_end - flash))
    cases["header-size-huge"] = (FIX_CHECKSUMS, app(header_size=0xFFFC, total=0x10000))
    for label, size in [("all", ram_end - ram), ("more", ram_end - ram + 1), ("2g", 0x80000000), ("max", 0xFFFFFFFF),
                        ("minus-grant", ram_end - ram - 1024), ("zero", 0), ("odd", 4097)]:
        cases[f"ram-{label}"] = (0, app(ram=size))
    # Unaligned sizes: an app whose total_size is not a multiple of 4, and an app after it (unaligned address).
    cases["total-unaligned"] = (0, app(binary=65))
    cases["total-unaligned-then-app"] = (0, app(binary=65) + app(name="second"))
    # Many apps: a full table (9), more claims than the kernel keeps (17), alternating with padding.
    many = b""
    for k in range(17):
        many += app(name=f"app{k}", ram=1024)
    cases["seventeen-apps"] = (0, many)
    padded = b""
    for k in range(10):
        padded += tbf.padding_tbf(32) + app(name=f"p{k}", ram=512 * (k + 1))
    cases["padding-between-apps"] = (0, padded)
    # Header contents: disabled, newer kernel, older major, Main instead of Program, bad UTF-8 name, long name, every
    # other TLV type the parser knows (writeable flash, permissions, storage permissions, short ID, credentials in
    # the header), an unknown TLV, init_fn_offset and trailer outside the binary, binary_end_offset inside the header.
    cases["disabled"] = (0, app(flags=0))
    cases["kernel-newer-minor"] = (0, app(version=(2, 3)))
    cases["kernel-other-major"] = (0, app(version=(1, 0)))
    cases["no-kernel-version"] = (0, app(version=None))
    cases["main-tlv"] = (0, app(main=True))
    cases["name-bad-utf8"] = (0, app(name=b"\xc3\x28\xed\xa0\x80"))
    cases["name-utf8"] = (0, app(name="k\u00e9el\u2603\U0001F600"))
    cases["name-long"] = (0, app(name="n" * 300))
    cases["writeable-regions"] = (0, app(extra=[(TLV_WRITEABLE, struct.pack("<IIII", 0, 16, 64, 32) * 3)]))
    cases["writeable-outside"] = (0, app(extra=[(TLV_WRITEABLE, struct.pack("<II", 0x100, 0xFFFFFFFF))]))
    cases["permissions"] = (0, app(extra=[(TLV_PERMISSIONS, struct.pack("<H", 2) + bytes(32))]))
    cases["permissions-short"] = (0, app(extra=[(TLV_PERMISSIONS, struct.pack("<H", 9) + bytes(16))]))
    cases["storage"] = (0, app(extra=[(TLV_STORAGE, struct.pack("<IHI", 1, 1, 7) + struct.pack("<HI", 1, 8))]))
    cases["storage-short"] = (0, app(extra=[(TLV_STORAGE, struct.pack("<IHH", 1, 0xFFFF, 0))]))
    cases["short-id"] = (0, app(extra=[(TLV_SHORT_ID, struct.pack("<I", 0x1234))]))
    cases["credentials-in-header"] = (0, app(extra=[(TLV_CREDENTIALS, bytes(8))]))
    cases["unknown-tlv"] = (0, app(extra=[(0x77, bytes(5))]))
    cases["init-outside"] = (0, app(init=0x1000))
    cases["trailer-past-app"] = (FIX_CHECKSUMS, app(trailer=0x100, binary=16, total=0x80))
    cases["trailer"] = (0, app(trailer=64, binary=16))
    cases["binary-end-in-header"] = (0, app(program_end=20))
    cases["padding-only"] = (0, tbf.padding_tbf(64) + tbf.padding_tbf(16))
    cases["header-only-no-main"] = (FIX_CHECKSUMS, tbf.base_header(24, 64, 1, tbf.tlv(TLV_NAME, b"pad")) + bytes(40))
    cases["erased"] = (0, b"\xff" * 32)
    cases["zeroes"] = (0, bytes(32))
    return cases


def real_tbfs(build_root):
    """[(target, name, bytes)] of every TBF the rv32imac and cortex-m4 builds made (their userland apps)."""
    found = []
    for target in ("rv32imac", "cortex-m4"):
        directory = os.path.join(build_root, target, "userland", "apps")
        if not os.path.isdir(directory):
            raise SystemExit(f"no {directory}: build the {target} target first (make build-{target})")
        for name in sorted(os.listdir(directory)):
            if name.endswith(".tbf"):
                with open(os.path.join(directory, name), "rb") as f:
                    found.append((target, name[:-4], f.read()))
    if not found:
        raise SystemExit(f"no TBFs under {build_root}/*/userland/apps")
    return found


def write_seeds(board, build_root, directory):
    """Writes the seeds for `board`'s harness into `directory` (made if missing); returns how many."""
    regions = board_regions(board)
    flash = regions[0]
    os.makedirs(directory, exist_ok=True)
    seeds = {}
    apps = real_tbfs(build_root)
    for target, name, data in apps:
        seeds[f"app-{target}-{name}"] = bytes([0]) + data
        seeds[f"placed-{target}-{name}"] = bytes([0]) + placed(data, flash)
    # A few multi-app flashes, each app at its place in the row (only apps of distinct RAM slots, as a layout).
    for target in ("rv32imac", "cortex-m4"):
        chosen = [data for t, name, data in apps if t == target and "@" not in name][:6]
        for k in range(0, len(chosen), 3):
            image = b""
            for data in chosen[k:k + 3]:
                image += placed(data, flash + len(image))
            seeds[f"layout-{target}-{k // 3}"] = bytes([0]) + image
    for name, (options, image) in edge_cases(regions).items():
        seeds[f"edge-{name}"] = bytes([options]) + image
    for name, data in seeds.items():
        with open(os.path.join(directory, name), "wb") as f:
            f.write(data)
    return len(seeds)


if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--board", required=True)
    parser.add_argument("--build", required=True, help="the build root (with rv32imac/ and cortex-m4/)")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    print(f"{write_seeds(args.board, args.build, args.output)} seeds in {args.output}")
