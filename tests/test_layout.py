"""Layout of PDF pages, on pages built here from glyphs and rules."""

from math import isfinite

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reportparse.read.layout import (
    Char,
    Page,
    Run,
    Segment,
    cell_text,
    document_lines,
    find_grids,
    glyph_runs,
    is_run,
    line_boxes,
)


def glyphs(text, x, baseline, size=10.0, gap=0.0):
    """Glyphs of ``text`` set left to right from ``x``: CJK full width, ASCII half width."""
    chars = []
    for char in text:
        width = size / 2 if char.isascii() else size
        chars.append(Char(char, x, x + width, baseline, size))
        x += width + gap
    return chars


def ruled(xs, ys, skip=()):
    """Rules of a grid; ``skip`` holds ('h', row_edge, column) or ('v', column_edge, row) gaps."""
    segments = []
    for i, y in enumerate(ys):
        for j in range(len(xs) - 1):
            if ("h", i, j) not in skip:
                segments.append(Segment(xs[j], y, xs[j + 1], y))
    for j, x in enumerate(xs):
        for i in range(len(ys) - 1):
            if ("v", j, i) not in skip:
                segments.append(Segment(x, ys[i], x, ys[i + 1]))
    return segments


def page(number, chars, segments=(), height=800.0):
    return Page(number, 600.0, height, glyph_runs(chars), list(segments))


def text_of(chars):
    return cell_text(glyph_runs(chars))


def texts(lines):
    return [(line.cells, line.grid) for line in lines]


def test_grid_from_rules_and_cells_from_glyph_centres():
    grid_page = page(1, glyphs("区分", 105, 120) + glyphs("件数", 205, 120)
                     + glyphs("区民", 105, 140) + glyphs("250", 205, 140),
                     ruled([100, 200, 300], [100, 125, 145]))
    lines, _ = document_lines([grid_page])
    assert texts(lines) == [(("区分", "件数"), 1), (("区民", "250"), 1)]


def test_rules_drawn_twice_or_in_pieces_are_one_rule():
    segments = ruled([100, 200], [100, 120, 140]) + [Segment(100, 100, 150, 100), Segment(150, 100, 200, 100)]
    grids = find_grids(segments)
    assert len(grids) == 1 and grids[0].xs == [100, 200] and len(grids[0].ys) == 3


def test_a_missing_rule_merges_cells_and_the_text_goes_to_the_top_cell():
    # 種別 column (x 150-250) has no rule between rows 1 and 2: one merged cell, text drawn low
    segments = ruled([100, 150, 250, 400], [100, 120, 140, 160], skip={("h", 2, 1)})
    chars = (glyphs("1", 105, 135) + glyphs("2", 105, 155)
             + glyphs("誤送付 (6)", 155, 148)  # centred in the merged cell, level with row 2
             + glyphs("本文一", 255, 135) + glyphs("本文二", 255, 155)
             + glyphs("No", 105, 115) + glyphs("種別", 155, 115) + glyphs("内容", 255, 115))
    lines, _ = document_lines([page(1, chars, segments)])
    assert [line.cells for line in lines] == [
        ("No", "種別", "内容"), ("1", "誤送付 (6)", "本文一"), ("2", "", "本文二")]


def test_a_row_spanning_both_columns():
    segments = ruled([100, 200, 300], [100, 120, 140], skip={("v", 1, 1)})
    chars = glyphs("区分", 105, 115) + glyphs("件数", 205, 115) + glyphs("開示請求", 105, 135)
    lines, _ = document_lines([page(1, chars, segments)])
    assert [line.cells for line in lines] == [("区分", "件数"), ("開示請求", "")]


def test_wrapped_lines_join_without_inventing_spaces():
    japanese = glyphs("【4年1月】区民", 0, 10) + glyphs("事務所の窓口", 0, 22)
    assert text_of(japanese) == "【4年1月】区民事務所の窓口"
    latin = glyphs("Web", 0, 10) + glyphs("page", 0, 22)
    assert text_of(latin) == "Web page"


