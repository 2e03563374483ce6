"""One validated snapshot of a knowledge folder: documents, curated answers, tables and every problem.

`index check`, `index build` (which refuses on errors), the bot (which reads the tables copied into
the published index) and the staff console all read this one object. A new data table needs two
edits: its module in `kb/` and one line in `Knowledge.load` (plus its field here).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from kb.calls import FILENAME as CALLS_FILE
from kb.calls import Call, read_calls
from kb.curated import CuratedAnswer, load_curated
from kb.documents import Document, load_documents
from kb.offtopic import FILENAME as OFFTOPIC_FILE
from kb.offtopic import read_offtopic
from kb.places import MAS_FILE, OBCE_FILE, PlaceData, read_places
from kb.problems import Problem, has_errors
from kb.synonyms import FILENAME as SYNONYMS_FILE
from kb.synonyms import GLOSSARY_FILE, SynonymEntry, read_synonyms

# The table files, copied verbatim into every published index build.
TABLE_FILES = (OBCE_FILE, MAS_FILE, CALLS_FILE, SYNONYMS_FILE, GLOSSARY_FILE, OFFTOPIC_FILE)
_WATCHED_SUFFIXES = {".md", ".csv", ".yaml", ".yml"}


def folder_stamp(folder: Path) -> str:
    """A cheap fingerprint of every knowledge file (path, size, mtime): changes when anything is edited."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder)
            if path.suffix.lower() not in _WATCHED_SUFFIXES or any(p.startswith(".") for p in rel.parts):
                continue
            try:
                st = path.stat()
            except OSError:
                continue
            digest.update(f"{rel.as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Tables:
    """The data tables of a knowledge folder (no documents): what the bot needs besides the index."""

    places: PlaceData | None  # None when obce.csv or mas.yaml cannot be read at all
    calls: tuple[Call, ...]
    synonyms: tuple[SynonymEntry, ...]
    glossary: tuple[SynonymEntry, ...]  # English and Ukrainian expressions → the documents' Czech words
    offtopic: tuple[str, ...]  # example questions outside the topics
    problems: tuple[Problem, ...]

    @classmethod
    def load(cls, folder: Path) -> Tables:
        places, place_problems = read_places(folder)
        calls, call_problems = read_calls(folder)
        synonyms, synonym_problems = read_synonyms(folder)
        glossary, glossary_problems = read_synonyms(folder, GLOSSARY_FILE)
        offtopic, offtopic_problems = read_offtopic(folder)
        problems = (*place_problems, *call_problems, *synonym_problems, *glossary_problems, *offtopic_problems)
        return cls(places, tuple(calls), tuple(synonyms), tuple(glossary), tuple(offtopic), problems)

    @property
    def has_errors(self) -> bool:
        return has_errors(self.problems)


@dataclass(frozen=True)
class Knowledge:
    folder: Path
    stamp: str
    documents: tuple[Document, ...]
    curated: tuple[CuratedAnswer, ...]
    tables: Tables
    problems: tuple[Problem, ...]  # of documents, curated answers and tables

    @classmethod
    def load(cls, folder: Path, today: dt.date | None = None) -> Knowledge:
        stamp = folder_stamp(folder)
        documents = load_documents(folder, today)
        if not folder.is_dir():
            return cls(folder, stamp, (), (), Tables(None, (), (), (), (), ()), tuple(documents.problems))
        curated, curated_problems = load_curated(folder, today)
        tables = Tables.load(folder)
        problems = (*documents.problems, *curated_problems, *tables.problems)
        return cls(folder, stamp, tuple(documents.documents), tuple(curated), tables, problems)

    @property
    def has_errors(self) -> bool:
        return has_errors(self.problems)
