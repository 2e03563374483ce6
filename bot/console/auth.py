"""Sign-in without passwords: one-time links for Telegram admins, signed session cookies, CSRF tokens.

* A link carries a random token; only its SHA-256 is stored (``console_token``). It works once and
  for ``LINK_MINUTES``; the admin must still be in ``ADMIN_IDS`` when it is used.
* The session cookie holds a random session id signed with the console secret (itsdangerous,
  timestamped); the database keeps the id's hash, the admin and the CSRF token, so signing out or
  removing an admin from ``ADMIN_IDS`` ends the session at once.
* Every form carries the session's CSRF token (hidden field ``csrf`` or header ``X-CSRF-Token``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from itsdangerous import BadSignature, TimestampSigner

from bot.config import Settings
from bot.storage import Storage

log = logging.getLogger(__name__)

LINK_MINUTES = 10
SESSION_HOURS = 12
COOKIE = "konzole_session"
SECRET_FILE = "console_secret"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080


@dataclass(frozen=True)
class Admin:
    """The signed-in staff member (their Telegram id and name) and their session's CSRF token."""

    id: int
    name: str
    csrf: str
    session_hash: str

    @property
    def git_author(self) -> str:
        """`Name <email>` for git commits; Telegram users have no e-mail, so a non-routable one."""
        name = " ".join(self.name.replace("<", "").replace(">", "").split()) or f"Správce {self.id}"
        return f"{name} <telegram-{self.id}@users.noreply.invalid>"


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def load_secret(settings: Settings) -> bytes:
    """CONSOLE_SECRET, or a random key created once in DATA_DIR with owner-only permissions."""
    if settings.console_secret is not None:
        return settings.console_secret.get_secret_value().encode()
    path = Path(settings.data_dir) / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
        secret = path.read_text(encoding="ascii").strip()
        if len(secret) >= 32:
            return secret.encode()
        raise RuntimeError(f"{path} is damaged; delete it (all console sessions end) and start again") from None
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_urlsafe(48) + "\n")
    log.info("Created the console secret in %s (mode 0600)", path)
    return path.read_text(encoding="ascii").strip().encode()


def base_url(settings: Settings, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    """Where staff open the console: CONSOLE_PUBLIC_URL behind a proxy, else the local address."""
    if settings.console_public_url:
        return settings.console_public_url.rstrip("/")
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def issue_link(storage: Storage, admin_id: int, admin_name: str, base: str) -> str:
    """Store a new one-time token for this admin and return the sign-in link."""
    token = secrets.token_urlsafe(32)
    expires = datetime.now(UTC) + timedelta(minutes=LINK_MINUTES)
    storage.add_signin_token(_digest(token), admin_id, admin_name.strip()[:100] or f"Správce {admin_id}", expires)
    return f"{base}/prihlaseni?token={token}"


def redeem(storage: Storage, token: str, admin_ids: frozenset[int]) -> tuple[str, int | None, str | None]:
    """Use a sign-in token: ("ok" | "unknown" | "used" | "expired" | "not_admin", admin id, name)."""
    if not token or len(token) > 200:
        return "unknown", None, None
    status, admin_id, name = storage.use_signin_token(_digest(token))
    if status == "ok" and admin_id not in admin_ids:
        return "not_admin", admin_id, name
    return status, admin_id, name


class Sessions:
    """Signed session cookies backed by the database."""

    def __init__(self, storage: Storage, secret: bytes) -> None:
        self.storage = storage
        self.signer = TimestampSigner(secret, salt="pruvodce-console-session")

    def create(self, admin_id: int, admin_name: str) -> str:
        """A new session; returns the cookie value."""
        session_id = secrets.token_urlsafe(32)
        expires = datetime.now(UTC) + timedelta(hours=SESSION_HOURS)
        self.storage.add_console_session(_digest(session_id), admin_id, admin_name, secrets.token_urlsafe(32), expires)
        return self.signer.sign(session_id).decode()

    def admin(self, cookie: str | None, admin_ids: frozenset[int]) -> Admin | None:
        """The admin of a valid, unexpired session whose Telegram id is still in ADMIN_IDS."""
        if not cookie or len(cookie) > 300:
            return None
        try:
            session_id = self.signer.unsign(cookie, max_age=SESSION_HOURS * 3600).decode()
        except (BadSignature, UnicodeDecodeError):
            return None
        session_hash = _digest(session_id)
        session = self.storage.get_console_session(session_hash)
        if session is None or session.admin_id not in admin_ids:
            return None
        return Admin(session.admin_id, session.admin_name, session.csrf, session_hash)

    def end(self, admin: Admin) -> None:
        self.storage.delete_console_session(admin.session_hash)


def csrf_ok(admin: Admin, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(admin.csrf.encode(), str(sent).encode())
