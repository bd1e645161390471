"""Markup mutation: a seeded rewriting of the pages the replica serves, with transformations real
Focus and B2C pages show (shared/reference/focus-login-flow.md), so that the checks are proved on
markup nobody wrote by hand. A seed picks a few families; each family is a small function that
rewrites a page where its markup is found and says what it did. The flow, the accounts and the
faults stay the replica's: a mutated healthy site is healthy, a mutated fault is the same fault.

`python -m replica --mutate 41` and `Replica(mutation=41)` print / hold what was applied
("seed 41: title-br on the portal note; hidden copy of select[name=role]; ..."), so a failing seed
is reproduced from its number alone.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

LAUNCHER_PATH = "/focus/simplesaml/saml2/idp/SSOService.php"
# The replica's own markup that families rewrite (its standard dialect: mutated sites use it).
SCHOOLOGY_LINK = re.compile(r'<p><a id="schoology-link" href="([^"]*)">([^<]*)</a></p>')
PROFILE_SELECT = re.compile(r'<label for="side_profile">Profile</label>\s*<select id="side_profile" '
                            r'name="side_profile"( onchange="this.form.submit\(\)")?>(.*?)</select>', re.DOTALL)
# The same, whatever names it (after name-elsewhere too).
ANY_PROFILE_SELECT = re.compile(
    r'(?:<label for="side_profile">Profile</label>\s*|<span id="profile-caption"[^>]*>Profile</span>)?'
    r'<select id="side_profile"[^>]*?( onchange="this.form.submit\(\)")?>(.*?)</select>', re.DOTALL)
OPTION = re.compile(r'<option value="([^"]*)"( selected)?>([^<]*)</option>')
YEAR_SELECT = re.compile(r'<label for="side_syear">School Year</label>\s*<select id="side_syear".*?</select>',
                         re.DOTALL)
SCHOOLOGY_ANCHOR = re.compile(r'<a id="schoology-link" href="([^"]*)"')
SIGN_IN_FIELD = re.compile(r'<label for="(signInName)">([^<]*)</label>')
SIGN_IN_BUTTON = re.compile(r'(<button id="next"[^>]*>)([^<]*)</button>')
SIGN_UP_LINK = re.compile(r'<a id="createAccount" tabindex="1" href="([^"]*)">([^<]*)</a>')
HIDDEN_HELP_FORM = ('<div id="help-modal" class="modal" style="display: none;"><form id="help_form" method="post">'
                    '<select name="role"><option>Teacher</option><option>Parent</option></select>'
                    '<input type="text" name="username" aria-label="Username">'
                    '<input type="password" name="password" aria-label="Password"><button>Log In</button></form></div>')
Family = Callable[[str, random.Random], tuple[str, str] | None]


def title_br(page: str, rng: random.Random) -> tuple[str, str] | None:
    """A portal note as district staff write it: a bold title, a line break, then the sentence with only
    "click here" linked (focus-login-flow.md 7, "Portal notes"; 8, "Rendering")."""
    found = SCHOOLOGY_LINK.search(page)
    if not found or "click here" not in found.group(2):
        return None
    before, after = found.group(2).split("click here", 1)
    note = (f'<div class="portal-note"><b>{rng.choice(["Schoology", "SCHOOLOGY", "Learning platform"])}</b><br>'
            f'{before}<a id="schoology-link" href="{found.group(1)}">click here</a>{after}</div>')
    return page[:found.start()] + note + page[found.end():], "title-br on the portal note"


def hidden_copies(page: str, rng: random.Random) -> tuple[str, str] | None:
    """Hidden copies of controls: Focus's hidden help and session-timeout forms with their own
    select[name=role], username and password (6, "Focus portal"; 8, "Hidden forms"), and template
    or display:none copies of a page's parts, as script-built pages keep."""
    if 'id="site_session"' in page:
        return page.replace("</body>", HIDDEN_HELP_FORM + "</body>"), "hidden copy of select[name=role]"
    found = SCHOOLOGY_LINK.search(page) or re.search(r'<div class="portal-note">.*?</div>', page)
    if found:
        copies = f'<template id="note-copy">{found.group(0)}</template><div hidden>{found.group(0)}</div>'
        return page.replace("</body>", copies + "</body>"), "hidden copy of the Schoology note"
    found = SIGN_UP_LINK.search(page)
    if found and 'id="password"' in page:
        copy = ('<form class="modal" style="display:none"><label>Password <input type="password" name="Password">'
                f'</label><button type="submit">Sign in</button>{found.group(0).replace("createAccount", "a2")}</form>')
        return page.replace("</body>", copy + "</body>"), "hidden copy of the sign-in form"
    return None


