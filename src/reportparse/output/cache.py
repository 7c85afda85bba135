"""One cache entry: an input's CSV rows, encoded as OUT's CSVs hold them, in one file.

A re-run copies an entry's rows into OUT as they are: no JSON to decode, nothing to format
again. An entry is used only when every part of it checks out; anything else (an older
format, another key's file, a short or altered file) is as good as absent, and the input is
parsed again. The layout:

* line 1 names the format and its version: ``reportparse-rows 1``;
* line 2 is JSON: the entry's ``key`` (a file copied under another key's name is foreign),
  ``about`` (the input's summary: small), the byte ``sizes`` of each output's rows in order,
  and the ``crc32`` of all of them;
* the rows follow, UTF-8, one output after the other, with no header lines.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass

FORMAT = b"reportparse-rows 1\n"
SUFFIX = ".rows"


@dataclass(frozen=True)
class Unpacked:
    about: dict
    rows: dict[str, memoryview]  # output name -> its UTF-8 CSV lines


def pack(key: str, about: dict, rows: dict[str, bytes]) -> bytes:
    """The bytes of the entry ``key``: ``about`` (JSON-able) and each output's rows."""
    header = {"key": key, "about": about, "sizes": [[name, len(data)] for name, data in rows.items()],
              "crc32": _crc32(rows.values())}
    return FORMAT + json.dumps(header, ensure_ascii=False).encode() + b"\n" + b"".join(rows.values())


def unpack(key: str, data: bytes) -> Unpacked | None:
    """The entry ``key`` read from ``data``, or None when it is not an entry to trust."""
    if not data.startswith(FORMAT):
        return None
    end = data.find(b"\n", len(FORMAT))
    if end < 0:
        return None
    try:
        header = json.loads(data[len(FORMAT):end])
    except ValueError:
        return None
    if not _well_formed(header) or header["key"] != key:
        return None
    view = memoryview(data)
    rows, offset = {}, end + 1
    for name, size in header["sizes"]:
        rows[name] = view[offset:offset + size]
        offset += size
    if offset != len(data) or _crc32(rows.values()) != header["crc32"]:
        return None
    return Unpacked(header["about"], rows)


def _well_formed(header: object) -> bool:
    """True when ``header`` has every field of line 2, each of its type."""
    return (isinstance(header, dict) and isinstance(header.get("key"), str)
            and isinstance(header.get("about"), dict) and isinstance(header.get("crc32"), int)
            and isinstance(header.get("sizes"), list)
            and all(isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
                    and isinstance(item[1], int) and item[1] >= 0 for item in header["sizes"]))


def _crc32(parts) -> int:
    crc = 0
    for part in parts:
        crc = zlib.crc32(part, crc)
    return crc
