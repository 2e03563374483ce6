"""/obce — municipalities with their MAS status, per-okres progress, and assigning a MAS with a source."""

from __future__ import annotations

from collections import Counter
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from bot.console import backend, places_form
from bot.console.changes import Conflict
from bot.console.files import read_text
from bot.console.pages.common import conflict_context, one_line, save_outcome, url
from bot.console.web import Req, page, render

STATUS_LABELS = {"assigned": "přiřazena MAS", "no_mas": "není v žádné MAS", "unknown": "neověřeno"}
FILTERS = {"": None, "neovereno": "unknown", "prirazeno": "assigned", "bez_mas": "no_mas"}
NO_MAS = "no_mas"
UNKNOWN = "neovereno"


def _table(req: Req) -> backend.PlacesTable:
    return backend.places_table(req.console.settings.knowledge_dir)


@page()
def list_places(req: Req) -> Response:
    table = _table(req)
    status_filter = FILTERS.get(req.query("stav"))
    okres = req.query("okres")
    search = backend.fold_lower(req.query("hledat"))
    progress: dict[str, Counter[str]] = {o: Counter() for o in table.okresy}
    for m in table.municipalities:
        progress.setdefault(m.okres, Counter())[m.mas_status] += 1
    shown = [
        m
        for m in table.municipalities
        if (status_filter is None or m.mas_status == status_filter)
        and (not okres or m.okres == okres)
        and (not search or search in backend.fold_lower(m.name))
    ]
    shown.sort(key=lambda m: (m.okres, backend.fold_lower(m.name)))
    totals = Counter(m.mas_status for m in table.municipalities)
    return render(
        req,
        "places.html",
        title="Obce",
        table=table,
        shown=shown,
        progress=progress,
        totals=totals,
        total=len(table.municipalities),
        labels=STATUS_LABELS,
        filters={"stav": req.query("stav"), "okres": okres, "hledat": req.query("hledat")},
    )


def _row(req: Req, code: str) -> tuple[list[str], places_form.Row] | None:
    text = read_text(req.console.settings.knowledge_dir / backend.OBCE_FILE) or ""
    try:
        return places_form.find(text, code)
    except places_form.RowGone:
        return None


def _form_page(
    req: Req,
    row: places_form.Row,
    values: dict[str, str],
    *,
    base: str,
    errors: dict[str, str] | None = None,
    status: int = 200,
    problems: list[Any] | None = None,
    conflict: Conflict | None = None,
    header: list[str] | None = None,
) -> Response:
    kdir = req.console.settings.knowledge_dir
    table = _table(req)
    mine = places_form.row_text(header or list(values), {**row.values, **values}) if conflict else None
    return render(
        req,
        "place_edit.html",
        status=status,
        title=f"Obec {row.values.get('obec')}",
        row=row.values,
        v=values,
        base=base,
        mas=table.mas,
        errors=errors or {},
        problems=problems or [],
        conflict=conflict_context(conflict, mine, backend.display_file(kdir, backend.OBCE_FILE)) if conflict else None,
        bot=None if table.error else backend.resolve_place(kdir, row.values.get("obec", "")),
    )


def _choice(values: dict[str, str]) -> str:
    if values.get("mas"):
        return values["mas"]
    return NO_MAS if values.get("stav") == "no_mas" else UNKNOWN


@page()
def edit_place(req: Req) -> Response:
    found = _row(req, req.query("kod"))
    if found is None:
        return _not_found(req)
    header, row = found
    values = {k: row.values.get(k, "") for k in ("period", "source", "note")}
    values["assignment"] = _choice(row.values)
    return _form_page(req, row, values, base=row.hash, header=header)


def _not_found(req: Req) -> Response:
    message = "Obec s takovým kódem v tabulce není."
    return render(req, "error.html", status=404, title="Obec nenalezena", message=message, back="/obce")


@page()
def save_place(req: Req) -> Response:
    admin = req.admin
    assert admin is not None
    code = req.field("kod")
    found = _row(req, code)
    if found is None:
        return _not_found(req)
    header, row = found
    base = req.field("base")
    table = _table(req)
    values = {
        "assignment": req.field("assignment"),
        "period": one_line(req.field("period"), 120),
        "source": one_line(req.field("source"), 1000),
        "note": one_line(req.field("note"), 300),
    }
    errors: dict[str, str] = {}
    choice = values["assignment"]
    if choice not in table.mas and choice not in (NO_MAS, UNKNOWN):
        errors["assignment"] = "Zvolte MAS, „není v žádné MAS“, nebo „neověřeno“."
    if choice != UNKNOWN:
        if not backend.valid_source_urls(values["source"]):
            errors["source"] = "Uveďte odkaz https://…, který obec a MAS spojuje (víc odkazů oddělte „ ; “)."
        if not values["period"]:
            errors["period"] = "Uveďte období nebo datum, ke kterému zdroj platí, např. „2021–2027“ nebo „2024-06“."
    if errors:
        return _form_page(req, row, values, base=base, errors=errors, status=422, header=header)
    changes = {
        "mas": choice if choice in table.mas else "",
        "stav": "assigned" if choice in table.mas else ("no_mas" if choice == NO_MAS else ""),
        "period": values["period"],
        "source": values["source"],
        "note": values["note"],
    }

    def compute(current: str | None) -> str:
        try:
            return places_form.update(current or "", code, changes, base)
        except places_form.StaleRow as exc:
            raise Conflict(exc.current, exc.current_hash) from None
        except places_form.RowGone:
            raise Conflict(None, "") from None

    name = row.values.get("obec", code)
    label = table.mas.get(choice) or ("žádná MAS" if choice == NO_MAS else "neověřeno")
    summary = f"Obec {name}: {label}"
    return save_outcome(
        req,
        lambda: req.console.writer.save(admin, backend.OBCE_FILE, compute, summary),
        lambda saved: url("/obce/upravit", kod=code),
        lambda **kw: _form_page(
            req, row, values, header=header,
            base=kw["conflict"].current_hash if kw.get("conflict") else base, **kw,
        ),
    )  # fmt: skip


ROUTES = [
    Route("/obce", list_places, methods=["GET"]),
    Route("/obce/upravit", edit_place, methods=["GET"]),
    Route("/obce/ulozit", save_place, methods=["POST"]),
]
