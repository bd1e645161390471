"""Helpers shared by the replica's tests: a tiny HTML tree and a requests-based client
that walks the sign-in flow the way the pages' own script does."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter

VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None = None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        parts: list[str] = []

        def walk(node: Element) -> None:
            for child in node.children:
                parts.append(child) if isinstance(child, str) else walk(child)

        walk(self)
        return " ".join(" ".join(parts).split())

    @property
    def hidden(self) -> bool:
        style = self.attrs.get("style", "").replace(" ", "")
        return "display:none" in style

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        """Descendants by tag, classes (all of them, space-separated) and attributes (aria_label=...)."""
        wanted = {key.rstrip("_").replace("_", "-"): value for key, value in attrs.items()}
        classes = set(cls.split()) if cls else set()
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and classes <= element.classes
            and all(element.attrs.get(key) == value for key, value in wanted.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element | None:
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def by_id(self, element_id: str) -> Element | None:
        return self.find(id=element_id)

    def contains(self, other: Element) -> bool:
        return any(element is other for element in self.iter())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document", {})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {key: value or "" for key, value in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID_TAGS:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


class LocalhostAdapter(HTTPAdapter):
    """Send *.localhost (the provider stand-ins) to 127.0.0.1 with the right Host header,
    as Chromium does; the system resolver here knows only "localhost"."""

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        original = request.url or ""
        parts = urlsplit(original)
        if parts.hostname and parts.hostname.endswith(".localhost"):
            request.headers["Host"] = parts.netloc
            request.url = urlunsplit(parts._replace(netloc=f"127.0.0.1:{parts.port}"))
        try:
            response = super().send(request, **kwargs)
        finally:
            # Redirects copy this request: it must not carry the stand-in's Host elsewhere.
            request.headers.pop("Host", None)
            request.url = original
        response.url = original
        return response


class LoginPage:
    """The unified (or sign-up) page as loaded, with what its script knows (SETTINGS)."""

    def __init__(self, client: Client, response: requests.Response) -> None:
        self.client, self.response = client, response
        self.doc = parse(response.text)
        match = re.search(r"var SETTINGS = (\{.*?\});</script>", response.text)
        assert match, "the page has no SETTINGS"
        self.settings = json.loads(match.group(1))
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(response.url))

    def api_url(self, action: str, **extra: str) -> str:
        tenant = self.settings["hosts"]["tenant"]
        query = {**extra, "csrf_token": self.settings["csrf"], "tx": self.settings["transId"]}
        query["p"] = self.settings["hosts"]["policy"]
        return f"{self.origin}{tenant}/api/CombinedSigninAndSignup/{action}?" + requests.compat.urlencode(
            query
        )

    def post(self, path: str, data: dict[str, str], csrf: str | None = "page") -> requests.Response:
        """POST like the page script: to <tenant>/<policy><path>?tx&p with the X-CSRF-TOKEN header."""
        headers = {} if csrf is None else {"X-CSRF-TOKEN": self.settings["csrf"] if csrf == "page" else csrf}
        params = {"tx": self.settings["transId"], "p": self.settings["hosts"]["policy"]}
        url = self.origin + self.settings["hosts"]["tenant"] + path
        return self.client.session.post(url, params=params, data=data, headers=headers, allow_redirects=False)

    def sign_in(self, email: str, password: str) -> dict[str, str]:
        data = {"request_type": "RESPONSE", "signInName": email, "password": password}
        response = self.post("/SelfAsserted", data)
        assert response.status_code == 200, response.text
        return response.json()

    def send_code(self, email: str) -> dict[str, str]:
        response = self.post(
            "/SelfAsserted/DisplayControlAction/vbeta/emailVerificationControl/SendCode", {"email": email}
        )
        assert response.status_code == 200, response.text
        return response.json()


class Client:
    """A cookie-keeping HTTP client across the Focus and IdP origins."""

    def __init__(self, replica: Any) -> None:
        self.replica = replica
        self.session = requests.Session()
        self.session.mount("http://", LocalhostAdapter())

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        return self.session.get(url, timeout=10, **kwargs)

    def open_login(self) -> LoginPage:
        response = self.get(self.replica.entry_url)
        assert response.status_code == 200, response.text
        return LoginPage(self, response)

    def open_signup(self) -> LoginPage:
        login = self.open_login()
        link = login.doc.by_id("createAccount")
        assert link is not None
        response = self.get(login.origin + link.attrs["href"])
        assert response.status_code == 200, response.text
        return LoginPage(self, response)

    def post_form(self, response: requests.Response) -> requests.Response:
        """Submit the auto-posting form that a response holds (what its script would do)."""
        form = parse(response.text).find("form")
        assert form is not None, response.text
        data = {
            field.attrs["name"]: field.attrs.get("value", "")
            for field in form.find_all("input", type="hidden")
        }
        return self.session.post(form.attrs["action"], data=data, timeout=10)

    def sign_in_local(self, email: str, password: str) -> requests.Response:
        """Sign in through the local account form; return the landing page."""
        login = self.open_login()
        assert login.sign_in(email, password) == {"status": "200"}
        return self.post_form(self.get(login.api_url("confirmed", rememberMe="false")))

    def social_stand_in(self, exchange: str) -> requests.Response:
        """Click a social button: the exchange redirects to the provider stand-in's page."""
        login = self.open_login()
        return self.get(login.api_url("unified", claimsexchange=exchange))

    def sign_in_social(self, exchange: str, email: str, password: str) -> requests.Response:
        stand_in = self.social_stand_in(exchange)
        form = parse(stand_in.text).find("form", id="provider-signin")
        assert form is not None, stand_in.text
        data = {
            field.attrs["name"]: field.attrs.get("value", "")
            for field in form.find_all("input", type="hidden")
        }
        data.update(email=email, password=password)
        action = "{0.scheme}://{0.netloc}".format(urlsplit(stand_in.url)) + form.attrs["action"]
        return self.post_form(self.session.post(action, data=data, timeout=10))

    def landing(self) -> requests.Response:
        return self.get(self.replica.focus_origin + "/focus/Modules.php?modname=misc/Portal.php")

    def switch_profile(self, profile: str) -> requests.Response:
        url = self.replica.focus_origin + "/focus/Modules.php?modname=misc/Portal.php"
        return self.session.post(url, data={"side_syear": "2026-2027", "side_profile": profile}, timeout=10)
