"""/odpovedi — curated answers: list, add, edit, delete, with a preview of exactly what the bot says."""

from __future__ import annotations

import datetime as dt

from starlette.responses import Response
from starlette.routing import Route

from bot.console import backend
from bot.console.backend import Problem
from bot.console.changes import Conflict, whole_file
from bot.console.curated_form import LANGS, CuratedForm, from_answer, from_fields, to_markdown
from bot.console.files import ABSENT, is_slug, read_text, text_hash
from bot.console.pages.common import conflict_context, problems_of, save_outcome, url
from bot.console.web import Req, page, render

MAX_GAP_KEYS = 100


def _not_found(req: Req) -> Response:
    return render(
        req, "error.html", status=404, title="Odpověď nenalezena",
        message="Taková připravená odpověď ve znalostech není.", back="/odpovedi",
    )  # fmt: skip


def _czech_answers(req: Req) -> list[backend.CuratedInfo]:
    items = backend.list_curated(req.console.settings.knowledge_dir)
    return [i for i in items if "/" not in i.id]


@page()
def list_answers(req: Req) -> Response:
    items = backend.list_curated(req.console.settings.knowledge_dir)
    return render(req, "answers.html", title="Připravené odpovědi", items=items, langs=LANGS)


def _preview(req: Req, form: CuratedForm) -> tuple[str | None, list[Problem]]:
    """What the bot would say and the knowledge layer's own check of the file the form becomes."""
    if form.errors or not (form.question and form.body and form.sources):
        return None, []
    relative = form.relative if is_slug(form.slug) else "odpovedi/nahled.md"
    answer, problems = backend.parse_curated_text(req.console.settings.knowledge_dir, relative, to_markdown(form))
    return (backend.curated_preview(answer) if answer is not None else None), problems


def _form_page(
    req: Req,
    form: CuratedForm,
    *,
    answer_id: str | None,
    base: str,
    gaps: list[str],
    status: int = 200,
    problems: list[Problem] | None = None,
    conflict: Conflict | None = None,
    show_errors: bool = False,
) -> Response:
    preview, check = _preview(req, form)
    file = backend.display_file(req.console.settings.knowledge_dir, form.relative)
    return render(
        req,
        "answer_edit.html",
        status=status,
        title="Upravit odpověď" if answer_id else "Nová připravená odpověď",
        form=form,
        answer_id=answer_id,
        base=base,
        gaps=gaps,
        preview=preview,
        check=check,
        problems=problems or [],
        conflict=conflict_context(conflict, to_markdown(form), file) if conflict else None,
        errors=form.errors if show_errors else {},
        langs=LANGS,
        czech=_czech_answers(req),
    )


@page()
def new_answer(req: Req) -> Response:
    """A blank form, or one prefilled from a gap group (`q` = the group's questions, `mezera` = their keys)."""
    questions = [" ".join(q.split())[:300] for q in req.request.query_params.getlist("q") if q.strip()]
    gaps = req.request.query_params.getlist("mezera")[:MAX_GAP_KEYS]
    form = CuratedForm(
        question=questions[0] if questions else "",
        alternatives=questions[1:50],
        author=req.admin.name if req.admin else "",
        updated=dt.date.today().isoformat(),
    )
    return _form_page(req, form, answer_id=None, base=ABSENT, gaps=gaps)


@page()
def edit_answer(req: Req) -> Response:
    kdir = req.console.settings.knowledge_dir
    answer_id = req.query("id")
    relative = backend.curated_exists(kdir, answer_id)
    if relative is None:
        return _not_found(req)
    text = read_text(kdir / relative) or ""
    answer, problems = backend.parse_curated_text(kdir, relative, text)
    slug = answer_id.rsplit("/", 1)[-1]
    if answer is None:  # broken by a hand edit: show the file's problems; the form starts from what parses
        form = CuratedForm(slug=slug, author=req.admin.name if req.admin else "", updated=dt.date.today().isoformat())
        return _form_page(req, form, answer_id=answer_id, base=text_hash(text), gaps=[], problems=problems)
    return _form_page(req, from_answer(answer, slug), answer_id=answer_id, base=text_hash(text), gaps=[])


