"""Tokens of every incident's description and cause: fugashi with the unidic-lite dictionary.

``lemma`` is the dictionary form as written (UniDic ``orthBase``: ``あっ`` -> ``ある``), not
UniDic's ``lemma`` field, which gives a normalised headword (``有る``, ``メール-mail``);
unknown words fall back to their surface. ``pos`` is UniDic's ``pos1``, ``pos_detail`` the
finer levels ``pos2``–``pos4`` joined with ``-`` (``普通名詞-サ変可能``).
"""

from __future__ import annotations

import csv
from functools import cache
from importlib.metadata import version

import fugashi
import unidic_lite

from .records import Incident, Token

_UNSET = ("", "*")
_ORTH_BASE = 10  # position of orthBase in a UniDic feature row (pos1..pos4 are 0..3)


@cache
def _tagger() -> fugashi.Tagger:
    return fugashi.Tagger(f'-d "{unidic_lite.DICDIR}"')


def dictionary_info() -> str:
    """Name and version of the tokeniser and dictionary, for the output metadata."""
    return f"fugashi {version('fugashi')} + unidic-lite {version('unidic-lite')}"


def _word(surface: str, raw_features: str) -> tuple[str, str, str, str]:
    # Splitting the raw CSV row is several times faster than fugashi's named-tuple features.
    row = next(csv.reader([raw_features])) if '"' in raw_features else raw_features.split(",")
    orth_base = row[_ORTH_BASE] if len(row) > _ORTH_BASE else ""
    detail = "-".join(value for value in row[1:4] if value not in _UNSET)
    return surface, orth_base if orth_base not in _UNSET else surface, row[0], detail


def tokenize(text: str) -> list[tuple[str, str, str, str]]:
    """(surface, lemma, pos, pos_detail) of each word of ``text``."""
    return [_word(word.surface, word.feature_raw) for word in _tagger()(text)]


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
