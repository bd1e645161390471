"""Remove secrets from everything the monitor keeps: text, attachments and Playwright traces.

Secrets are the accounts' passwords, every cookie value the browser held (sessions, CSRF cookies)
and token-like URL or form parameters. Each is replaced by REDACTED in all the encodings in which
a page, a request body or a trace may carry it.
"""

from __future__ import annotations

import base64
import contextlib
import html
import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote, quote_plus, urlsplit, urlunsplit

REDACTED = "[REDACTED]"
# What stands where something identified a student or a parent (FERPA): a blanked element, a name.
STUDENT_DATA_REMOVED = "[student data removed]"
# Parameters whose values are credentials or one-time tokens wherever they appear.
TOKEN_PARAMETERS = ("csrf_token", "csrf", "password", "SAMLResponse", "id_token", "access_token",
                    "refresh_token", "code", "verificationCode", "PHPSESSID", "x-ms-cpim-csrf")
_PARAMETER = "|".join(re.escape(name) for name in TOKEN_PARAMETERS)
TOKEN_PATTERNS = (
    re.compile(rf"(?<![\w-])((?:{_PARAMETER})=)[^&\"'\s;<>]+"),  # query strings, form bodies, cookies
    re.compile(rf"(\"(?:{_PARAMETER})\"\s*:\s*\")[^\"]*"),  # JSON
    re.compile(rf"(name=\"(?:{_PARAMETER})\"[^>]*value=\")[^\"]*"),  # hidden form fields
)
BINARY_SUFFIXES = (".jpeg", ".jpg", ".png", ".webm", ".woff", ".woff2")
MIN_SECRET_LENGTH = 4  # shorter values would redact ordinary text


def without_userinfo(url: str) -> str:
    """A URL as it may be shown, named, recorded or reported: no user name or password in it."""
    try:
        parts = urlsplit(url)
    except ValueError:  # not a URL at all (an invalid IPv6 host): nothing of it is shown
        return "(a malformed URL)"
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def url_secrets(url: str) -> list[str]:
    """The userinfo of a URL (user:password, and the password), for a redactor."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return []
    userinfo = parts.netloc.rpartition("@")[0]
    return [value for value in (userinfo, parts.password or "") if value]


def _encodings(secret: str) -> set[str]:
    """The secret as a page, a request, a trace or a report may write it. Python's encoders and the
    browser's differ: JSON.stringify keeps non-ASCII characters, encodeURIComponent keeps !~*'()."""
    json_escaped = {json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]}
    url_encoded = {
        quote(secret, safe=""),
        quote_plus(secret, safe=""),
        quote(secret, safe="!~*'()"),  # encodeURIComponent
        quote(secret, safe="!~*'()").replace("%20", "+"),  # jQuery's form encoding
        quote_plus(secret, safe="*").replace("~", "%7E"),  # URLSearchParams, a form's own encoding
    }
    return {
        secret,
        *url_encoded,
        *(_lowercase_escapes(form) for form in url_encoded),
        *json_escaped,
        *(json.dumps(form)[1:-1] for form in json_escaped),  # JSON text inside a JSON string
        html.escape(secret),
        html.escape(secret, quote=False),
        repr(secret)[1:-1],  # Python's repr (a traceback's arguments and locals), ' left as is
        repr(secret + '"')[1:-2],  # ... or escaped, as in a text that also holds a "
        base64.b64encode(secret.encode()).decode(),
        base64.urlsafe_b64encode(secret.encode()).decode(),
    }


def _lowercase_escapes(encoded: str) -> str:
    return re.sub(r"%[0-9A-F]{2}", lambda match: match.group().lower(), encoded)


class Redactor:
    def __init__(self, secrets: Iterable[str] = (), codes: Iterable[str] = ()) -> None:
        self._plain = {secret for secret in secrets if len(secret or "") >= MIN_SECRET_LENGTH}
        values = {form for secret in self._plain for form in _encodings(secret)}
        # Longest first, so that an encoding containing another is replaced whole.
        self._secrets = sorted(values, key=len, reverse=True)
        # One-time codes (digits): only where they stand alone, never inside a longer number (a time).
        self._codes = frozenset(code for code in codes if code.isdigit())
        self._code_pattern = re.compile(rf"(?<![\d.])(?:{'|'.join(sorted(self._codes))})(?![\d.])") \
            if self._codes else None

    def with_secrets(self, secrets: Iterable[str]) -> Redactor:
        return Redactor([*self._plain, *secrets], self._codes)

    def with_codes(self, codes: Iterable[str]) -> Redactor:
        """This redactor, and one-time codes (two-factor) as well."""
        return Redactor(self._plain, [*self._codes, *codes])

    def text(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        if self._code_pattern:
            text = self._code_pattern.sub(REDACTED, text)
        for pattern in TOKEN_PATTERNS:
            text = pattern.sub(rf"\g<1>{REDACTED}", text)
        return text

    def reveals(self, text: str) -> bool:
        """Whether the text holds one of the secrets (token-like parameters aside)."""
        return any(secret in text for secret in self._secrets) or bool(
            self._code_pattern and self._code_pattern.search(text))

    def exception(self, error: BaseException) -> None:
        """Redact an exception in place, with its causes: its message (Playwright's call log quotes
        the value a fill typed) and any text it keeps in its attributes."""
        seen: set[int] = set()
        current: BaseException | None = error
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            texts = {"args": tuple(self.text(arg) if isinstance(arg, str) else arg for arg in current.args)}
            for name, value in getattr(current, "__dict__", {}).items():
                if isinstance(value, str):
                    texts[name] = self.text(value)
                elif isinstance(value, list) and all(isinstance(item, str) for item in value):
                    texts[name] = [self.text(item) for item in value]
            for name, value in texts.items():
                with contextlib.suppress(AttributeError, TypeError):  # unless the exception forbids it
                    setattr(current, name, value)
            current = current.__cause__ or current.__context__

    def data(self, data: bytes, binary: bool = False) -> bytes:
        for secret in self._secrets:
            data = data.replace(secret.encode(), REDACTED.encode())
        if binary:  # images and videos: a token pattern would only ever match by accident
            return data
        if self._code_pattern:
            data = re.sub(self._code_pattern.pattern.encode(), REDACTED.encode(), data)
        for pattern in TOKEN_PATTERNS:
            data = re.sub(pattern.pattern.encode(), rf"\g<1>{REDACTED}".encode(), data)
        return data

    def file(self, path: Path) -> None:
        """Redact a file in place; a zip (a Playwright trace) is redacted member by member."""
        if zipfile.is_zipfile(path):
            self._zip(path)
        else:
            path.write_bytes(self.data(path.read_bytes(), path.suffix.lower() in BINARY_SUFFIXES))

    def _zip(self, path: Path) -> None:
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".zip", delete=False) as handle:
            scratch = Path(handle.name)
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(scratch, "w", zipfile.ZIP_DEFLATED) as target:
            for member in source.infolist():
                binary = member.filename.lower().endswith(BINARY_SUFFIXES)
                target.writestr(member, self.data(source.read(member), binary), zipfile.ZIP_DEFLATED)
        shutil.move(scratch, path)
