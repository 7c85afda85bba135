#!/usr/bin/env python3
"""Derive two more fiscal years of the Nerima report from the seed, for ``reportparse compare``.

The outputs are SYNTHETIC: the ward's 令和2年度 and 令和4年度 reports were not copied, they are
made from ``corpus/nerima_r3.txt`` (令和3年度, real) by the deterministic string edits below,
so that a comparison has known changes to find and nothing else. Everything not listed here
stays byte for byte as in the seed, noise included (TABs, ``<p>`` tags, full-/half-width
variants, page-break blank lines, the lost ``紛失`` heading under ``誤廃棄 (1)``).

Both years
    * every ``令和N年`` shifts by the year difference (the report's own year, 令和N年3月末
      and the dates of 表4/表5), and so does every era-less incident date ``【N年M月】``,
      so each incident stays inside its fiscal year.

``corpus/nerima_r2.txt`` (令和2年度, FY2020), planted changes against 令和3年度:
    * 表1 区民 74 人 / 250 件 (R3) is 70 / 240 here; 合計 104 / 325 (R3 108 / 335).
    * prose: 自己情報の開示等請求件数 325 (R3 335), 請求者 104 (R3 108).
    * 表2 全部開示 181 (R3 191); 合計 325 (R3 335).
    * 表3 2週間までに決定したもの 188 (R3 198); 合計 325 (R3 335).
    * prose: 業務の登録の状況 登録数 485 (R3 498); 目的外利用の延べ人数 1,652,310 (R3 1,710,634);
      結合件数 74 (R3 77).
    * 表4 点検実施日 令和2年11月17日, 表5 令和3年3月29日 (the year shift).
    * 表6: incident 24 of the seed (誤送信, no contractor, 教育指導課 教育施策課, 40名分) is not
      there, so 誤送信 declares (7) and incidents 25-28 are numbered 24-27.
    * typesetting only, not a change of data: 表1 prints ``区分`` and ``合計`` where the seed
      has ``区 分`` and ``合 計``.

``corpus/nerima_r4.txt`` (令和4年度, FY2022), planted changes against 令和3年度:
    * 表1 区民 80 人 / 262 件 (R3 74 / 250); 合計 114 / 347 (R3 108 / 335).
    * prose: 自己情報の開示等請求件数 347 (R3 335), 請求者 114 (R3 108).
    * 表2 全部開示 203 (R3 191); 合計 347 (R3 335).
    * a new table ``表3 審査請求の状況`` (非開示 1, 目的外利用の中止 1, 外部提供の中止 1,
      合計 3: the 審査請求 of the prose as a table), so the tables after it are renumbered:
      諾否の決定に要した期間 becomes 表4 (title unchanged), 全項目再評価 表5, 重点項目再評価 表6,
      the incident list 表7.
    * 諾否の決定に要した期間 2週間までに決定したもの 210 (R3 198); 合計 347 (R3 335).
    * prose: 業務の登録の状況 登録数 505 (R3 498); 外部委託の業務数 630 (R3 617);
      外部提供の延べ人数 401,250 (R3 398,074).
    * 全項目再評価 点検実施日 令和4年11月17日, 重点項目再評価 令和5年3月29日 (the year shift).
    * incident list: the category ``その他`` (incident 28, 教育指導課, 36名分) is gone, and a new
      category ``盗難 (1)`` appears as incident 28 (委託事業者, 介護保険課, 3名分, its cause
      names 管理).
    * typesetting only, not a change of data: 表2 prints ``合計`` for ``合 計``; the first row
      of 諾否の決定に要した期間 has a full-width digit (``１週間までに決定したもの``); the heading
      of section 5 is spread with spaces (``目的外利用 および 外部提供の状況``); ``誤送信（８）``
      in full-width.

Run from the repository root (the test suite uses the committed files, not this script)::

    python tools/make_years.py

Each edit must match exactly as often as stated, so a changed seed fails loudly instead of
giving a silently different corpus.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "nerima_r3.txt"

# (printed in the seed, printed in the derived year); each must occur exactly once.
R2_EDITS = (
    ("区 分\t請求者数 (人)\t件数 (件)", "区分\t請求者数 (人)\t件数 (件)"),
    ("区民\t74\t250", "区民\t70\t240"),
    ("合 計\t108\t335", "合計\t104\t325"),
    ("請求件数は335件で、請求者は108人", "請求件数は325件で、請求者は104人"),
    ("全部開示\t191", "全部開示\t181"),
    ("合 計\t335", "合 計\t325"),
    ("2週間までに決定したもの\t198", "2週間までに決定したもの\t188"),
    ("合計\t335", "合計\t325"),
    ("登録数は498件", "登録数は485件"),
    ("1,710,634人", "1,652,310人"),
    ("結合件数は77件", "結合件数は74件"),
    ("誤送信 (8)", "誤送信 (7)"),
)

NEW_TABLE_3 = """表3 審査請求の状況