def test_gaps_between_kanji_and_digits_are_not_spaces():
    # LibreOffice sets digits apart from kanji; that gap is typography, not a space
    assert text_of(glyphs("令和3年度", 0, 10, gap=2.0)) == "令和3年度"
    assert text_of(glyphs("335件", 0, 10, gap=2.0)) == "335件"


def test_real_space_glyphs_stay_and_far_apart_latin_words_get_one():
    assert text_of(glyphs("合 計", 0, 10)) == "合 計"
    assert text_of(glyphs("BCC", 0, 10) + glyphs("TO", 40, 10)) == "BCC TO"


def test_glyphs_drawn_out_of_order_are_read_in_place():
    chars = glyphs("一送", 0, 10) + glyphs("信", 30, 10) + glyphs("齐", 20, 10)
    assert text_of(chars) == "一送齐信"


def test_page_numbers_and_running_headers_are_dropped():
    pages = [page(n, glyphs("練馬区 運用状況", 50, 30) + glyphs(f"本文{n}です。", 50, 200)
                  + glyphs(f"- {n} -", 290, 780)) for n in (1, 2, 3)]
    lines, _ = document_lines(pages)
    assert [line.cells for line in lines] == [("本文1です。",), ("本文2です。",), ("本文3です。",)]


def test_a_wrapped_paragraph_is_one_line_but_a_heading_after_it_is_not():
    chars = (glyphs("あ" * 40, 50, 100) + glyphs("い" * 10, 50, 115)
             + glyphs("う" * 40, 50, 140) + glyphs("表1 標題", 50, 155))
    lines, _ = document_lines([page(1, chars)])
    assert [line.cells[0] for line in lines] == ["あ" * 40 + "い" * 10, "う" * 40, "表1 標題"]


def _table_pages(header_on_page_2: bool, split_row: bool):
    xs, top = [100, 150, 400], 100
    first = (glyphs("No", 105, top + 15) + glyphs("内容", 155, top + 15)
             + glyphs("1", 105, top + 35) + glyphs("一行目", 155, top + 35)
             + glyphs("2", 105, top + 55) + glyphs("前半", 155, top + 55))
    second, ys2, y = [], [top], top
    if header_on_page_2:
        second += glyphs("No", 105, y + 15) + glyphs("内容", 155, y + 15)
        y += 20
        ys2.append(y)
    if split_row:
        second += glyphs("後半", 155, y + 15)
        y += 20
        ys2.append(y)
    second += glyphs("3", 105, y + 15) + glyphs("三行目", 155, y + 15)
    ys2.append(y + 20)
    return [page(1, first, ruled(xs, [top, top + 20, top + 40, top + 60])),
            page(2, second, ruled(xs, ys2))]


def test_a_table_continued_on_the_next_page_is_stitched():
    lines, _ = document_lines(_table_pages(header_on_page_2=True, split_row=True))
    assert texts(lines) == [(("No", "内容"), 1), (("1", "一行目"), 1), (("2", "前半後半"), 1),
                            (("3", "三行目"), 1)]
    assert [line.page for line in lines] == [1, 1, 1, 2]


def test_continuation_without_repeated_header():
    lines, _ = document_lines(_table_pages(header_on_page_2=False, split_row=False))
    assert texts(lines) == [(("No", "内容"), 1), (("1", "一行目"), 1), (("2", "前半"), 1),
                            (("3", "三行目"), 1)]


def test_radicals_are_folded_and_counted():
    lines, folded = document_lines([page(1, glyphs("区\u2ea0事務所\u2ed1", 50, 100))])
    assert lines[0].cells == ("区民事務所長",)
    assert folded == 2


def frame(x0, top, x1, bottom):
    return [Segment(x0, top, x1, top), Segment(x0, bottom, x1, bottom),
            Segment(x0, top, x0, bottom), Segment(x1, top, x1, bottom)]


