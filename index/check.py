"""`python -m index check`: validate documents, curated answers and data tables; report in Czech for staff."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from index.glossary import useless_glossary_entries
from index.synonyms import useless_entries
from kb.freshness import freshness_report
from kb.knowledge import Knowledge
from kb.problems import Problem, Severity


def index_problems(knowledge: Knowledge) -> list[Problem]:
    """What only the search layer can see (e.g. synonyms that analyse to nothing)."""
    tables, name = knowledge.tables, knowledge.folder.name
    return [*useless_entries(tables.synonyms, name), *useless_glossary_entries(tables.glossary, name)]


def run_check(knowledge_dir: Path, today: dt.date | None = None) -> tuple[Knowledge, list[Problem]]:
    """Everything staff should know: errors, warnings, and how fresh each document and table is."""
    knowledge = Knowledge.load(knowledge_dir, today)
    tables = knowledge.tables
    freshness = freshness_report(
        knowledge.documents, tables.calls, tables.places, knowledge.folder.name, today or dt.date.today()
    )
    return knowledge, [*knowledge.problems, *index_problems(knowledge), *freshness]


def format_report(problems: list[Problem], knowledge_dir: Path, document_count: int) -> str:
    """The staff report: errors first, then warnings, then summaries, and a one-line verdict."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    infos = [p for p in problems if p.severity is Severity.INFO]
    out = [f"Kontrola složky {knowledge_dir}: {document_count} dokumentů."]
    for heading, group in (
        ("Chyby (musí se opravit, jinak se index nesestaví):", errors),
        ("Varování (index se sestaví, ale stojí za opravu):", warnings),
        ("Přehled:", infos),
    ):
        if group:
            out += ["", heading, *(f"  {p.format()}" for p in group)]
    out.append("")
    if errors:
        out.append(f"VÝSLEDEK: {len(errors)} chyb, {len(warnings)} varování. Opravte chyby a spusťte kontrolu znovu.")
    elif warnings:
        out.append(f"VÝSLEDEK: bez chyb, {len(warnings)} varování. Index lze sestavit.")
    else:
        out.append("VÝSLEDEK: vše v pořádku. Index lze sestavit.")
    return "\n".join(out)
