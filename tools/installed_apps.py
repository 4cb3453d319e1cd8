# SPDX-License-Identifier: Apache-2.0
"""The apps installed for one build with tools/keel-apps, which `make run` (tools/run-qemu) boots.

<build>/installed-apps/ holds a copy of each installed app (its TBF or TAB, and its ELF when it had one next to it:
moving an rv32 app and naming source lines need the very ELF the TBF was packed from, whatever is rebuilt later),
manifest.json (the apps in install order, and where each came from), and apps.bin: the app-region image they make,
laid out by tools/app_layout.py exactly as run-qemu lays them out.
"""

from __future__ import annotations

import json
import os
import re
import shutil

MANIFEST = "manifest.json"
IMAGE = "apps.bin"


def file_stem(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name) or "app"


class Store:
    def __init__(self, build: str, directory: str = None):
        self.directory = directory or os.path.join(build, "installed-apps")

    @property
    def image(self) -> str:
        return os.path.join(self.directory, IMAGE)

    def entries(self) -> list:
        """[{'name', 'file', 'elf' (or None), 'from'}] in install order; [] when nothing is installed."""
        try:
            with open(os.path.join(self.directory, MANIFEST)) as file:
                return json.load(file)["apps"]
        except (OSError, ValueError, KeyError):
            return []

    def path(self, entry: dict, key: str = "file") -> str:
        return os.path.join(self.directory, entry[key])

    def tbf_paths(self) -> list:
        return [self.path(entry) for entry in self.entries()]

    def save(self, entries: list, staged: dict, image: bytes) -> None:
        """Commits a new app list: `staged` maps file names in the store to the files to copy there."""
        os.makedirs(self.directory, exist_ok=True)
        for name, source in staged.items():
            temporary = os.path.join(self.directory, name + ".tmp")
            shutil.copyfile(source, temporary)
            os.replace(temporary, os.path.join(self.directory, name))
        write_atomically(self.image, image)
        write_atomically(os.path.join(self.directory, MANIFEST),
                         json.dumps({"apps": entries}, indent=2).encode() + b"\n")
        keep = {MANIFEST, IMAGE} | {e["file"] for e in entries} | {e["elf"] for e in entries if e.get("elf")}
        for name in os.listdir(self.directory):
            if name not in keep:
                os.remove(os.path.join(self.directory, name))


def write_atomically(path: str, data: bytes) -> None:
    temporary = path + ".tmp"
    with open(temporary, "wb") as file:
        file.write(data)
    os.replace(temporary, path)
