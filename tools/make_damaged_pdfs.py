"""Damaged copies of the corpus PDFs: random bytes overwritten, reproducibly.

    python tools/make_damaged_pdfs.py OUT [--copies 40] [--seed 11]

Writes ``OUT/<stem>-<n>.pdf``: copies of the corpus PDFs taken in turn, each with a few
random bytes replaced by random values (5 in most, 40 in every fourth copy), the kind of
damage a bad download or disk leaves. The same seed gives the same files. Used by
``tests/test_damaged.py``, which expects each copy to give the golden output, a named
error or a failed ``damaged`` check.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLIPS = (5, 5, 5, 40)  # bytes replaced in copy n: FLIPS[n % 4]


def damaged_copies(out: Path, copies: int = 40, seed: int = 11) -> list[Path]:
    sources = sorted((ROOT / "corpus").glob("nerima_*.pdf"))  # the seed renderings
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(copies):
        source = sources[number % len(sources)]
        data = bytearray(source.read_bytes())
        for _ in range(FLIPS[number % len(FLIPS)]):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path = out / f"{source.stem}-{number:02}.pdf"
        path.write_bytes(bytes(data))
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    for path in damaged_copies(args.out, args.copies, args.seed):
        print(path)


if __name__ == "__main__":
    main()
