"""Walk the site as a user: follow every link a page shows, breadth first, and collect those that lead
nowhere: no such address (the URL does not resolve), 405, or a server error. A 404 that a view raises for a
unit outside the user's scope is collected apart (`refused`): the link is real, showing it is the question."""

from __future__ import annotations

import html
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

_HREF = re.compile(r"""(?:href|hx-get)="(/[^"]*)\"""")
# not pages: leaving the site, the admin, static files, switching language
_SKIP = ("/dang-xuat/", "/admin/", "/static/", "/i18n/")
_DOWNLOADS = (".docx", ".xlsx", ".csv", "/xuat/", "/tai-ve/", "/mau/")


@dataclass
class Walk:
    visited: list[str] = field(default_factory=list)
    broken: list[tuple[str, int, str]] = field(default_factory=list)  # (url, status, the page that linked it)
    refused: list[tuple[str, int, str]] = field(default_factory=list)


def _shape(url: str) -> str:
    """Pages of the same kind (same path up to the numbers, same parameter names) are visited a few times
    only: the walk checks every kind of link, not every unit of the province."""
    parts = urlsplit(url)
    keys = sorted(p.split("=", 1)[0] for p in parts.query.split("&") if p)
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)


def walk(client: Client, start: str = "/", *, per_shape: int = 2, limit: int = 400) -> Walk:
    result = Walk()
    seen: set[str] = {start}
    shapes: Counter[str] = Counter()
    queue: deque[tuple[str, str]] = deque([(start, "")])
    while queue and len(result.visited) < limit:
        url, source = queue.popleft()
        result.visited.append(url)
        try:
            resolve(urlsplit(url).path)
        except Resolver404:
            result.broken.append((url, 404, source))
            continue
        try:
            response = client.get(url)
        except Exception as exc:  # the test client re-raises a view's exception: a 500 for the user
            result.broken.append((url, 500, f"{source} ({exc.__class__.__name__}: {str(exc)[:160]})"))
            continue
        if response.status_code == 405 or response.status_code >= 500:
            result.broken.append((url, response.status_code, source))
            continue
        if response.status_code == 404:
            result.refused.append((url, 404, source))
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for raw in _HREF.findall(response.content.decode()):
            link = urldefrag(html.unescape(raw))[0]
            if link in seen or link.startswith(_SKIP):
                continue
            seen.add(link)
            shape = _shape(link)
            limit_here = 1 if any(d in link for d in _DOWNLOADS) else per_shape
            if shapes[shape] >= limit_here:
                continue
            shapes[shape] += 1
            queue.append((link, url))
    return result
