"""Remove secrets from everything the monitor keeps: text, attachments and Playwright traces.

Secrets are the accounts' passwords, every cookie value the browser held (sessions, CSRF cookies)
and token-like URL or form parameters. Each is replaced by REDACTED in all the encodings in which
a page, a request body or a trace may carry it.
"""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote, quote_plus

REDACTED = "[REDACTED]"
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


def _encodings(secret: str) -> set[str]:
    return {
        secret,
        quote(secret, safe=""),
        quote_plus(secret, safe=""),
        json.dumps(secret)[1:-1],
        html.escape(secret),
        base64.b64encode(secret.encode()).decode(),
    }


class Redactor:
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        values = {form for secret in secrets if len(secret or "") >= MIN_SECRET_LENGTH for form in _encodings(secret)}
        # Longest first, so that an encoding containing another is replaced whole.
        self._secrets = sorted(values, key=len, reverse=True)

    def with_secrets(self, secrets: Iterable[str]) -> Redactor:
        return Redactor([*self._secrets, *secrets])

    def text(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        for pattern in TOKEN_PATTERNS:
            text = pattern.sub(rf"\g<1>{REDACTED}", text)
        return text

    def data(self, data: bytes, binary: bool = False) -> bytes:
        for secret in self._secrets:
            data = data.replace(secret.encode(), REDACTED.encode())
        if binary:  # images and videos: a token pattern would only ever match by accident
            return data
        for pattern in TOKEN_PATTERNS:
            data = re.sub(pattern.pattern.encode(), rf"\g<1>{REDACTED}".encode(), data)
        return data

    def file(self, path: Path) -> None:
        """Redact a file in place; a zip (a Playwright trace) is redacted member by member."""
        if zipfile.is_zipfile(path):
            self._zip(path)
        else:
            path.write_bytes(self.data(path.read_bytes()))

    def _zip(self, path: Path) -> None:
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".zip", delete=False) as handle:
            scratch = Path(handle.name)
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(scratch, "w", zipfile.ZIP_DEFLATED) as target:
            for member in source.infolist():
                binary = member.filename.lower().endswith(BINARY_SUFFIXES)
                target.writestr(member, self.data(source.read(member), binary), zipfile.ZIP_DEFLATED)
        shutil.move(scratch, path)
