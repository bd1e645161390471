"""Look for secrets in everything a monitor run left behind: every file under a folder, every
member of every zip in it (Playwright traces), and any text such as the run's own output.

The forms searched for are written here independently of monitor/core/redact.py, so that the scan
checks the redaction instead of repeating it."""

from __future__ import annotations

import base64
import html
import io
import json
import secrets
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, quote_plus

# Characters that every encoding treats differently: URL (reserved and "unreserved in JS only"),
# JSON, HTML, non-ASCII, and a space in the middle. Real passwords have them too.
PASSWORD_SPECIALS = "!@#$%^&*()_+=[]{}|;:'\",.<>/?~ é\\"
MIN_TOKEN_LENGTH = 16  # cookie values shorter than this are not tokens (deletions, flags)


@dataclass(frozen=True)
class Canary:
    """A unique password for one run: a random core (found in any encoding that keeps letters and
    digits) wrapped in characters that every encoding changes."""

    core: str
    value: str

    @classmethod
    def new(cls, role: str) -> Canary:
        core = secrets.token_hex(16)
        return cls(core=core, value=f"Cn4ry-{core}-{role}{PASSWORD_SPECIALS}-end")


def canary_email(role: str) -> str:
    return f"canary-{role}-{uuid.uuid4()}@example.org"


def base64_fragments(value: bytes) -> set[str]:
    """`value` as it looks inside any base64 text, whatever its offset there: for each of the three
    alignments, the characters that come from its bytes alone (standard and URL-safe alphabets)."""
    fragments = set()
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + value).decode()
        start, end = -(-8 * offset // 6), 8 * (offset + len(value)) // 6
        fragment = encoded[start:end]
        fragments |= {fragment, fragment.translate(str.maketrans("+/", "-_"))}
    return fragments


def password_forms(canary: Canary) -> dict[str, str]:
    """Every way a page, a request, a trace or a report may write the password, by name."""
    value = canary.value
    forms = {
        "plain": value,
        "URL-encoded": quote(value, safe=""),
        "form-encoded": quote_plus(value, safe=""),
        "encodeURIComponent": quote(value, safe="!~*'()"),
        "URLSearchParams": quote_plus(value, safe="*").replace("~", "%7E"),
        "JSON-escaped": json.dumps(value)[1:-1],
        "JSON-escaped (UTF-8)": json.dumps(value, ensure_ascii=False)[1:-1],
        "HTML-escaped": html.escape(value),
        "HTML-escaped (text)": html.escape(value, quote=False),
        "Python repr": repr(value)[1:-1],
        "Python repr (' escaped)": repr("'\"" + value)[4:-1],
        "base64": base64.b64encode(value.encode()).decode(),
        "its random core": canary.core,
    }
    for index, fragment in enumerate(sorted(base64_fragments(canary.core.encode()))):
        forms[f"its random core in base64 ({index})"] = fragment
    return forms


def token_forms(token: str) -> dict[str, str]:
    forms = {"plain": token}
    for index, fragment in enumerate(sorted(base64_fragments(token.encode()))):
        forms[f"base64 ({index})"] = fragment
    return forms


@dataclass
class Scan:
    """Secrets by name, each with its forms; what was searched and what was found."""

    secrets: dict[str, dict[str, str]]
    files: int = 0
    zip_members: int = 0
    bytes: int = 0
    hits: list[str] = field(default_factory=list)

    def folder(self, root: Path) -> Scan:
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                self.files += 1
                self.blob(str(path.relative_to(root.parent)), path.read_bytes())
        return self

    def text(self, label: str, text: str) -> Scan:
        return self.blob(label, text.encode("utf-8", "surrogateescape"))

    def blob(self, label: str, data: bytes) -> Scan:
        self.bytes += len(data)
        for name, forms in self.secrets.items():
            found = [form for form, value in forms.items() if value.encode() in data]
            if found:
                self.hits.append(f"{label}: {name} ({', '.join(found)})")
        if data[:4] == b"PK\x03\x04":
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    for member in archive.infolist():
                        if not member.is_dir():
                            self.zip_members += 1
                            self.blob(f"{label}!{member.filename}", archive.read(member))
            except zipfile.BadZipFile:
                pass
        return self
