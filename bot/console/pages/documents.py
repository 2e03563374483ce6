"""/dokumenty — documents: list, view rendered, edit Markdown with a live check and a passage preview."""

from __future__ import annotations

import datetime as dt

from starlette.responses import Response
from starlette.routing import Route

from bot.console import backend
from bot.console.backend import Problem, Severity
from bot.console.changes import Conflict, whole_file
from bot.console.files import ABSENT, is_slug, read_text, slugify, text_hash
from bot.console.pages.common import conflict_context, form_text, one_line, problems_of, save_outcome, url
from bot.console.web import Req, page, render

NEW_TEMPLATE = """---
title: Název dokumentu
sources:
  - url: https://
    as_of: {today}
updated: {today}
tags: []
---
# Název dokumentu

První věta odpovídá na otázku celými slovy.

## Oddíl, který zní jako otázka

Text oddílu.

Zdroj: https://
"""


def _not_found(req: Req) -> Response:
    return render(
        req, "error.html", status=404, title="Dokument nenalezen", message="Takový dokument ve znalostech není.",
        back="/dokumenty",
    )  # fmt: skip


@page()
def list_documents(req: Req) -> Response:
    docs = backend.list_documents(req.console.settings.knowledge_dir)
    return render(req, "documents.html", title="Dokumenty", docs=docs)


@page()
def view_document(req: Req) -> Response:
    kdir = req.console.settings.knowledge_dir
    relative = backend.document_relative(kdir, req.query("id"))
    if relative is None:
        return _not_found(req)
    text = read_text(kdir / relative) or ""
    info = backend.document_from_text(kdir, relative, text)
    return render(
        req,
        "document.html",
        title=info.title,
        doc=info,
        html=backend.render_markdown(info.body),
        passages=backend.preview_passages(kdir, relative, text),
        changes=req.console.storage.changes(limit=5, file=info.file),
        base_hash=text_hash(text),
    )


def _editor(
    req: Req,
    *,
    doc_id: str | None,
    relative: str | None,
    text: str,
    base: str,
    slug: str = "",
    summary: str = "",
    status: int = 200,
    problems: list[Problem] | None = None,
    conflict: Conflict | None = None,
    slug_error: str | None = None,
) -> Response:
    kdir = req.console.settings.knowledge_dir
    preview_relative = relative or f"{slug if is_slug(slug) else 'novy-dokument'}.md"
    info = backend.document_from_text(kdir, preview_relative, text)
    return render(
        req,
        "document_edit.html",
        status=status,
        title=f"Upravit: {info.title}" if doc_id else "Nový dokument",
        doc_id=doc_id,
        text=text,
        base=base,
        slug=slug,
        summary=summary,
        check=info.problems,
        passages=backend.preview_passages(kdir, preview_relative, text),
        problems=problems or [],
        conflict=conflict_context(conflict, text, info.file) if conflict else None,
        slug_error=slug_error,
    )


@page()
def edit_document(req: Req) -> Response:
    kdir = req.console.settings.knowledge_dir
    doc_id = req.query("id")
    relative = backend.document_relative(kdir, doc_id)
    if relative is None:
        return _not_found(req)
    text = read_text(kdir / relative) or ""
    return _editor(req, doc_id=doc_id, relative=relative, text=text, base=text_hash(text))


@page()
def new_document(req: Req) -> Response:
    text = NEW_TEMPLATE.format(today=dt.date.today().isoformat())
    return _editor(req, doc_id=None, relative=None, text=text, base=ABSENT)


@page()
def live_check(req: Req) -> Response:
    """htmx: the check messages and passages of the text being edited (nothing is written)."""
    kdir = req.console.settings.knowledge_dir
    relative = backend.document_relative(kdir, req.field("id")) if req.field("id") else None
    slug = req.field("slug").strip()
    relative = relative or f"{slug if is_slug(slug) else 'novy-dokument'}.md"
    text = form_text(req.field("text"))
    info = backend.document_from_text(kdir, relative, text)
    return render(
        req, "_document_check.html", check=info.problems, passages=backend.preview_passages(kdir, relative, text)
    )