def test_a_header_over_two_rows_gives_full_width_rows_with_empty_fillers():
    # 区分 and 年度末 span both header rows; 年度内 spans the three columns 新規 廃止 変更
    xs, ys = [100, 160, 200, 240, 280, 320], [100, 120, 140, 160]
    skip = {("h", 1, 0), ("h", 1, 4), ("v", 2, 0), ("v", 3, 0)}
    chars = (glyphs("区分", 105, 125) + glyphs("年度内", 205, 115) + glyphs("年度末", 285, 125)
             + glyphs("新規", 165, 135) + glyphs("廃止", 205, 135) + glyphs("変更", 245, 135)
             + glyphs("区長", 105, 155) + glyphs("24", 165, 155) + glyphs("1", 205, 155)
             + glyphs("55", 245, 155) + glyphs("975", 285, 155))
    lines, _ = document_lines([page(1, chars, ruled(xs, ys, skip))])
    assert [line.cells for line in lines] == [
        ("区分", "年度内", "", "", "年度末"),
        ("", "新規", "廃止", "変更", ""),
        ("区長", "24", "1", "55", "975")]
    assert {line.grid for line in lines} == {1}


def test_a_boxed_figure_is_a_line_of_its_own():
    chars = (glyphs("本文です。", 50, 100) + glyphs("登録数", 105, 135) + glyphs("498件", 105, 150)
             + glyphs("以上です。", 50, 200))
    lines, _ = document_lines([page(1, chars, frame(100, 120, 220, 160))])
    assert texts(lines) == [(("本文です。",), None), (("登録数498件",), None),
                            (("以上です。",), None)]


def rounded_frame(x0, top, x1, bottom):
    """A box with rounded corners: its straight sides stop 2 pt short of each corner."""
    return [Segment(x0 + 2, top, x1 - 2, top), Segment(x0 + 2, bottom, x1 - 2, bottom),
            Segment(x0, top + 2, x0, bottom - 2), Segment(x1, top + 2, x1, bottom - 2)]


def _table_with_a_note_over_it(box):
    """No | 件数 table of four rows; a box 調査中 drawn over the 件数 column, rows 1 and 2."""
    xs, ys = [100, 150, 300], [100, 120, 140, 160, 180]
    chars = (glyphs("No", 105, 115) + glyphs("件数", 155, 115)
             + [c for n in (1, 2, 3) for c in glyphs(str(n), 105, 115 + 20 * n)]
             + glyphs("3", 155, 175) + glyphs("調査中", 240, 141))
    return chars, ruled(xs, ys) + box(235, 125, 290, 150)


@pytest.mark.parametrize("box", [frame, rounded_frame])
def test_a_box_laid_over_a_table_adds_no_column_and_is_read_after_the_table(box):
    chars, segments = _table_with_a_note_over_it(box)
    lines, _ = document_lines([page(1, chars, segments)])
    assert texts(lines) == [(("No", "件数"), 1), (("1", ""), 1), (("2", ""), 1), (("3", "3"), 1),
                            (("調査中",), None)]


def test_a_box_beside_a_table_does_not_stop_it_continuing_on_the_next_page():
    pages = _table_pages(header_on_page_2=True, split_row=False)
    pages[0].runs.extend(glyph_runs(glyphs("※", 420, 150)))
    pages[0].segments.extend(frame(415, 135, 440, 158))  # level with the table's last row
    lines, _ = document_lines(pages)
    assert texts(lines) == [(("No", "内容"), 1), (("1", "一行目"), 1), (("2", "前半"), 1),
                            (("3", "三行目"), 1), (("※",), None)]


def test_a_table_framed_as_one_rectangle_is_still_a_table():
    segments = frame(100, 100, 300, 140) + [Segment(100, 120, 300, 120), Segment(200, 100, 200, 140)]
    chars = glyphs("区分", 105, 115) + glyphs("件数", 205, 115) + glyphs("区民", 105, 135) + glyphs("250", 205, 135)
    lines, _ = document_lines([page(1, chars, segments)])
    assert texts(lines) == [(("区分", "件数"), 1), (("区民", "250"), 1)]


