"""The only place that reads the environment: KD_* variables over safe embedded defaults."""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(f"KD_{name}")
    return value if value not in (None, "") else default


def _env_int(name: str, default: int) -> int:
    raw = _env(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise RuntimeError(f"KD_{name} must be a whole number, got {raw!r}") from exc


def _env_bool(name: str, default: bool) -> bool:
    raw = _env(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(instance_dir: Path) -> str:
    """KD_SECRET_KEY, else a key generated once and kept in instance/ (never committed)."""
    configured = _env("SECRET_KEY")
    if configured:
        return configured
    key_file = instance_dir / "secret_key"
    if not key_file.exists():
        instance_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def load_config(overrides: dict | None = None) -> dict:
    """Build the Flask config mapping; tests pass overrides."""
    overrides = dict(overrides or {})
    instance_dir = Path(overrides.pop("INSTANCE_DIR", None) or _env("INSTANCE_DIR", str(BASE_DIR / "instance")))
    redis_url = _env("REDIS_URL")
    config = {
        "INSTANCE_DIR": str(instance_dir),
        "SECRET_KEY": overrides.get("SECRET_KEY") or _secret_key(instance_dir),
        "DATABASE_URL": _env("DATABASE_URL", f"sqlite:///{instance_dir / 'kd.sqlite3'}"),
        "UPLOAD_DIR": _env("UPLOAD_DIR", str(BASE_DIR / "uploads")),
        "SEARCH_INDEX_DIR": _env("SEARCH_INDEX_DIR", str(instance_dir / "search-index")),
        "SEARCH_BACKEND": _env("SEARCH_BACKEND", "auto"),
        "SEARCH_LOCK_TIMEOUT": float(_env("SEARCH_LOCK_TIMEOUT", "2")),
        "SEARCH_REBUILD_PROCS": _env_int("SEARCH_REBUILD_PROCS", 1),
        # Whoosh's posting pool per rebuild process before it spills to disk: more is faster (30k documents,
        # 2 processes: 59 s at 256 MB, 41 s at 1024 MB) but is memory the machine must have.
        "SEARCH_REBUILD_MEMORY_MB": _env_int("SEARCH_REBUILD_MEMORY_MB", 256),
        "MAIL_OUTBOX_DIR": _env("MAIL_OUTBOX_DIR", str(instance_dir / "outbox")),
        "MAIL_SENDER": _env("MAIL_SENDER", "KD <no-reply@demo.kd-diaspora.org>"),
        "SMTP_HOST": _env("SMTP_HOST"),
        "SMTP_PORT": _env_int("SMTP_PORT", 587),
        "SMTP_USER": _env("SMTP_USER"),
        "SMTP_PASSWORD": _env("SMTP_PASSWORD"),
        "SMTP_STARTTLS": _env_bool("SMTP_STARTTLS", True),
        "REDIS_URL": redis_url,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        # Without a timeout a stalled Redis holds every limited request (redis-py waits 5 s per call);
        # past it the limits are counted in memory until Redis answers again.
        "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5} if redis_url else {},
        "JOBS_QUEUE": _env("JOBS_QUEUE", "kd"),
        "PAGE_CACHE_SECONDS": _env_int("PAGE_CACHE_SECONDS", 60),
        "PAGE_CACHE_ENTRIES": _env_int("PAGE_CACHE_ENTRIES", 500),
        # A worker's memory cache stores a page the Nth time it is rendered: a crawl over thousands of pages
        # asked once each stores none (Redis stores every page: it is shared by all workers).
        "PAGE_CACHE_ADMIT_AFTER": _env_int("PAGE_CACHE_ADMIT_AFTER", 2),
        # Rendered item cards per worker (kd/core/fragments.py), about 1.5 KB each; 0 renders every card.
        "CARD_CACHE_ENTRIES": _env_int("CARD_CACHE_ENTRIES", 5000),
        "CACHE_PREFIX": _env("CACHE_PREFIX", "kd"),
        "PAGE_CACHE_BLUEPRINTS": ("site", "profiles", "stories", "browse", "search", "actions", "pages",
                                  "collections"),
        "RATELIMIT_ENABLED": _env_bool("RATELIMIT_ENABLED", True),
        "LOGIN_RATE_LIMIT": _env("LOGIN_RATE_LIMIT", "10 per 15 minutes"),
        "RESET_RATE_LIMIT": _env("RESET_RATE_LIMIT", "5 per hour"),
        "REGISTER_RATE_LIMIT": _env("REGISTER_RATE_LIMIT", "10 per hour"),
        "DATA_EXPORT_RATE_LIMIT": _env("DATA_EXPORT_RATE_LIMIT", "5 per hour"),
        # One client's guesses at one account (no account lock: anyone could lock the owner out)
        "LOGIN_ACCOUNT_RATE_LIMIT": _env("LOGIN_ACCOUNT_RATE_LIMIT", "5 per 15 minutes"),
        "CONFIRM_TOKEN_MAX_AGE": _env_int("CONFIRM_TOKEN_MAX_AGE", 3 * 24 * 3600),
        "RESET_TOKEN_MAX_AGE": _env_int("RESET_TOKEN_MAX_AGE", 2 * 3600),
        "UNSUBSCRIBE_TOKEN_MAX_AGE": _env_int("UNSUBSCRIBE_TOKEN_MAX_AGE", 400 * 24 * 3600),
        "NEWSLETTER_RATE_LIMIT": _env("NEWSLETTER_RATE_LIMIT", "10 per hour"),
        "CONTACT_RATE_LIMIT": _env("CONTACT_RATE_LIMIT", "5 per hour"),
        "DIGEST_FIRST_PERIOD_DAYS": _env_int("DIGEST_FIRST_PERIOD_DAYS", 30),
        "SUBMIT_RATE_LIMIT": _env("SUBMIT_RATE_LIMIT", "30 per hour"),
        "ACTION_PROPOSAL_RATE_LIMIT": _env("ACTION_PROPOSAL_RATE_LIMIT", "5 per hour"),
        "CONSENT_TOKEN_MAX_AGE": _env_int("CONSENT_TOKEN_MAX_AGE", 30 * 24 * 3600),
        # Introductions (kd/connections): asking is rate-limited per member, and a member may have this many
        # unanswered requests at a time; unanswered ones expire, introduced ones are followed up.
        "INTRODUCTION_RATE_LIMIT": _env("INTRODUCTION_RATE_LIMIT", "10 per day"),
        "INTRODUCTION_OPEN_LIMIT": _env_int("INTRODUCTION_OPEN_LIMIT", 3),
        "INTRODUCTION_EXPIRY_DAYS": _env_int("INTRODUCTION_EXPIRY_DAYS", 30),
        "INTRODUCTION_FOLLOW_UP_DAYS": _env_int("INTRODUCTION_FOLLOW_UP_DAYS", 14),
        "OUTCOME_TOKEN_MAX_AGE": _env_int("OUTCOME_TOKEN_MAX_AGE", 90 * 24 * 3600),
        "MAX_CONTENT_LENGTH": _env_int("MAX_UPLOAD_MB", 10) * 1024 * 1024 + 512 * 1024,
        "MAX_UPLOAD_BYTES": _env_int("MAX_UPLOAD_MB", 10) * 1024 * 1024,
        "MAX_IMAGE_PIXELS": _env_int("MAX_IMAGE_PIXELS", 40_000_000),
        "SITE_URL": _env("SITE_URL", "http://127.0.0.1:5000"),
        "LANGUAGES": ("en", "sq"),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "UTC",
        "LANGUAGE_COOKIE": "kd_lang",
        "USERS_PER_PAGE": 25,
        "CLAIM_MINUTES": _env_int("CLAIM_MINUTES", 30),
        "TRANSLATION_CLAIM_HOURS": _env_int("TRANSLATION_CLAIM_HOURS", 48),
        "TRANSLATIONS_PER_PAGE": _env_int("TRANSLATIONS_PER_PAGE", 20),
        "QUEUE_PER_PAGE": _env_int("QUEUE_PER_PAGE", 25),
        "REPORT_RATE_LIMIT": _env("REPORT_RATE_LIMIT", "5 per hour"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _env_bool("SECURE_COOKIES", False),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _env_bool("SECURE_COOKIES", False),
        "WTF_CSRF_TIME_LIMIT": None,
        # ActivityPub (kd/federation): fetching remote keys from private addresses (loopback, LAN) is refused
        # unless this is set (tests); a signed request's Date may be this far from now.
        "FEDERATION_ALLOW_PRIVATE_ADDRESSES": _env_bool("FEDERATION_ALLOW_PRIVATE_ADDRESSES", False),
        "FEDERATION_SIGNATURE_WINDOW_SECONDS": _env_int("FEDERATION_SIGNATURE_WINDOW_SECONDS", 3600),
        # per client address: a big server's shared inbox posts in bursts, a hostile one makes us fetch keys
        "FEDERATION_INBOX_RATE_LIMIT": _env("FEDERATION_INBOX_RATE_LIMIT", "600 per minute"),
        "TESTING": False,
    }
    config.update(overrides)
    config.setdefault("TRUSTED_HOSTS", _trusted_hosts(config["SITE_URL"]))
    return config


def _trusted_hosts(site_url: str) -> list[str]:
    """KD_TRUSTED_HOSTS (comma separated), else the host of KD_SITE_URL plus the local names for development."""
    raw = _env("TRUSTED_HOSTS")
    if raw:
        return [host.strip() for host in raw.split(",") if host.strip()]
    return [urlsplit(site_url).hostname or "localhost", "127.0.0.1", "localhost"]


def gunicorn_settings() -> dict:
    """Production server settings (gunicorn.conf.py). Sync workers: see README, "Production"."""
    return {
        "bind": _env("BIND", "127.0.0.1:8000"),
        "workers": _env_int("WORKERS", (os.cpu_count() or 1) * 2 + 1),
        "worker_class": "sync",
        "timeout": _env_int("WORKER_TIMEOUT", 30),
        "graceful_timeout": 20,
        "keepalive": 5,
        "max_requests": 20000,  # a fresh worker now and then guards against slow leaks
        "max_requests_jitter": 2000,
        "forwarded_allow_ips": _env("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        "accesslog": None,
        "errorlog": "-",
        "control_socket_disable": True,  # one shared ~/.gunicorn/gunicorn.ctl would mix up servers on one host
        "preload_app": True,  # workers fork from a loaded app: a restarted one serves at once, not after ~1 s
    }
