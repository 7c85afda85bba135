"""Write the synthetic web page of the 令和3年度 report and its text copy.

    python tools/make_html.py        # from the repo root

``corpus/nerima_r3_web.html`` is the seed text ``corpus/nerima_r3.txt`` as a
municipal web page saved from a browser: Shift_JIS with an ``http-equiv`` charset, page
chrome around the report (header, global navigation, breadcrumbs, side menu, footer,
scripts, a screen-reader-only line), headings, paragraphs wrapped in the source between
Japanese characters, 表1–表5 with ``<caption>``, 表6 under an ``<h3>`` with 種別 as a
``rowspan`` cell over its group, the group rows of 表2 as ``colspan`` cells, and an added
表7 with a header over two rows (the 中野区 令和4年度 registration table's layout and figures,
see ``shared/real-reports/nakano_r4_kojinjoho_unei.txt``). 齐, which Shift_JIS lacks, is a
character reference, as a browser writes it.

``corpus/nerima_r3_web_copy.txt`` is the text a browser gives when the report is copied
from that page: blocks on lines with a blank line between them, table rows as TAB-separated
cells, span fillers as empty cells. It is written from the seed's own rows, not from the
HTML, so that a test comparing the two readers compares two independent renderings.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "nerima_r3.txt"
TARGET = ROOT / "corpus"

_SECTION = re.compile(r"^\d{1,2} \S")
_CAPTION = re.compile(r"^表\d")
_TAG = re.compile(r"</?p>")
_WRAP = 48  # characters per source line of a paragraph, as a CMS's editor writes them

# 中野区 令和4年度 (shared/real-reports/nakano_r4_kojinjoho_unei.txt), as 表7.
REGISTRATION_CAPTION = "表7 個人情報収集事務登録等状況(単位:件)"
REGISTRATION_HTML = """\
<table border="1">
<caption>表7 個人情報収集事務登録等状況(単位:件)</caption>
<thead>
<tr><th rowspan="2">実施機関</th><th rowspan="2">令和3年度末の<br>登録数(A)</th>\
<th colspan="3">令和4年度内の登録</th><th rowspan="2">令和4年度末の<br>登録数(A+B-C)</th></tr>
<tr><th>新規(B)</th><th>廃止(C)</th><th>変更(D)</th></tr>
</thead>
<tbody>
<tr><th>区長</th><td>952</td><td>24</td><td>1</td><td>55</td><td>975</td></tr>
<tr><th>教育委員会</th><td>614</td><td>1</td><td>1</td><td>3</td><td>614</td></tr>
<tr><th>選挙管理委員会</th><td>8</td><td>0</td><td>0</td><td>0</td><td>8</td></tr>
<tr><th>監査委員</th><td>2</td><td>0</td><td>0</td><td>0</td><td>2</td></tr>
<tr><th>&nbsp;</th><td>1,576</td><td>25</td><td>2</td><td>58</td><td>1,599</td></tr>
</tbody>
</table>"""
REGISTRATION_TEXT = [
    "実施機関\t令和3年度末の登録数(A)\t令和4年度内の登録\t\t\t令和4年度末の登録数(A+B-C)",
    "\t\t新規(B)\t廃止(C)\t変更(D)\t",
    "区長\t952\t24\t1\t55\t975",
    "教育委員会\t614\t1\t1\t3\t614",
    "選挙管理委員会\t8\t0\t0\t0\t8",
    "監査委員\t2\t0\t0\t0\t2",
    "\t1,576\t25\t2\t58\t1,599",
]
REGISTRATION_SECTION = "9 実施機関別の業務の登録状況"

PAGE_TOP = """\
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" \
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="ja" xml:lang="ja">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS" />
<title>令和3年度 個人情報保護制度の運用状況｜練馬区公式ホームページ</title>
<link rel="stylesheet" href="/css/common.css" />
<script type="text/javascript">
// 文字サイズ変更: 表1 の数字ではありません 999件
function fontSize(size) { document.body.style.fontSize = size; }
</script>
</head>
<body>
<p class="sr-only"><a href="#contents">ここから本文です</a></p>
<div id="header">
<p class="logo"><a href="/"><img src="/img/logo.png" alt="練馬区" /></a></p>
<ul class="header-menu"><li><a href="/sitemap.html">サイトマップ</a></li>\
<li><a href="/foreign/">Foreign Language</a></li></ul>
</div>
<div id="gnavi">
<ul>
<li><a href="/kurashi/">くらし・手続き</a></li>
<li><a href="/kosodatekyoiku/">子育て・教育</a></li>
<li><a href="/kenkofukushi/">健康・福祉</a></li>
<li><a href="/kusei/">区政情報</a></li>
</ul>
</div>
<div class="pankuzu"><a href="/">トップページ</a> &gt; <a href="/kusei/">区政情報</a> &gt; \
<a href="/kusei/joho/">情報公開・個人情報保護</a> &gt; 令和3年度 個人情報保護制度の運用状況</div>
<div id="wrapper">
<div id="contents">
"""

PAGE_BOTTOM = """\
</div>
<div id="sidebar">
<h2>関連情報</h2>
<ul><li><a href="r2.html">令和2年度 個人情報保護制度の運用状況</a></li>
<li><a href="r4.html">令和4年度 個人情報保護制度の運用状況</a></li></ul>
</div>
</div>
<div id="footer">
<p>練馬区役所 〒176-8501 東京都練馬区豊玉北6丁目12番1号 電話:03-3993-1111(代表)</p>
<p>Copyright (C) Nerima City. All rights reserved.</p>
</div>
<noscript><p>JavaScriptを有効にしてください。</p></noscript>
<script type="text/javascript">fontSize("100%");</script>
</body>
</html>
"""


@dataclass
class Table:
    caption: str
    rows: list[list[str]] = field(default_factory=list)  # expanded, as the seed prints them


@dataclass
class Block:
    tag: str  # h1, h2, p or table
    text: str = ""
    table: Table | None = None


def blocks_of(seed: str) -> list[Block]:
    """The seed's lines as page blocks: headings, paragraphs and tables with their rows."""
    blocks: list[Block] = []
    for line in seed.splitlines():
        if not line.strip():
            continue
        if "\t" in line and blocks and blocks[-1].table:
            blocks[-1].table.rows.append([_TAG.sub("", cell) for cell in line.split("\t")])
        elif _CAPTION.match(line):
            blocks.append(Block("table", table=Table(line)))
        elif _SECTION.match(line):
            blocks.append(Block("h2", line))
        else:
            blocks.append(Block("h1" if not blocks else "p", line))
    return blocks


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "FWH"


