"""Secrets as the redactor will use them, checked before any browser starts.

The redactor finds a secret by its exact text. A secret given with whitespace around it (a newline
pasted into a CI secret) is typed without it by the browser's field, and then found nowhere; a very
short one would blank ordinary words, so the redactor ignores it; one that is a word of the monitor's
own titles or the pages' texts would blank them, and hide whether it leaked. Each is bad input: one
line naming the secret (its variable, never its value) and the problem.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from monitor.core.accounts import NO_STAND_IN, named_secrets, secrets_of
from monitor.core.catalogue import CATALOGUE
from monitor.core.redact import MIN_SECRET_LENGTH
from monitor.core.targets import Target
from monitor.core.verdicts import VERDICTS

# Shorter than this, a secret may turn up in any text by chance (the redactor ignores even shorter ones).
MIN_LENGTH = max(8, MIN_SECRET_LENGTH)


def check_titles() -> list[str]:
    """The checks' titles, as the report shows them (the catalogue's)."""
    return [check.reported_title for check in CATALOGUE]


def own_texts(target: Target) -> list[str]:
    """The words the monitor itself writes or looks for: the checks' titles, the verdicts' names and
    sentences, and the target's page texts."""
    page_texts = [text for _, accepted in target.texts.texts for text in accepted]
    verdicts = [words for verdict in VERDICTS for words in (verdict.category, verdict.explanation)]
    return check_titles() + verdicts + page_texts


def shape_problem(value: str, texts: Iterable[str]) -> str | None:
    """What makes a secret unsafe to redact (None: nothing)."""
    if value != value.strip():
        where = "begins" if value[:1].isspace() else "ends"
        kind = "a newline" if "\n" in value or "\r" in value else "a space or tab"
        return (f"{where} with whitespace ({kind}): the browser's field drops it, so the redactor would look for "
                "another text than the one typed; remove it from the secret")
    if len(value) < MIN_LENGTH:
        return f"is shorter than {MIN_LENGTH} characters: too short to be found and redacted safely"
    lowered = value.casefold()
    if any(lowered in text.casefold() for text in texts):
        return "occurs in the monitor's own titles or the pages' texts: redacting it would blank them; choose another"
    return None


def secret_problems(target: Target, environ: Mapping[str, str] = os.environ,
                    stand_in: Mapping[str, str] = NO_STAND_IN) -> list[str]:
    """One line for each unsafe secret of the target, naming it by its variable."""
    named = named_secrets(target, environ, stand_in)
    known = {value for _, value in named}
    # Any secret the accounts add later is checked too, even before it has a name here.
    named += [("a secret of the target", value) for value in secrets_of(target, environ, stand_in)
              if value not in known]
    texts = own_texts(target)
    return [f"{name} {problem}" for name, value in named if (problem := shape_problem(value, texts))]
