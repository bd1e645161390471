"""The healthy flow: redirects across the two origins, the unified page, local and social sign-in."""

from __future__ import annotations

import re

import pytest
from replica_helpers import Client, parse, query_of

from replica.accounts import EMPLOYEE_EMAIL, EMPLOYEE_PASSWORD, PARENT_EMAIL, PARENT_PASSWORD
from replica.common import ACS_PATH, POLICY, TENANT

AUTHORIZE_PATH = f"/{TENANT}/{POLICY}/oauth2/v2.0/authorize"


@pytest.mark.parametrize("path", ["/focus", "/focus/", "/focus/index.php"])
def test_entry_redirects_to_the_idp_authorize_endpoint(replica, client, path):
    response = client.get(replica.focus_origin + path, allow_redirects=False)
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(replica.idp_origin + AUTHORIZE_PATH + "?")
    assert replica.idp_origin.startswith("http://localhost:")
    query = query_of(location)
    assert query["redirect_uri"] == replica.focus_origin + ACS_PATH
    assert query["response_type"] == "id_token" and query["scope"] == "openid"
    assert query["response_mode"] == "form_post"
    assert query["client_id"] and query["state"] and query["nonce"]


def test_unified_page_has_b2c_markup(client):
    login = client.open_login()
    doc = login.doc
    assert login.response.url.startswith(client.replica.idp_origin + AUTHORIZE_PATH)
    assert doc.find("div", id="api").attrs["data-name"] == "Unified"

    social = doc.find("div", cls="claims-provider-list-buttons social")
    assert social.attrs["role"] == "form" and social.attrs["aria-label"] == "Sign in with your social account"
    assert social.find("h2").text == "Sign in with your social account"
    buttons = social.find_all("button", cls="accountButton claims-provider-selection", role="link")
    assert [(button.attrs["id"], button.text) for button in buttons] == [
        ("GoogleExchange", "Google"),
        ("MicrosoftAccountExchange", "Microsoft"),
    ]
    assert not any(button.hidden for button in buttons)
    assert doc.find("div", cls="divider").text == "OR"

    heading = doc.find("h2", id="myBCPSHeading")
    assert heading.text == "Login with your myBCPS account"
    section = doc.find(role="region", aria_labelledby="myBCPSHeading")
    form = doc.find("form", id="localAccountForm")
    assert section.contains(heading) and section.contains(form)
    assert "localAccount" in form.classes and form.attrs["aria-label"] == "Sign in with your email address"
    assert form.find("label", for_="signInName").text == "Email Address"
    assert form.find("input", id="signInName").attrs["type"] == "email"
    assert form.find("label", for_="password").text == "Password"
    assert form.find("input", id="password").attrs["type"] == "password"
    assert form.find("a", id="forgotPassword").text == "Forgot your password?"
    assert form.find("button", id="next").text == "Sign in"
    assert "Don't have an account?" in form.find("div", cls="create").text
    create = form.find("a", id="createAccount")
    assert create.text == "Sign up now"
    assert re.fullmatch(
        rf"/{TENANT}/{POLICY}/api/CombinedSigninAndSignup/unified\?local=signup&csrf_token=[^&]+&tx=[^&]+&p={POLICY}",
        create.attrs["href"],
    )
    for level in ("pageLevel", "itemLevel"):
        errors = form.find_all("div", cls=f"error {level}")
        assert errors and all(
            e.attrs["role"] == "alert" and e.attrs["aria-hidden"] == "true" and e.hidden for e in errors
        )
    brand = doc.find(cls="brand-name")
    assert brand.text == "Baltimore County Public Schools"
    assert login.settings["csrf"] == client.session.cookies.get("x-ms-cpim-csrf")


def test_pages_use_no_external_resources(client):
    login = client.open_login()
    references = [
        element.attrs.get("src") or element.attrs.get("href")
        for element in login.doc.iter()
        if element.tag in ("script", "link", "img")
        and (element.attrs.get("src") or element.attrs.get("href"))
    ]
    assert references and all(reference.startswith("/static/") for reference in references)
    for reference in references:
        assert client.get(login.origin + reference).status_code == 200


def test_local_sign_in_sets_the_focus_session(replica, client, accounts):
    login = client.open_login()
    assert login.sign_in(accounts[PARENT_EMAIL], accounts[PARENT_PASSWORD]) == {"status": "200"}
    confirmed = client.get(login.api_url("confirmed", rememberMe="false"))
    form = parse(confirmed.text).find("form")
    assert form.attrs["action"] == replica.focus_origin + ACS_PATH and form.attrs["method"] == "post"
    acs = client.session.post(
        form.attrs["action"],
        data={field.attrs["name"]: field.attrs["value"] for field in form.find_all("input", type="hidden")},
        allow_redirects=False,
    )
    assert acs.status_code == 302 and acs.headers["Location"] == "/focus/Modules.php?modname=misc/Portal.php"
    cookie = acs.headers["Set-Cookie"]
    assert cookie.startswith("PHPSESSID=")
    assert {"HttpOnly", "SameSite=Lax", "Path=/focus"} <= {part.strip() for part in cookie.split(";")}
    landing = client.landing()
    assert "Welcome, Maria Alvarez" in parse(landing.text).find("h1").text
    # With a session, the entry goes straight to the landing page.
    again = client.get(replica.entry_url, allow_redirects=False)
    assert again.headers["Location"] == "/focus/Modules.php?modname=misc/Portal.php"


