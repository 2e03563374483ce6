"""Runtime settings: one pydantic-settings object read from the environment and `.env`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import NoDecode

from index.settings import IndexSettings, exit_on_invalid


class Settings(IndexSettings):
    """Everything the bot can be configured with; the indexer's settings (paths, model) included."""

    telegram_bot_token: SecretStr | None = None
    telegram_base_url: str = "https://api.telegram.org/bot"
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()

    # Webhook mode is on when webhook_url is set; polling otherwise.
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret: SecretStr | None = None

    # The bot's database may not grow beyond this; past it, statistics are "not recorded" (like a full disk).
    database_max_mb: int = Field(default=1024, ge=1)

    # Per-user incoming limit (questions per minute) and the hot-reload poll period.
    user_rate_limit: int = Field(default=20, ge=1)
    index_poll_seconds: float = Field(default=30.0, gt=0)

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
    def database_path(self) -> Path:
        return self.data_dir / "bot.sqlite3"


def load_settings() -> Settings:
    """Build Settings from the environment or exit with one readable line per wrong value (no traceback)."""
    try:
        return Settings()
    except ValidationError as exc:
        raise exit_on_invalid(exc) from None
