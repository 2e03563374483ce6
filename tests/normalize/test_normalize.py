"""Query normalisation: diacritics restored, colloquial Czech made standard, nothing invented."""

from __future__ import annotations

import pytest

from index.analyzer import analyze
from index.normalize import FrequencyList, QueryNormalizer, fold
from tests.normalize.conftest import word_pairs


def test_folded_question_gets_its_diacritics_back(normalizer: QueryNormalizer) -> None:
    query = "dobry den, delal jsem 30 let na dole a ted me propustili. jaka je pro me pomoc na preskoleni?"
    assert normalizer.normalize(query).text == (
        "dobrý den, dělal jsem 30 let na dole a teď mě propustili. jaká je pro mě pomoc na přeškolení?"
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("jaka je pro me pomoc", "jaká je pro mě pomoc"),
        ("dotace na kulturak", "dotace na kulturák"),
        ("Kolik penez dostane obec?", "Kolik peněz dostane obec?"),
        ("Preskoleni na pracaku", "Přeškolení na pracáku"),
        ("chatrajici fara", "chátrající fara"),
        ("přeskoleni", "přeškolení"),  # typed with some diacritics, misspelt: corrected
    ],
)
def test_restores_diacritics(normalizer: QueryNormalizer, typed: str, expected: str) -> None:
    assert normalizer.normalize(typed).text == expected


def test_word_level_accuracy_is_at_least_ninety_percent(normalizer: QueryNormalizer) -> None:
    pairs = word_pairs()
    assert len(pairs) >= 150
    right = sum(normalizer.normalize(folded).text == expected for folded, expected in pairs)
    assert right / len(pairs) >= 0.9


@pytest.mark.parametrize(
    "query",
    [
        "Co je OPST a FVE?",  # acronyms in capitals
        "napište na info@mas-podbrdsko.cz nebo www.opst.cz/dotace",  # addresses
        "výzva č. 40 do 31. 12. 2024",  # numbers, words already with diacritics
        "Ústí nad Labem",
        "Dobrý den, mám dotaz",
    ],
)
def test_leaves_acronyms_addresses_numbers_and_accented_words(normalizer: QueryNormalizer, query: str) -> None:
    result = normalizer.normalize(query)
    assert result.text == query and not result.changed


def test_common_word_that_is_right_without_diacritics_stays(normalizer: QueryNormalizer) -> None:
    # "ze" (from) is common in itself; "dole" is the locative of "důl" ("na dole").
    assert normalizer.normalize("dotace ze statu pro lidi na dole").text == "dotace ze státu pro lidi na dole"


def test_knowledge_base_words_win_over_the_frequency_list() -> None:
    """ "mas" means MAS in this bot, although "máš" (you have) is the more common word in Czech."""
    frequencies = FrequencyList.from_buckets(_buckets({"máš": -360, "mas": -500, "kontakt": -400, "na": -150}))
    assert QueryNormalizer([], frequencies).normalize("kontakt na mas").text == "kontakt na máš"
    with_kb = QueryNormalizer(["Kontakt na MAS Labské skály"], frequencies)
    assert with_kb.normalize("kontakt na mas").text == "kontakt na mas"


def test_lexical_side_keeps_the_typed_words(normalizer: QueryNormalizer) -> None:
    result = normalizer.normalize("pomoc na preskoleni, novej stroj")
    assert result.variants == ("preskoleni", "novej")
    assert [(c.original, c.replacement) for c in result.changes] == [("preskoleni", "přeškolení"), ("novej", "nový")]
    assert {c.rule for c in result.changes} == {"diacritics", "colloquial:-ej"}
    terms = analyze(result.lexical_text)
    assert set(analyze("přeškolení nový")) <= set(terms) and set(analyze("novej")) <= set(terms)


def test_unchanged_query_has_the_same_lexical_text(normalizer: QueryNormalizer) -> None:
    result = normalizer.normalize("Kdo řídí OPST?")
    assert result.lexical_text == result.text == "Kdo řídí OPST?" and result.variants == ()


