"""Text normalisation: the one place where printed text is made comparable.

Every cell and line a reader produces goes through ``normalize`` exactly once, before the
structure stage sees it. What it does, and why:

* **NFKC** (Unicode compatibility composition):
  full-width digits and Latin letters become ASCII (``３３５`` -> ``335``, ``ＢＣＣ`` -> ``BCC``);
  full-width parentheses and punctuation become ASCII (``（２名分）`` -> ``(2名分)``,
  ``：`` -> ``:``, ``～`` -> ``~``); the ideographic space U+3000 becomes an ASCII space;
  half-width katakana become full-width (``ﾒｰﾙ`` -> ``メール``); CJK compatibility
  ideographs (U+F900–FAFF, e.g. U+F9DC -> ``隆``) and Kangxi radicals (U+2F00–2FDF,
  ``⼈`` -> ``人``) become the ordinary ideograph; enclosed and squared forms are spelled
  out (``①`` -> ``1``, ``㈱`` -> ``(株)``, ``㍻`` -> ``平成``).
  Japanese brackets ``【】「」『』`` and the ideographic comma/full stop ``、。`` are not
  compatibility characters and stay as they are.
* **CJK Radicals Supplement** (U+2E80–2EFF): NFKC leaves these alone although PDF text
  layers use some of them for ordinary ideographs (``⺠`` for ``民``, ``⻑`` for ``長``);
  ``RADICAL_FOLDS`` maps those.
* **Minus sign** U+2212 ``−`` becomes ``-``: NFKC keeps it, PDF engines disagree on whether a
  glyph is one or the other, and tables use both for "none" and for negative numbers.
* **Whitespace**: every run of whitespace becomes one ASCII space and the ends are trimmed.
  A single space between Japanese characters is *kept* here, because in running text it
  separates things (two departments: ``保健予防課 住民接種担当課``). Only labels — row labels,
  column headings, group and category names — drop it, through ``compact_label``, because
  Japanese typesetting spreads short labels over a cell (``合 計``, ``区 分``).

``normalize`` returns the text; ``fold_count`` tells how many characters the two folds of
compatibility ideographs and radicals changed, so a reader can report them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# CJK Radicals Supplement code points whose glyph is a whole ideograph of Japanese text,
# mapped to that ideograph (as in Unicode's EquivalentUnifiedIdeograph.txt). Radicals that
# are only components (亻, 氵, 艹 ...) and the Chinese-simplified forms are left alone: they
# do not stand for a character of running Japanese text.
RADICAL_FOLDS = str.maketrans(
    {
        "\u2e81": "厂", "\u2e9f": "母", "\u2ea0": "民", "\u2ea9": "王", "\u2eac": "示",
        "\u2eaf": "糸", "\u2ebd": "臼", "\u2ec1": "虎", "\u2ec4": "西", "\u2ec6": "角",
        "\u2ed1": "長", "\u2ed8": "青", "\u2edd": "食", "\u2ee3": "骨", "\u2ee4": "鬼",
        "\u2ee8": "麦", "\u2ee9": "黄", "\u2eeb": "斉", "\u2eed": "歯", "\u2eef": "竜",
        "\u2ef2": "亀",
    }
)

_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヵヶ"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")


_FOLDABLE = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")
_RADICAL = re.compile(r"[\u2e80-\u2eff]")

# Full-width ASCII (U+FF01-FF5E) and the ideographic space: nearly every character that
# NFKC changes in a Japanese report. Each one's NFKC form is the single ASCII character
# 0xFEE0 below it (U+3000: the space).
_WIDE = re.compile("[\uff01-\uff5e\u3000]+")
_NARROW = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, about five times faster on a cell whose only
    compatibility characters are full-width ASCII (``（２名分）``).

    Exact, not a guess: replacing a character by its own NFKC decomposition leaves the NFKD
    form of the text, and so its NFKC form, unchanged; when the result is not yet NFKC
    (half-width katakana, ``①``, a mark after ``Ａ``), the library finishes the job.
    """
    if unicodedata.is_normalized("NFKC", text):  # most cells: a quick check, no copy
        return text
    narrowed = _WIDE.sub(lambda wide: wide[0].translate(_NARROW), text)
    if unicodedata.is_normalized("NFKC", narrowed):
        return narrowed
    return unicodedata.normalize("NFKC", narrowed)


def normalize(text: str) -> str:
    """Return ``text`` NFKC-normalised, radicals folded, whitespace collapsed and trimmed."""
    if text.isascii():  # half the cells (numbers): NFKC and the folds change no ASCII character
        return " ".join(text.split())
    if _RADICAL.search(text):  # rare, and translate() with a table is slow on every cell
        text = text.translate(RADICAL_FOLDS)
    folded = _nfkc(text).replace("\u2212", "-")
    # split() and re's \s know the same 29 whitespace characters; split-join is 4x faster
    return " ".join(folded.split())


def fold_count(text: str) -> int:
    """How many compatibility ideographs or radicals ``normalize`` folds in ``text``."""
    return sum(1 for char in _FOLDABLE.findall(text) if normalize(char) != char)


@lru_cache(maxsize=8192)  # a pure function; the table stages key the same labels repeatedly
def compact_label(text: str) -> str:
    """A label as a key: normalised, with spaces between Japanese characters removed.

    ``合 計`` -> ``合計``, ``区 分`` -> ``区分``; ``件数 (件)`` keeps its space because ``(``
    is not a Japanese character.
    """
    return _SPACE_BETWEEN_CJK.sub("", normalize(text))