def _read_form(req: Req) -> tuple[CuratedForm, str | None]:
    answer_id = req.field("id") or None
    existing = None
    if answer_id:
        if backend.curated_exists(req.console.settings.knowledge_dir, answer_id) is None:
            return CuratedForm(), "missing"
        existing = answer_id.rsplit("/", 1)[-1]
    form = from_fields(req.field, req.fields, existing_slug=existing)
    if answer_id and form.answer_id != answer_id:  # the language of an existing answer cannot change its file
        form.errors["lang"] = "Jazyk uložené odpovědi nejde změnit; pro překlad vytvořte novou odpověď."
    return form, answer_id


@page()
def preview_answer(req: Req) -> Response:
    """htmx: the preview and check of the form as it is now (nothing is written)."""
    form, _ = _read_form(req)
    preview, check = _preview(req, form)
    return render(req, "_answer_preview.html", form=form, preview=preview, check=check, errors=form.errors)


@page()
def save_answer(req: Req) -> Response:
    admin = req.admin
    assert admin is not None
    kdir = req.console.settings.knowledge_dir
    form, answer_id = _read_form(req)
    if answer_id == "missing":
        return _not_found(req)
    gaps = req.fields("mezera")[:MAX_GAP_KEYS]
    base = req.field("base")
    if form.errors:
        return _form_page(req, form, answer_id=answer_id, base=base, gaps=gaps, status=422, show_errors=True)
    if answer_id is None and backend.curated_exists(kdir, form.answer_id) is not None:
        form.errors["slug"] = "Odpověď s tímto názvem souboru už existuje. Zvolte jiný název."
        return _form_page(req, form, answer_id=None, base=base, gaps=gaps, status=422, show_errors=True)
    text = to_markdown(form)
    summary = f"{'Úprava' if answer_id else 'Nová'} připravená odpověď: {form.question}"

    def saved_target(_saved: object) -> str:
        if gaps:
            req.console.storage.set_gap_status(gaps, "resolved", admin.name)
        return url("/odpovedi/upravit", id=form.answer_id)

    return save_outcome(
        req,
        lambda: req.console.writer.save(admin, form.relative, whole_file(text, base), summary),
        saved_target,
        lambda **kw: _form_page(
            req, form, answer_id=answer_id, gaps=gaps, show_errors=True,
            base=kw["conflict"].current_hash if kw.get("conflict") else base, **kw,
        ),
    )  # fmt: skip


@page()
def delete_answer(req: Req) -> Response:
    admin = req.admin
    assert admin is not None
    kdir = req.console.settings.knowledge_dir
    answer_id = req.field("id")
    relative = backend.curated_exists(kdir, answer_id)
    if relative is None:
        return _not_found(req)
    back = url("/odpovedi/upravit", id=answer_id)
    if req.field("confirm") != "ano":
        return render(
            req, "error.html", status=422, title="Smazání nepotvrzeno",
            message="Odpověď se nesmazala: zaškrtněte, že ji opravdu chcete smazat.", back=back,
        )  # fmt: skip

    def again(**kw: object) -> Response:
        if kw.get("conflict") is not None:
            message = "Někdo odpověď mezitím upravil, proto se nesmazala. Podívejte se na novou verzi."
            return render(req, "error.html", status=409, title="Odpověď se mezitím změnila", message=message, back=back)
        problems = problems_of(kw)
        message = "Smazání by rozbilo kontrolu znalostí: " + "; ".join(p.format() for p in problems)
        return render(req, "error.html", status=422, title="Odpověď nelze smazat", message=message, back=back)

    summary = f"Smazána připravená odpověď {answer_id}"
    return save_outcome(
        req,
        lambda: req.console.writer.save(admin, relative, whole_file(None, req.field("base")), summary),
        lambda saved: "/odpovedi",
        again,
    )


ROUTES = [
    Route("/odpovedi", list_answers, methods=["GET"]),
    Route("/odpovedi/nova", new_answer, methods=["GET"]),
    Route("/odpovedi/upravit", edit_answer, methods=["GET"]),
    Route("/odpovedi/nahled", preview_answer, methods=["POST"]),
    Route("/odpovedi/ulozit", save_answer, methods=["POST"]),
    Route("/odpovedi/smazat", delete_answer, methods=["POST"]),
]
