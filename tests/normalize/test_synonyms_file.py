"""The staff synonym file (knowledge/synonyma.yaml): everyday words lead to words the documents use."""

from __future__ import annotations

import pytest
import yaml

from index.analyzer import analyze
from index.bm25 import BM25
from index.normalize import QueryNormalizer
from index.synonyms import Synonyms, useless_entries
from kb.problems import Problem, Severity
from kb.synonyms import FILENAME as FILE_NAME
from kb.synonyms import read_synonyms
from tests.normalize.conftest import KNOWLEDGE, knowledge_texts


@pytest.fixture(scope="module")
def synonyms() -> Synonyms:
    return Synonyms.compile(read_synonyms(KNOWLEDGE)[0])


def validate(folder) -> list[Problem]:
    entries, problems = read_synonyms(folder)
    return problems + useless_entries(entries)


@pytest.fixture(scope="module")
def vocabulary() -> dict:
    return BM25.build([analyze(text) for text in knowledge_texts()]).postings


def test_synonym_file_is_valid() -> None:
    assert [p for p in validate(KNOWLEDGE) if p.severity is not Severity.INFO] == []


def test_every_entry_leads_to_words_the_documents_use(vocabulary: dict) -> None:
    data = yaml.safe_load((KNOWLEDGE / FILE_NAME).read_text(encoding="utf-8"))
    dead = [key for key, words in data.items() if not any(t in vocabulary for w in words for t in analyze(str(w)))]
    assert dead == []


def test_every_entry_first_word_is_the_knowledge_own(vocabulary: dict) -> None:
    """An everyday word no document uses is searched as the entry's first word: a word the documents or the
    staff's curated answers use, not a stray spelling."""
    curated = " ".join(p.read_text(encoding="utf-8") for p in (KNOWLEDGE / "odpovedi").rglob("*.md"))
    known = set(vocabulary) | set(analyze(curated))
    data = yaml.safe_load((KNOWLEDGE / FILE_NAME).read_text(encoding="utf-8"))
    foreign = [key for key, words in data.items() if not any(t in known for t in analyze(str(words[0])))]
    assert foreign == []


@pytest.mark.parametrize(
    ("question", "document_words"),
    [
        ("chci se přeškolit na jinou práci", "rekvalifikace"),
        ("jsem nezamestnany, co mam delat", "uchazeč o zaměstnání"),
        ("přišel jsem o práci na šachtě", "úřad práce"),
        ("dostal jsem vypoved, kam jit", "úřad práce"),
        ("oprava chátrající budovy v obci", "brownfield"),
        ("dotace na opravu kulturáku", "komunitní centrum"),
        ("oprava kulturniho domu", "kulturní centrum"),
        ("jak na fve na obecní budově", "fotovoltaika"),
        ("dotace na kotlík", "Nová zelená úsporám"),
        ("likvidace invazních rostlin", "invazní druhy"),
        ("jak se zbavit bolševníku", "invazní druhy"),
        ("bezúročná půjčka pro firmu", "úvěr"),
        ("chci novej stroj do dílny", "stroje a technologie"),
        ("mam malou firmu", "malý a střední podnik"),
    ],
)
def test_everyday_question_gets_the_documents_words(
    synonyms: Synonyms, normalizer: QueryNormalizer, question: str, document_words: str
) -> None:
    """As the search will run it: the normalised question (plus the typed words), then the synonyms."""
    expanded = set(synonyms.expand(tuple(analyze(normalizer.normalize(question).lexical_text))))
    assert set(analyze(document_words)) <= expanded


@pytest.mark.parametrize("question", ["Kolik peněz má Ústecký kraj?", "Co je OPST?", "nový zákon o obcích"])
def test_questions_in_the_documents_words_get_nothing_added(synonyms: Synonyms, question: str) -> None:
    terms = tuple(analyze(question))
    assert synonyms.expand(terms) == terms