def swap_link_and_button(page: str, rng: random.Random) -> tuple[str, str] | None:
    """<a> and <button> are both used for the same control (7, "Custom B2C policies ... `<button>` and
    `<a>` are both used")."""
    found = SIGN_UP_LINK.search(page)
    if found and not found.group(1).startswith("javascript:"):
        button = (f'<button type="button" id="createAccount" onclick="location.href=\'{found.group(1)}\'">'
                  f'{found.group(2)}</button>')
        return page[:found.start()] + button + page[found.end():], "button instead of the sign-up link"
    return None


def drop_or_add_role(page: str, rng: random.Random) -> tuple[str, str] | None:
    """B2C's provider buttons with or without role="link" (2; 6, custom policies' plain buttons)."""
    if ' role="link"' in page:
        return page.replace(' role="link"', ""), 'no role="link" on the provider buttons'
    return None


def rename_ids(page: str, rng: random.Random) -> tuple[str, str] | None:
    """Ids and classes are each site's own (7, "Custom B2C policies choose their own exchange ids";
    the Focus header's ids differ between versions: `#site_session`, older `#redirects`)."""
    suffix = rng.randrange(100, 999)
    renames = {'id="schoology-link"': f'id="lnk{suffix}"', 'class="topbar"': f'class="hdr{suffix} topbar"',
               'id="welcome"': f'id="greet{suffix}"', 'class="card schoology"': f'class="card c{suffix}"'}
    if not any(old in page for old in renames):
        return None
    for old, new in renames.items():
        page = page.replace(old, new)
    return page, "ids and classes renamed"


def name_elsewhere(page: str, rng: random.Random) -> tuple[str, str] | None:
    """A control's name in aria-label, aria-labelledby, title, placeholder or an <img alt> instead of a
    <label> or its text: the profile switcher's markup is not public (4 and 8: any accessible way of
    naming it); B2C's identifier field carries its name as placeholder and aria-label too (6), and
    custom policies restyle their buttons (7)."""
    done = []
    found = PROFILE_SELECT.search(page)
    if found:
        how = rng.choice(["aria-label", "aria-labelledby", "title"])
        named = {"aria-label": 'aria-label="Profile"', "title": 'title="Profile"',
                 "aria-labelledby": 'aria-labelledby="profile-caption"'}[how]
        caption = '<span id="profile-caption" class="caption">Profile</span>' if how == "aria-labelledby" else ""
        select = (f'{caption}<select id="side_profile" name="side_profile" {named}{found.group(1) or ""}>'
                  f'{found.group(2)}</select>')
        page = page[:found.start()] + select + page[found.end():]
        done.append(f"the profile drop-down named by {how}")
    field = SIGN_IN_FIELD.search(page)
    if field:  # the label goes, and the aria-label: the placeholder names the field
        page = page.replace(field.group(0), "", 1).replace(f' aria-label="{field.group(2)}"', "", 1)
        done.append("the e-mail field named by its placeholder")
    button = SIGN_IN_BUTTON.search(page)
    if button:
        image = f'<img alt="{button.group(2)}" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="64" height="16">'
        page = page[:button.start()] + button.group(1) + image + "</button>" + page[button.end():]
        done.append("the Sign in button named by an image's alt")
    return (page, "; ".join(done)) if done else None


def profile_titles(page: str, rng: random.Random) -> tuple[str, str] | None:
    """Profiles shown by the titles a district gives them, with more words than the role (8, "Profile
    names": "BCPS Parent", "Teacher - Elementary")."""
    if '<option value="Parent"' not in page:
        return None
    title = rng.choice(["BCPS Parent", "Parent/Guardian", "Parent Access"])
    page = re.sub(r'(<option value="Parent"( selected)?>)Parent</option>', rf"\g<1>{title}</option>", page)
    page = re.sub(r'(<option value="Teacher"( selected)?>)Teacher</option>', r"\g<1>Teacher - Elementary</option>",
                  page)
    return page, f'the profiles titled "{title}", "Teacher - Elementary"'


def launcher(page: str, rng: random.Random) -> tuple[str, str] | None:
    """The Schoology link goes through Focus's single sign-on launcher (SimpleSAMLphp's IdP-initiated
    address, an auto-submitting SAML POST form), possibly in a new tab (8, "Links out of Focus")."""
    found = SCHOOLOGY_ANCHOR.search(page)
    if not found:
        return None
    new_tab = rng.random() < 0.5
    routed = f'href="{LAUNCHER_PATH}?spentityid=schoology&amp;RelayState={quote(found.group(1), safe="")}"'
    if new_tab:
        routed += ' target="_blank" rel="noopener"'
    page = page[:found.start(1) - len('href="')] + routed + page[found.end(1) + 1:]
    return page, "launcher on the Schoology link" + (" (new tab)" if new_tab else "")


