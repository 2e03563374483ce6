"""Staff-curated synonyms (knowledge/synonyma.yaml): everyday words mapped to the words documents use.

Only the BM25 side of the search is expanded ("pracák" → "úřad práce"); the dense model already
handles paraphrase. A missing file means no synonyms; a broken one is reported by `index check`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from index.analyzer import analyze
from kb.problems import Problem, Severity, display_path

FILE_NAME = "synonyma.yaml"


@dataclass(frozen=True)
class Synonyms:
    """Analysed key term sequences → analysed terms to add to the query."""

    rules: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()

    def expand(self, terms: tuple[str, ...]) -> tuple[str, ...]:
        """The terms plus the expansions of every key found in them (in order, no duplicates)."""
        out = list(terms)
        for key, expansion in self.rules:
            n = len(key)
            if any(terms[i : i + n] == key for i in range(len(terms) - n + 1)):
                out.extend(t for t in expansion if t not in out)
        return tuple(out)


def _read(knowledge_dir: Path) -> tuple[dict | None, list[Problem]]:
    path = knowledge_dir / FILE_NAME
    shown = display_path(path, knowledge_dir)
    if not path.exists():
        return None, []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(shown, None, Severity.ERROR, f"Soubor nejde přečíst jako text UTF-8 ({exc}).")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [
            Problem(
                shown,
                mark.line + 1 if mark else None,
                Severity.ERROR,
                "Chybný zápis YAML. Každý řádek má tvar „výraz: [slovo, další slovo]“.",
            )
        ]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return None, [Problem(shown, 1, Severity.ERROR, "Soubor musí obsahovat řádky „výraz: [slovo, další slovo]“.")]
    return data, []


def _rules(data: dict) -> tuple[list[tuple[tuple[str, ...], tuple[str, ...]]], list[str]]:
    rules, bad = [], []
    for key, value in data.items():
        words = value if isinstance(value, list) else [value]
        key_terms = tuple(analyze(str(key)))
        expansion = tuple(t for w in words if isinstance(w, str | int) for t in analyze(str(w)))
        if not key_terms or not expansion:
            bad.append(str(key))
            continue
        rules.append((key_terms, expansion))
    return rules, bad


def load_synonyms(knowledge_dir: Path) -> Synonyms:
    data, problems = _read(knowledge_dir)
    if not data or problems:
        return Synonyms()
    rules, _ = _rules(data)
    return Synonyms(tuple(rules))


def validate(knowledge_dir: Path) -> list[Problem]:
    data, problems = _read(knowledge_dir)
    if data:
        shown = display_path(knowledge_dir / FILE_NAME, knowledge_dir)
        _, bad = _rules(data)
        problems += [
            Problem(
                shown,
                None,
                Severity.WARNING,
                f"Výraz „{key}“ nic nepřidá (prázdný seznam nebo jen "
                "běžná slova jako „a“, „na“). Doplňte slova, která používají dokumenty.",
            )
            for key in bad
        ]
    return problems
