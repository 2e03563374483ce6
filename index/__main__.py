"""`python -m index build|check|stats` — build and validate the knowledge index (messages for staff in Czech)."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from index.build import build_index
from index.check import format_report, run_check
from index.errors import BuildRefused, IndexUnavailable, ModelUnavailable
from index.gaps import DATABASE_FILE, format_gap_words, gap_words, unanswered_questions
from index.settings import IndexSettings, load_index_settings
from index.store import load_index
from kb.problems import Problem, Severity, has_errors


def _check(settings: IndexSettings) -> int:
    knowledge, problems = run_check(settings.knowledge_dir)
    print(format_report(problems, settings.knowledge_dir, len(knowledge.documents)))
    lines = _gap_word_lines(settings)
    if lines:
        print("", *lines, sep="\n")
    return 1 if has_errors(problems) else 0


def _gap_word_lines(settings: IndexSettings) -> list[str]:
    """Unknown words of the bot's unanswered questions, when a database and a published index exist."""
    questions = unanswered_questions(settings.data_dir / DATABASE_FILE)
    if not questions:
        return []
    try:
        index = load_index(settings.data_dir, settings.embedding_model)
    except IndexUnavailable:
        return []
    return format_gap_words(gap_words(questions, index))


def _build(settings: IndexSettings, force: bool) -> int:
    try:
        report = build_index(
            settings.index_config, force=force, progress=lambda m: print(m, file=sys.stderr, flush=True)
        )
    except BuildRefused as exc:
        problems: list[Problem] = exc.args[0]
        errors = [p for p in problems if p.severity is Severity.ERROR]
        print(
            "Index NEBYL sestaven: ve znalostech jsou chyby. Bot dál používá poslední funkční index.", file=sys.stderr
        )
        for p in errors:
            print(f"  {p.format()}", file=sys.stderr)
        print("Opravte chyby (podrobný přehled: python -m index check) a spusťte sestavení znovu.", file=sys.stderr)
        return 1
    except ModelUnavailable as exc:
        print(f"{exc.message_cs}\nIndex nebyl sestaven; poslední funkční index zůstává.", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Index nebyl sestaven: chyba při zápisu ({exc}). Poslední funkční index zůstává.", file=sys.stderr)
        return 1
    print(report.summary_cs())
    return 0


def _stats(settings: IndexSettings, as_json: bool) -> int:
    try:
        data = load_index(settings.data_dir, settings.embedding_model)
    except IndexUnavailable as exc:
        print(exc.message_cs, file=sys.stderr)
        return 1
    m = data.manifest
    per_file: dict[str, int] = {}
    for c in data.chunks:
        per_file[c.file] = per_file.get(c.file, 0) + 1
    stats = {
        "build_id": m.build_id,
        "built_at": m.built_at,
        "model": m.model,
        "dim": m.dim,
        "documents": m.document_count,
        "chunks": m.chunk_count,
        "sentences": m.sentence_count,
        "content_hash": m.content_hash,
        "versions": m.versions,
        "tables": m.tables,
        "chunks_per_file": per_file,
    }
    if as_json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    print(f"Index {stats['build_id']} (sestaven {stats['built_at']})")
    print(f"Model: {stats['model']} ({stats['dim']} rozměrů)")
    print(f"Dokumenty: {stats['documents']}, úseky: {stats['chunks']}, věty: {stats['sentences']}")
    for file, count in sorted(per_file.items()):
        print(f"  {file}: {count} úseků")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index", description="Build and check the knowledge index.")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build or update the index from KNOWLEDGE_DIR")
    build.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    sub.add_parser("check", help="validate KNOWLEDGE_DIR and print a report (Czech)")
    stats = sub.add_parser("stats", help="describe the published index")
    stats.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = load_index_settings()
    if args.command == "check":
        return _check(settings)
    if args.command == "build":
        return _build(settings, args.force)
    return _stats(settings, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
