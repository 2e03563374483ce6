"""/vyzkouset?q=… — ask a question and see exactly what the bot would answer, from the same engine."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from bot.console import backend
from bot.console.web import Req, page, render

MAX_QUESTION = 1000


@page()
def try_question(req: Req) -> Response:
    question = req.query("q").strip()[:MAX_QUESTION]
    result = error = None
    if question:
        engine = req.console.engines.get()
        if engine is None:
            error = req.console.engines.error or "Index zatím není sestavený."
        else:
            result = backend.try_question(engine, question)
    return render(req, "try.html", title="Vyzkoušet otázku", question=question, result=result, error=error)


ROUTES = [Route("/vyzkouset", try_question, methods=["GET"])]
