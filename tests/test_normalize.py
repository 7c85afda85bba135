import pytest

from reportparse.values.normalize import RADICAL_FOLDS, compact_label, fold_count, normalize


@pytest.mark.parametrize(
    "printed, normalised",
    [
        ("（２名分）", "(2名分)"),  # full-width digits and parentheses become ASCII
        ("１，７１０，６３４人", "1,710,634人"),
        ("ＢＣＣ", "BCC"),
        ("ﾒｰﾙ", "メール"),  # half-width katakana become full-width
        ("合\u3000計", "合 計"),  # ideographic space becomes one ASCII space
        ("  区民   事務所 \t", "区民 事務所"),  # whitespace runs collapse, ends trimmed
        (" 335 \t 12\x1f", "335 12"),  # the same in an ASCII cell (its own fast path)
        ("\u2f08", "人"),  # Kangxi radical
        ("\uf9dc", "隆"),  # CJK compatibility ideograph
        ("\u2ea0", "民"),  # CJK Radicals Supplement, which NFKC leaves alone
        ("\u2ed1", "長"),
        ("【4年1月】", "【4年1月】"),  # Japanese brackets are not compatibility characters
        ("「電子証明書」、。", "「電子証明書」、。"),
        ("㍻", "平成"),
        ("①", "1"),
        ("\u22125", "-5"),  # minus sign
    ],
)
def test_normalize(printed, normalised):
    assert normalize(printed) == normalised


def test_space_between_departments_is_kept():
    assert normalize("保健予防課 住民接種担当課") == "保健予防課 住民接種担当課"


@pytest.mark.parametrize(
    "label, key",
    [("合 計", "合計"), ("区 分", "区分"), ("合\u3000計", "合計"), ("件数 (件)", "件数 (件)"),
     ("Web 上", "Web 上"), ("誤 送 付", "誤送付")],
)
def test_compact_label(label, key):
    assert compact_label(label) == key


def test_fold_count_counts_only_changed_ideographs():
    assert fold_count("\u2ea0\u2ed1\u2f08\uf9dc民") == 4
    assert fold_count("\u2e85") == 0  # a component radical is left alone, so not counted
    assert fold_count("練馬区") == 0


def test_every_unicode_whitespace_collapses_to_one_space():
    # normalize splits on str.isspace; this pins it to the regex \s it replaced, character
    # by character (NBSP, U+2028, the separators \x1c-\x1f ...), so no cell changes
    import re
    import sys

    spaces = [chr(code) for code in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(code))]
    assert len(spaces) == 29
    for space in spaces:
        assert normalize(f"{space}区民{space}{space}事務所{space}") == "区民 事務所", repr(space)


def _library_nfkc(text: str) -> str:
    """What ``normalize`` did before its full-width fast path: the library's NFKC throughout."""
    import unicodedata

    if text.isascii():
        return " ".join(text.split())
    folded = unicodedata.normalize("NFKC", text.translate(RADICAL_FOLDS)).replace("\u2212", "-")
    return " ".join(folded.split())


def test_fast_path_equals_library_nfkc_for_every_character():
    import sys

    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:  # surrogates are no text
            continue
        character = chr(code)
        # beside a full-width letter, so that the full-width path is taken every time
        text = f"Ａ{character}（{character}"
        assert normalize(text) == _library_nfkc(text), hex(code)


@pytest.mark.parametrize("mark", ["\u0301", "\u0308", "\u0327", "\u3099", "\u309a", "\u20dd"])
def test_fast_path_composes_a_mark_after_a_full_width_letter(mark):
    # Ａ + combining acute is Á in NFKC: narrowing Ａ to A alone would leave two characters
    for wide in ("Ａ", "ｅ", "Ｃ", "ｎ", "　", "ｶ", "ﾊ"):
        assert normalize(f"{wide}{mark}区") == _library_nfkc(f"{wide}{mark}区")
    assert normalize("Ａ\u0301") == "\u00c1"
