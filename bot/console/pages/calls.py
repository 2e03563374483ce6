"""/vyzvy — the calls table with each call's status on a chosen date; add and edit calls through a form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from bot.console import backend, calls_form
from bot.console.backend import Problem, Severity
from bot.console.changes import Conflict, Refused
from bot.console.files import read_text
from bot.console.pages.common import conflict_context, save_outcome, url
from bot.console.web import Req, page, render


def _file(req: Req) -> tuple[str, str | None]:
    kdir = req.console.settings.knowledge_dir
    return backend.display_file(kdir, backend.CALLS_FILE), read_text(kdir / backend.CALLS_FILE)


def _day(req: Req) -> dt.date:
    try:
        return dt.date.fromisoformat(req.query("den"))
    except ValueError:
        return dt.date.today()


@page()
def list_calls(req: Req) -> Response:
    day = _day(req)
    kdir = req.console.settings.knowledge_dir
    calls, problems = backend.list_calls(kdir)
    valid = {c.id: c for c in calls}
    file, text = _file(req)
    rows: list[dict[str, Any]] = []
    broken = None
    data: list[Any]
    try:
        data = list(calls_form.load(text or ""))
    except calls_form.CallsFileError as exc:
        data, broken = [], str(exc)
    css = backend.call_statuses()
    for item in data:
        if not isinstance(item, dict):
            continue
        call_id = str(item.get("id", ""))
        call = valid.get(call_id)
        status, detail = backend.call_status(call, day) if call else ("chyba v zápisu", "opravte ji ve formuláři")
        rows.append(
            {
                "id": call_id,
                "name": str(item.get("name") or call_id),
                "programme": str(item.get("programme") or ""),
                "status": status,
                "css": css.get(status, "error"),
                "detail": detail,
                "as_of": str(item.get("as_of") or ""),
                "valid": call is not None,
            }
        )
    order = {"otevřená": 0, "připravovaná": 1, "neznámý stav": 2, "uzavřená": 3}
    rows.sort(key=lambda r: (order.get(r["status"], -1), r["name"]))
    shown = [p for p in problems if p.severity is not Severity.INFO]
    return render(req, "calls.html", title="Výzvy", rows=rows, day=day, problems=shown, broken=broken, file=file)


def _form_page(
    req: Req,
    values: dict[str, Any],
    *,
    call_id: str | None,
    base: str,
    errors: dict[str, str] | None = None,
    status: int = 200,
    problems: list[Problem] | None = None,
    conflict: Conflict | None = None,
    mine: str | None = None,
) -> Response:
    file, _ = _file(req)
    return render(
        req,
        "call_edit.html",
        status=status,
        title=f"Upravit výzvu {call_id}" if call_id else "Nová výzva",
        v=values,
        call_id=call_id,
        base=base,
        errors=errors or {},
        problems=problems or [],
        conflict=conflict_context(conflict, mine, file) if conflict else None,
        codes=backend.call_codes(),
    )


def _not_found(req: Req) -> Response:
    return render(
        req, "error.html", status=404, title="Výzva nenalezena", message="Taková výzva v tabulce není.", back="/vyzvy"
    )


@page()
def new_call(req: Req) -> Response:
    return _form_page(req, calls_form.form_values(None), call_id=None, base="")


@page()
def edit_call(req: Req) -> Response:
    _, text = _file(req)
    try:
        data = calls_form.load(text or "")
    except calls_form.CallsFileError as exc:
        return render(
            req, "error.html", status=409, title="Tabulku výzev nejde načíst", message=str(exc), back="/vyzvy"
        )
    index = calls_form.find(data, req.query("id"))
    if index is None:
        return _not_found(req)
    call = data[index]
    return _form_page(req, calls_form.form_values(call), call_id=req.query("id"), base=calls_form.fingerprint(call))


def _values_for_form(form: calls_form.CallForm) -> dict[str, Any]:
    shown = dict(form.raw)
    shown["applicants"] = form.raw.get("applicants")
    shown["topics"] = form.raw.get("topics")
    return shown


@page()
def save_call(req: Req) -> Response:
    admin = req.admin
    assert admin is not None
    file, _ = _file(req)
    call_id = req.field("call_id") or None
    base = req.field("base")
    form = calls_form.read_form(req.field, req.fields, backend.call_codes(), backend.call_constants())
    shown = _values_for_form(form)
    if call_id:
        shown["id"] = form.values["id"] = call_id
        form.errors.pop("id", None)
    if form.errors:
        return _form_page(req, shown, call_id=call_id, base=base, errors=form.errors, status=422)
    mine: dict[str, str | None] = {"snippet": None}

    def compute(current: str | None) -> str:
        try:
            new_text, _ = calls_form.save_call(current or "", call_id, form.values, base)
        except calls_form.StaleCall as exc:
            mine["snippet"] = _my_snippet(current or "", call_id, form.values)
            raise Conflict(exc.current, exc.current_hash) from None
        except KeyError:
            raise Conflict(None, "") from None
        except FileExistsError:
            raise Refused(
                [Problem(file, None, Severity.ERROR, f"Výzva s kódem „{form.values['id']}“ už v tabulce je.")]
            ) from None
        except calls_form.CallsFileError as exc:
            raise Refused(
                [
                    Problem(
                        file, None, Severity.ERROR, f"Tabulku výzev nejde načíst ({exc}). Opravte ji nejdřív v souboru."
                    )
                ]
            ) from None
        return new_text

    target_id = call_id or form.values["id"]
    summary = f"{'Úprava' if call_id else 'Nová'} výzva: {form.values['name']}"
    return save_outcome(
        req,
        lambda: req.console.writer.save(admin, backend.CALLS_FILE, compute, summary),
        lambda saved: url("/vyzvy/upravit", id=target_id),
        lambda **kw: _form_page(
            req, shown, call_id=call_id, errors={},
            base=kw["conflict"].current_hash if kw.get("conflict") else base, mine=mine["snippet"], **kw,
        ),
    )  # fmt: skip


def _my_snippet(text: str, call_id: str | None, values: dict[str, Any]) -> str | None:
    try:
        data = calls_form.load(text)
    except calls_form.CallsFileError:
        return None
    index = calls_form.find(data, call_id or "")
    call = calls_form.apply(data[index] if index is not None else None, values)
    return calls_form.snippet(call)


ROUTES = [
    Route("/vyzvy", list_calls, methods=["GET"]),
    Route("/vyzvy/nova", new_call, methods=["GET"]),
    Route("/vyzvy/upravit", edit_call, methods=["GET"]),
    Route("/vyzvy/ulozit", save_call, methods=["POST"]),
]
