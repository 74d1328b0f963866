"""Share links: each network's own share address, built here so every value is encoded the same way."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from markupsafe import Markup


def share_targets(url: str, title: str) -> list[tuple[str, str]]:
    """(network name, address) pairs; opening one needs no script of ours or theirs."""
    title = _plain_text(title)
    return [
        ("X", "https://x.com/intent/post?" + urlencode({"text": title, "url": url})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{title} {url}"})),
        ("Telegram", "https://t.me/share/url?" + urlencode({"url": url, "text": title})),
    ]


def _plain_text(text: str) -> str:
    """A template joins the title with translated Markup, which escapes it: a shared text is not HTML."""
    return text.unescape() if isinstance(text, Markup) else str(text)


def mail_link(url: str, title: str) -> str:
    title = _plain_text(title)
    return f"mailto:?subject={quote(title)}&body={quote(url, safe='')}"
