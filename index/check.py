"""`python -m index check`: validate documents and data tables, report in Czech for staff."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kb.curated import load_curated
from kb.documents import load_documents
from kb.problems import Problem, Severity


def table_problems(knowledge_dir: Path) -> list[Problem]:
    """Problems of the data tables (municipalities, MAS, calls), from their owners' validators."""
    from bot import eligibility, places
    from index import synonyms

    problems: list[Problem] = []
    for validate in (places.validate, eligibility.validate, synonyms.validate):
        problems.extend(validate(knowledge_dir))
    return problems


def run_check(knowledge_dir: Path, today: dt.date | None = None) -> list[Problem]:
    problems = list(load_documents(knowledge_dir, today).problems)
    if knowledge_dir.is_dir():
        problems.extend(load_curated(knowledge_dir, today)[1])
        problems.extend(table_problems(knowledge_dir))
    return problems


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


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
