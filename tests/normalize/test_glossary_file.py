"""The staff glossary knowledge/cizi-vyrazy.yaml: English and Ukrainian questions reach the documents' words."""

from __future__ import annotations

import pytest

from index.analyzer import analyze
from index.bm25 import BM25
from index.glossary import Glossary, useless_glossary_entries
from kb.problems import Severity
from kb.synonyms import GLOSSARY_FILE, read_synonyms
from tests.normalize.conftest import KNOWLEDGE, knowledge_texts


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.compile(read_synonyms(KNOWLEDGE, GLOSSARY_FILE)[0])


@pytest.fixture(scope="module")
def vocabulary() -> dict:
    return BM25.build([analyze(text) for text in knowledge_texts()]).postings


def test_glossary_file_is_valid() -> None:
    entries, problems = read_synonyms(KNOWLEDGE, GLOSSARY_FILE)
    assert len(entries) >= 200
    assert [p for p in problems + useless_glossary_entries(entries) if p.severity is not Severity.INFO] == []


def test_every_czech_word_is_a_word_the_documents_use(vocabulary: dict) -> None:
    entries, _ = read_synonyms(KNOWLEDGE, GLOSSARY_FILE)
    dead = [(e.phrase, w) for e in entries for w in e.words if not all(t in vocabulary for t in analyze(w))]
    assert dead == []


@pytest.mark.parametrize(
    ("question", "document_words"),
    [
        ("Who manages the operational programme?", "řídicím orgánem"),
        ("I was laid off at the mine, can I get a retraining course?", "rekvalifikace"),
        ("How do we set up an energy community in our village?", "energetické společenství"),
        ("What is the phone number and address of the regional authority?", "telefon Krajský úřad"),
        ("Does being in the Territorial Just Transition Plan mean we will get the money?", "PSÚT"),
        ("Можна пройти перекваліфікацію безкоштовно?", "rekvalifikace zdarma"),
        ("Хто входить до моніторингового комітету?", "monitorovací výbor"),
        ("Де знаходиться трансформаційний центр?", "sídlí Transformační centrum"),
        ("Скільки коштують ваучери для малого підприємства?", "voucher náklady"),
    ],
)
def test_foreign_question_gets_the_documents_words(
    glossary: Glossary, vocabulary: dict, question: str, document_words: str
) -> None:
    terms = set(analyze(glossary.lexical_query(question, vocabulary)))
    assert set(analyze(document_words)) <= terms