def render_late(page: str, rng: random.Random) -> tuple[str, str] | None:
    """Portal content drawn by script after the load event (7, "Newer Focus pages are built in the
    browser from inline JSON"): the content area (the greeting, the Schoology card) shows a moment later."""
    if '<main class="content">' not in page:  # Focus's pages after sign-in
        return None
    delay = rng.choice([300, 800, 1500])
    script = (f'<style>main.content {{ visibility: hidden; }}</style><script>window.addEventListener("load", '
              f'() => setTimeout(() => document.querySelector("main.content").style.visibility = "visible", {delay}))'
              "</script>")
    return page.replace("</body>", script + "</body>"), f"Focus's content shown {delay} ms after load"


def reorder_header(page: str, rng: random.Random) -> tuple[str, str] | None:
    """The header's session choices in another order (4 and 7: native selects in one header form,
    their order each district's)."""
    year, profile = YEAR_SELECT.search(page), PROFILE_SELECT.search(page)
    if not year or not profile:
        return None
    moved = page[:year.start()] + profile.group(0) + page[year.end():profile.start()] + year.group(0)
    return moved + page[profile.end():], "profile drop-down before the school year"


def profile_menu(page: str, rng: random.Random) -> tuple[str, str] | None:
    """The profile switcher as a button that opens a menu of profiles, not a native <select> (8,
    "Layout": current Focus mixes native selects with custom menus; the switcher's markup is not seen)."""
    found = ANY_PROFILE_SELECT.search(page)
    if not found:
        return None
    works = bool(found.group(1))  # the native one submits on change; a broken one does not
    options = OPTION.findall(found.group(2))
    current = next((label for _, selected, label in options if selected), options[0][2] if options else "")
    items = "".join(f'<li role="none"><button role="menuitem" type="{"submit" if works else "button"}" '
                    f'name="side_profile" value="{value}">{label}</button></li>' for value, _, label in options)
    menu = ('<button type="button" id="profile-switcher" aria-haspopup="menu" aria-expanded="false" '
            'aria-controls="profile-menu" onclick="var open = this.getAttribute(\'aria-expanded\') !== \'true\'; '
            'this.setAttribute(\'aria-expanded\', open); document.getElementById(\'profile-menu\').hidden = !open;">'
            f'{current}</button><ul id="profile-menu" role="menu" hidden class="profile-menu">{items}</ul>')
    return page[:found.start()] + menu + page[found.end():], "profile switcher as a button with a menu"


def fold_header(page: str, rng: random.Random) -> tuple[str, str] | None:
    """The header's controls folded behind a Menu button on every screen, as responsive portals fold
    them on a phone (4 and 8 place them at the top right; how a layout folds them is not seen, so
    a parent's way in, the Menu button, is what the check relies on)."""
    if 'class="menu-button"' not in page:
        return None
    style = ("<style>.menu-button { display: inline-flex !important; } .site-session { display: none !important; }"
             " .topbar.open .site-session { display: flex !important; }</style>")
    return page.replace("</head>", style + "</head>"), "header controls folded behind the menu"


# In the order they apply: a family that rewrites what another reads comes after it.
FAMILIES: dict[str, Family] = {
    "title-br": title_br, "launcher": launcher, "hidden-copies": hidden_copies,
    "swap-link-button": swap_link_and_button, "drop-role": drop_or_add_role, "rename-ids": rename_ids,
    "reorder-header": reorder_header, "name-elsewhere": name_elsewhere, "profile-titles": profile_titles,
    "profile-menu": profile_menu,
    "fold-header": fold_header, "render-late": render_late,
}
FAMILIES_PER_SEED = (3, 6)


@dataclass
class Mutation:
    """The families a seed picked, and what each did on the pages served so far."""

    seed: int
    families: tuple[str, ...] = ()
    applied: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, seed: int) -> Mutation:
        # Each family ranks by its own draw for the seed: a family added later leaves most seeds as they were.
        count = random.Random(seed).randint(*FAMILIES_PER_SEED)
        chosen = set(sorted(FAMILIES, key=lambda name: random.Random(f"{seed}:{name}").random())[:count])
        return cls(seed, tuple(name for name in FAMILIES if name in chosen))

    def apply(self, page: str, path: str) -> str:
        for name in self.families:
            # One generator per family and page: the same page is rewritten the same way every time.
            done = FAMILIES[name](page, random.Random(f"{self.seed}:{name}:{path}"))
            if done:
                page, what = done
                self.applied.setdefault(what, path)
        return page

    def describe(self) -> str:
        return f"seed {self.seed}: " + "; ".join(self.families)

    def applied_text(self) -> str:
        return f"seed {self.seed}: " + ("; ".join(self.applied) if self.applied else "nothing applied yet")