def wrapped(text: str) -> str:
    """``text`` broken over source lines the way an editor does, only between wide characters.

    A browser shows such a break as nothing (CSS Text 3), so the page reads as one line.
    """
    out, run = [], 0
    for i, char in enumerate(text):
        out.append(html.escape(char, quote=False))
        run += 1
        if run >= _WRAP and i + 1 < len(text) and _wide(char) and _wide(text[i + 1]):
            out.append("\n")
            run = 0
    return "".join(out)


def _cell(tag: str, text: str, spans: str = "") -> str:
    return f"<{tag}{spans}>{html.escape(text, quote=False)}</{tag}>"


def _group_row(row: list[str]) -> bool:
    return len(row) > 1 and not any(row[1:])


def _rowspans(rows: list[list[str]], column: int) -> dict[int, int]:
    """Row index -> how many rows its cell in ``column`` covers (down to the next filled one)."""
    starts = [i for i, row in enumerate(rows) if row[column]] + [len(rows)]
    return {start: end - start for start, end in zip(starts, starts[1:])}


def table_html(table: Table, caption_as_heading: bool) -> str:
    header, body = table.rows[0], table.rows[1:]
    width = len(header)
    merged = 1 if header[1] == "種別" else None  # the incident list: 種別 over its group
    spans = _rowspans(body, merged) if merged else {}
    lines = [f"<h3>{html.escape(table.caption)}</h3>" if caption_as_heading else "",
             '<table border="1" class="datatable">',
             "" if caption_as_heading else f"<caption>{html.escape(table.caption)}</caption>",
             "<tr>" + "".join(_cell("th", cell) for cell in header) + "</tr>"]
    for i, row in enumerate(body):
        if _group_row(row):
            colspan = f' colspan="{width}"'
            lines.append("<tr>" + _cell("th", row[0], colspan) + "</tr>")
            continue
        cells = []
        for column, cell in enumerate(row):
            if column == merged and i not in spans:
                continue  # covered by the rowspan above
            rowspan = f' rowspan="{spans[i]}"' if column == merged and spans[i] > 1 else ""
            cells.append(_cell("th" if column == 0 and not merged else "td", cell, rowspan))
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</table>")
    return "\n".join(line for line in lines if line)


def page_html(blocks: list[Block]) -> str:
    parts = [PAGE_TOP]
    for block in blocks:
        if block.table:
            parts.append(table_html(block.table, caption_as_heading=block.table.caption.startswith("表6")))
        elif block.tag == "p":
            parts.append(f"<p>{wrapped(block.text)}</p>")
        else:
            parts.append(f"<{block.tag}>{html.escape(block.text)}</{block.tag}>")
    parts += [f"<h2>{REGISTRATION_SECTION}</h2>", REGISTRATION_HTML, PAGE_BOTTOM]
    return "\n".join(parts)


def text_copy(blocks: list[Block]) -> str:
    parts = []
    for block in blocks:
        if block.table:
            parts.append(block.table.caption)
            parts.append("\n".join("\t".join(row) for row in block.table.rows))
        else:
            parts.append(block.text)
    parts += [REGISTRATION_SECTION, REGISTRATION_CAPTION, "\n".join(REGISTRATION_TEXT)]
    return "\n\n".join(parts) + "\n"


def main() -> None:
    blocks = blocks_of(SEED.read_text(encoding="utf-8"))
    TARGET.mkdir(parents=True, exist_ok=True)
    page = page_html(blocks).encode("cp932", errors="xmlcharrefreplace")
    (TARGET / "nerima_r3_web.html").write_bytes(page)
    (TARGET / "nerima_r3_web_copy.txt").write_text(text_copy(blocks), encoding="utf-8")


if __name__ == "__main__":
    main()
