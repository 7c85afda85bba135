#!/usr/bin/env python3
"""Write the synthetic incident-list reports of corpus/ (and one of tests/data/).

No second real incident list is available, so these reports are made up: fictional
municipalities (架空市, 架空町, 架空村), made-up incidents written in the style of the
published lists. Each exercises shapes of the list that the seed does not have (see
corpus/README.md for what each one holds). Cells are separated by TABs, as in a copy of
a published table; a wrapped cell is a line of its own whose leading cells are empty
(or, in a copy that lost its TABs, a line of one cell).

It also renders the 架空町 report as ``tests/data/incidents_headings.pdf`` with
reportlab (``pip install -e '.[corpus]'``, ``apt-get install fonts-ipaexfont``): a ruled
list on A5 pages, so that the narrow 内容 cells wrap over several lines and the list runs
over two pages (header repeated), with the category headings as rows spanning the table.

Run from the repository root::

    python tools/make_incident_lists.py
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _text(*lines: str | tuple[str, ...]) -> str:
    """Lines of a report; a tuple is a table row whose cells are joined with TABs."""
    return "\n".join("\t".join(line) if isinstance(line, tuple) else line
                     for line in lines) + "\n"


# Seed shape with other column names, another order, a 再発防止策 column, an actor with
# its detail, a department pair, 同上 in cause and measures, and wrapped cells.
GROUPED = _text(
    "架空市個人情報保護制度の運用状況(令和4年度)",
    "",
    "1 自己情報の開示請求の状況",
    "",
    "令和4年度の自己情報の開示請求件数は42件であった。",
    "",
    "表1 開示請求の処理状況",
    "",
    ("区分", "件数(件)"),
    ("全部開示", "30"),
    ("部分開示", "10"),
    ("非開示", "2"),
    ("合計", "42"),
    "",
    "2 個人情報に係る事故",
    "",
    "令和4年度に発生した個人情報に係る事故は、つぎのとおりである。",
    "",
    "表2 個人情報に係る事故",
    "",
    ("No", "区分", "事案の概要", "担当課", "原因", "再発防止策"),
    ("1", "誤送付 (3)", "【4年4月】 児童手当の通知を送付する際、別人の通知を同封し送付(2名分)",
     "こども家庭課", "封入時の確認が不十分であったため", "封入時に二人で確認する"),
    ("2", "", "【4年6月】 (委託事業者)介護保険料の納入通知書を送付する際、宛名を取り違えて送付(1名分)",
     "介護保険課", "同上", "同上"),
    ("3", "", "【4年9月】 健診結果を郵送する際、住所データの更新漏れにより旧住所へ",
     "健康推進課 保健予防課", "住所データ更新の確認が", "更新手順を見直し、"),
    ("", "", "送付(3名分)", "", "不十分であったため", "研修を実施する"),
    ("4", "紛失 (2)", "【4年11月】 区立図書館において、利用登録申込書を紛失(1件)",
     "中央図書館", "文書の管理体制が不十分であったため", "保管場所を定める"),
    ("5", "", "【5年2月】 (指定管理者(架空市スポーツ協会))体育館の利用申請書を受付後に紛失",
     "スポーツ振興課", "同上", "受付簿で管理する"),
    ("", "", "し、所在が不明となった(12名分)"),
    ("6", "誤送信 (1)", "【5年3月】 メールを一斉送信する際、同報者のアドレスをBCCに設定すべきところ、"
     "TOに設定して送信(45名分)", "生涯学習課", "メール送信時の確認が不十分であったため",
     "送信前に複数人で確認する"),
    "",
    "3 今後の取組",
    "",
    "引き続き、個人情報の適正な管理に努める。",
)

# Categories as heading rows of their own, dates in a column in several forms, counts in
# a column, a wrapped description in a copy that lost its TABs, a declared count that
# does not match its rows.
HEADINGS = _text(
    "架空町個人情報の漏えい等事案の公表(令和3年度)",
    "",
    "1 漏えい等事案の状況",
    "",
    "令和3年度に公表した個人情報の漏えい等事案は5件であった。",
    "",
    "表1 個人情報の漏えい等事案",
    "",
    ("番号", "発生日", "事故の内容", "件数", "所管課", "発生原因", "今後の対策"),
    "誤送付(2件)",
    ("1", "令和3年4月12日", "住民票の写しを請求者以外の者に", "1", "住民課",
     "宛名の確認を怠ったため", "発送前に宛名を読み合わせる"),
    "郵送した",
    ("2", "3年7月5日", "国民健康保険証を別人に送付した", "2", "保険年金課",
     "封入作業の確認が不十分であったため", "封入作業を二人で行う"),
    "紛失(2件)",
    ("3", "9月30日", "窓口で受け付けた申請書を紛失した", "1件", "福祉課",
     "書類の受渡し記録がなかったため", "受渡し簿を作成する"),
    ("4", "令和4年1月18日(火)", "学校で児童の成績一覧を記録したUSBメモリを紛失した", "35人",
     "学校教育課", "私物の記録媒体を使用していたため", "記録媒体の持出しを禁止する"),
    "誤送信(2件)",
    ("5", "令和4年3月3日", "FAXの番号を誤り、事業者の連絡先一覧を第三者に送信した", "不明",
     "産業振興課 総務課", "番号の確認が不十分であったため", "短縮登録した番号を使う"),
    "",
    "2 公表の方法",
    "",
    "町ホームページに掲載した。",
)

YEAR_LIST_HEADER = ("No", "事故の種類", "発生年月日", "内容", "原因", "対応", "部署名")
# Two lists, one per fiscal year; categories on every row; the 令和元年度 list crosses
# the 平成→令和 change (平成31年4月, 元年5月) and ends in 令和2年3月.
TWO_YEARS = _text(
    "架空村個人情報保護制度の運用状況(令和2年度)",
    "",
    "1 事故の発生状況",
    "",
    "令和元年度及び令和2年度に発生した事故は、次のとおりである。",
    "",
    "表1 令和元年度 事故の発生状況",
    "",
    YEAR_LIST_HEADER,
    ("1", "誤送付", "平成31年4月25日", "納税通知書を別人に送付した(1件)",
     "宛名の確認が不十分であったため", "本人に謝罪し回収した", "税務課"),
    ("2", "紛失", "元年5月20日", "村民からの申請書を紛失した(1件)",
     "書類の管理が不十分であったため", "管理簿を作成した", "住民課"),
    ("3", "誤送付", "令和元年12月2日", "健診の案内を旧住所に送付した(3名分)",
     "同上", "住所の確認手順を定めた", "保健福祉課"),
    ("4", "誤交付", "2年3月10日", "窓口で別人の証明書を交付した(1名分)",
     "本人確認が不十分であったため", "交付時に氏名を読み上げる", "住民課"),
    "",
    "表2 令和2年度 事故の発生状況",
    "",
    YEAR_LIST_HEADER,
    ("1", "誤送信", "2年4月8日", "メールの宛先を誤り、名簿を第三者に送信した(15名分)",
     "送信前の確認が不十分であったため", "送信前に上司が確認する", "総務課"),
    ("2", "誤送付", "令和2年10月1日", "通知書を別人に送付した(1名分)",
     "封入時の確認が不十分であったため", "同上", "福祉課"),
    ("3", "紛失", "3年2月15日", "保育園で児童名簿を紛失した(20名分)",
     "名簿の持出しを管理していなかったため", "持出し簿を作成した", "子育て支援課"),
)

# Rows that cannot all be read: a numbered row with no description, a row with no
# number, a repeated and an out-of-order number, an impossible date. The other rows,
# the table and the key figures must still be read.
MALFORMED = _text(
    "架空市個人情報保護制度の運用状況(令和4年度)",
    "",
    "1 自己情報の開示請求の状況",
    "",
    "令和4年度の自己情報の開示請求件数は12件であった。",
    "",
    "表1 開示請求の処理状況",
    "",
    ("区分", "件数(件)"),
    ("全部開示", "9"),
    ("部分開示", "3"),
    ("合計", "12"),
    "",
    "2 事務処理ミス",
    "",
    "表2 事務処理ミス一覧",
    "",
    ("No", "種別", "内容", "原因", "所管"),
    ("1", "誤送付 (3)", "【4年5月】 通知書を別人に送付(1名分)", "確認が不十分であったため", "税務課"),
    ("2", "", "【4年6月】 案内文を旧住所に送付(2名分)", "同上", "福祉課"),
    ("2", "", "【4年7月】 請求書を別の事業者に送付(1件)", "同上", "会計課"),
    ("4", "紛失 (2)", "", "文書の管理が不十分であったため", "住民課"),
    ("", "", "【4年9月】 申請書を紛失(1件)", "同上", "保険年金課"),
    ("6", "", "【4年13月】 受付簿を紛失(8名分)", "同上", "市民課"),
    ("5", "誤交付 (1)", "【5年1月】 別人の証明書を交付(1名分)", "本人確認が不十分であったため", "市民課"),
)

# A list with no 表N caption: found only once tables are found without one.
UNCAPTIONED = _text(
    "架空市個人情報の漏えい等事案(令和4年度)",
    "",
    "令和4年度の漏えい等事案は次のとおりである。",
    "",
    ("No", "区分", "概要", "原因", "担当部署"),
    ("1", "誤送付", "【4年8月】 通知書を別人に送付(1名分)", "確認が不十分であったため", "税務課"),
    ("2", "紛失", "【4年12月】 申請書を紛失(1件)", "管理が不十分であったため", "住民課"),
)

FILES = {
    "corpus/synthetic_incidents_grouped.txt": GROUPED,
    "corpus/synthetic_incidents_headings.txt": HEADINGS,
    "corpus/synthetic_incidents_two_years.txt": TWO_YEARS,
    "corpus/synthetic_incidents_malformed.txt": MALFORMED,
    "tests/data/incidents_uncaptioned.txt": UNCAPTIONED,
}


def _pdf_blocks(text: str) -> list[tuple[str, list[tuple[str, ...]]]]:
    """(line, []) for prose and (caption, rows) for a table, which a blank line ends. In a
    table a one-cell line is a heading ending in ``件)`` or the rest of the 内容 above it
    (wrapped in the copy, whole in the PDF's cell)."""
    blocks: list[tuple[str, list[tuple[str, ...]]]] = []
    in_table = False
    for line in text.split("\n"):
        cells = tuple(line.split("\t"))
        rows = blocks[-1][1] if blocks else []
        if not line:
            in_table = in_table and not rows
        elif in_table and (len(cells) > 1 or line.endswith("件)")):
            rows.append(cells)
        elif in_table:
            rows[-1] = rows[-1][:2] + (rows[-1][2] + line,) + rows[-1][3:]
        else:
            blocks.append((line, []))
            in_table = line.startswith("表")
    return blocks


TOP_MARGIN_MM = 84


def make_pdf(text: str, out: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(TTFont("IPAexMincho", "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"))
    body = ParagraphStyle("body", fontName="IPAexMincho", fontSize=9, leading=13, wordWrap="CJK")
    cell = ParagraphStyle("cell", parent=body, fontSize=7.5, leading=10)
    story = []
    for line, rows in _pdf_blocks(text):
        story.append(Paragraph(line, body))
        if not rows:
            continue
        width = len(rows[0])
        style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        data = []
        for index, row in enumerate(rows):
            if len(row) == 1:  # a category heading spans the table
                style.append(("SPAN", (0, index), (-1, index)))
            data.append([Paragraph(c, cell) for c in row] + [""] * (width - len(row)))
        widths = [7 * mm, 18 * mm, 30 * mm, 10 * mm, 16 * mm, 23 * mm, 23 * mm]
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1)
        table.setStyle(TableStyle(style))
        story.append(table)
    # the margin puts the page break inside the list, right before the heading 誤送信(2件)
    SimpleDocTemplate(str(out), pagesize=A5, invariant=1, title="synthetic", leftMargin=10 * mm,
                      rightMargin=10 * mm, topMargin=TOP_MARGIN_MM * mm).build(story)


def main() -> None:
    for name, text in FILES.items():
        (ROOT / name).write_text(text, encoding="utf-8")
        print(f"wrote {name}")
    make_pdf(HEADINGS, ROOT / "tests/data/incidents_headings.pdf")
    print("wrote tests/data/incidents_headings.pdf")


if __name__ == "__main__":
    main()
