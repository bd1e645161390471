"""Saved browser sessions (Playwright storage state) for accounts that sign in with MFA.

A person signs in once (`make auth`); the checks then reuse the session. The file holds live
session cookies: it lives in a git-ignored folder, readable by its owner only, and is never
attached to a report. In CI its content comes from a secret variable instead.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from monitor.core.input_files import InputFileError, read_json
from monitor.core.paths import AUTH_DIR

# Another folder for the saved sessions (the self-tests use a temporary one, never .auth/).
AUTH_DIR_VARIABLE = "FOCUS_AUTH_DIR"
OWNER_ONLY = 0o600


def auth_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """Where `make auth` saves sessions and the checks look for them: FOCUS_AUTH_DIR, else .auth/."""
    override = environ.get(AUTH_DIR_VARIABLE)
    return Path(override).expanduser() if override else AUTH_DIR


def session_file(target_name: str, role: str, folder: Path | None = None) -> Path:
    return (folder or auth_dir()) / f"{target_name}-{role}.json"


def write_private(path: Path, content: str) -> Path:
    """Write a file that only its owner may read, without a moment of wider permissions."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(content)
    os.chmod(path, OWNER_ONLY)  # an existing file keeps its mode through os.open
    return path


def saved_session(target_name: str, role: str, variable: str, environ: Mapping[str, str] = os.environ,
                  folder: Path | None = None) -> Path | None:
    """The saved session for an account: from the CI variable's content, else from `make auth`'s file."""
    content = environ.get(variable)
    if content:
        digest = hashlib.sha256(content.encode()).hexdigest()[:16]
        # One copy per process (xdist workers end at different times), gone when the process ends.
        user = os.getuid() if hasattr(os, "getuid") else "user"  # Windows: the temporary folder is the user's own
        copy = Path(tempfile.gettempdir()) / f"focus-session-{user}-{os.getpid()}-{digest}.json"
        if not copy.exists():
            write_private(copy, content)
            atexit.register(copy.unlink, missing_ok=True)
        return copy
    path = session_file(target_name, role, folder or auth_dir(environ))
    return path if path.exists() else None  # a folder there is said as such (check_saved_session)


def check_saved_session(path: Path) -> None:
    """A saved session is Playwright's storage state: a JSON object with a list of cookies (InputFileError:
    one line naming the file, never its content: it holds live session cookies)."""
    data = read_json(path, "saved session")
    if data is None:
        raise InputFileError(f"saved session {path} is missing")
    if not isinstance(data, dict) or not isinstance(data.get("cookies"), list) \
            or not isinstance(data.get("origins", []), list):
        raise InputFileError(f"saved session {path} is not a browser session (expected a JSON object with "
                             "\"cookies\" and \"origins\" lists: save it again with make auth)")
