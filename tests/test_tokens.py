from reportparse.tokens import dictionary_info, tokenize


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
