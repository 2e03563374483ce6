"""Curated answers: a staff-written question, its other phrasings and the answer, with sources.

One file per answer in `knowledge/odpovedi/` (translations: `lang: uk|en` and `translation_of`,
conventionally in `odpovedi/uk/` and `odpovedi/en/`). The bot answers a matching question with the
text verbatim and its sources; the staff guide (knowledge/README.md) shows the format.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from kb.documents import CURATED_DIR, is_markdown
from kb.markdown import MarkdownFile, SourceRef, parse_day, parse_sources, parse_updated, read_markdown
from kb.problems import Problem, Report, Severity, display_path

LANGUAGES = ("cs", "uk", "en")
FIELDS_HINT = "question, alternatives, sources, author a updated"
LONG_ANSWER_CHARS = 900  # longer answers are hard to read in a chat; staff are warned, not stopped
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True, slots=True)
class CuratedAnswer:
    id: str  # path inside odpovedi/ without ".md": "rekvalifikace" or "uk/rekvalifikace"
    file: str  # as staff see it: "knowledge/odpovedi/rekvalifikace.md"
    question: str
    alternatives: tuple[str, ...]
    body: str  # Markdown, said verbatim
    sources: tuple[SourceRef, ...]
    author: str | None
    updated: str | None
    lang: str
    translation_of: str | None  # id of the Czech original

    @property
    def phrasings(self) -> tuple[str, ...]:
        """The question and its alternatives: what a user's question is matched against."""
        return (self.question, *self.alternatives)


def curated_dir(knowledge_dir: Path) -> Path:
    return knowledge_dir / CURATED_DIR


def answer_id(path: Path, knowledge_dir: Path) -> str:
    return path.relative_to(curated_dir(knowledge_dir)).with_suffix("").as_posix()


def curated_paths(knowledge_dir: Path) -> list[Path]:
    folder = curated_dir(knowledge_dir)
    if not folder.is_dir():
        return []
    return [
        p
        for p in sorted(folder.rglob("*"))
        if p.is_file() and is_markdown(p) and not any(s.startswith((".", "_")) for s in p.relative_to(folder).parts)
    ]


def _text_field(md: MarkdownFile, key: str, report: Report, missing: str) -> str | None:
    value = md.meta.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        report.error(md.line_of(key), missing)
        return None
    if not isinstance(value, str | int | float):
        report.error(md.line_of(key), f"Pole „{key}“ musí být text na jednom řádku.")
        return None
    return " ".join(str(value).split())


def _alternatives(md: MarkdownFile, report: Report) -> tuple[str, ...]:
    raw = md.meta.get("alternatives")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(a, str | int | float) for a in raw):
        report.error(
            md.line_of("alternatives"),
            "Pole „alternatives“ musí být seznam jiných znění otázky, každé na řádku začínajícím pomlčkou.",
        )
        return ()
    return tuple(dict.fromkeys(" ".join(str(a).split()) for a in raw if str(a).strip()))


def _lang(md: MarkdownFile, report: Report) -> str:
    raw = md.meta.get("lang")
    if raw is None:
        return "cs"
    lang = str(raw).strip().lower()
    if lang not in LANGUAGES:
        report.error(md.line_of("lang"), f"Neznámý jazyk „{raw}“. Povolené: {', '.join(LANGUAGES)} (výchozí je cs).")
        return "cs"
    return lang


def _translation_of(md: MarkdownFile, lang: str, report: Report) -> str | None:
    raw = md.meta.get("translation_of")
    if lang == "cs":
        if raw is not None:
            report.error(
                md.line_of("translation_of"), "Pole „translation_of“ patří jen k překladům (lang: uk nebo en)."
            )
        return None
    if not isinstance(raw, str) or not raw.strip():
        report.error(
            md.line_of("lang"),
            "Překlad musí mít „translation_of: odpovedi/<soubor>.md“ – českou odpověď, ze které vychází.",
        )
        return None
    target = raw.strip().removeprefix("knowledge/").removeprefix(f"{CURATED_DIR}/").removesuffix(".md")
    return target


