"""Tokens of every incident's description and cause: fugashi with the unidic-lite dictionary.

``lemma`` is the dictionary form as written (UniDic ``orthBase``: ``あっ`` -> ``ある``), not
UniDic's ``lemma`` field, which gives a normalised headword (``有る``, ``メール-mail``);
unknown words fall back to their surface. ``pos`` is UniDic's ``pos1``, ``pos_detail`` the
finer levels ``pos2``–``pos4`` joined with ``-`` (``普通名詞-サ変可能``).
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import version

import fugashi
import unidic_lite

from .records import Incident, Token

_UNSET = ("", "*")
# MeCab prints only what we use, one word a line: surface, pos1, pos2-pos3-pos4 (``%F-``
# joins them and skips unset ``*`` levels) and orthBase (UniDic feature 10). Formatting inside
# MeCab is several times faster than reading each word's features through fugashi's node
# objects. ``-O ""`` drops UniDic's own output format, which would override ``-F``;
# ``-r /dev/null`` because the dictionary's dicrc is all we need.
_OUTPUT_FORMAT = (
    r'-O "" -F%m\\t%f[0]\\t%F-[1,2,3]\\t%f[10]\\n'
    r" -U%m\\t%f[0]\\t%F-[1,2,3]\\t\\n -EEOS\\n"
)


@cache
def _tagger() -> fugashi.GenericTagger:
    return fugashi.GenericTagger(f'-r /dev/null -d "{unidic_lite.DICDIR}" {_OUTPUT_FORMAT}')


def dictionary_info() -> str:
    """Name and version of the tokeniser and dictionary, for the output metadata."""
    return (f"fugashi {version('fugashi')} + unidic-lite {version('unidic-lite')} "
            f"(UniDic {unidic_lite.VERSION})")


def tokenize(text: str) -> list[tuple[str, str, str, str]]:
    """(surface, lemma, pos, pos_detail) of each word of ``text``."""
    words = []
    # MeCab reads a C string: a NUL (a damaged PDF's text) would cut its output mid-line
    for line in _tagger().parse(text.replace("\0", "")).split("\n"):
        if line == "EOS":
            break
        surface, pos, detail, orth_base = line.split("\t")
        words.append((surface, surface if orth_base in _UNSET else orth_base, pos, detail))
    return words


def incident_tokens(incidents: list[Incident]) -> list[Token]:
    """Tokens of each incident's description, then its cause (同上 resolved)."""
    tokenized: dict[str, list[tuple[str, str, str, str]]] = {}  # causes repeat (同上)
    tokens: list[Token] = []
    for incident in incidents:
        for field, text in (("description", incident.description), ("cause", incident.cause)):
            if text not in tokenized:
                tokenized[text] = tokenize(text)
            tokens += [Token(incident.no, field, number, *word)
                       for number, word in enumerate(tokenized[text], start=1)]
    return tokens
