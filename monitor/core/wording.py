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
# Texts a target may leave out: their defaults. `accept_notice` (the control that accepts terms on the
# account's behalf) is empty unless the target names it: the monitor never accepts terms by itself.
OPTIONAL_TEXTS: dict[str, tuple[str, ...]] = {
    "signed_in": ("Welcome",),
    "sign_out": ("Log Out", "Sign out"),
    "accept_notice": (),
}
OPTIONAL_TEXT_KEYS: dict[str, str] = {
    "signed_in": "the landing page's greeting after sign-in",
    "sign_out": "the control that signs out, shown once signed in",
    "accept_notice": "the control of a terms dialog the monitor may press on the account's behalf (empty: none)",
}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Wording:
    """A target's texts: each key, the texts accepted for it (the first is how messages quote it)."""

    texts: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def of(cls, texts: Mapping[str, Iterable[str]]) -> Wording:
        return cls(tuple((key, tuple(texts[key])) for key in TEXT_KEYS)
                   + tuple((key, tuple(texts.get(key, default))) for key, default in OPTIONAL_TEXTS.items()))

    def accepted(self, key: str) -> tuple[str, ...]:
        return dict(self.texts)[key]

    def quote(self, key: str) -> str:
        """How a failure message names the text: the target's own wording."""
        return " or ".join(f"\"{text}\"" for text in self.accepted(key))

    def pattern(self, key: str) -> re.Pattern[str]:
        return words_pattern(self.accepted(key))

    def pattern_or_none(self, key: str) -> re.Pattern[str] | None:
        """The pattern of a text the target may leave empty (None: it names none)."""
        return words_pattern(self.accepted(key)) if self.accepted(key) else None


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
    known = {**TEXT_KEYS, **OPTIONAL_TEXT_KEYS}
    unknown = sorted(set(texts) - set(known))
    if unknown:
        errors.append(f"texts names unknown keys {unknown}; known: {', '.join(known)}")
    for key in known:
        value = texts.get(key)
        values = [value] if isinstance(value, str) else value
        may_be_empty = key in OPTIONAL_TEXTS and not OPTIONAL_TEXTS[key]
        if value is None:
            if key in TEXT_KEYS:
                errors.append(f"texts needs {key!r} ({TEXT_KEYS[key]})")
        elif not isinstance(values, list) or not (values or may_be_empty) \
                or not all(isinstance(text, str) for text in values):
            errors.append(f"texts.{key} must be a string or a list of strings")
        elif not all(_WORD.search(text) for text in values):
            errors.append(f"texts.{key} has an empty text")
    return errors


def accepted_texts(texts: dict) -> dict[str, tuple[str, ...]]:
    """A validated texts table as key -> accepted texts."""
    return {key: (value,) if isinstance(value, str) else tuple(value) for key, value in texts.items()}
