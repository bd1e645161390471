"""What the checks look for on the pages, in a parent's words: the texts a target expects
(targets.toml, [defaults.texts] and [targets.NAME.texts]) and how a text is matched.

A text is matched the way a person reads it: case-insensitively, word by word, wherever it stands
in an element's text or accessible name ("Google" is in "Sign in with Google"; "Parent" is in
"Parent/Guardian"), never by the exact string or the tag that carries it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# The texts a target must define (the support page's wording is the default in targets.toml).
TEXT_KEYS: dict[str, str] = {
    "mybcps_section": "the heading of the e-mail and password sign-in section",
    "google_button": "the name of the Google sign-in button",
    "microsoft_button": "the name of the Microsoft sign-in button",
    "sign_up_link": "the link or button that starts a sign-up",
    "send_code_button": "the sign-up page's button that sends the verification code",
    "already_exists": "the message for an e-mail that already has an account",
    "parent_profile": "the Parent profile in the drop-down at the upper right",
    "schoology_link": "the parent portal's sentence that links to Schoology",
}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Wording:
    """A target's texts: each key, the texts accepted for it (the first is how messages quote it)."""

    texts: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def of(cls, texts: Mapping[str, Iterable[str]]) -> Wording:
        return cls(tuple((key, tuple(texts[key])) for key in TEXT_KEYS))

    def accepted(self, key: str) -> tuple[str, ...]:
        return dict(self.texts)[key]

    def quote(self, key: str) -> str:
        """How a failure message names the text: the target's own wording."""
        return " or ".join(f"\"{text}\"" for text in self.accepted(key))

    def pattern(self, key: str) -> re.Pattern[str]:
        return words_pattern(self.accepted(key))


def words_pattern(texts: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds any of the texts by their words, in order, whatever the case, the spacing
    or the punctuation between them, and not inside a longer word ("Parent" not in "Parenthood")."""
    alternatives = [r"\W+".join(re.escape(word) for word in _WORD.findall(text)) for text in texts]
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)


def text_errors(texts: object) -> list[str]:
    """What is wrong with a target's texts table (empty: nothing)."""
    if not isinstance(texts, dict):
        return ["texts must be a table"]
    errors = []
    unknown = sorted(set(texts) - set(TEXT_KEYS))
    if unknown:
        errors.append(f"texts names unknown keys {unknown}; known: {', '.join(TEXT_KEYS)}")
    for key in TEXT_KEYS:
        value = texts.get(key)
        values = [value] if isinstance(value, str) else value
        if value is None:
            errors.append(f"texts needs {key!r} ({TEXT_KEYS[key]})")
        elif not isinstance(values, list) or not values or not all(isinstance(text, str) for text in values):
            errors.append(f"texts.{key} must be a string or a list of strings")
        elif not all(_WORD.search(text) for text in values):
            errors.append(f"texts.{key} has an empty text")
    return errors


def accepted_texts(texts: dict) -> dict[str, tuple[str, ...]]:
    """A validated texts table as key -> accepted texts."""
    return {key: (value,) if isinstance(value, str) else tuple(value) for key, value in texts.items()}
