"""The curated-answer form: its fields, their checks, and the Markdown file they become.

The file format is the one in knowledge/README.md ("Připravené odpovědi"); the written file is
then checked by the knowledge layer's own parser before it is saved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from bot.console.files import is_slug, slugify

LANGS = {"cs": "čeština", "uk": "ukrajinština", "en": "angličtina"}
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_AS_OF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
EMPTY_SOURCE_ROWS = 2


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key ("  - url: …"), as in the staff guide's examples."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


@dataclass
class CuratedForm:
    slug: str = ""
    question: str = ""
    alternatives: list[str] = field(default_factory=list)
    body: str = ""
    sources: list[tuple[str, str]] = field(default_factory=list)  # (url, as_of)
    author: str = ""
    updated: str = ""
    lang: str = "cs"
    translation_of: str = ""  # id of the Czech answer, for translations
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def answer_id(self) -> str:
        return self.slug if self.lang == "cs" else f"{self.lang}/{self.slug}"

    @property
    def relative(self) -> str:
        return f"odpovedi/{self.answer_id}.md"

    def source_rows(self) -> list[tuple[str, str]]:
        """The sources plus empty rows to add more."""
        return [*self.sources, *([("", "")] * EMPTY_SOURCE_ROWS)]


def _lines(value: str) -> list[str]:
    seen: dict[str, None] = {}
    for line in value.replace("\r", "\n").split("\n"):
        text = " ".join(line.split())
        if text:
            seen.setdefault(text[:300], None)
    return list(seen)


def from_fields(get: Any, get_all: Any, *, existing_slug: str | None = None) -> CuratedForm:
    """Read and check the submitted form (`get(name)`, `get_all(name)`); errors by field name, in Czech."""
    form = CuratedForm(
        slug=existing_slug or get("slug").strip().lower(),
        question=" ".join(get("question").split())[:300],
        alternatives=_lines(get("alternatives"))[:50],
        body=get("body").replace("\r\n", "\n").replace("\r", "\n").strip(),
        author=" ".join(get("author").split())[:120],
        updated=get("updated").strip(),
        lang=get("lang").strip() or "cs",
        translation_of=get("translation_of").strip(),
    )
    urls, dates = get_all("source_url"), get_all("source_as_of")
    for i, url in enumerate(urls):
        url = url.strip()
        as_of = dates[i].strip() if i < len(dates) else ""
        if url or as_of:
            form.sources.append((url, as_of))
    errors = form.errors
    if not form.question:
        errors["question"] = "Napište otázku tak, jak ji lidé kladou."
    if form.question in form.alternatives:
        form.alternatives.remove(form.question)
    if not form.body:
        errors["body"] = "Napište text odpovědi."
    if not form.sources:
        errors["sources"] = "Uveďte aspoň jeden zdroj s adresou a datem."
    for url, as_of in form.sources:
        if not _URL.match(url):
            errors["sources"] = f"Adresa zdroje „{url}“ musí začínat https:// nebo http://."
            break
        if not _AS_OF.match(as_of) or _partial_date(as_of) is None:
            errors["sources"] = (
                f"U zdroje {url} chybí nebo je chybné datum. Pište RRRR-MM-DD, nebo jen RRRR-MM či RRRR, "
                "když zdroj uvádí jen měsíc či rok."
            )
            break
    if not form.author:
        errors["author"] = "Uveďte, kdo odpověď napsal (jméno, MAS)."
    if _partial_date(form.updated) is None or len(form.updated) != 10:
        errors["updated"] = "Datum poslední kontroly pište jako RRRR-MM-DD."
    if form.lang not in LANGS:
        errors["lang"] = "Zvolte jazyk odpovědi."
    elif form.lang != "cs" and not is_slug(form.translation_of):
        errors["translation_of"] = "Překlad musí odkazovat na českou odpověď, ze které vychází."
    if not existing_slug:
        if not form.slug:
            form.slug = slugify(form.question)
        if not is_slug(form.slug):
            errors["slug"] = (
                "Název souboru pište malými písmeny bez diakritiky a mezer, slova oddělte pomlčkou "
                f"(např. {slugify(form.question) or 'rekvalifikace-zdarma'})."
            )
    return form


def _partial_date(value: str) -> dt.date | None:
    if not _AS_OF.match(value or ""):
        return None
    parts = [int(p) for p in value.split("-")]
    try:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None


def from_answer(answer: Any, slug: str) -> CuratedForm:
    """The form of an existing answer (`kb.curated.CuratedAnswer`)."""
    translation = (answer.translation_of or "").removeprefix("odpovedi/").removesuffix(".md")
    return CuratedForm(
        slug=slug,
        question=answer.question,
        alternatives=list(answer.alternatives),
        body=answer.body,
        sources=[(s.url, s.as_of or "") for s in answer.sources],
        author=answer.author or "",
        updated=answer.updated or "",
        lang=answer.lang,
        translation_of=translation,
    )


def to_markdown(form: CuratedForm) -> str:
    """The curated-answer file: YAML front matter in the guide's field order, then the answer text."""
    meta: dict[str, Any] = {"question": form.question}
    if form.alternatives:
        meta["alternatives"] = list(form.alternatives)
    meta["sources"] = [{"url": url, "as_of": as_of} if as_of else {"url": url} for url, as_of in form.sources]
    meta["author"] = form.author
    meta["updated"] = form.updated
    if form.lang != "cs":
        meta["lang"] = form.lang
        meta["translation_of"] = f"odpovedi/{form.translation_of}.md"
    header = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    return f"---\n{header}---\n{form.body.strip()}\n"