@page()
def save_document(req: Req) -> Response:
    kdir = req.console.settings.knowledge_dir
    admin = req.admin
    assert admin is not None
    text = form_text(req.field("text"))
    base = req.field("base")
    summary = one_line(req.field("summary"), 200)
    doc_id = req.field("id")
    slug = req.field("slug").strip().lower()
    if doc_id:
        relative = backend.document_relative(kdir, doc_id)
        if relative is None:
            return _not_found(req)
        target_id = doc_id
    else:
        if not is_slug(slug):
            suggestion = slugify(slug) or "napr-komunitni-energetika"
            return _editor(
                req, doc_id=None, relative=None, text=text, base=base, slug=slug, summary=summary, status=422,
                slug_error="Název souboru pište malými písmeny bez diakritiky a mezer, slova oddělte pomlčkou "
                f"(např. {suggestion}).",
            )  # fmt: skip
        relative = f"{slug}.md"
        if backend.document_relative(kdir, slug) is not None or (kdir / relative).exists():
            return _editor(
                req, doc_id=None, relative=None, text=text, base=base, slug=slug, summary=summary, status=422,
                slug_error="Dokument s tímto názvem souboru už existuje. Zvolte jiný název, "
                "nebo upravte ten existující.",
            )  # fmt: skip
        target_id = slug
    if not text.strip():
        return _editor(
            req, doc_id=doc_id or None, relative=relative, text=text, base=base, slug=slug, summary=summary,
            status=422, problems=[Problem(backend.display_file(kdir, relative), None, Severity.ERROR,
                                          "Dokument je prázdný. Ke smazání použijte tlačítko Smazat dokument.")],
        )  # fmt: skip
    title = backend.document_from_text(kdir, relative, text).title
    default = f"Úprava dokumentu „{title}“" if doc_id else f"Nový dokument „{title}“"
    return save_outcome(
        req,
        lambda: req.console.writer.save(admin, relative, whole_file(text, base), summary or default),
        lambda saved: url("/dokumenty/zobrazit", id=target_id),
        lambda **kw: _editor(
            req, doc_id=doc_id or None, relative=relative if doc_id else None, text=text,
            base=kw["conflict"].current_hash if kw.get("conflict") else base, slug=slug, summary=summary, **kw,
        ),
    )  # fmt: skip


@page()
def delete_document(req: Req) -> Response:
    kdir = req.console.settings.knowledge_dir
    admin = req.admin
    assert admin is not None
    doc_id = req.field("id")
    relative = backend.document_relative(kdir, doc_id)
    if relative is None:
        return _not_found(req)
    if req.field("confirm") != "ano":
        return render(
            req, "error.html", status=422, title="Smazání nepotvrzeno",
            message="Dokument se nesmazal: zaškrtněte, že ho opravdu chcete smazat.",
            back=url("/dokumenty/zobrazit", id=doc_id),
        )  # fmt: skip
    text = read_text(kdir / relative)
    title = backend.document_from_text(kdir, relative, text or "").title

    def again(**kw: object) -> Response:
        if kw.get("conflict") is not None:
            return render(
                req, "error.html", status=409, title="Dokument se mezitím změnil",
                message="Někdo dokument mezitím upravil, proto se nesmazal. "
                "Podívejte se na novou verzi a rozhodněte znovu.",
                back=url("/dokumenty/zobrazit", id=doc_id),
            )  # fmt: skip
        problems = problems_of(kw)
        return render(
            req, "error.html", status=422, title="Dokument nelze smazat",
            message="Smazání by rozbilo kontrolu znalostí: " + "; ".join(p.format() for p in problems),
            back=url("/dokumenty/zobrazit", id=doc_id),
        )  # fmt: skip

    return save_outcome(
        req,
        lambda: req.console.writer.save(
            admin, relative, whole_file(None, req.field("base")), f"Smazán dokument „{title}“"
        ),
        lambda saved: "/dokumenty",
        again,
    )


ROUTES = [
    Route("/dokumenty", list_documents, methods=["GET"]),
    Route("/dokumenty/zobrazit", view_document, methods=["GET"]),
    Route("/dokumenty/upravit", edit_document, methods=["GET"]),
    Route("/dokumenty/novy", new_document, methods=["GET"]),
    Route("/dokumenty/kontrola", live_check, methods=["POST"]),
    Route("/dokumenty/ulozit", save_document, methods=["POST"]),
    Route("/dokumenty/smazat", delete_document, methods=["POST"]),
]
