"""The staff synonym lists: `knowledge/synonyma.yaml` (everyday Czech words → the words the documents use)
and `knowledge/cizi-vyrazy.yaml` (English and Ukrainian expressions → the documents' Czech words).

Here they are only read and validated (an entry per line: `výraz: [slovo, další slovo]`); the search
layer analyses the words into terms (index.synonyms, index.glossary).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from kb.problems import Problem, Report, display_path
from kb.yamlfile import compose_file

FILENAME = "synonyma.yaml"
GLOSSARY_FILE = "cizi-vyrazy.yaml"
_SHAPE = "Každý řádek má tvar „výraz: [slovo, další slovo]“."


@dataclass(frozen=True, slots=True)
class SynonymEntry:
    phrase: str  # what people say: "pracák"
    words: tuple[str, ...]  # what documents say: ("úřad práce",)
    line: int


def read_synonyms(knowledge_dir: Path, filename: str = FILENAME) -> tuple[list[SynonymEntry], list[Problem]]:
    """All entries of one list; a missing file means no entries, a broken one is an error (nothing loaded)."""
    path = knowledge_dir / filename
    report = Report(display_path(path, knowledge_dir))
    if not path.exists():
        return [], []
    root = compose_file(path, report, _SHAPE)
    if root is None:
        return [], report.problems
    if not isinstance(root, yaml.MappingNode):
        report.error(1, f"Soubor musí obsahovat řádky se synonymy. {_SHAPE}")
        return [], report.problems
    entries = []
    for key_node, value_node in root.value:
        entry = _entry(key_node, value_node, report)
        if entry is not None:
            entries.append(entry)
    return entries, report.problems


def _entry(key_node: yaml.Node, value_node: yaml.Node, report: Report) -> SynonymEntry | None:
    line = key_node.start_mark.line + 1
    phrase = str(key_node.value).strip() if isinstance(key_node, yaml.ScalarNode) else ""
    items = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
    words = tuple(
        str(item.value).strip() for item in items if isinstance(item, yaml.ScalarNode) and str(item.value).strip()
    )
    if not phrase or not words or len(words) != len(items):
        report.error(line, f"Výraz „{phrase or '?'}“ nejde přečíst. {_SHAPE}")
        return None
    return SynonymEntry(phrase, words, line)
