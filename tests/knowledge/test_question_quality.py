"""Answer quality on our own question set, through the real engine and the real index of knowledge/.

Two numbers, printed and asserted:
* retrieval: the expected document is among the files of the top 5 passages (target ≥ 95 %);
* answer: the key fact appears in the answer text the bot would send (target ≥ 80 %).
When this fails, improve the documents (clear first sentences, self-contained sections), not the questions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

QUESTIONS = Path(__file__).resolve().parent / "questions.yaml"
RETRIEVAL_TARGET = 0.95
FACT_TARGET = 0.80

pytestmark = pytest.mark.slow


def evaluate(engine, questions: list[dict]) -> tuple[float, float, list[str], list[str]]:
    """(retrieval rate, fact rate, retrieval misses, fact misses) over the question set."""
    hit_doc = hit_fact = 0
    doc_misses: list[str] = []
    fact_misses: list[str] = []
    for item in questions:
        answer = engine.answer(item["q"])
        files = [Path(p.file).name for p in answer.passages[:5]]
        if item["doc"] in files:
            hit_doc += 1
        else:
            doc_misses.append(f"{item['q']!r}: expected {item['doc']}, top 5 {files}")
        if item["fact"].casefold() in answer.text.casefold():
            hit_fact += 1
        else:
            fact_misses.append(f"{item['q']!r}: missing {item['fact']!r} in {answer.body[:160]!r}")
    return hit_doc / len(questions), hit_fact / len(questions), doc_misses, fact_misses


def test_expected_document_in_top5_and_fact_in_answer(engine) -> None:
    questions = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    assert len(questions) >= 70
    retrieval, facts, doc_misses, fact_misses = evaluate(engine, questions)
    print(
        f"\nknowledge questions: {len(questions)}; expected document in top 5: {retrieval:.1%}; "
        f"key fact in answer: {facts:.1%}"
    )
    for line in doc_misses:
        print("  top5 miss:", line)
    for line in fact_misses:
        print("  fact miss:", line)
    assert retrieval >= RETRIEVAL_TARGET, f"expected document in top 5 for only {retrieval:.1%}"
    assert facts >= FACT_TARGET, f"key fact in the answer for only {facts:.1%}"