def test_rules_up_to_two_points_thick_are_rules():
    # an outer border 1.6 pt thick, as Excel draws it: without it the header row is lost
    thick = [Segment(99.2, 99.2, 300.8, 100.8), Segment(99.2, 139.2, 300.8, 140.8),
             Segment(99.2, 99.2, 100.8, 140.8), Segment(299.2, 99.2, 300.8, 140.8)]
    segments = thick + [Segment(100, 120, 300, 120), Segment(200, 100, 200, 140)]
    chars = glyphs("区分", 105, 115) + glyphs("件数", 205, 115) + glyphs("区民", 105, 135) + glyphs("250", 205, 135)
    lines, _ = document_lines([page(1, chars, segments)])
    assert texts(lines) == [(("区分", "件数"), 1), (("区民", "250"), 1)]


def test_a_figure_broken_from_its_counter_stays_in_its_sentence():
    # Word ends the line after 44, two ems short of the margin, and sets 件 on the next line
    chars = (glyphs("あ" * 40, 50, 100) + glyphs("い" * 32 + "一部公開44", 50, 115)
             + glyphs("件、非公開25件でした。", 50, 130))
    lines, _ = document_lines([page(1, chars)])
    assert [line.cells[0] for line in lines] == [
        "あ" * 40 + "い" * 32 + "一部公開44件、非公開25件でした。"]


def test_a_short_line_ends_its_paragraph_when_the_next_starts_further_right_or_it_is_far_short():
    chars = (glyphs("あ" * 40, 50, 100) + glyphs("い" * 37, 50, 115)  # mid-sentence, 3 ems short
             + glyphs("う" * 30, 60, 130)  # ... but the next line is indented: a new paragraph
             + glyphs("■ 見出し", 50, 150) + glyphs("え" * 40, 50, 165))  # a heading, far short
    lines, _ = document_lines([page(1, chars)])
    assert [line.cells[0] for line in lines] == ["あ" * 40 + "い" * 37, "う" * 30, "■ 見出し",
                                                 "え" * 40]


def _one_cell_grid(chars):
    """A 2 x 2 grid (columns split at x 200, rows at y 120) holding ``chars``: its rows."""
    lines, _ = document_lines([page(1, chars, ruled([100, 200, 300], [100, 120, 140]))])
    return [line.cells for line in lines]


def test_a_centre_on_an_inner_rule_belongs_to_the_cell_after_it():
    # "A" is 5 wide and 10 high: its centre is x + 2.5 and baseline - 3.5
    on_column_rule = Char("A", 197.5, 202.5, 113, 10.0)  # centre (200, 109.5)
    on_row_rule = Char("B", 150, 155, 123.5, 10.0)  # centre (152.5, 120)
    assert _one_cell_grid([on_column_rule, on_row_rule]) == [("", "A"), ("B", "")]


def test_a_centre_on_the_closing_rules_stays_in_the_last_row_and_column():
    on_right_rule = Char("R", 297.5, 302.5, 113, 10.0)  # centre (300, 109.5)
    on_bottom_rule = Char("D", 150, 155, 143.5, 10.0)  # centre (152.5, 140)
    just_outside = Char("X", 297.6, 302.6, 133, 10.0)  # centre x 300.1: beside the table
    lines, _ = document_lines([page(1, [on_right_rule, on_bottom_rule, just_outside],
                                    ruled([100, 200, 300], [100, 120, 140]))])
    assert texts(lines) == [(("", "R"), 1), (("D", ""), 1), (("X",), None)]


def test_glyphs_of_a_cell_are_one_line_when_within_their_own_size_of_the_top_baseline():
    # 0.4 of the lower glyph's size decides: a 20-point glyph 7 points under a 10-point one
    # is on its line (7 <= 8); a 10-point glyph 7 points under a 20-point one is not (7 > 4).
    small_then_big = [Char("小", 105, 115, 110, 10.0), Char("大", 116, 136, 117, 20.0)]
    big_then_small = [Char("大", 105, 125, 110, 20.0), Char("小", 126, 136, 117, 10.0)]
    assert text_of(small_then_big) == "小大"
    assert text_of(list(reversed(small_then_big))) == "小大"
    assert text_of(big_then_small) == "大小"  # two lines, joined without a space
    assert text_of([Char("下", 100, 110, 117, 10.0), Char("上", 100, 110, 110, 10.0)]) == "上下"


