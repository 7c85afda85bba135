"""Tokens of every incident's description and cause: fugashi with the unidic-lite dictionary.

``lemma`` is the dictionary form as written (UniDic ``orthBase``: ``あっ`` -> ``ある``), not
UniDic's ``lemma`` field, which gives a normalised headword (``有る``, ``メール-mail``);
unknown words fall back to their surface. ``pos`` is UniDic's ``pos1``, ``pos_detail`` the
finer levels ``pos2``–``pos4`` joined with ``-`` (``普通名詞-サ変可能``).

A report keeps MeCab's output as text (``Words``: one word a line, its four fields separated
by TABs), not a ``Token`` object per word: a report of 40,000 incidents has two million
words, and the batch path turns that text straight into tokens.csv lines with a few string
operations per incident text (``csv_lines``). ``Report.token_records`` builds the objects
when asked.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib.metadata import version
from operator import add

import fugashi
import unidic_lite

from .output.writers import csv_text
from .records import Incident, Words, incident_texts

# MeCab prints only what we use, one word a line, in the columns of tokens.csv: surface,
# orthBase (UniDic feature 10; for an unknown word, ``-U``, its surface again), pos1 and
# pos2-pos3-pos4 (``%F-`` joins them and skips unset ``*`` levels). Formatting inside MeCab
# is several times faster than reading each word's features through fugashi's node
# objects. ``-O ""`` drops UniDic's own output format, which would override ``-F``;
# ``-r /dev/null`` because the dictionary's dicrc is all we need.
_OUTPUT_FORMAT = (
    r'-O "" -F%m\\t%f[10]\\t%f[0]\\t%F-[1,2,3]\\n'
    r" -U%m\\t%m\\t%f[0]\\t%F-[1,2,3]\\n -EEOS"
)
# A known word whose orthBase is unset (``*`` or empty) takes its surface as lemma too.
_UNSET_LEMMA = re.compile(r"^([^\t\n]*)\t\*?(\t[^\t\n]*\t[^\t\n]*)$", re.MULTILINE)
# What makes csv_text quote a field or neutralise it as a formula: a comma, a quote or a
# CR anywhere, ``= + - @`` at the start of a field (TAB and CR cannot start a MeCab field).
# Words with any of these take the exact, slower path. Substring tests for the characters
# (a character class is ten times slower here); ``-`` is in most pos_detail fields, so for
# it only a field start counts: a pattern that finds each ``-`` by a fast literal search and
# then looks behind it for a TAB or newline (three times faster than looking for the pairs).
_SPECIAL = ',"\r=+@'
_DASH_OPENING_A_FIELD = re.compile(r"-(?<=[\t\n]-)")

@cache
def _tagger() -> fugashi.GenericTagger:
    return fugashi.GenericTagger(f'-r /dev/null -d "{unidic_lite.DICDIR}" {_OUTPUT_FORMAT}')


def dictionary_info() -> str:
    """Name and version of the tokeniser and dictionary, for the output metadata."""
    return (f"fugashi {version('fugashi')} + unidic-lite {version('unidic-lite')} "
            f"(UniDic {unidic_lite.VERSION})")


# MeCab reads a C string (a NUL ends it) and its output is split on TAB and newline, which a
# combining mark would join to; a damaged PDF can put any of these in a description.
_UNTOKENIZABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u0300-\u036f]")


def tag(text: str) -> str:
    """The words of ``text``, one a line: surface, lemma, pos, pos_detail separated by TABs."""
    words = _tagger().parse(_UNTOKENIZABLE.sub("", text)).removesuffix("EOS")
    # "*" first: a one-character search is ten times faster than one for "\t*\t"
    if "\t\t" in words or ("*" in words and "\t*\t" in words):
        words = _UNSET_LEMMA.sub(r"\1\t\1\2", words)
    return words


def tokenize(text: str) -> list[tuple[str, str, str, str]]:
    """(surface, lemma, pos, pos_detail) of each word of ``text``."""
    words = []
    for line in tag(text).split("\n")[:-1]:
        surface, lemma, pos, detail = line.split("\t")
        words.append((surface, lemma, pos, detail))
    return words


def incident_words(incidents: list[Incident]) -> Words:
    """The words of each distinct description and cause (causes repeat: 同上)."""
    words: Words = {}
    for _, _, text in incident_texts(incidents):
        if text not in words:
            words[text] = tag(text)
    return words


_COUNTERS: list[str] = []  # "1,", "2,", … grown as long texts need them


def _counters(count: int) -> list[str]:
    _COUNTERS.extend(f"{number}," for number in range(len(_COUNTERS) + 1, count + 1))
    return _COUNTERS


def _needs_formatting(words: str) -> bool:
    return (any(character in words for character in _SPECIAL) or words.startswith("-")
            or _DASH_OPENING_A_FIELD.search(words) is not None)


def _numbered(words: str, plain: bool) -> list[str]:
    """``words`` as tokens.csv cells from token_no on, one line each (no newline).

    ``plain``: no word needs quoting or neutralising (else each takes ``csv_text``).
    """
    if plain:
        lines = words.replace("\t", ",").split("\n")
    else:
        lines = csv_text(line.split("\t") for line in words.split("\n")[:-1]).split("\n")
    lines.pop()  # after the last newline
    return list(map(add, _counters(len(lines)), lines))


def csv_lines(report_id: str, incidents: list[Incident], words: Words) -> str:
    """The lines of tokens.csv for one report, exactly as ``csv_text`` writes its rows."""
    texts = list(incident_texts(incidents))
    if not texts:
        return ""
    report = csv_text([(report_id,)])[:-1]  # quoted or neutralised once, not on every line
    # only texts that come back (同上 causes) are kept: a big report's would double its size
    repeated = {text for text, count in Counter(text for _, _, text in texts).items() if count > 1}
    # one look at all the words (nearly always plain), not one per text: the search for a
    # field opening with "-" costs the same on one long text as on forty short ones
    plain = not _needs_formatting("".join(words.values()))
    numbered: dict[str, list[str]] = {}
    parts: list[str] = []
    for no, name, text in texts:
        lines = numbered.get(text) or _numbered(words[text], plain)
        if text in repeated:
            numbered[text] = lines
        if lines:
            # the prefix goes in as the separator of the lines: one join, no second pass
            start = f"{report},{'' if no is None else no},{name},"
            parts += (start, ("\n" + start).join(lines), "\n")
    return "".join(parts)