@pytest.mark.parametrize(
    ("typed", "expected", "rule"),
    [
        ("novej stroj", "nový stroj", "colloquial:-ej"),
        ("dobrej den", "dobrý den", "colloquial:-ej"),
        ("bejt na pracáku", "být na pracáku", "colloquial:-ej"),
        ("bejvalej horník", "bývalý horník", "colloquial:-ej"),
        ("novýho zaměstnání", "nového zaměstnání", "colloquial:-ýho"),
        ("s penězma", "s penězi", "colloquial:-ma"),
        ("s dětma", "s dětmi", "colloquial:-ma"),
        ("se žádostma", "se žádostmi", "colloquial:-ma"),
        ("s holkama", "s holkami", "colloquial:-ma"),
        ("s novejma strojema", "s novými stroji", "colloquial:-ma"),
        ("vokno", "okno", "colloquial:v-"),
        ("vodpověď", "odpověď", "colloquial:v-"),
        ("vopravit střechu", "opravit střechu", "colloquial:v-"),
        ("vo čem je fond", "o čem je fond", "colloquial:word"),
        ("kerej úřad", "který úřad", "colloquial:word"),
        ("vobec nevim", "vůbec nevím", "colloquial:word"),
        ("de to?", "jde to?", "colloquial:de"),
        ("dělal sem na dole", "dělal jsem na dole", "colloquial:sem"),
        ("mladý holky", "mladé holky", "colloquial:-ý"),
        ("nový budovy", "nové budovy", "colloquial:-ý"),
        ("co sou ty ekomiliardy", "co jsou ty ekomiliardy", "colloquial:word"),
        ("kdy budem moct", "kdy budeme moct", "colloquial:-em"),
        ("kam muzem jit", "kam můžeme jít", "colloquial:-em"),
        ("odkud maj peníze", "odkud mají peníze", "colloquial:-aj"),
        ("co rozdelujou", "co rozdělují", "colloquial:-ujou"),
        ("de z toho neco", "jde z toho něco", "colloquial:de"),
        ("da se na to", "dá se na to", "colloquial:dá"),
        ("na co se da", "na co se dá", "colloquial:dá"),
        ("sem starosta obce", "jsem starosta obce", "colloquial:sem"),
        ("je mi 58 a sem na dlažbě", "je mi 58 a jsem na dlažbě", "colloquial:sem"),
        ("Mám dotaz. Sem z Mostu", "Mám dotaz. Jsem z Mostu", "colloquial:sem"),
        ("na co se da zadat", "na co se dá žádat", "colloquial:word"),  # no accents typed: "žádat"
        ("kdybysme moh", "kdybychom mohl", "colloquial:word"),
    ],
)
def test_colloquial_forms_become_standard(normalizer: QueryNormalizer, typed: str, expected: str, rule: str) -> None:
    result = normalizer.normalize(typed)
    assert result.text == expected
    assert rule in {c.rule for c in result.changes}


@pytest.mark.parametrize(
    "query",
    [
        "pejsek",  # "ej" is not always colloquial: not "písek"
        "vejce a olej",
        "přejít na jiné topení",
        "vosa",  # prothetic-v stripping would give "osa"
        "volej",
        "voda v obci",
        "čištění odpadních vod",
        "rukama",  # standard dual
        "máma",
        "nejvíc peněz",
        "dej mi vědět",
        "nový zákon",
        "který by mohl",
        "pojď sem",
        "napište sem, co chcete",
        "podpora de minimis",  # Latin, not "jde"
        "dá se to",
        "problém se žádostí",  # "-em" of a noun: no "-eme" form to prefer
        "s rokem 2027",
        "kraj a obec",  # "-aj": "krají" is rarer than "kraj"
        "čaj",
        "jak mám zadat obec do průvodce",  # accents typed elsewhere: "zadat" means to enter
        "xyzzy qwrtp",  # not words: nothing to restore
    ],
)
def test_standard_words_and_non_words_are_left_alone(normalizer: QueryNormalizer, query: str) -> None:
    assert normalizer.normalize(query).text == query


def test_fold_strips_czech_diacritics_only() -> None:
    assert fold("Přeškolení ŽÁDOSTÍ ůň") == "Preskoleni ZADOSTI un"
    assert fold("Усті") == "Усті"


def _buckets(words: dict[str, int]) -> list[list[str]]:
    """wordfreq-style buckets (index = -centibels) from word → centibels."""
    buckets: list[list[str]] = [[] for _ in range(901)]
    for word, cb in words.items():
        buckets[-cb].append(word)
    return buckets


def test_lexical_query_keeps_only_typed_forms_the_index_knows(normalizer: QueryNormalizer) -> None:
    result = normalizer.normalize("dotace obcim na preskoleni")
    vocabulary = set(analyze("obcim dotace přeškolení"))  # the index knows "obcim" but no "preskoleni" stem
    vocabulary.discard(analyze("preskoleni")[0])
    assert result.lexical_query(vocabulary) == "dotace obcím na přeškolení obcim"
    assert result.lexical_query(set()) == result.text


def test_long_word_typed_without_diacritics_gets_the_more_frequent_form() -> None:
    words = {"kravin": -673, "kravín": -647, "autobusu": -475, "autobusů": -499, "byt": -300, "být": -250}
    normalizer = QueryNormalizer([], FrequencyList.from_buckets(_buckets(words)))
    assert normalizer.normalize("kravin").text == "kravín"  # long: the accented form is more frequent
    assert normalizer.normalize("autobusu").text == "autobusu"  # a real form, more frequent than "autobusů"
    assert normalizer.normalize("byt").text == "byt"  # short: a word of its own unless 10× rarer


def test_knowledge_words_written_without_diacritics_are_no_standard_spelling() -> None:
    """Curated phrasings copy how people type ("kdo mi zaplati preskoleni"); that must not block the restore."""
    words = {"přeškolení": -600, "kdo": -300, "zaplatí": -450, "zaplati": -560, "mas": -495, "máš": -362}
    frequencies = FrequencyList.from_buckets(_buckets(words))
    normalizer = QueryNormalizer(["Pomůže vám MAS."], frequencies, phrasings=["kdo mi zaplati preskoleni"])
    assert normalizer.normalize("kdo mi zaplati preskoleni").text == "kdo mi zaplatí přeškolení"
    assert {"preskoleni", "zaplati"}.isdisjoint(normalizer.vocabulary) and "kdo" in normalizer.vocabulary
    assert normalizer.normalize("kolik je mas").text == "kolik je mas"  # the documents' own words stay


def test_real_words_are_the_known_ones(normalizer: QueryNormalizer) -> None:
    assert normalizer.real_words("chtěl koupit nový xyzzyq") == ["chtěl", "koupit", "nový"]
