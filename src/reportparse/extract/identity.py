"""Who published a report and which fiscal year it covers.

Municipality: the ward, city, town, village or prefecture the report names — a line that is
only a name (``東京都台東区``, a page header), or a name followed by what it governs
(``中野区区政情報の公開に関する条例``, ``練馬区個人情報保護条例``, ``東京都の個人情報…``). Where a
prefecture and a municipality are written together, the municipality is the publisher. The name
named most often wins; ties go to the first.

Fiscal year: the first fiscal year written in the report's own lines (title, headings,
prose): ``令和3年度``, a period from 1 April to 31 March, or an era-less ``19年度`` in the era
the page writes most; else, for a report made of tables covering several years, the latest
year its tables' rows or columns name.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ..records import Incident, Line, TableCell
from ..values.dates import (
    DateError,
    FiscalYear,
    find_fiscal_year,
    find_period,
    fiscal_year_in,
    named_fiscal_year,
    period_fiscal_year,
)
from .vocabulary import FIRST_REPORT_YEAR

PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
    "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
    "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府",
    "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
    "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県",
    "鹿児島県", "沖縄県",
)
# What follows a municipality's name when the text speaks of it as the publisher.
GOVERNS = ("個人情報", "情報公開", "条例", "区政", "市政", "町政", "村政", "県政", "都政", "府政",
           "公文書", "行政", "長", "役所", "議会", "の個人情報", "の情報公開", "報",
           "は *、",  # 港区は、…判明しました, 青森県は29日、…発表した: the subject of the notice
           "において、",  # 東京都板橋区において、…発表した
           "の機関の",  # 神奈川県の機関の公文書の公開に関する条例
           "ホームページ", "公式ホームページ", "公式サイト",  # 船橋市ホームページ
           "がまとめた", "が運用する", "における情報公開", "における個人情報",
           "は ?情報公開", "は ?個人情報", "に個人情報")  # 東京都は2016年度の情報公開…をまとめた
_KANJI = r"\u4e00-\u9fff々ヶケノ"  # 鎌ケ谷市, 一ノ関
# Names written (partly) in kana, which the kanji pattern below cannot tell from running text.
KANA_NAMES = ("さいたま市", "つくば市", "つくばみらい市", "ひたちなか市", "かすみがうら市", "いわき市", "むつ市",
              "つがる市", "にかほ市", "みどり市", "いすみ市", "あきる野市", "ふじみ野市", "さくら市", "かほく市",
              "たつの市", "あま市", "みよし市", "うきは市", "みやま市", "えびの市", "いちき串木野市", "南アルプス市")
_KANA_NAME = "|".join(KANA_NAMES)
_NAME = (rf"(?<![{_KANJI}])(?P<name>{_KANA_NAME}|[{_KANJI}]{{1,6}}?(?:都|道|府|県|市|区|町|村))")
_MENTIONED = re.compile(_NAME + r"(?![\u4e00-\u9fff]{0,2}(?:都|道|府|県|市|区|町|村))")
_MENTIONS = 3
_NAMED = re.compile(_NAME + "(?= *(?:" + "|".join(GOVERNS) + "))")
_ALONE = re.compile(rf"^(?P<name>{_KANA_NAME}|[{_KANJI}]{{2,10}}(?:都|道|府|県|市|区|町|村))$")
# 第103回宮崎県…: not 回宮崎県; 千代田区の平成28年度の情報公開…: 千代田区 情報公開
_HEADER_MAX = 25
_KINDS = "都道府県市区町村"
_YEAR_OR_DAY = re.compile(  # (〒191-8686日野市: 8686 is no day, 日 opens the name)
    r"の?(?:(?:明治|大正|昭和|平成|令和)?(?<!\d)(?:\d{1,4}|元)(?:年度|年)|(?<!\d)\d{1,2}(?:月|日)"
    r"|第?(?:\d+|[一二三四五六七八九十]+)(?:回|号))の?")  # 第二回練馬区議会: no 第二回練馬区
_ERAS_OF_REPORTS = ("昭和", "平成", "令和")
_RANGE_TO = re.compile(r"^ ?(?:~|から|-) ?(?P<last>\S*?年度)")
_WESTERN_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}年度")
_TWO_DIGIT_YEAR = re.compile(r"(?<![\d年])(?P<year>\d{2})年度")
_ERA = re.compile(r"(明治|大正|昭和|平成|令和)(?:\d+|元)年")
# ``2006年度分8,109件``, ``令和5年度の文書``, ``1991年度から施行``, ``平成12年度から新たな条例を``,
# ``1998年度769件``, ``増えたのは2011年度``, ``令和5年度版``, ``令和5年度 公表``: the year of some data or
# papers, of the edition, or when something began or happened, not the report's (``(令和4年度分)`` is the
# report's). It starts where its run of characters starts: else the search is quadratic in a long line.
_DATA_YEAR = re.compile(
    r"(?<![^\s、。])[^\s、。]*?年度(?:分(?!\))|版|から(?:施行|実施|(?![^\s、。]*?(?:年度|まで)))|(?=\d)| ?(?:公表|発行)"
    # 令和2年度学校開放利用申請書の…, 令和5年度の母子栄養事業に関する文書一式 (not 令和5年度の文書開示,
    # 令和3年度の開示請求の対象文書: a second の makes it the report's subject; nor 公文書,
    # 行政文書, 法人文書: what the report is about)
    r"|の?[^\s、。のをがは]{0,12}?(?:(?<![公政人])文書|書類|申請書|名簿|台帳)(?:等|一式)?(?![\u4e00-\u9fff]))"
    r"|(?<=のは)、?[^\s、。]{0,6}?年度")  # 不服申し立てが増えたのは2011年度: when something happened
_NOT_NAMES = ("市町村", "区市町村", "市区町村", "都道府県", "特別区", "地区")
# 本市, 同区, 前市(長), 各市, 両市: a word pointing at a municipality, not its name
_POINTING = re.compile(r"^[本当同前元両各旧新全他隣現][都道府県市区町村]$")


def _publisher(name: str) -> str:
    """``東京都台東区`` -> ``台東区``, ``長野県下伊那郡阿智村`` -> ``阿智村``: a municipality
    written after its prefecture (and district)."""
    for prefecture in PREFECTURES:
        if name.startswith(prefecture) and len(name) > len(prefecture):
            name = name[len(prefecture):]
            break
    district = name.find("郡")
    return name[district + 1:] if 0 < district < len(name) - 2 else name


def _names(text: str) -> Iterable[str]:
    if not any(kind in text for kind in _KINDS):  # most lines name no municipality at all
        return
    text = _YEAR_OR_DAY.sub(" ", text)  # 平成21年度鹿児島県の…: 年度 is no part of the name
    # a page header: the name alone, or after the site's slogan (緑と水の公園都市 三鷹市)
    header = len(text) <= _HEADER_MAX or ">" in text  # a short line, or a breadcrumb trail
    alone = _ALONE.match(text.rsplit(" ", 1)[-1] if header else text)
    if alone:
        yield _publisher(alone["name"])
        return
    for match in _NAMED.finditer(text):
        name = _publisher(match["name"])
        if not name.endswith(_NOT_NAMES) and not _POINTING.match(name) and len(name) >= 2:
            yield name


def municipality(lines: Sequence[Line]) -> str:
    counts: Counter[str] = Counter()
    for line in lines:
        for cell in line.cells:
            counts.update(_names(cell))
    return counts.most_common(1)[0][0] if counts else _named_throughout(lines)


def _named_throughout(lines: Sequence[Line]) -> str:
    """A page that never names its publisher as such (``中野区と委託契約を締結している団体が``,
    ``中野区へ提出``, ``中野区北部の区有施設``): the one name it mentions three times at least, where
    it mentions no other more than once."""
    counts: Counter[str] = Counter()
    for line in lines:
        if any(kind in line.text for kind in _KINDS):
            for match in _MENTIONED.finditer(_YEAR_OR_DAY.sub(" ", line.text)):
                name = _publisher(match["name"])
                if not name.endswith(_NOT_NAMES) and not _POINTING.match(name) and len(name) >= 2:
                    counts[name] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < _MENTIONS or (len(ranked) > 1 and ranked[1][1] > 1):
        return ""  # a study of 港区 and 町田市 names no publisher
    return ranked[0][0]


def stated_fiscal_year(lines: Sequence[Line]) -> FiscalYear | None:
    """The fiscal year ``lines`` (the report's prose, headings and captions: not its table
    rows) state first: ``令和3年度``; a period ``令和4年4月1日~令和5年3月31日``; or an era-less
    ``19年度`` whose era is the one the page writes most; else the fiscal year a shorter period
    lies in (``令和5年10月21日~令和5年11月20日報告分``)."""
    texts: list[str] = []  # data years stripped line by line: most reports stop at the first
    for line in lines:
        text = _DATA_YEAR.sub("", line.text) if "年" in line.text else line.text
        texts.append(text)
        found = find_fiscal_year(text)
        if found:
            return _range_end(text, found)
        period = _period(text)
        if period:
            return period
    western = any(_WESTERN_YEAR.search(line.text) for line in lines)
    return (_western_two_digits(texts) if western else _eraless(texts)) or _within_one_period(texts)


def _within_one_period(texts: Sequence[str]) -> FiscalYear | None:
    for text in texts:
        try:
            period = find_period(text)
        except DateError:
            continue
        if period and len(period.fiscal_years) == 1:
            return named_fiscal_year(period.fiscal_years[0].start_year)
    return None


def _western_two_digits(texts: Sequence[str]) -> FiscalYear | None:
    """``02年度`` on a page that writes its years in Western numerals (``1998年度``): 2002."""
    for text in texts:
        match = _TWO_DIGIT_YEAR.search(text)
        if match:
            start = 2000 + int(match["year"])
            start = start - 100 if start > _latest_begun_fiscal_year() else start
            return FiscalYear(start, match.group()) if start >= FIRST_REPORT_YEAR else None
    return None


def _range_end(text: str, first: FiscalYear) -> FiscalYear:
    """``推移(平成30年度~令和4年度)``: a report over a range of years is the report of its last."""
    after = text[text.find(first.label) + len(first.label):]
    ranged = _RANGE_TO.match(after)
    if ranged:
        try:
            last = find_fiscal_year(ranged["last"])
        except DateError:
            return first
        if last and last.start_year > first.start_year:
            return last
    return first


def _period(text: str) -> FiscalYear | None:
    """A fiscal year written as the period from 1 April to 31 March of the next year."""
    try:
        return period_fiscal_year(text)
    except DateError:
        return None


def _eraless(texts: Sequence[str]) -> FiscalYear | None:
    """An era-less ``19年度`` read in the era the page writes most (``平成20年3月31日``), or,
    where the page writes none, in the one era that puts it between the first such report and
    today (``22年度``: 平成22年度; ``5年度`` could be 平成 or 令和 and is left unread)."""
    eras = Counter(era for text in texts for era in _ERA.findall(text))
    candidates = [eras.most_common(1)[0][0]] if eras else list(_ERAS_OF_REPORTS)
    for text in texts:
        readings = _readings(text, candidates)
        if readings is not None:
            return named_fiscal_year(readings.pop()) if len(readings) == 1 else None
    return None


def _readings(text: str, eras: list[str]) -> set[int] | None:
    """The possible start years of the first fiscal year of ``text`` read in each of ``eras``;
    None when ``text`` writes none."""
    years = set()
    for era in eras:
        try:
            found = fiscal_year_in(text, era=era)
        except DateError:
            continue
        if found is None:
            return None
        if FIRST_REPORT_YEAR <= found.start_year <= _latest_begun_fiscal_year():  # not 昭和4年度
            years.add(found.start_year)
    return years


def _latest_begun_fiscal_year() -> int:
    today = datetime.date.today()
    return today.year if today.month >= 4 else today.year - 1


def notice_fiscal_year(stated: FiscalYear | None,
                       incidents: Iterable[Incident]) -> FiscalYear | None:
    """The fiscal year of a notice of incidents — a page with no table, whose incidents are
    told in prose — where all of them happened in one fiscal year that is not the one the page
    names: the year it names is the year of the papers lost (``令和5年度の…事業の文書``), or
    none is named. None where that does not hold."""
    years = {_fiscal_year_of(incident.occurred) for incident in incidents}
    if len(years) != 1:
        return None
    (year,) = years
    if year is None or (stated and stated.start_year == year):
        return None
    return named_fiscal_year(year)


def _fiscal_year_of(iso: str | None) -> int | None:
    """``2024-10-15`` -> 2024, ``2025-02`` -> 2024: the fiscal year a date lies in."""
    if not iso:
        return None
    year, month = int(iso[:4]), int(iso[5:7])
    return year if month >= 4 else year - 1


def latest_table_year(cells: Iterable[TableCell]) -> int | None:
    """The latest fiscal year that a table's rows or columns name, if any."""
    years = {cell.fiscal_year for cell in cells if cell.fiscal_year is not None}
    return max(years) if years else None