def parse_curated(
    path: Path, knowledge_dir: Path, today: dt.date | None = None, *, text: str | None = None
) -> tuple[CuratedAnswer | None, list[Problem]]:
    """One curated answer (None when unusable) and its problems."""
    today = today or dt.date.today()
    report = Report(display_path(path, knowledge_dir))
    ident = answer_id(path, knowledge_dir)
    if not all(_SLUG.match(part) for part in ident.split("/")):
        report.warning(
            None, "Název souboru pište malými písmeny bez diakritiky a mezer, slova oddělte pomlčkou (např. prace.md)."
        )
    md = read_markdown(path, report, fields_hint=FIELDS_HINT, text=text)
    if md is None:
        return None, report.problems
    question = _text_field(md, "question", report, "Chybí otázka: doplňte do hlavičky řádek „question: …?“.")
    alternatives = _alternatives(md, report)
    sources = parse_sources(md, report, today)
    _, updated = parse_updated(md, report, today)
    author = md.meta.get("author")
    if not isinstance(author, str) or not author.strip():
        report.warning(md.line_of("author"), "Chybí autor odpovědi („author: jméno, MAS“). Doplňte ho.")
        author = None
    lang = _lang(md, report)
    translation_of = _translation_of(md, lang, report)
    if not md.body.strip():
        report.error(md.header_end + 2, "Odpověď nemá žádný text pod hlavičkou.")
    elif len(md.body) > LONG_ANSWER_CHARS:
        report.warning(
            md.body_start_line,
            f"Odpověď má {len(md.body)} znaků; v chatu se dobře čte do {LONG_ANSWER_CHARS}. Zvažte zkrácení.",
        )
    if report.error_count or question is None or sources is None:
        return None, report.problems
    answer = CuratedAnswer(
        id=ident,
        file=report.file,
        question=question,
        alternatives=alternatives,
        body=md.body.strip(),
        sources=sources,
        author=author.strip() if author else None,
        updated=updated,
        lang=lang,
        translation_of=translation_of,
    )
    return answer, report.problems


def load_curated(knowledge_dir: Path, today: dt.date | None = None) -> tuple[list[CuratedAnswer], list[Problem]]:
    """Every curated answer with all problems, including translations that lag behind their original."""
    answers: list[CuratedAnswer] = []
    problems: list[Problem] = []
    for path in curated_paths(knowledge_dir):
        answer, found = parse_curated(path, knowledge_dir, today)
        problems.extend(found)
        if answer is not None:
            answers.append(answer)
    problems.extend(_cross_checks(answers))
    by_id = {a.id for a in answers}
    valid = [a for a in answers if a.translation_of is None or a.translation_of in by_id]
    return valid, problems


def _cross_checks(answers: list[CuratedAnswer]) -> list[Problem]:
    by_id = {a.id: a for a in answers}
    problems: list[Problem] = []
    seen: dict[tuple[str, str], CuratedAnswer] = {}
    for a in answers:
        for phrasing in a.phrasings:
            key = (a.lang, " ".join(phrasing.casefold().split()))
            other = seen.get(key)
            if other is not None and other.id != a.id:
                problems.append(
                    Problem(
                        a.file,
                        None,
                        Severity.WARNING,
                        f"Otázku „{phrasing}“ má i {other.file}. Bot nepozná, kterou odpověď dát – jednu upravte.",
                    )
                )
            seen.setdefault(key, a)
        if a.translation_of is None:
            continue
        original = by_id.get(a.translation_of)
        if original is None or original.lang != "cs":
            problems.append(
                Problem(
                    a.file,
                    None,
                    Severity.ERROR,
                    f"Překlad odkazuje na „{a.translation_of}“, ale taková česká odpověď v odpovedi/ není.",
                )
            )
            continue
        mine, theirs = parse_day(a.updated), parse_day(original.updated)
        if mine and theirs and mine < theirs:
            problems.append(
                Problem(
                    a.file,
                    None,
                    Severity.WARNING,
                    f"Překlad je starší ({a.updated}) než česká odpověď {original.file} ({original.updated}). "
                    "Zkontrolujte, zda překlad odpovídá, a změňte jeho „updated“.",
                )
            )
        if {s.url for s in a.sources} != {s.url for s in original.sources}:
            problems.append(
                Problem(
                    a.file,
                    None,
                    Severity.WARNING,
                    f"Překlad má jiné zdroje než česká odpověď {original.file}. Překlad má citovat stejné zdroje.",
                )
            )
    return problems
