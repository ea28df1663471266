"""Input checks: each failure raises HttpError(400) naming the field and the rule."""
import re
from urllib.parse import urlsplit

from errors import HttpError


def _is_http_url(value):
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def bookmark_fields(body, partial):
    """`partial` is for PATCH: only the fields present are checked, and at least one must be."""
    if not isinstance(body, dict):
        raise HttpError(400, "The body must be a JSON object.")
    out = {}
    if "url" in body or not partial:
        url = body.get("url")
        if not isinstance(url, str) or not _is_http_url(url) or len(url) > 2048:
            raise HttpError(400, '"url" must be an http:// or https:// URL of at most 2048 characters.')
        out["url"] = url
    if "title" in body or not partial:
        title = body.get("title")
        if not isinstance(title, str) or not title.strip() or len(title) > 200:
            raise HttpError(400, '"title" must be a non-empty string of at most 200 characters.')
        out["title"] = title
    if "tags" in body:
        tags = body["tags"]
        ok = isinstance(tags, list) and len(tags) <= 20 and all(isinstance(t, str) and 0 < len(t) <= 50 for t in tags)
        if not ok:
            raise HttpError(400, '"tags" must be an array of at most 20 non-empty strings (50 characters each).')
        out["tags"] = tags
    elif not partial:
        out["tags"] = []
    if partial and not out:
        raise HttpError(400, 'Send at least one of "url", "title", "tags".')
    return out


def int_param(query, name, default, low, high):
    values = query.get(name)
    if not values:
        return default
    raw = values[0]
    if not re.fullmatch(r"\d+", raw) or not low <= int(raw) <= high:
        raise HttpError(400, f'"{name}" must be a whole number from {low} to {high}.')
    return int(raw)


def credentials(body):
    body = body if isinstance(body, dict) else {}
    email, password = body.get("email"), body.get("password")
    if not isinstance(email, str) or not re.fullmatch(r"[^\s@]+@[^\s@]+", email) or len(email) > 254:
        raise HttpError(400, '"email" must be an email address.')
    if not isinstance(password, str) or not 8 <= len(password) <= 200:
        raise HttpError(400, '"password" must be 8 to 200 characters.')
    return email.lower(), password
