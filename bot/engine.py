"""The answer engine: one loaded index + model + data tables, shared by the CLI and the Telegram bot."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

from bot.answers import (
    Answer,
    asks_for_mas,
    clean_question,
    compose,
    has_words,
    language_note,
    small_talk,
)
from bot.config import Settings
from bot.eligibility import Calls
from bot.places import Places
from index.embeddings import Embedder, get_embedder
from index.errors import ModelUnavailable
from index.search import search
from index.store import IndexData, current_build_path, load_index
from index.synonyms import FILE_NAME as SYNONYMS_FILE
from index.synonyms import load_synonyms

log = logging.getLogger(__name__)

PASSAGES = 8
QUERY_CACHE_SIZE = 4096


class Engine:
    """Answers questions from the published index; swaps in a newer index without dropping questions.

    `answer` is synchronous and thread-safe: the Telegram layer runs it in worker threads. A reload
    replaces the whole IndexData reference at once, so an answer in flight finishes on the index it
    started with.
    """

    def __init__(self, settings: Settings, embedder: Embedder, index: IndexData, places: Places, calls: Calls) -> None:
        self.settings = settings
        self.embedder = embedder
        self._index = index
        self.places = places
        self.calls = calls
        self._reload_lock = threading.Lock()
        self._tables_stamp = _tables_stamp(settings.knowledge_dir)
        self.synonyms = load_synonyms(settings.knowledge_dir)
        # People ask the same few things; a repeated question skips the encoder (the only costly step).
        self._query_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._query_lock = threading.Lock()

    @classmethod
    def load(cls, settings: Settings) -> Engine:
        """Load index, model and tables; raises IndexUnavailable or ModelUnavailable with Czech messages."""
        index = load_index(settings.data_dir, settings.embedding_model)
        embedder = get_embedder(settings.embedding_model)
        if embedder.dim != index.manifest["dim"]:
            raise ModelUnavailable(
                settings.embedding_model, f"dimension {embedder.dim} != index {index.manifest['dim']}"
            )
        return cls(settings, embedder, index, Places.load(settings.knowledge_dir), Calls.load(settings.knowledge_dir))

    @property
    def index(self) -> IndexData:
        return self._index

    def answer(self, question: str, *, obec: str | None = None, today: dt.date | None = None) -> Answer:
        """Answer one question; `obec` is the user's remembered municipality (for the MAS line)."""
        text, notes = clean_question(question)
        named = self.places.find(text) if text else None  # a place the question itself names
        place = named
        if place is None and obec:
            place = self.places.by_name(obec)
            if place.status in {"not_found", "ambiguous"}:
                place = None
        fallback = self.places.fallback
        if not has_words(text):
            return compose(text, None, None, place=place, fallback=fallback, notes=notes, today=today)
        reply = small_talk(text)
        if reply is not None:
            return Answer(text, reply, True, place=place, answer_id=_small_talk_id(text))
        note = language_note(text)
        if note:
            notes.append(note)
        index = self._index
        result = search(
            index, self.embedder, text, k=PASSAGES, query_vector=self._query_vector(text), synonyms=self.synonyms
        )
        answer = compose(text, result, index, place=place, fallback=fallback, notes=notes, today=today)
        eligibility = self.calls.check_question(text, obec, today, self.places)
        if eligibility is not None:
            return dataclasses.replace(answer, eligibility=eligibility)
        if named is not None and asks_for_mas(text):
            return dataclasses.replace(answer, place_lead=True)
        return answer

    def _query_vector(self, text: str) -> np.ndarray:
        key = " ".join(text.casefold().split())
        with self._query_lock:
            vector = self._query_vectors.get(key)
            if vector is not None:
                self._query_vectors.move_to_end(key)
                return vector
        vector = self.embedder.embed_queries([text])[0]
        with self._query_lock:
            self._query_vectors[key] = vector
            if len(self._query_vectors) > QUERY_CACHE_SIZE:
                self._query_vectors.popitem(last=False)
        return vector

    def reload_if_changed(self) -> bool:
        """Swap in a newly published index (and re-read data tables); True when something changed."""
        with self._reload_lock:
            changed = False
            path = current_build_path(self.settings.data_dir)
            if path is not None and path != self._index.path:
                new = load_index(self.settings.data_dir, self.settings.embedding_model)
                log.info("Index reloaded: %s -> %s", self._index.build_id, new.build_id)
                self._index = new
                changed = True
            stamp = _tables_stamp(self.settings.knowledge_dir)
            if stamp != self._tables_stamp:
                self.places = Places.load(self.settings.knowledge_dir)
                self.calls = Calls.load(self.settings.knowledge_dir)
                self.synonyms = load_synonyms(self.settings.knowledge_dir)
                self._tables_stamp = stamp
                log.info("Data tables reloaded")
                changed = True
            return changed


def _small_talk_id(text: str) -> str:
    return hashlib.sha1(text.casefold().encode()).hexdigest()[:10]


def _tables_stamp(knowledge_dir: Path) -> tuple:
    stamp = []
    for name in ("obce.csv", "mas.yaml", "vyzvy.yaml", SYNONYMS_FILE):
        path = knowledge_dir / name
        try:
            st = path.stat()
            stamp.append((name, st.st_mtime_ns, st.st_size))
        except OSError:
            stamp.append((name, None, None))
    return tuple(stamp)
