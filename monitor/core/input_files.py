"""The files a run is given (the targets, the maintenance windows, a saved session, an accessibility
baseline): whatever is wrong with one (a folder, a pipe, unreadable, not UTF-8, not the expected
shape) is one line that names the file and the problem, never a traceback (the caller makes it bad
input, exit 4, before any browser starts)."""

from __future__ import annotations

import json
from pathlib import Path


class InputFileError(ValueError):
    """One line: the file and what is wrong with it."""


def read_text(path: Path, what: str) -> str | None:
    """The file's text; None when there is none (the caller says whether that is a problem). A pipe
    or a device is never opened: reading it could wait for ever."""
    try:
        if not path.exists():
            return None
        if path.is_dir():
            raise InputFileError(f"{what} {path} is a folder, not a file")
        if not path.is_file():
            raise InputFileError(f"{what} {path} is not a regular file (a pipe or a device)")
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputFileError(f"{what} {path} is not UTF-8 text (at byte {error.start})") from None
    except OSError as error:
        raise InputFileError(f"{what} {path} cannot be read: {error.strerror or error}") from None


def read_json(path: Path, what: str) -> object | None:
    """The file's JSON value; None when there is no file."""
    text = read_text(path, what)
    if text is None:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputFileError(f"{what} {path} is not JSON: {error}") from None