区 分\t審査請求 (件)
非開示\t1
目的外利用の中止\t1
外部提供の中止\t1
合 計\t3

表4 諾否の決定に要した期間"""

# The new incident of 令和4年度, dated in that year: the edits run after the year shift.
THEFT = ("28\t盗難 (1)\t【4年10月】 (委託事業者)訪問調査員が調査票を入れた鞄を車内に置いたまま"
         "離れた間に、車上荒らしにより鞄を盗まれた(3名分)\t書類の持ち出しおよび管理のルールが"
         "守られていなかったため\t介護保険課")

R4_EDITS = (
    ("区民\t74\t250", "区民\t80\t262"),
    ("合 計\t108\t335", "合 計\t114\t347"),
    ("請求件数は335件で、請求者は108人", "請求件数は347件で、請求者は114人"),
    ("全部開示\t191", "全部開示\t203"),
    ("合 計\t335", "合計\t347"),
    # tables renumbered from the last, so that no table is renumbered twice
    ("表6 個人情報に係る事務処理ミス", "表7 個人情報に係る事務処理ミス"),
    ("表5 重点項目再評価", "表6 重点項目再評価"),
    ("表4 全項目再評価", "表5 全項目再評価"),
    ("表3 諾否の決定に要した期間", NEW_TABLE_3),
    ("1週間までに決定したもの\t20", "１週間までに決定したもの\t20"),
    ("2週間までに決定したもの\t198", "2週間までに決定したもの\t210"),
    ("合計\t335", "合計\t347"),
    ("5 目的外利用および外部提供の状況", "5 目的外利用 および 外部提供の状況"),
    ("登録数は498件", "登録数は505件"),
    ("業務数は617件", "業務数は630件"),
    ("398,074人", "401,250人"),
    ("誤送信 (8)", "誤送信（８）"),
)

_LINE_OF_INCIDENT_24 = re.compile(r"^24\t.*\n", re.MULTILINE)
_LINE_OF_INCIDENT_28 = re.compile(r"^28\t.*$", re.MULTILINE)  # the last line, no newline


def replace_once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise SystemExit(f"make_years: {old!r} occurs {text.count(old)} times, not once")
    return text.replace(old, new)


def replace_line(text: str, line: re.Pattern[str], new: str = "") -> str:
    result, count = line.subn(new, text)
    if count != 1:
        raise SystemExit(f"make_years: {line.pattern!r} matched {count} lines, not one")
    return result


def shift_years(text: str, years: int) -> str:
    """``令和N年`` and the era-less incident dates ``【N年`` move by ``years``."""
    text = re.sub(r"令和(\d+)年", lambda m: f"令和{int(m[1]) + years}年", text)
    return re.sub(r"【(\d+)年", lambda m: f"【{int(m[1]) + years}年", text)


def renumber_incidents(text: str) -> str:
    """Incident rows (the only lines opening with a number and a TAB) numbered 1..N again."""
    numbers = iter(range(1, 1000))
    return re.sub(r"^\d+\t", lambda m: f"{next(numbers)}\t", text, flags=re.MULTILINE)


def edited(text: str, edits: tuple[tuple[str, str], ...]) -> str:
    for old, new in edits:
        text = replace_once(text, old, new)
    return text


def r2(seed: str) -> str:
    text = edited(shift_years(seed, -1), R2_EDITS)
    return renumber_incidents(replace_line(text, _LINE_OF_INCIDENT_24))


def r4(seed: str) -> str:
    text = edited(shift_years(seed, +1), R4_EDITS)
    return replace_line(text, _LINE_OF_INCIDENT_28, THEFT)


def main() -> None:
    seed = SEED.read_text(encoding="utf-8")
    for name, make in (("nerima_r2.txt", r2), ("nerima_r4.txt", r4)):
        (ROOT / "corpus" / name).write_text(make(seed), encoding="utf-8")
        print(f"corpus/{name} written")


if __name__ == "__main__":
    main()
