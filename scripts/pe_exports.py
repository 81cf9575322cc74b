"""Reads what a Windows DLL offers to the programs that load it: its machine type, the name it
gives itself and the names in its export table, straight from the PE file (no Windows tools).

    python3 scripts/pe_exports.py build/windows/x86_64/dpop.dll   # prints one name per line
"""

import struct
import sys
from pathlib import Path
from typing import NamedTuple

MACHINES = {0x8664: "x86_64", 0x14C: "i686"}


class Exports(NamedTuple):
    machine: str  # "x86_64" or "i686"
    dll_name: str  # the name in the export directory, e.g. "dpop.dll"
    names: list[str]  # exported function names, in the table's (sorted) order


def read(path: Path) -> Exports:
    data = path.read_bytes()
    if data[:2] != b"MZ":
        raise ValueError(f"{path}: not a PE file (no MZ header)")
    (pe,) = struct.unpack_from("<I", data, 0x3C)
    if data[pe : pe + 4] != b"PE\0\0":
        raise ValueError(f"{path}: not a PE file (no PE signature)")
    machine, sections, _, _, _, optional_size, _ = struct.unpack_from("<HHIIIHH", data, pe + 4)
    if machine not in MACHINES:
        raise ValueError(f"{path}: unknown machine type {machine:#x}")
    optional = pe + 24
    magic = struct.unpack_from("<H", data, optional)[0]
    directories = optional + {0x10B: 96, 0x20B: 112}[magic]  # PE32, PE32+
    export_rva, _ = struct.unpack_from("<II", data, directories)
    section_table = optional + optional_size
    section_list = [struct.unpack_from("<IIII", data, section_table + 40 * i + 8) for i in range(sections)]

    def offset(rva: int) -> int:
        for virtual_size, address, raw_size, raw_offset in section_list:
            if address <= rva < address + max(virtual_size, raw_size):
                return rva - address + raw_offset
        raise ValueError(f"{path}: RVA {rva:#x} is in no section")

    def string(rva: int) -> str:
        start = offset(rva)
        return data[start : data.index(b"\0", start)].decode("ascii")

    if export_rva == 0:
        return Exports(MACHINES[machine], "", [])
    directory = offset(export_rva)
    name_rva, _, _, name_count, _, names_rva, _ = struct.unpack_from("<IIIIIII", data, directory + 12)
    name_pointers = struct.unpack_from(f"<{name_count}I", data, offset(names_rva))
    return Exports(MACHINES[machine], string(name_rva), [string(rva) for rva in name_pointers])


if __name__ == "__main__":
    print("\n".join(read(Path(sys.argv[1])).names))
