"""--max-memory counts from what a worker inherits: a parent holding reserved address space
(pyarrow's allocator reserves 1 GB on first use, Datasette's threads more) must still leave
its workers room to parse. Before, the limit was absolute, and test_pdf failed whenever
test_formats had run first in the same process."""

from __future__ import annotations

import mmap
import resource
from pathlib import Path

import pytest

from reportparse.cli import main

PDF = Path(__file__).resolve().parents[1] / "corpus" / "nerima_r3_word.pdf"


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs Linux /proc")
def test_a_parent_with_reserved_address_space_still_parses_pdfs(tmp_path):
    # 1.8 GB reserved, never touched: address space, no memory (as mimalloc's arena)
    reserved = mmap.mmap(-1, 1800 * 1024**2, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS,
                         prot=mmap.PROT_READ)
    try:
        status = main(["parse", str(PDF), "-o", str(tmp_path / "out"), "-q",
                       "--engine", "pdfplumber", "--max-memory", "1024"])
    finally:
        reserved.close()
    assert status == 0, (tmp_path / "out" / "errors.csv").read_text("utf-8-sig")
    assert resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY  # parent as it was
