from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportparse.output.rows import csv_lines, rows
from reportparse.output.writers import csv_text
from reportparse.tokens import dictionary_info, incident_words, tokenize
from reportparse.values.normalize import normalize

# Any character a reader can hand over (it rejects NUL as binary data), with the ones that
# matter to CSV made likely.
_CHARACTERS = st.one_of(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                        st.sampled_from(list(',"=+-@*\r\n 　、。漢字カナ')))


def test_lemma_is_the_dictionary_form_as_written():
    words = {surface: (lemma, pos, detail) for surface, lemma, pos, detail in tokenize("メールを送信したため、あった")}
    assert words["メール"] == ("メール", "名詞", "普通名詞-サ変可能")  # not UniDic's "メール-mail"
    assert words["あっ"][0] == "ある"  # not 有る
    assert words["送信"][1] == "名詞"


def test_unknown_words_fall_back_to_their_surface():
    assert tokenize("qwzxv") == [("qwzxv", "qwzxv", "名詞", "普通名詞-一般")]


def test_seed_tokens_cover_description_and_resolved_cause(seed_report):
    tokens = seed_report.token_records
    fields = {(t.incident_no, t.field) for t in tokens}
    assert fields == {(n, f) for n in range(1, 29) for f in ("description", "cause")}
    cause_23 = "".join(t.surface for t in tokens if t.incident_no == 23 and t.field == "cause")
    assert cause_23 == "メール送信時の内容確認が不十分であったため"
    description_1 = [t for t in tokens if t.incident_no == 1 and t.field == "description"]
    assert [t.token_no for t in description_1] == list(range(1, len(description_1) + 1))
    assert "".join(t.surface for t in description_1) == seed_report.incident_records[0].description


def test_dictionary_info_names_versions():
    assert dictionary_info().startswith("fugashi ")
    assert "unidic-lite 1.0.8" in dictionary_info()


def test_a_word_whose_dictionary_form_is_unset_takes_its_surface():
    assert tokenize("注*1")[1] == ("*", "*", "補助記号", "一般")  # UniDic leaves ＊'s orthBase empty


# tokens.csv is written straight from MeCab's text (csv_lines); it must be exactly what the
# CSV writer makes of the Token records, quoting and formula neutralising included.
def _with_incident_texts(report, texts):
    incidents = [replace(report.incident_records[0], no=no, description=description, cause=cause)
                 for no, (description, cause) in enumerate(texts, start=1)]
    return replace(report, incident_records=incidents, words=incident_words(incidents))


def test_token_lines_are_the_csv_writer_rows_of_the_token_records(seed_report, parse_bytes, seed_text):
    hostile = seed_text.replace("帳票出力および交付の際の確認", '=SUM(A1),"引用" -5 +3 @x a,b* -')
    for report in (seed_report, parse_bytes(hostile.encode(), "=id,1.txt")):
        assert csv_lines(report, "tokens") == csv_text(rows([report], "tokens"))
    # the report id neutralised and quoted, a word with a comma and a quote quoted
    assert '"\'=id,1",1,cause,6,"),""","),""",記号,一般\n' in csv_lines(report, "tokens")


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.text(alphabet=_CHARACTERS), st.text(alphabet=_CHARACTERS)),
                max_size=4))
def test_token_lines_match_the_records_on_any_text(seed_report, texts):
    report = _with_incident_texts(seed_report, [tuple(map(normalize, pair)) for pair in texts])
    assert csv_lines(report, "tokens") == csv_text(rows([report], "tokens"))
    for token in report.token_records:
        assert "\t" not in token.surface + token.lemma + token.pos + token.pos_detail


def test_token_lines_of_a_list_without_numbers(seed_report):
    # incident no left empty; one hostile word sends every text of the report the exact way
    for texts in ([("申請書を誤送付", "確認不足")], [("申請書を誤送付", "確認不足"), ("=A1", "同上")]):
        report = _with_incident_texts(seed_report, texts)
        report = replace(report, incident_records=[replace(incident, no=None)
                                                   for incident in report.incident_records])
        assert csv_lines(report, "tokens") == csv_text(rows([report], "tokens"))
        assert csv_lines(report, "tokens").startswith("nerima_r3,,description,1,申請,")
