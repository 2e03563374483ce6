"""The answer engine: one published index build (passages, vectors, data tables) plus the model.

The CLI and the Telegram bot call the same `Engine`; the Telegram layer sees it only through the
`AnswerService` protocol (bot.service).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from bot.answer import Answer, topic_key
from bot.eligibility import Calls, EligibilityResult
from bot.places import Mas, PlaceMatch, Places
from bot.question import clean_question
from bot.respond import Context, respond
from index.embeddings import Embedder, get_embedder
from index.errors import IndexCorrupt, ModelUnavailable
from index.glossary import Glossary
from index.normalize import QueryNormalizer, index_normalizer
from index.settings import IndexSettings
from index.store import IndexData, current_build_path, load_index
from index.synonyms import Synonyms
from kb.knowledge import Tables

log = logging.getLogger(__name__)

QUERY_CACHE_SIZE = 4096


@dataclass(frozen=True)
class Published:
    """Everything one published build holds, swapped in as one reference (an answer in flight keeps its own)."""

    index: IndexData
    places: Places
    calls: Calls
    synonyms: Synonyms
    glossary: Glossary  # English and Ukrainian expressions → the documents' Czech words
    normalizer: QueryNormalizer  # restores diacritics from this build's own vocabulary

    @classmethod
    def from_index(cls, index: IndexData) -> Published:
        tables = Tables.load(index.tables_dir)
        if tables.places is None or tables.has_errors:
            first = next((p.format() for p in tables.problems), "missing tables")
            raise IndexCorrupt(
                f"Data tables in {index.tables_dir} are unusable ({first}); rebuild the index.",
                "Datové tabulky v indexu jsou poškozené. Sestavte index znovu: python -m index build",
            )
        return cls(
            index,
            Places(tables.places),
            Calls(tables.calls),
            Synonyms.compile(tables.synonyms),
            Glossary.compile(tables.glossary),
            index_normalizer(index),
        )


class Engine:
    """Answers questions from the published index; swaps in a newer build without dropping questions.

    `answer` is synchronous and thread-safe: the Telegram layer runs it in worker threads.
    """

    def __init__(self, settings: IndexSettings, embedder: Embedder, published: Published) -> None:
        self.settings = settings
        self.embedder = embedder
        self._published = published
        self._reload_lock = threading.Lock()
        # People ask the same few things; a repeated question skips the encoder (the only costly step).
        self._query_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._query_lock = threading.Lock()

    @classmethod
    def load(cls, settings: IndexSettings) -> Engine:
        """Load index, tables and model; raises IndexUnavailable or ModelUnavailable with Czech messages."""
        index = load_index(settings.data_dir, settings.embedding_model)
        embedder = get_embedder(settings.embedding_model)
        if embedder.dim != index.manifest.dim:
            raise ModelUnavailable(settings.embedding_model, f"dimension {embedder.dim} != index {index.manifest.dim}")
        return cls(settings, embedder, Published.from_index(index))

    # --- what the Telegram layer uses (bot.service.AnswerService) ---------------------------------

    @property
    def index(self) -> IndexData:
        return self._published.index

    @property
    def places(self) -> Places:
        return self._published.places

    @property
    def normalizer(self) -> QueryNormalizer:
        return self._published.normalizer

    @property
    def calls(self) -> Calls:
        return self._published.calls

    @property
    def build_id(self) -> str:
        return self._published.index.build_id

    @property
    def fallback_contact(self) -> Mas:
        return self._published.places.fallback

    def place(self, name: str) -> PlaceMatch:
        """A text meant to be just a municipality name (`/obec Most`, a remembered municipality).

        Cleaned like a question first: a zero-width character pasted inside a name must not hide it.
        """
        return self._published.places.by_name(clean_question(name)[0])

    def storable_place(self, match: PlaceMatch) -> str | None:
        """The name to remember for a user, or None when the match identifies no municipality."""
        if not match.found or match.obec is None:
            return None
        return self._published.places.storable_name(match.obec)

    def topic(self, key: str) -> str | None:
        """The document title with this `topic_key` (a "Možná vás zajímá" button), or None when no document has it."""
        return next((c.title for c in self._published.index.chunks if c.title and topic_key(c.title) == key), None)

    def check_eligibility(
        self, applicant: str, topic: str, obec: str | None, on: dt.date | None = None
    ) -> EligibilityResult:
        published = self._published
        obec = clean_question(obec)[0] if obec else obec
        return published.calls.check(applicant, topic, obec=obec, on=on, places=published.places)

    def answer(
        self,
        question: str,
        *,
        obec: str | None = None,
        today: dt.date | None = None,
        previous: str | None = None,
        lang_hint: str | None = None,
    ) -> Answer:
        """Answer one message; `obec` is the user's remembered municipality, `previous` the chat's last question,
        `lang_hint` the user's language (Telegram's language_code or the chat's language): it decides only for
        messages too short to tell their language."""
        published = self._published  # one build for the whole answer, even if a new one is swapped in meanwhile
        ctx = Context(
            published.index,
            published.places,
            published.calls,
            published.synonyms,
            published.glossary,
            published.normalizer,
            self._query_vector,
        )
        return respond(ctx, question, obec=obec, today=today, previous=previous, lang_hint=lang_hint)

    def _query_vector(self, text: str) -> np.ndarray:
        key = " ".join(text.casefold().split())
        with self._query_lock:
            cached = self._query_vectors.get(key)
            if cached is not None:
                self._query_vectors.move_to_end(key)
                return cached
        vector: np.ndarray = self.embedder.embed_queries([text])[0]
        with self._query_lock:
            self._query_vectors[key] = vector
            while len(self._query_vectors) > QUERY_CACHE_SIZE:
                self._query_vectors.popitem(last=False)
        return vector

    def reload_if_changed(self) -> bool:
        """Swap in a newly published build (index and tables together); True when something changed.

        A build that cannot be loaded raises (IndexUnavailable); the current one keeps serving.
        """
        with self._reload_lock:
            path = current_build_path(self.settings.data_dir)
            if path is None or path == self._published.index.path:
                return False
            index = load_index(self.settings.data_dir, self.settings.embedding_model)
            published = Published.from_index(index)
            log.info("Index reloaded: %s -> %s", self._published.index.build_id, index.build_id)
            self._published = published
            return True
