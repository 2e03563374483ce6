"""The Czech BM25 analyzer folds diacritics and stems inflected forms to one term."""

from index.analyzer import analyze
from kb.text import fold


def test_fold_strips_diacritics() -> None:
    assert fold("Ústecký kraj, žluťoučký kůň") == "Ustecky kraj, zlutoucky kun"


def test_text_with_and_without_diacritics_gives_the_same_terms() -> None:
    assert analyze("Kolik peněz dostane Ústecký kraj?") == analyze("kolik penez dostane ustecky kraj")


def test_inflected_forms_share_a_stem_and_stop_words_go() -> None:
    assert analyze("rekvalifikace") == analyze("rekvalifikaci") == analyze("rekvalifikací")
    assert analyze("a na to je že") == []