# --- runs: the layout places runs of glyphs as it would place each glyph ----------------

_WORD = st.tuples(st.text("区分件数計AB12 ", max_size=6),
                  st.sampled_from([100.0, 103.0, 112.0, 118.5, 131.0, 150.0, float("nan")]),
                  st.sampled_from([0.0, 5.0, 10.0, 12.0, -4.0]),  # size
                  st.sampled_from([60.0, 96.0, 148.0, 151.0, 199.0, 240.0, 300.0]),  # x
                  st.sampled_from([-6.0, -3.0, 0.0, 1.0, 2.9, 3.1, 8.0]))  # gap after each glyph


_GLYPH_TEXT = {"計": "", "B": "Bb"}  # pdfplumber can give a glyph no text, or several letters


def _set(word):
    """Glyphs 5 points apart plus ``gap``, of widths 10 (kanji), 5 (letters) or 2 (the rest)."""
    text, baseline, size, x, gap = word
    width = {True: 5.0, False: 10.0}
    return [Char(_GLYPH_TEXT.get(char, char), x + i * (5.0 + gap),
                 x + i * (5.0 + gap) + (2.0 if not char.isalpha() else width[char.isascii()]),
                 baseline, size)
            for i, char in enumerate(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORD, max_size=12),
       st.lists(st.sampled_from([50.0, 100.0, 150.0, 200.0, 250.0]), min_size=2, max_size=4, unique=True),
       st.lists(st.sampled_from([95.0, 105.0, 125.0, 140.0]), min_size=2, max_size=3, unique=True),
       st.booleans())
def test_runs_are_laid_out_as_their_glyphs_one_by_one(words, xs, ys, boxed):
    """Glyphs grouped into runs give the same lines, cells and boxes as each glyph alone:
    gaps, overlaps, glyphs across column rules, boxes over tables, sizes of 0 or below, NaN."""
    chars = [char for word in words for char in _set(word)]
    segments = ruled(sorted(xs), sorted(ys)) + (frame(140, 98, 210, 122) if boxed else [])
    one_by_one = [Run((c.text,), (c.x0,), (c.x1,), c.baseline, c.size) for c in chars]
    as_glyphs = [Page(1, 600.0, 800.0, one_by_one, segments)]
    as_runs = [Page(1, 600.0, 800.0, glyph_runs(chars), segments)]
    assert document_lines(as_runs) == document_lines(as_glyphs)
    assert repr(line_boxes(as_runs)) == repr(line_boxes(as_glyphs))  # NaN == NaN in a repr


@given(_WORD)
def test_a_span_is_one_run_exactly_when_its_glyphs_make_one(word):
    """``is_run`` (the PyMuPDF reader's test of a whole span) agrees with ``glyph_runs``."""
    chars = _set(word)
    assume(chars and isfinite(chars[0].baseline))
    one = is_run([c.x0 for c in chars], [c.x1 for c in chars], [c.baseline for c in chars],
                 chars[0].size)
    assert one == (len(glyph_runs(chars)) == 1)


def test_glyphs_at_huge_or_infinite_places_are_laid_out_one_by_one_without_error():
    """A damaged PDF's glyphs far off the page: their sums overflow, NaN and infinity do not
    sort, so the page is laid out glyph by glyph, as it always was (the line ending at
    infinity runs to the right margin: the next one carries on its paragraph)."""
    chars = (glyphs("件数", 1e308, 120) + glyphs("計", 1.7e308, 120)
             + glyphs("表", float("inf"), 140) + glyphs("区分", 100, 160))
    lines, _ = document_lines([page(1, chars)])
    assert [line.text for line in lines] == ["件数計", "表区分"]