@pytest.mark.parametrize(
    ("email", "password", "message", "field"),
    [
        ("parent", "", "Please enter your password", "password"),
        ("nobody@example.org", "whatever", "We can't seem to find your account.", None),
        ("parent", "wrong-password", "Your password is incorrect.", None),
    ],
    ids=["empty-password", "unknown-email", "wrong-password"],
)
def test_local_sign_in_failures(client, accounts, email, password, message, field):
    login = client.open_login()
    email = accounts[PARENT_EMAIL] if email == "parent" else email
    expected = {"status": "400", "message": message} | ({"field": field} if field else {})
    assert login.sign_in(email, password) == expected
    # No sign-in happened: "confirmed" refuses the transaction.
    assert client.get(login.api_url("confirmed")).status_code == 400


@pytest.mark.parametrize("csrf", [None, "forged-token"], ids=["missing", "wrong"])
def test_csrf_is_enforced(client, accounts, csrf):
    login = client.open_login()
    data = {
        "request_type": "RESPONSE",
        "signInName": accounts[PARENT_EMAIL],
        "password": accounts[PARENT_PASSWORD],
    }
    assert login.post("/SelfAsserted", data, csrf=csrf).status_code == 403
    assert (
        login.post(
            "/SelfAsserted/DisplayControlAction/vbeta/emailVerificationControl/SendCode",
            {"email": "x@example.org"},
            csrf=csrf,
        ).status_code
        == 403
    )
    assert client.get(login.api_url("confirmed")).status_code == 400


def test_csrf_cookie_is_required(client, accounts):
    login = client.open_login()
    client.session.cookies.clear()
    assert (
        login.post(
            "/SelfAsserted",
            {
                "request_type": "RESPONSE",
                "signInName": accounts[PARENT_EMAIL],
                "password": accounts[PARENT_PASSWORD],
            },
        ).status_code
        == 403
    )


def test_focus_refuses_a_forged_assertion(replica, client):
    client.open_login()
    response = client.session.post(
        replica.focus_origin + ACS_PATH, data={"SAMLResponse": "x", "RelayState": "y"}
    )
    assert response.status_code == 400
    assert "PHPSESSID" not in client.session.cookies


@pytest.mark.parametrize(
    ("exchange", "host", "path"),
    [
        ("GoogleExchange", "google.localhost", "/o/oauth2/v2/auth"),
        ("MicrosoftAccountExchange", "microsoft.localhost", "/oauth20_authorize.srf"),
    ],
)
def test_social_button_redirects_to_the_provider(replica, client, exchange, host, path):
    login = client.open_login()
    response = client.get(login.api_url("unified", claimsexchange=exchange), allow_redirects=False)
    assert response.status_code == 302
    port = replica.idp_origin.rsplit(":", 1)[1]
    assert response.headers["Location"].startswith(f"http://{host}:{port}{path}?")
    stand_in = client.get(response.headers["Location"])
    name = "Google" if exchange == "GoogleExchange" else "Microsoft"
    assert parse(stand_in.text).find("h1").text == f"Sign in with {name} (replica stand-in)"


@pytest.mark.parametrize("exchange", ["GoogleExchange", "MicrosoftAccountExchange"])
def test_employee_signs_in_through_a_stand_in(client, accounts, exchange):
    landing = client.sign_in_social(exchange, accounts[EMPLOYEE_EMAIL], accounts[EMPLOYEE_PASSWORD])
    assert landing.url.endswith("/focus/Modules.php?modname=misc/Portal.php")
    assert "Welcome, Jordan Carter" in landing.text


def test_stand_in_refuses_a_wrong_password_and_a_local_account(client, accounts):
    for email, password in (
        (accounts[EMPLOYEE_EMAIL], "wrong"),
        (accounts[PARENT_EMAIL], accounts[PARENT_PASSWORD]),
    ):
        page = client.social_stand_in("GoogleExchange")  # a fresh transaction each time
        form = parse(page.text).find("form", id="provider-signin")
        data = {f.attrs["name"]: f.attrs["value"] for f in form.find_all("input", type="hidden")}
        answer = client.session.post(
            page.url.split("?")[0], data=data | {"email": email, "password": password}, allow_redirects=False
        )
        assert answer.status_code == 200
        assert "Wrong email or password. Try again." in answer.text
    assert "PHPSESSID" not in client.session.cookies


def test_employee_signs_in_locally_too(client, accounts):
    landing = client.sign_in_local(accounts[EMPLOYEE_EMAIL], accounts[EMPLOYEE_PASSWORD])
    assert "Welcome, Jordan Carter" in landing.text


def test_logout_and_revocation_end_sessions(replica, accounts):
    first, second = Client(replica), Client(replica)
    for client in (first, second):
        client.sign_in_local(accounts[PARENT_EMAIL], accounts[PARENT_PASSWORD])
    logout = first.get(replica.focus_origin + "/focus/index.php?logout", allow_redirects=False)
    assert logout.status_code == 302 and logout.headers["Location"] == "/focus/"
    assert first.landing().url.startswith(replica.idp_origin)
    assert "Welcome" in second.landing().text
    assert second.session.post(replica.focus_origin + "/__replica/sessions/revoke").status_code == 200
    assert second.landing().url.startswith(replica.idp_origin)
    second.sign_in_local(accounts[PARENT_EMAIL], accounts[PARENT_PASSWORD])
    replica.revoke_sessions()
    response = second.get(
        replica.focus_origin + "/focus/Modules.php?modname=misc/Portal.php", allow_redirects=False
    )
    assert response.status_code == 302 and response.headers["Location"] == "/focus/"
