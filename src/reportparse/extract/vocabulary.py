"""What the extract stage recognises, gathered as data a reader can scan.

Every pattern here applies to normalised text (NFKC: ``（１）`` is ``(1)``, ``①`` is ``1``,
``：`` is ``:``). Each table lists the printed styles seen in this family of reports; adding a
style is adding a row, not a branch in the code.
"""

from __future__ import annotations

import re

from ..values.numbers import COUNTERS

COUNTER_PATTERN = "|".join(re.escape(unit) for unit in COUNTERS)

# --- table captions -------------------------------------------------------------------
# Each pattern names the printed number ``no`` and the ``title``; the caption line stands
# right above its table, or (``…(表1)``) ends a title line.
CAPTION_STYLES = tuple(re.compile(pattern) for pattern in (
    r"^表 ?(?P<no>\d{1,3})(?:[ .:]|$) ?(?P<title>.*)$",                # 表1 開示請求の状況
    r"^第 ?(?P<no>\d{1,3}) ?表(?:[ .:]|$)? ?(?P<title>.*)$",           # 第1表 …
    r"^[<〈《\[【] ?第 ?(?P<no>\d{1,3}) ?表 ?[>〉》\]】] ?(?P<title>.*)$",  # <第1表>…
    r"^[<〈《\[【] ?表 ?(?P<no>\d{1,3}) ?[>〉》\]】] ?(?P<title>.*)$",      # 【表1】…
    r"^【表 ?(?P<no>\d{1,3})[ :.]?(?P<title>[^】]+)】$",                 # 【表1 開示の状況】
    r"^(?P<title>\S.*?) ?[(\[](?:表 ?(?P<no>\d{1,3})|第 ?(?P<no2>\d{1,3}) ?表)[)\]]$",  # …(表1)
))

# A sentence that points at a numbered table: ``…の内訳は表1の通りです。``
TABLE_REFERENCE = re.compile(
    r"(?:^|、)(?:\S+?年度の)?(?P<title>[^、。]+?)は、?(?:別)?表 ?(?P<no>\d{1,3})(?:の|に|のとおり|の通り)")

# … or at several, the first of them the table that follows: ``…は表1、表2のとおりです。``,
# ``…は表3から表8までのとおりです。``
TABLES_REFERENCE = re.compile(
    r"表 ?(?P<no>\d{1,3})(?:(?:、|・|及び|と)表 ?\d{1,3})*(?:(?:から|~)表 ?\d{1,3}(?:まで)?)?"
    r"(?:の|に)?(?:とおり|通り)")

# … or introduces the table below it: ``市政情報の開示請求件数と処理状況は次のとおりです。``
TABLE_INTRODUCTION = re.compile(
    r"^(?:\S+?年度の)?(?P<title>[^、。]+?)は、?(?:次|以下|下表|下記)の?(?:とおり|通り)")

# ``(単位:件)`` on a line of its own, or ending a title line.
UNIT_LINE = re.compile(r"^[(\[]?単位 ?[:：]? ?(?P<unit>[^()\[\]]+?)[)\]]?$")
UNIT_SUFFIX = re.compile(r"^(?P<title>.*?) ?[(\[]単位 ?[:：]? ?(?P<unit>[^()\[\]]+)[)\]]$")

# A title line that ends with the table's total: ``情報の開示請求件数(実施機関別)…計55件``.
TITLE_TOTAL = re.compile(rf" ?(?:\.{{2,}}|…|:) ?(?:計|合計|総数)? ?\d[\d,]*(?:{COUNTER_PATTERN})$")

# --- headings ---------------------------------------------------------------------------
# A numbered heading prints its number; ``section_no`` is that number.
NUMBERED_HEADINGS = tuple(re.compile(pattern) for pattern in (
    r"^(?P<no>\d{1,2})(?: |\. ?|、|\) ?)(?P<title>[^\d\s].{0,60})$",  # 1 title, 1.title, 1)title
    r"^\((?P<no>\d{1,2})\) ?(?P<title>[^\d\s].{0,60})$",             # (1)title
    r"^第(?P<no>\d{1,2})(?:章|節)? ?(?P<title>[^\d\s表].{0,60})$",     # 第1 title
    # ①title: NFKC spells the circled number out as 1, so the title follows it directly; it
    # must open with a word, not a counter (1件の…, 2週間…)
    rf"^(?P<no>\d{{1,2}})(?!{'|'.join(COUNTERS)}|年|月|日|週|時|分|歳|階|号|条|項|点|割|倍)"
    r"(?P<title>[\u4e00-\u9fff\u30a0-\u30ff][^。]{1,40})$",
))
# A list or heading number printed alone before its text: ``(1)``, ``1.``, ``2)``, ``ア``, ``(イ)``.
# Set apart from its text by a run of spaces, it is still one line, not two cells.
ENUMERATION_MARKER = re.compile(r"^(?:\(?\d{1,2}[).]?|\(?[ア-ン]\)|[ア-ン][.)]?|\([a-z]\)|[a-z][.)])$")
# A bullet opens a heading that prints no number: ``■情報公開制度``, ``◇業務の登録状況``.
HEADING_BULLETS = "■□◆◇●○◎▼▽★☆"
# …but a bulleted line that ends with a count states a key figure: ``◇公開請求件数…88件(前年度75件)``.
ENDS_WITH_A_COUNT = re.compile(r"\d(?:件|人|名)(?: ?\([^()]*\))?$")
# Framing marks around a plain title: ``―信頼される区政…―``, ``【…】``.
TITLE_FRAMES = (("―", "―"), ("【", "】"), ("〔", "〕"), ("-", "-"))
PLAIN_HEADING_MAX = 30
# A short line ending like a sentence (``…を紹介します``) is prose, not a heading.
SENTENCE_ENDINGS = ("ます", "です", "した", "ません", "である", "ない", "する", "た")

