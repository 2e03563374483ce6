"""`knowledge/mimo-temata.yaml`: example questions outside the bot's topics (weather, recipes, opinions…).

The build embeds them; a question closer to these than to anything in the knowledge is not answered
from the documents (bot.scope). Staff extend the list with questions the bot should have declined.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kb.problems import Problem, Report, display_path
from kb.yamlfile import compose_file

FILENAME = "mimo-temata.yaml"


def read_offtopic(knowledge_dir: Path) -> tuple[list[str], list[Problem]]:
    """The example questions (each once); a missing file means none, a broken one is an error."""
    path = knowledge_dir / FILENAME
    report = Report(display_path(path, knowledge_dir))
    if not path.exists():
        return [], []
    root = compose_file(path, report, "Každá otázka je na řádku „- text otázky“.")
    if root is None:
        return [], report.problems
    if not isinstance(root, yaml.SequenceNode):
        report.error(1, "Soubor musí být seznam otázek, každá na řádku začínajícím pomlčkou.")
        return [], report.problems
    questions: list[str] = []
    for node in root.value:
        text = " ".join(str(node.value).split()) if isinstance(node, yaml.ScalarNode) else ""
        if not text:
            report.warning(node.start_mark.line + 1, "Prázdná nebo nečitelná položka – smažte ji, nebo doplňte otázku.")
        elif text not in questions:
            questions.append(text)
    return questions, report.problems
