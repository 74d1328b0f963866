"""Share links: each network's own share address, built here so every value is encoded the same way."""
from __future__ import annotations

from urllib.parse import quote, urlencode


def share_targets(url: str, title: str) -> list[tuple[str, str]]:
    """(network name, address) pairs; opening one needs no script of ours or theirs."""
    return [
        ("X", "https://x.com/intent/post?" + urlencode({"text": title, "url": url})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{title} {url}"})),
        ("Telegram", "https://t.me/share/url?" + urlencode({"url": url, "text": title})),
    ]


def mail_link(url: str, title: str) -> str:
    return f"mailto:?subject={quote(title)}&body={quote(url, safe='')}"