# Lines a web page prints around its content, never a table's title: ``更新日:2020年1月8日``.
PAGE_FURNITURE = re.compile(r"^(?:最終)?(?:更新日|掲載日|公開日|作成日|ページ番号|ページID)")

# --- notes, totals, units -----------------------------------------------------------------
NOTE_MARKERS = re.compile(r"^(?:※|\*|\(注\d*\)|注\d*[:.)]|\(備考\)|備考[:])")
NOTE_HEADER = re.compile(r"^(?:\(?注記?\)?|※|備考|摘要)")
# An upper header cell that names a group of columns, not one: ``決定内容``, ``処理の状況``, ``内訳``,
# ``処理区分``.
GROUP_HEADING = re.compile(r"(?:内容|状況|内訳|結果|区分)等?$")
# A bulleted line under a table row: an item of its text cell (``- 住居表示台帳``).
LIST_ITEM = re.compile(r"^[-•] (?P<text>.+)$")
# A column headed as words, not counts: ``主な申出内容``, ``請求の概要``, ``理由``, ``備考``.
# A row of a two-column table whose cells ran together: a label (letters, or a month) and its
# count, perhaps with a second pair (``訴訟関係1``, ``1月2032``, ``市長51新規31``). Alone, such a
# line may be a heading (資料1); among others of its kind it is a row.
LABEL_DIGITS_ROW = re.compile(r"^(?:(?:[\u3040-\u30ff\u4e00-\u9fff・]+|\d{1,2}月)\d+)+$")
# A row whose counted cells ran together with nothing between them: ``誤送付3件2件5件``, ``5件2件7件``.
COUNTED_CELLS_ROW = re.compile(rf"^[^\d、。]*(?:\d[\d,]*(?:{COUNTER_PATTERN})){{2,}}$")
TEXT_HEADER = re.compile(r"(?:内容|概要|理由|備考|摘要|件名|名称)$")
RANK_HEADERS = frozenset({"順位", "no", "no.", "番号", "項番", "順"})  # a first column that ranks rows
TOTAL_LABELS = frozenset({"合計", "計", "総計", "小計", "総数"})
# A row that is part of the row above (``うち本庁``) or restates others (``(再掲)電子申請``): no total sums it.
PART_OR_RESTATED = re.compile(r"^[(\[【]?(?:うち|再掲)")
GRAND_TOTALS = frozenset({"合計", "総計", "総数"})


# Parenthesised header text that is a unit (``件数 (件)``); anything else, such as ``(A)``,
# ``(A+B-C)`` or ``(又は非開示)``, is part of the column's name.
# A header cell that is a unit alone, in a row of units under the column names: ``(件)``.
UNIT_CELL = re.compile(rf"^\(?(?:単位 ?[:：]? ?)?(?P<unit>{COUNTER_PATTERN})\)?$")
HEADER_UNIT = re.compile(rf"^(?P<name>.*?) ?\((?:単位 ?[:：]? ?)?(?P<unit>{COUNTER_PATTERN})\)$")

# --- years ---------------------------------------------------------------------------------
# The first ordinances on disclosure (1982) and on personal data (1984) came in the Showa era:
# no report of this family is of an earlier year.
FIRST_REPORT_YEAR = 1982

# --- incidents printed as prose -----------------------------------------------------------
# The kind of incident a notice's title or a block's heading names (``…の誤送付について``):
# its category. Longest first, so that 誤送信 is not read as 送信.
INCIDENT_KINDS = ("誤交付", "誤送付", "誤送信", "誤発送", "誤配布", "誤配達", "誤廃棄", "誤掲載",
                  "誤記載", "誤表示", "誤公開", "誤返却", "誤提供", "誤登録", "誤入力", "紛失",
                  "滅失", "盗難", "流出", "漏えい", "漏洩", "不正アクセス", "不適切な保管")
# A title that names a yearly report of this family (``情報公開・個人情報保護制度の内容と令和3年度
# 実施・運用状況``): a page that prints one is a report even where its figures are images or cut off.
REPORT_TITLE = re.compile(r"(?:情報公開|個人情報|公文書|自己情報).*(?:運用|実施|運営)(?:・(?:運用|実施|運営))?状況")
REPORT_TITLE_LINES = 6  # the title is among a page's first lines of prose
# Headings over an incident's story that no list column is named: its description.
STORY_HEADINGS = ("経緯", "経過", "概況")
