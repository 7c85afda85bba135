"""Key figures stated in prose: ``…の登録数は498件である`` -> metric ``登録数``, 498 件.

A figure is a number followed by a counter (件, 人, 名, 回, 団体, 事務, % … see
``values.numbers.COUNTERS``), perhaps after one space as a PDF's text layer prints it (``335 件``),
its digits perhaps with kanji powers of ten (``3万5千件``, ``約5百件``, ``1万3175件``); a digit of a
letter-spaced number (``5 5 9 人``) is none, nor a counter that opens a word (``6人事関係``).
Its name is the noun the figure counts, found in this order:

0. where the figure opens its clause and something is done or there is some, the noun after
   it (``各実施法人は72件の決定を行いました``, ``…に関し、1,296件(うち…)の公開請求がありました``):
   what is counted, not who holds or does it;
1. the words right before the number, with no particle between (``全部公開563件``, an item of an
   enumeration ``全部公開563件、一部公開44件``);
2. the label before a colon (``情報公開請求:88件``) or the quoted item before a figure
   (``「…関連」(529件)``, ``「建築計画概要書」が「6,334件」``); the whole less a part
   (``公開請求のうち、取下げを除く1,047件``: ``公開請求(取下げを除く)``);
3. the subject of the clause — the words before ``は`` / ``が`` (``登録数は498件``; for a sentence's
   first figure the nearest clause subject before it, else the sentence's topic) — cut to its
   last noun phrase: less a leading period or date (``令和3年度の``, ``令和4年3月末現在の``), anything
   up to a connective (``に関する``, ``のため``), a relative clause (``…を求める``), a topic
   (``決定内容は``) and a bracketed year (``(昨年度)``), so the name stays the same across years;
4. the noun after the figure that it counts (``64件の開示請求があり``, ``4,611件は情報提供申出に
   よるもの``), or, for a figure printed alone under its heading, the heading;
5. else the name of the figure before it (``…が各1件、計3件``), also for a change compared with
   it (``受付件数は2,445件で、前年度比413件の減少``) and for the same subject in another year
   (``令和3年度の3,547件に対して、令和4年度は3,555件``); a total of things the sentence does not
   name (``…で、合わせて77件``) has none.

Qualifiers are no part of a name: a bracketed clause (``開示請求(…公文書が対象)``), ``延べ``, a
leading ``及び``; ``…によるもの`` / ``…に関するもの`` name what comes before; a name that a
connective would leave as one generic word keeps its qualifier (``業務委託に関する文書``), and a
cause or an alternative is kept (``不存在による非公開決定``, ``公開又は部分公開の決定``). A
comparison (``前年度比``, ``15年度比``) names nothing: the change and the level after it are the
subject's. A count in brackets right after a figure (``62%(799件)``, ``氏名が41件(187人分)``)
counts the same thing.

``計`` / ``合計`` before the number marks a total (``審査請求(計)``); ``各`` / ``それぞれ``
("each") marks a per-item figure, which is no key figure; ``XのうちN件`` is part of X
(``X(うち)``); ``1件の請求に対して``, ``1件の請求で`` and ``1件毎`` are units of account, and
``1枚につき30円`` a price, not figures. Counts
written in kanji (``八件``, ``二十一件``, ``ゼロ件``) are read before 件 and 名.

A figure for the year before (``全部開示が100件(前年度95件)``) is the same metric with the
earlier ``fiscal_year``.

``kind``: ``share`` for a percentage (``開示が1,465件(79.5%)`` gives the count and the share),
``change`` for ``8件(0.2%)増加`` / ``217件減少`` / ``15件多い`` / ``…より483件と減少`` (the value
signed: negative for a decrease), else ``count``. ``as_of`` is the date of a ``…現在`` /
``…時点`` / ``…末`` phrase (``(12月末現在)``: that month in the year the sentence names); a fiscal
year alone is a period and gives none. ``fiscal_year`` is the fiscal year named in the figure's
clause or an earlier one of the sentence — era-less ``22年度`` / ``24年が`` in the report's era,
``07年度`` in its century, ``前年度の626件`` the year before; none where a year is written that
cannot be read — else the report's; a year right before a figure it alone belongs to
(``26年度の18件から``, ``01年度(7615件)``) is that figure's only.

A figure whose name cannot be found is reported as a failed check, never dropped in silence.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cached_property

from ..records import Check, Metric
from ..values.dates import DateError, FiscalYear, find_dates, find_fiscal_year, fiscal_year_in
from ..values.numbers import COUNTERS, parse_figure_number
from .structure import Paragraph
from .vocabulary import FIRST_REPORT_YEAR

_UNIT = "|".join(re.escape(unit) for unit in COUNTERS)
# ``3万5千件``, ``約5百件``, ``1万2,345人``, ``1万3175件``, ``4千303件``: digits with kanji powers of
# ten (not ``5千円``, a counter); the digits after 万 or 千 are its lower places, never a figure
_BELOW_TEN_THOUSAND = r"(?:\d+千(?!円)(?:\d百|\d{1,3})?|\d{1,3}(?:,\d{3})+|\d+百|\d{1,4})"
_TEN_THOUSANDS = (r"(?:\d+千(?:\d百)?|\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)万"  # 3万, 2千万, 4,500万
                  rf"{_BELOW_TEN_THOUSAND}?")
_MAGNITUDES = (rf"\d+(?:\.\d+)?億(?:{_TEN_THOUSANDS}|{_BELOW_TEN_THOUSAND})?|{_TEN_THOUSANDS}"  # 1億2千万
               r"|\d+千(?!円)(?:\d百|\d{1,3})|\d+(?:千(?!円)|百)")  # 2千4百
# ``八件``, ``二十一件``, ``ゼロ件``: kanji numerals, as minutes and vertical text print counts; only
# before 件 and 名, and not inside a word (``同一件名``, ``唯一``, ``一人一人``)
_KANJI_COUNT = (r"(?<![同統唯単万第逐均〇一二三四五六七八九十百千])"
                r"(?:[〇一二三四五六七八九十百千]{1,6}|ゼロ)(?=[件名](?!名))")
_FIGURE = re.compile(
    # the characters a figure can start with, tested first: 3x faster scanning, same matches
    r"(?=[各そ計合約お延の△▲+\-\dゼ〇一二三四五六七八九十百千])"
    r"(?P<prefix>各|それぞれ|計|合計)?(?:約|およそ|延べ|のべ)?"
    # 第3回 is the third meeting, not three: an ordinal is no figure
    # ``5 5 9 人``: a digit of a letter-spaced number, not a figure of its own
    rf"(?<![第\d億万千])(?<!\d[,.])(?<!\d )(?P<number>{_KANJI_COUNT}|[△▲+-]?(?:{_MAGNITUDES}|\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+|・\d+(?=%))?)"
    # ``335 件``, as a PDF's text layer may space it: then the counter starts no longer word
    # (``1 課題``, ``2 回答``), except a change or an approximation (``12 件増加``, ``5 人程度``)
    rf"(?P<spaced> )?(?P<unit>{_UNIT})(?(spaced)(?!(?![増減前程以余超弱強多少上下])[\u4e00-\u9fff]))"
    r"(?P<share>\((?P<percent>\d+(?:[.・]\d+)?)%\))?"  # (19・3%): 19.3, set vertically
    r"(?P<change>(?:以上|余り|近く|程度|ほど)?(?:の)?(?:増加|減少|増|減)|多い|多く|少ない|少なく|上回|下回)?"
)
# ``1件につき``, ``10件の中から``: a rate or a pool, not a figure.
_RATE_BASIS = re.compile(r"^(?:の中|につき|当たり|あたり|毎|ごと)")
# ``1件の請求に対して``, ``1件の請求について``, ``請求1件で複数の…``: one, as a unit of account.
# (``5件の諮問事項に対し``, ``3,547件に対して、…3,555件`` count and compare.)
_UNIT_OF_ACCOUNT = re.compile(
    r"^(?:の[^、。]{1,12}?(?:に対し|について)|に対し|(?:の[^、。]{1,6}?)?(?:で|に)[^、。]{0,8}?複数"
    r"|の[^、。]{1,6}?で)")  # 1件の請求で大量の公文書を
# (``6人のかたから申出が``: what comes from someone is not the noun the figure counts)
_COUNTED_NOUN = re.compile(
    r"^(?:\([^()]*\))?の(?P<name>(?:又は|または|(?!から)[^、。をがはで(]){2,20}?)(?:\([^()]*\))?"
    r"(?:がありました|があり|があった|が|を|で|に対し|と(?:なり|なった|なって))")
# ``各実施法人は72件の決定を行いました``, ``…が、25件(うち…)の公開請求がありました``: what the
# figure counts, named after it, not who holds or does it, named before
_ACTION_OR_EXISTENCE = re.compile(r"^(?:\([^()]*\))?の[^、。]{2,20}?(?:がありました|があり|があった|を行)")
_SAID_AFTER = re.compile(r"^は、?(?P<name>[^、。]{2,30}?)(?:による|に関する|に係る)もの")
_COPULA_END = re.compile(r"(?:で|であり|であった|となり|あり)、?$")
_FIGURE_END = re.compile(rf"\d(?:{_UNIT})$")
# The name patterns below read the end of a text. Each opens with a lookbehind that lets a
# match start only where its run of name characters starts: the leftmost match starts there
# anyway, and without it the search tries every position of the run (quadratic in length).
_ADJACENT = re.compile(r"(?<![^\s、。,:「」()『』→])(?P<name>[^\s、。,:「」()『』→]+?)$")
# ``…内訳は、県土整備部(5,643件)、…``, ``法令秘情報(1号)2件``: an enumerated item and its figure.
_ITEM = re.compile(r"(?<![^、。:])(?:(?P<name>[^、。:()]{2,30}\([^()]{1,10}\)) ?"
                   r"|(?P<item>[^、。:()]{2,30}) ?\()$")
# ``町長に対して8件``: the figure of whom it was addressed to
_LISTED_FIGURE = re.compile(rf"\d(?:{_UNIT})(?:と|及び|および|並びに|や)")
_LEADER = re.compile(r" ?(?:\.{2,}|・{2,}|…+) ?$")
_INCLUDING = re.compile(rf"^.*\d(?:{_UNIT})を含(?:む|めた)")
_EXCLUDING = re.compile(r"(?<![^、。])(?P<what>[^、。]{1,20}?)を除(?:く|いた) ?$")
_ADDRESSEE = re.compile(r"(?<![^、。])(?P<name>[^、。]{1,20}?)に対して ?$")
_MEASURED_AS = re.compile(r"(?<![^、。は])(?P<name>[^、。はが]{1,8}数)で ?$")
_WHERE = re.compile(r"(?<=、)(?P<name>[^、。]{2,20}?)に ?(?:約|およそ)?$")  # …、農政水産部出先に約900件
_COLON = re.compile(r"(?<![^、。,:「」()])(?P<name>[^、。,:「」()]+?) ?: ?$")
# ``「…関連」(529件)``, ``「建築計画概要書」が「6,334件」``, ``「…届」の456件``: the quoted item's figure
_QUOTED = re.compile(r"「(?P<name>[^「」]+)」 ?(?:\(|(?:が|の|は|:)?「?)$")
_SUBJECT = re.compile(r"(?<![^、。:])(?P<name>[^、。:]+?)(?:は|が)、? ?$")
_PARTICLE_END = re.compile(r"(?:は|が|を|に|で|と|も|の|へ|や|から|より|まで|のうち|うち)$")
_PERIOD = re.compile(r"^(?:また、?|なお、?|その他、?)?[^、。]*(?:\d|[〇一二三四五六七八九十]|元|昨|前|本|今|当|翌)(?:カ|か|ヶ|箇)?(?:年度|年)"
                     r"[^、。]*?(?:の|における|に|、| )")
# (``不存在による非公開決定`` keeps its cause: without it, it names every 非公開決定.)
_CONNECTIVE = re.compile(
    r"^.*(?:に関する|における|に係る|についての|について|に対する|のため|ため、?|のうち)")
# A verb or adjective ending a relative clause (``…を求める``, ``公表した``); not ``い`` alone,
# which ends nouns written in kana (``漏えい等事案``).
_RELATIVE_CLAUSE = re.compile(
    r"^.*(?:[しったれけめえねじび]た|(?<!によ)る|ない|たい|ず)(?=[\u4e00-\u9fff\u30a0-\u30ff「])")
# ``全面公開されたのは``: what was done, made a noun by の
# 公開された公文書: what a request came to is part of the name of the things counted (not
# 特定された対象公文書数: the same things, however they were found)
_OUTCOME = re.compile(r"(?:全部|一部|全面)?(?:公開|開示|非公開|不開示|却下|取下げ|取り下げ|認容|棄却)"
                      r"され(?:た|なかった)")
_NOMINALIZED = re.compile(r"(?:された|した|となった|になった)の$")
_DONE_TOPIC = re.compile(  # (from where its run of letters starts: else quadratic in its length)
    r"(?<![\u4e00-\u9fff\u30a0-\u30ff])(?P<name>[\u4e00-\u9fff\u30a0-\u30ff]{2,})(?:された|した)のは、")
_TOPIC = re.compile(r"^.*(?<!又)(?<!また)は、?")  # not 公開又は部分公開の決定
_BRACKETED_YEAR = re.compile(r"\([^()]*年度[^()]*\)")
_BULLETS = "・•●○■◆◇□※-* "
# ``開示請求(…公文書が対象)``: a clause in brackets explains the name and is no part of it.
# (A bracket of a few kanji is a qualifier that names a part: 法人情報(事業活動情報).)
_GLOSS = re.compile(r" ?\((?=[^()]*[\u3040-\u309f])[^()]{6,}\)| ?\([^()]{11,}\)")
_ASIDE = re.compile(r" ?\([^()]{6,}\)")  # (平成29年度開始): no year of the sentence
# ``開示請求(義務的開示)によるもの``, ``区長の事務に関するもの``: the thing named is before ``もの``.
_WHAT_IT_IS = re.compile(r"^(?P<what>.+?)(?:による|に関する|に係る|についての|について[^、。]*?)もの$")
_CONJUNCTION = re.compile(r"^(?:及び|並びに|又は|または|ならびに)")
# ``前年度と比べて8件増加``: a change of the figure before it.
_COMPARED_WITH = re.compile(r"(?:前年度?|昨年度?|年度)(?:と|に比べ|比|より|から)")
_ENUMERATION = re.compile(r"^(?:\(\d{1,2}\)|\d{1,2}[.)]|\([ア-ン]\)|[ア-ン][.)]) ?")
# ``前年度比413件の減少``: a change is named after what it compares, not after the comparison.
_COMPARISON = re.compile(r"^(?:対)?(?:前年度?|昨年度?|前回)(?:比|と比べ|に比べ|から)?$"
                         r"|^\S*?\d+年度?(?:比|と比べ|に比べ)$")  # 15年度比3%増の1万771件
_MONTH_END = re.compile(r"(?<![\d年])(?P<month>\d{1,2})月末$")
_AS_OF = re.compile(r"(?<![^、。(])"  # starts at a clause or bracket start, as the names above
                    r"(?:(?P<year_end>[^、。]*?年度末)|(?P<date>[^、。]*?(?:末|日))(?: ?現在| ?時点))")
# A figure borrows the name of the one before it (``…が各1件、計3件``) only within a clause:
# after ``…を開催し、`` a new clause counts something else.
_CLAUSE_BREAK = re.compile(r"(?:し|て|り)、")
# A name never ends in a verb form or a particle: ``前年度と比べて12件増加`` names nothing.
_NOT_A_NAME_END = re.compile(r"(?:(?<!立)て|で|し|り|く|べ|と|に|を|は|が|も|や|から|より|ため|ので)$")
# ``全部開示が100件(前年度95件)``: the same figure, a year earlier
_PREVIOUS_YEAR = re.compile(r"(?:前年度|昨年度)(?:は|:|の|\()? ?$")  # 前年度の626件から, 前年度(105件)より
# The topic a sentence opens with (``開示請求は、``): the name of a first figure that has none.
# (``過去5カ年の請求者数と請求件数をみると、2000年度は58人、…``: what is looked at.)
_SENTENCE_TOPIC = re.compile(r"(?:^|(?<=、))(?P<name>[^、。:]+?)(?:は、?|が、|を(?:み|見)ると、)")
# A clause's subject after a figure: ``…186名で県内が全体の98%``, ``…、警視総監における決定件数が、``.
_CLAUSE_SUBJECT = re.compile(r"(?:^で?|(?<=、))(?![のにをでとがはも])(?P<name>[^、。:]+?)(?:は|が)")
# ``平成20年度から…増加しており``: the year a change began, not the year of the figures.
_SINCE_YEAR = re.compile(r"(?<![^\s、。])[^\s、。]*?年度(?:から|以降|以来|と比べ|と比較|に比べ|比|より)")
_OWNER = re.compile(r"(?P<name>[^\s、。,:「」()『』]{1,30}(?:\([^()]{1,10}\))?)")  # 市長(市長部局)
_TRAILING_NOTE = re.compile(r" ?\([^()]*\)$")
_BREAKDOWN = re.compile(  # 実施機関別では、水道局が…: the member of a breakdown the sentence is about
    r"^[^、。]{0,20}?別(?:では|で見ると|でみると|に見ると|にみると)、(?P<member>[^、。:]{1,20}?)(?:が|は)")
_MEASURES = ("件数", "人数", "回数", "総数")
_FOLLOWING = re.compile(r"^(?:次いで|続いて|また|さらに)、?")
# ``全体の98%``: a share of the whole, named by its subject, not by the whole.
_WHOLE = ("全体", "総数", "全請求", "全件", "合計", "全て", "すべて", "総計")  # also 請求全体
# ``当該2法人``: words that point back at something named before, and name nothing themselves
_POINTERS = frozenset({"当該", "その", "これら", "それら", "同様", "上記", "前記", "次の"})
_SENTENCE = re.compile(r"(?:[^。()]|\([^()]*\))+。?")
# ``824人から559人と``, ``335件→192件``: the year before, then this year.
_FROM_TO = re.compile(rf"^ ?(?:から|→) ?[△▲-]?[\d,]+(?:\.\d+)? ?(?:{_UNIT})")
_PER = ("につき", "当たり", "あたり")
# ``秘書関係6人事関係4``: lines run together, where the counter is the first character of a word
_WORDS_A_COUNTER_OPENS = frozenset({"件数", "件名", "人事", "人数", "人口", "名簿", "名称", "回答", "回数",
                                    "通知", "台帳", "課長", "社会", "円滑"})
_WORD_GOES_ON = re.compile(r"^(?![増減前程以余超弱強多少上下分])[\u4e00-\u9fff]")  # not 21法人分
_LIST_BEFORE = re.compile(r"(?<![^、。:])(?P<item>[^、。:]+)、$")
_NOUN_END = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ff]$")
SIGNED = "±"  # the change of a figure printed with its sign: the value says which way
_CHANGED_BY = re.compile(r"と(?:大幅に|大きく|やや|わずかに|若干)?(?P<change>増加|減少)")
_COMPARED_FROM = ("より", "比", "と比べ", "に比べ", "と比較して")
# A clause that turns to something else (…にとどまったが、…): a year it named is behind it.
_CLAUSE_TURNS = re.compile(r"(?:たが|ものの|一方で?)、")
_INLINE_TITLE = re.compile(r"[●■◆◇](?P<title>[^●■◆◇○\[\]]+)")
_BRACKET_PAIR = re.compile(rf"\[(?P<name>[^\[\]\d]{{2,20}})\] ?(?P<number>\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d.,]|{_UNIT})")
_ALTOGETHER = ("合わせて", "あわせて", "合わせると", "合計で", "計で")
_AMOUNTING_TO = ("に当たる", "にあたる", "に相当する")
_OPENS_A_FIGURE = ("は", "が", "、")  # …は72件の決定を行い: the figure's own noun follows it
_COMMA = re.compile(r"(?<![\d]),|,(?!\d{3})")  # a comma that is no thousands separator
_ERALESS_CALENDAR_YEAR = re.compile(r"(?:^|、)(?P<year>\d{1,2})年(?:が|は|:)? ?$")
_FIRST_CLAUSE = re.compile(r"^[^、]*")
_FIGURES_OWN_YEAR = re.compile(r"年度(?:の|\()? ?$")
_OWN_YEAR = re.compile(r"年度(?:の|は|:|\()? ?$")  # right before the figure
# 22年度, 07年度: not 過去3年度, nor the digits of 平成22年度, H22年度 or 2022年度
_ERALESS_YEAR = re.compile(r"(?<![\d元年過去直近治正和成A-Za-z])(?P<year>\d{1,2})年度")
_ERA_OF = re.compile(r"明治|大正|昭和|平成|令和")
_IS_YEAR = re.compile(r"^(?:\S+?年度?|\d+月|昨年度|前年度|本年度|今年度|当年度)$")


def _sentences(text: str) -> list[str]:
    """The sentences of ``text``; a ``。`` inside brackets (``理由(…場合があります。)は``) ends none."""
    return [part.removesuffix("。") + "。" for part in _SENTENCE.findall(text) if part.strip("。 ")]


def _clauses_text(sentence: str) -> str:
    """The sentence with a ``,`` used as the Japanese comma read as ``、``."""
    return _COMMA.sub("、", sentence)


def _cleaned(raw: str) -> str:
    name = _ENUMERATION.sub("", _BRACKETED_YEAR.sub("", raw.strip()).strip(_BULLETS))
    name = _CONJUNCTION.sub("", _GLOSS.sub("", _WHAT_IT_IS.sub(r"\g<what>", name)))
    name = _FOLLOWING.sub("", name)  # 続いて教育委員会
    name = _LEADER.sub("", name)  # 公開請求件数…88件 (… is ... after normalising)
    name = _INCLUDING.sub("", name) if "を含" in name else name  # 不存在68件を含む非開示
    for pattern in (_PERIOD, _TOPIC):
        name = pattern.sub("", name).strip()
    name = _NOMINALIZED.sub("", name)
    qualified = name
    name = _CONNECTIVE.sub("", name).strip()
    relative = _RELATIVE_CLAUSE.match(name)
    if relative and len(name) - relative.end() >= 2 and not _OUTCOME.fullmatch(relative.group()):
        name = name[relative.end():]
    if len(name) <= 2 and _CONNECTIVE.match(qualified):  # 業務委託に関する文書: 文書 alone names nothing
        name = qualified
    return _unquoted(name.strip(_BULLETS))


def _unquoted(name: str) -> str:
    """``」「請求件数`` -> ``請求件数``; ``「…」関係`` keeps its quotes."""
    name = name.lstrip("」")
    return name.strip("「」") if name.count("「") != name.count("」") else name


def _topic(sentence: str) -> str:
    """The first clause subject that names something (``実施機関別では、警視総監における決定件数が、``:
    決定件数)."""
    for topic in _SENTENCE_TOPIC.finditer(sentence):
        name = _cleaned(topic["name"])
        if _usable(name):
            return name
    return ""


def _done_topic(before: str) -> str:
    """``…が全面公開されたのは、請求全体の42・6%``: what was done names what the sentence counts."""
    done = _DONE_TOPIC.search(before)
    return done["name"] if done else ""


def _new_subject(since_previous: str) -> str:
    """The last clause subject named between a figure and the one before it."""
    for subject in reversed(list(_CLAUSE_SUBJECT.finditer(since_previous))):
        name = _cleaned(subject["name"])
        if _usable(name):
            return name
    return ""


def _owner(before: str) -> str:
    """``…市長の726件で、次いで上下水道事業管理者の114件``: whose figure it is."""
    if not before.endswith("の") or before.endswith("のうち"):
        return ""
    clause = _LISTED_FIGURE.split(before[:-1].rsplit("、", 1)[-1])[-1]  # Aの8世帯とBの1名
    owner = _OWNER.fullmatch(_FOLLOWING.sub("", clause))
    name = _cleaned(owner["name"]) if owner else ""
    return name if _usable(name) and not name.endswith(_WHOLE) else ""


def _year_right_before(before: str) -> bool:
    adjacent = _ADJACENT.search(before.rstrip())
    return bool(adjacent and _IS_YEAR.match(adjacent["name"]))


def _name_after(rest: str) -> str:
    """``64件の開示請求があり``, ``4,611件は情報提供申出によるもの``: the noun after a figure
    that counts it."""
    after = _COUNTED_NOUN.match(rest) or _SAID_AFTER.match(rest)
    name = _cleaned(after["name"]) if after else ""
    return name if _usable(name) else ""


def _restates_the_figure_before(before: str, named: _Named | None) -> bool:
    """同 (the same), ``42.6%に当たる2356件``, a count in brackets right after a figure
    (``62%(799件)``, ``氏名が41件(187人分)``): the figure before, told another way."""
    return bool((named and named.name == "同") or before.endswith(_AMOUNTING_TO)
                or (before.endswith("(") and _FIGURE_END.search(before[:-1])))


def _counted_after(before: str, rest: str) -> str:
    """``各実施法人は72件の決定を行いました``, ``…に関し、1,296件(うち…)の公開請求がありました``:
    the noun after a figure that opens its clause, where something is done or there is some."""
    opens_clause = not before.strip() or before.endswith(_OPENS_A_FIGURE)
    return _name_after(rest) if opens_clause and _ACTION_OR_EXISTENCE.match(rest) else ""


def _heading_name(paragraph: Paragraph, sentence: str) -> str:
    """A figure printed alone under its heading (``(1)公文書の開示の請求件数`` / ``502件``, also
    with a note in brackets: ``41件(請求取下1件を含む)``) is named by the heading."""
    alone = _FIGURE.fullmatch(_TRAILING_NOTE.sub("", sentence.rstrip("。").strip()))
    name = _cleaned(paragraph.section.title) if alone and paragraph.section else ""
    return name if _usable(name) else ""


def _usable(name: str) -> bool:
    return (bool(name) and not _IS_YEAR.match(name) and not name.isdigit() and len(name) <= 30
            and not name.startswith((")", "の"))  # )の公開請求: the tail of a bracketed figure
            and name not in _POINTERS
            and not _NOT_A_NAME_END.search(name) and not _FIGURE.search(name))


@dataclass
class _Named:
    name: str
    part_of: bool = False  # ``XのうちN件``


def _name_before(before: str) -> _Named | None:
    """The name of the figure whose text ends ``before`` (the sentence up to the number)."""
    before = _GLOSS.sub("", before.rstrip())
    quoted = _QUOTED.search(before) or _ITEM.search(before)
    if quoted:
        return _Named((quoted["name"] or quoted["item"]).strip().strip(_BULLETS))
    colon = _COLON.search(before)
    if colon:
        return _Named(_cleaned(colon["name"]))
    measure = _MEASURED_AS.search(before)
    if measure:  # 請求者数は実人数で45人、延べ人数で150人
        return _Named(measure["name"])
    addressee = _ADDRESSEE.search(before) or _where_among_others(before)
    if addressee and _usable(_cleaned(addressee["name"])):
        return _Named(_cleaned(addressee["name"]))
    excluding = _EXCLUDING.search(before) if "を除" in before else None
    if excluding:  # 公開請求のうち、取下げを除く1,047件: the whole less what it names
        less = _name_before(before[:excluding.start()])
        return _Named(f"{less.name}({excluding['what']}を除く)") if less and less.name else None
    if before.rstrip("、").endswith("うち"):
        whole_text = before.rstrip("、").removesuffix("うち").removesuffix("の").rstrip("( ")
        if (_FIGURE_END.search(_COPULA_END.sub("", whole_text))  # 103件で、うち99件
                or whole_text.endswith(("こ", "そ"))):
            # 対象公文書20,868件のうち17,198件, このうち543件: of the figure before
            return _Named("", part_of=True)
        whole = _ADJACENT.search(whole_text)
        return _Named(_cleaned(whole["name"]), part_of=True) if whole else None
    owner = _owner(before)
    if owner:
        return _Named(owner)
    subject = _SUBJECT.search(before)
    figures_before = list(_FIGURE.finditer(before))  # 1,054件及び診療情報関係493件
    adjacent = _ADJACENT.search(before[figures_before[-1].end():] if figures_before else before)
    if adjacent and not _PARTICLE_END.search(before) and _usable(_cleaned(adjacent["name"])):
        return _Named(_cleaned(adjacent["name"]))
    if subject:
        return _Named(_listed_with(before[:subject.start()], _cleaned(subject["name"])))
    return None


def _where_among_others(before: str) -> re.Match[str] | None:
    """``…3,385件で、県土整備部出先に約2千4百件、農政水産部出先に約900件``: where each of a list of
    figures is (alone, ``市長部局宛に10件`` is where the subject's figure went: named by the subject)."""
    where = _WHERE.search(before) if before.rstrip(" 約およそ").endswith("に") else None
    return where if where and _FIGURE.search(before, 0, where.start()) else None


def _listed_with(earlier: str, name: str) -> str:
    """``建築計画概要書、都市計画決定図書の関係文書等が7,413件``: a subject ending in 等 closes a
    list of things, whose earlier item is part of its name (without 等 the words before a comma
    are as often a connective, 一方、, or a qualifier of the subject)."""
    item = _LIST_BEFORE.search(earlier) if name.endswith("等") else None
    first = _cleaned(item["item"]) if item else ""
    return f"{first}、{name}" if _usable(first) and _NOUN_END.search(first) else name

def _as_of(sentence: str, fiscal_year: FiscalYear | None) -> str | None:
    match = _AS_OF.search(sentence)
    if not match:
        return None
    try:
        if match["year_end"]:
            year = find_fiscal_year(match["year_end"])
            return year.last_day.isoformat() if year else None
        found = find_dates(match["date"], fiscal_year)
    except DateError:
        return None
    if found:
        return found[-1].iso
    try:  # 平成26年度の…(12月末現在): the month of the year the sentence names
        named = find_fiscal_year(sentence)
    except DateError:
        named = None
    return _month_end(match["date"], named or fiscal_year)


def _month_end(text: str, fiscal_year: FiscalYear | None) -> str | None:
    """``(12月末現在)`` in a 令和4年度 report: 2022-12-31, the month's end inside the report's year."""
    month = _MONTH_END.search(text)
    if month is None or fiscal_year is None or not 1 <= int(month["month"]) <= 12:
        return None
    number = int(month["month"])
    year = fiscal_year.start_year + (number < 4)
    last = calendar.monthrange(year, number)[1]
    return f"{year:04d}-{number:02d}-{last:02d}"


@dataclass(frozen=True)
class MetricsRead:
    metrics: list[Metric]
    checks: list[Check]


def metrics(paragraph: Paragraph, fiscal_year: FiscalYear | None) -> MetricsRead:
    """The key figures of one paragraph, in the order they are stated."""
    found: list[Metric] = []
    checks: list[Check] = []
    # 平成17年度の開示請求は126件であった。県内85件、…: a year named goes on into the next sentences
    year_so_far = fiscal_year.start_year if fiscal_year else None
    sentences = _sentences(paragraph.line.text)
    for number, sentence in enumerate(sentences, 1):
        reader = _SentenceReader(paragraph, sentence, fiscal_year, year_so_far)
        for figure in _FIGURE.finditer(reader.text):
            reader.read(figure)
            if _not_a_key_figure(reader.text, figure):
                continue
            if not reader.name:
                checks.append(_unnamed(paragraph, sentence, figure.group()))
                continue
            total = "(計)" if figure["prefix"] in ("計", "合計") else ""
            found.extend(_figures(reader.stated, reader.name + total, figure, reader.year,
                                  reader.change))
        found.extend(_bracketed_pairs(reader.stated, reader.text, fiscal_year))
        if number < len(sentences):
            year_so_far = _opening_year(reader.text, fiscal_year, year_so_far)
    return MetricsRead(_distinct(found), checks)


def _bracketed_pairs(stated: _Stated, text: str, fiscal_year: FiscalYear | None) -> list[Metric]:
    """``●…の状況(表1) [請求手続件数]49 [決定件数※]58``: a table a page's editor flattened into
    labelled numbers, with no counter printed (the unit stays empty), under the title of the
    table printed before them."""
    if "]" not in text:
        return []
    line, section = stated.paragraph.line, stated.paragraph.section
    metrics = []
    titles, at = list(_INLINE_TITLE.finditer(text)), 0
    for pair in _BRACKET_PAIR.finditer(text):
        while at + 1 < len(titles) and titles[at + 1].start() < pair.start():
            at += 1  # the last title before the pair
        title = titles[at]["title"] if titles and titles[at].start() < pair.start() else ""
        metrics.append(Metric(
            fiscal_year=fiscal_year.start_year if fiscal_year else None,
            section_no=None if title else section.no if section else None,
            section_title=title.strip() if title else section.title if section else "",
            metric=pair["name"].rstrip("※*"), kind="count",
            value=parse_figure_number(pair["number"]) or 0, unit="", as_of=None,
            sentence=stated.sentence, source_page=line.page, source_line=line.line))
    return metrics


def _change_of(text: str, figure: re.Match[str]) -> str:
    """The change a figure states: ``8件増加``, or, after what it compares with,
    ``平成26年度より483件と大幅に減少``."""
    if figure["change"]:
        return figure["change"]
    if figure["number"][0] in "+△▲-":
        return SIGNED  # 対前年度比 +13件, △5件: the sign says which way
    later = _CHANGED_BY.match(text, figure.end()) if text.startswith("と", figure.end()) else None
    return later["change"] if later and text[:figure.start()].endswith(_COMPARED_FROM) else ""


def _not_a_key_figure(text: str, figure: re.Match[str]) -> bool:
    """``各1件`` (per item), ``1件の請求に対して`` (a unit of account), ``1枚につき30円`` (a
    price or rate) and ``0業務登録件数``, ``6人事関係`` (a counter that opens a word: the number
    has no counter) count nothing."""
    rest = text[figure.end():]
    return (figure["prefix"] in ("各", "それぞれ") or bool(_RATE_BASIS.match(rest))
            or (figure["number"] == "1" and bool(_UNIT_OF_ACCOUNT.match(rest)))
            or text[:figure.start()].endswith(_PER)
            or (len(figure["unit"]) > 1 and bool(_WORD_GOES_ON.match(rest)))
            or (figure["unit"] + rest[:1]) in _WORDS_A_COUNTER_OPENS)


class _SentenceReader:
    """The name and fiscal year of each figure of a sentence, read in order: a figure without
    a name of its own keeps the one before it while the clause goes on."""

    def __init__(self, paragraph: Paragraph, sentence: str, fiscal_year: FiscalYear | None,
                 year_so_far: int | None):
        self.paragraph, self.text = paragraph, _clauses_text(sentence)
        self.stated = _Stated(paragraph, sentence, fiscal_year)
        self.name, self.year = "", year_so_far
        self.whole = ""  # the name of the last figure that is not a part of one (うち)
        self.change = self.previous_change = ""  # what the figure (the one before) says changed
        self.previous: re.Match[str] | None = None
        self._clause_year = year_so_far
        self.last_year_in_brackets = False
        breakdown = _BREAKDOWN.match(self.text) if "別" in self.text else None
        self.member = _cleaned(breakdown["member"]) if breakdown else ""
        self.member_end = breakdown.end() if breakdown else 0

    def read(self, figure: re.Match[str]) -> None:
        before = self.text[:figure.start()]
        since = self.text[self.previous.end() if self.previous else 0:figure.start()]
        # 前年度の626件 is last year's; 前年度の22.3%減 is this year's change against it
        self.previous_change, self.change = self.change, _change_of(self.text, figure)
        last_years = bool(_PREVIOUS_YEAR.search(before) and not self.change)
        if before.count("(") > before.count(")"):
            # 全部開示が100件(前年度90件)、部分開示が40件(同35件): 同 repeats the bracket before
            if before.endswith("(同") and not self.change:
                last_years = self.last_year_in_brackets
            self.last_year_in_brackets = last_years
        a_year_earlier = bool(self.previous) and last_years  # named as the figure before it
        self.name = self._of_member(self._name(figure, before, since, a_year_earlier), figure)
        if not self.name.endswith("(うち)") and before.count("(") <= before.count(")"):
            self.whole = self.name
        from_to = bool(_FROM_TO.match(self.text[figure.end():])
                       or self.text.startswith(_COMPARED_FROM, figure.end()))
        report = self.stated.fiscal_year
        # …01年度の4割程度だったが、4年前からは…: a year behind the turn is behind the figure
        turned = _CLAUSE_TURNS.split(since) if "、" in since else [since]
        named, year = _year_named(turned[-1], report)
        if year is not None and (_OWN_YEAR.search(since) and (from_to or since.endswith("("))
                                 or _year_named(self.name, report)[1] == year):
            # 2004年度分6,793件, 26年度の18件から8件, 01年度(7615件), 令和3年度の105件と比べて:
            # the figure's own year, not the clause's
            self.year = year
        else:
            if not named and len(turned) > 1:
                self._clause_year = report.start_year if report else None
            self._clause_year = year if named else self._clause_year
            clause_year = self._clause_year
            earlier = last_years or from_to
            self.year = clause_year - 1 if earlier and clause_year else clause_year
        self.previous = figure

    def _of_member(self, name: str, figure: re.Match[str]) -> str:
        """``実施機関別では、水道局が…開始したことに伴い、開示決定等の件数は…1,060件``: the measure
        is the member's (水道局の開示決定等の件数), not the whole's of the sentence before."""
        member = self.member
        of_member = (member and _usable(member) and figure.start() > self.member_end
                     and name.endswith(_MEASURES) and member not in name)
        return f"{member}の{name}" if of_member else name

    def _name(self, figure: re.Match[str], before: str, since: str, a_year_earlier: bool) -> str:
        previous, name = self.previous, self.name
        if self.text[figure.end():].rstrip("。 ") == "の":
            return ""  # …107件の (the page cut here): what it counts is not printed
        named = None if a_year_earlier else _name_before(before)
        if (figure["prefix"] in ("計", "合計") and previous and not (named and named.name)
                and previous["prefix"] not in ("各", "それぞれ")):  # 審査請求が各1件、計3件
            return _topic(self.text)  # 区長が120件、教育委員会が30件、合計150件: the topic's total
        comparison = bool(named and _COMPARISON.match(named.name))
        compared = bool(previous and self.change and (
            comparison or _COMPARED_WITH.search(since)))
        if compared:  # (前年度比34.1%増) after …件(うち取下げ167件): the whole's change
            return _new_subject(since) or self.whole
        if a_year_earlier or _restates_the_figure_before(before, named):
            return name
        if comparison:
            named = None  # 前年度比1760件増: a change of the subject, which 前年度比 does not name
        rest = self.text[figure.end():]
        counted = _counted_after(before, rest)
        if counted:
            return counted
        if previous and _year_right_before(before) and since.count("(") > since.count(")"):
            return ""  # 30件(令和5年 4件、令和4年 4件…): a year's part of a figure, unnamed
        if named and named.part_of and not named.name and previous:
            if self.text[figure.end():].startswith("は"):
                return ""  # (うち3件は個人情報と重複): a part the words after it describe
            return name.removesuffix("(うち)") + "(うち)" if name else ""
        if named and _usable(named.name):
            return named.name + ("(うち)" if named.part_of else "")
        after = _name_after(rest)
        if after:
            return after
        if before.endswith("(") and not named and not _year_right_before(before[:-1]):
            return ""  # …文書(※)(1名): the bracketed figure of words it cannot be named by
        if previous is None:  # the nearest subject before it, else the sentence's topic
            return (_done_topic(before) or _new_subject(before) or _topic(self.text)
                    or _heading_name(self.paragraph, self.text))
        subject = _new_subject(since)
        if subject:
            return subject  # …2,701件で、実施機関別では、警視総監における決定件数が、…1,224件
        if self.previous_change or (named and _IS_YEAR.match(named.name)):
            return name  # 12件増加し、135件となった; 令和3年度の3,547件に対して、令和4年度は3,555件
        if (named or _CLAUSE_BREAK.search(since) or before.endswith(_ALTOGETHER)
                or before.endswith("(")):
            # 任意開示申出は12件で、合わせて77件: a total of what is not said; …情報(128件)、
            # <an item too long to be a name>(145件): another item, not the one before
            return ""
        if "のうち" in since and name:  # …合計347件のうち、おおよそ1割強、43件が: a part of it
            return name.removesuffix("(うち)") + "(うち)"
        return name


class _Stated:
    """What a sentence says of all its figures (its year, its as-of date), read once."""

    def __init__(self, paragraph: Paragraph, sentence: str, fiscal_year: FiscalYear | None):
        self.paragraph, self.sentence, self.fiscal_year = paragraph, sentence, fiscal_year

    @cached_property
    def as_of(self) -> str | None:
        return _as_of(self.sentence, self.fiscal_year)


def _year_named(since_previous: str, report: FiscalYear | None) -> tuple[bool, int | None]:
    """Whether a fiscal year is named since the figure before (``令和3年度の3,547件に対して、
    令和4年度は3,555件``: that figure's year, and the year of those after it), and which,
    None where it cannot be read (``99年度`` in a report of 1998)."""
    if "年度" not in since_previous:
        # 24年が15件、25年が5件: an era-less calendar year right before its figure, in a list
        year = _ERALESS_CALENDAR_YEAR.search(since_previous) if "年" in since_previous else None
        eraless = _eraless_year(f"{year['year']}年度", report) if year else None
        return eraless is not None, eraless
    text = _SINCE_YEAR.sub("", _ASIDE.sub("", since_previous))
    try:
        named = find_fiscal_year(text)
    except DateError:
        return True, None
    if named:
        return True, named.start_year
    eraless = _eraless_year(text, report)
    return eraless is not None or bool(_ERALESS_YEAR.search(text)), eraless


def _opening_year(text: str, report: FiscalYear | None, so_far: int | None) -> int | None:
    """The year a sentence opens with (``平成17年度(4月~9月)の開示請求は、…``, ``12年度の建設部に
    対する…``), which the sentences after it go on in; not a figure's own (``最多は07年度の5074件``)."""
    opening = _FIRST_CLAUSE.match(text)
    if opening is None or "年" not in opening.group():
        return so_far  # most sentences: no year in their first clause
    first_figure = _FIGURE.search(text, 0, opening.end())
    opening = _FIRST_CLAUSE.match(text[:first_figure.start()] if first_figure else text)
    if opening is None or (first_figure and opening.end() == first_figure.start()
                           and _FIGURES_OWN_YEAR.search(opening.group())):
        return so_far  # 最多は07年度の5074件 (but 令和3年度は98件: the sentence's topic)
    named, year = _year_named(opening.group(), report)
    return year if named else so_far


def _eraless_year(text: str, report: FiscalYear | None) -> int | None:
    """``22年度51件`` in a 平成23年度 report: 平成22年度; ``07年度の5074件`` in a 2012年度
    report: 2007 — an era-less year is in the report's own era, or its century, and not
    after it."""
    match = _ERALESS_YEAR.search(text)
    if match is None or report is None:
        return None
    year = int(match["year"])
    era = _ERA_OF.match(report.label)
    if era:
        try:
            found = fiscal_year_in(match.group(), era=era.group())
        except DateError:
            return None
        start = found.start_year if found else None
    else:
        start = report.start_year - report.start_year % 100 + year
        start = start - 100 if start > report.start_year else start  # 99年度 in 2004
    return start if start is not None and FIRST_REPORT_YEAR <= start <= report.start_year else None


def _figures(stated: _Stated, name: str, figure: re.Match[str], year: int | None,
             change: str) -> list[Metric]:
    value = parse_figure_number(figure["number"])
    assert value is not None
    kind = "change" if change else ("share" if figure["unit"] == "%" else "count")
    sign = -1 if change and any(word in change for word in "減少下") else 1
    line, section = stated.paragraph.line, stated.paragraph.section

    def metric(number: int | float, unit: str, metric_kind: str) -> Metric:
        return Metric(
            fiscal_year=year,
            section_no=section.no if section else None,
            section_title=section.title if section else "",
            metric=name, kind=metric_kind, value=number, unit=unit,
            as_of=stated.as_of, sentence=stated.sentence,
            source_page=line.page, source_line=line.line)

    result = [metric(sign * value, figure["unit"], kind)]
    if figure["percent"]:
        percent = parse_figure_number(figure["percent"])
        assert percent is not None
        result.append(metric(sign * percent, "%", "change" if change else "share"))
    return result


def _distinct(found: list[Metric]) -> list[Metric]:
    """A figure restated in the same paragraph (``非公開43件のうち…``) is listed once."""
    seen: set[tuple] = set()
    result = []
    for metric in found:
        key = (metric.section_title, metric.metric, metric.kind, metric.value, metric.unit,
               metric.fiscal_year)
        if key not in seen:
            seen.add(key)
            result.append(metric)
    return result


def _unnamed(paragraph: Paragraph, sentence: str, figure: str) -> Check:
    return Check(
        "metric_named", "failed", None,
        f"line {paragraph.line.line}", "a name for the figure", figure,
        f"no name found for {figure} in: {sentence}")
