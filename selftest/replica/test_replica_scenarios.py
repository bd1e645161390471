"""One test per scenario: what it breaks, and that the rest still works."""

from __future__ import annotations

import time

import pyotp
import pytest
from replica_helpers import Client, parse

from replica import SCENARIOS
from replica.accounts import (
    EMPLOYEE_EMAIL,
    EMPLOYEE_PASSWORD,
    NEW_PARENT_EMAIL,
    NEW_PARENT_PASSWORD,
    PARENT_EMAIL,
    PARENT_PASSWORD,
    PARENT_TOTP_SECRET,
    REGISTERED_EMAIL,
)
from replica.common import ACS_PATH
from replica.idp_app import MSG_USER_EXISTS as DUPLICATE

LANDING = "/focus/Modules.php?modname=misc/Portal.php"


def signs_in(client: Client, accounts: dict[str, str]) -> bool:
    return (
        "Welcome, Maria Alvarez"
        in client.sign_in_local(accounts[PARENT_EMAIL], accounts[PARENT_PASSWORD]).text
    )


def employee_portal(client: Client, accounts: dict[str, str]):
    """Sign the employee in, switch to Parent if offered; the landing page's tree."""
    client.sign_in_local(accounts[EMPLOYEE_EMAIL], accounts[EMPLOYEE_PASSWORD])
    return parse(client.switch_profile("Parent").text)


def test_every_scenario_has_a_test():
    tested = {name.removeprefix("test_").replace("_", "-") for name in globals() if name.startswith("test_")}
    assert set(SCENARIOS) <= tested
    assert list(SCENARIOS)[0] == "healthy" and all(SCENARIOS.values())


def test_healthy(replica, client, accounts):
    assert signs_in(client, accounts)
    assert Client(replica).open_signup().send_code(accounts[REGISTERED_EMAIL])["message"] == DUPLICATE


def test_former_login_page(replica, client, accounts):
    assert signs_in(client, accounts)
    authorize = Client(replica).get(replica.entry_url, allow_redirects=False).headers["Location"]
    replica.set_scenario("former-login-page")
    for path in ("/focus", "/focus/", "/focus/index.php"):
        response = Client(replica).get(replica.focus_origin + path, allow_redirects=False)
        assert response.status_code == 200
        doc = parse(response.text)
        form = doc.find("form", id="main-login-form")
        assert doc.find("label", for_="username-input").text == "Username"
        assert form.find("input", id="username-input") and form.find(
            "input", name="password", type="password"
        )
        assert form.find("button").text == "Login"
        assert not doc.by_id("GoogleExchange") and "myBCPS" not in response.text
        assert "Focus" in doc.find("title").text
    posted = client.session.post(
        replica.focus_origin + "/focus/index.php", data={"username": "a", "password": "b"}
    )
    assert "Invalid username or password." in posted.text
    # The rest still works: an existing session, and the IdP's page.
    assert "Welcome, Maria Alvarez" in client.landing().text
    page = client.get(authorize)
    assert parse(page.text).find("div", id="api").attrs["data-name"] == "Unified"


@pytest.mark.parametrize(
    ("scenario", "missing", "kept"),
    [
        ("google-button-missing", "GoogleExchange", "MicrosoftAccountExchange"),
        ("microsoft-button-missing", "MicrosoftAccountExchange", "GoogleExchange"),
    ],
)
def test_google_button_missing_and_microsoft_button_missing(
    replica, client, accounts, scenario, missing, kept
):
    replica.set_scenario(scenario)
    login = client.open_login()
    assert login.doc.by_id(missing) is None
    assert login.doc.by_id(kept).text in ("Google", "Microsoft") and not login.doc.by_id(kept).hidden
    assert (
        "Welcome, Jordan Carter"
        in client.sign_in_social(kept, accounts[EMPLOYEE_EMAIL], accounts[EMPLOYEE_PASSWORD]).text
    )
    assert signs_in(Client(replica), accounts)


# test_every_scenario_has_a_test counts the parametrized test above for both names.
test_google_button_missing = test_microsoft_button_missing = (
    test_google_button_missing_and_microsoft_button_missing
)


def test_social_buttons_hidden(replica, client, accounts):
    replica.set_scenario("social-buttons-hidden")
    login = client.open_login()
    buttons = [login.doc.by_id("GoogleExchange"), login.doc.by_id("MicrosoftAccountExchange")]
    assert all(button is not None and button.hidden for button in buttons)
    assert signs_in(Client(replica), accounts)


def test_social_redirect_broken(replica, client, accounts):
    replica.set_scenario("social-redirect-broken")
    login = client.open_login()
    assert login.doc.by_id("GoogleExchange") and login.doc.by_id("MicrosoftAccountExchange")
    for exchange in ("GoogleExchange", "MicrosoftAccountExchange"):
        response = client.get(login.api_url("unified", claimsexchange=exchange), allow_redirects=False)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("http://wrong-provider.localhost:")
        assert client.get(response.headers["Location"]).status_code == 404
    assert signs_in(Client(replica), accounts)


def test_mybcps_section_missing(replica, client, accounts):
    replica.set_scenario("mybcps-section-missing")
    login = client.open_login()
    assert "Login with your myBCPS account" not in login.response.text
    assert login.doc.by_id("localAccountForm") is None and login.doc.by_id("signInName") is None
    assert (
        not login.doc.by_id("GoogleExchange").hidden
        and not login.doc.by_id("MicrosoftAccountExchange").hidden
    )
    landing = client.sign_in_social("GoogleExchange", accounts[EMPLOYEE_EMAIL], accounts[EMPLOYEE_PASSWORD])
    assert "Welcome, Jordan Carter" in landing.text


def test_signup_duplicate_error_missing(replica, client, accounts):
    replica.set_scenario("signup-duplicate-error-missing")
    signup = client.open_signup()
    assert signup.send_code(accounts[REGISTERED_EMAIL]) == {"status": "200"}
    assert signup.send_code("not-an-email")["message"] == "Please enter a valid email address."
    assert signs_in(Client(replica), accounts)


def test_signup_wrong_error_text(replica, client, accounts):
    replica.set_scenario("signup-wrong-error-text")
    signup = client.open_signup()
    answer = signup.send_code(accounts[REGISTERED_EMAIL])
    assert answer == {"status": "400", "message": "An unexpected error occurred. Please try again."}
    assert signup.send_code("someone.new@example.org") == {"status": "200"}
    assert signs_in(Client(replica), accounts)


def test_login_rejected(replica, client, accounts):
    replica.set_scenario("login-rejected")
    login = client.open_login()
    answer = login.sign_in(accounts[PARENT_EMAIL], accounts[PARENT_PASSWORD])
    assert answer == {"status": "400", "message": "Your password is incorrect."}
    assert login.sign_in("nobody@example.org", "x")["message"] == "We can't seem to find your account."
    landing = Client(replica).sign_in_social(
        "MicrosoftAccountExchange", accounts[EMPLOYEE_EMAIL], accounts[EMPLOYEE_PASSWORD]
    )
    assert "Welcome, Jordan Carter" in landing.text


def test_password_field_missing(replica, client, accounts):
    replica.set_scenario("password-field-missing")
    login = client.open_login()
    assert login.doc.by_id("password") is None and login.doc.by_id("signInName")
    assert login.doc.by_id("createAccount") and login.doc.by_id("GoogleExchange")


def test_signup_link_dead(replica, client, accounts):
    replica.set_scenario("signup-link-dead")
    assert client.open_login().doc.by_id("createAccount").attrs["href"] == "javascript:void(0);"
    assert signs_in(Client(replica), accounts)


def test_signup_email_field_missing(replica, client, accounts):
    replica.set_scenario("signup-email-field-missing")
    signup = client.open_signup()
    assert signup.doc.by_id("email") is None and signup.doc.by_id("emailVerificationControl_but_send_code")
    assert signs_in(Client(replica), accounts)


def test_profile_switch_broken(replica, client, accounts):
    replica.set_scenario("profile-switch-broken")
    doc = parse(client.sign_in_local(accounts[EMPLOYEE_EMAIL], accounts[EMPLOYEE_PASSWORD]).text)
    select = doc.find("select", id="side_profile")
    assert [option.text for option in select.find_all("option")] == ["Teacher", "Parent"]
    assert "onchange" not in select.attrs and "onchange" in doc.find("select", id="side_syear").attrs


def test_role_dropdown_missing(replica, client, accounts):
    replica.set_scenario("role-dropdown-missing")
    doc = parse(client.sign_in_local(accounts[EMPLOYEE_EMAIL], accounts[EMPLOYEE_PASSWORD]).text)
    assert doc.by_id("side_profile") is None and doc.find("select", name="side_profile") is None
    assert doc.find("form", id="site_session").find("select", name="side_syear")
    assert doc.find("h1").text == "Welcome, Jordan Carter" and doc.by_id("teacher-portal")


def test_parent_role_missing(replica, client, accounts):
    replica.set_scenario("parent-role-missing")
    doc = employee_portal(client, accounts)
    select = doc.find("select", id="side_profile")
    assert [option.text for option in select.find_all("option")] == ["Teacher"]
    assert doc.by_id("parent-portal") is None and doc.by_id("teacher-portal")
    # A parent-only account keeps its portal and Schoology link: only the employee's drop-down breaks.
    parent = parse(Client(replica).sign_in_local(accounts[PARENT_EMAIL], accounts[PARENT_PASSWORD]).text)
    assert parent.by_id("parent-portal") and parent.by_id("schoology-link")


def test_schoology_link_missing(replica, client, accounts):
    replica.set_scenario("schoology-link-missing")
    for doc in (
        parse(client.sign_in_local(accounts[PARENT_EMAIL], accounts[PARENT_PASSWORD]).text),
        employee_portal(Client(replica), accounts),
    ):
        assert doc.by_id("parent-portal").find(cls="student-name")
        assert doc.by_id("schoology-link") is None and "access Schoology" not in doc.text


def test_schoology_link_broken(replica, client, accounts):
    replica.set_scenario("schoology-link-broken")
    doc = parse(client.sign_in_local(accounts[PARENT_EMAIL], accounts[PARENT_PASSWORD]).text)
    link = doc.by_id("schoology-link")
    assert link.text == "Please click here to access Schoology"
    assert link.attrs["href"] == "https://schoology.example.net/"
    assert doc.by_id("parent-portal").find(cls="student-name").text == "Diego Alvarez"
    new_parent = parse(Client(replica).sign_in_local(NEW_PARENT_EMAIL, NEW_PARENT_PASSWORD).text)
    assert new_parent.by_id("schoology-pending")


def _contrast(foreground: str, background: str) -> float:
    """WCAG's contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_a11y_unlabeled_password(replica, client, accounts):
    healthy = client.open_login().doc
    assert healthy.find("label", for_="password") and healthy.by_id("password").attrs["aria-label"] == "Password"
    replica.set_scenario("a11y-unlabeled-password")
    doc = Client(replica).open_login().doc
    field = doc.by_id("password")
    # No label, aria-label or placeholder: no accessible name; the id (B2C's) and the visible text stay.
    assert doc.find("label", for_="password") is None
    assert not {"aria-label", "aria-labelledby", "placeholder", "title"} & set(field.attrs)
    assert field.attrs["type"] == "password" and doc.find(cls="field-label").text == "Password"
    assert signs_in(Client(replica), accounts)


def test_a11y_low_contrast_button(replica, client, accounts):
    assert "light" not in client.open_login().doc.by_id("next").classes
    replica.set_scenario("a11y-low-contrast-button")
    button = Client(replica).open_login().doc.by_id("next")
    assert button.text == "Sign in" and "light" in button.classes
    css = client.get(replica.idp_origin + "/static/b2c.css").text
    assert "button#next.light, button#next.light:hover { background: #5aa9e6;" in css
    assert _contrast("#ffffff", "#5aa9e6") < 4.5 < _contrast("#ffffff", "#0067b8")
    assert signs_in(Client(replica), accounts)


def test_a11y_no_page_language(replica, client, accounts):
    assert client.open_signup().doc.find("html").attrs.get("lang") == "en"
    replica.set_scenario("a11y-no-page-language")
    assert "lang" not in Client(replica).open_signup().doc.find("html").attrs
    # Only the sign-up page: the sign-in page keeps its language.
    assert Client(replica).open_login().doc.find("html").attrs.get("lang") == "en"
    assert Client(replica).open_signup().send_code(accounts[REGISTERED_EMAIL])["message"] == DUPLICATE


def test_a11y_nameless_button(replica, client, accounts):
    teacher = parse(client.sign_in_local(accounts[EMPLOYEE_EMAIL], accounts[EMPLOYEE_PASSWORD]).text)
    assert teacher.by_id("print-classes").attrs["aria-label"] == "Print class lists"
    replica.set_scenario("a11y-nameless-button")
    teacher = parse(Client(replica).sign_in_local(accounts[EMPLOYEE_EMAIL], accounts[EMPLOYEE_PASSWORD]).text)
    button = teacher.by_id("print-classes")
    assert button.tag == "button" and button.text == "" and "aria-label" not in button.attrs
    assert button.find("svg").attrs["aria-hidden"] == "true"
    # The landing page only: the parent portal has no such button.
    parent = parse(Client(replica).sign_in_local(accounts[PARENT_EMAIL], accounts[PARENT_PASSWORD]).text)
    assert parent.by_id("parent-portal") and parent.by_id("print-classes") is None


def test_focus_down(replica, client, accounts):
    assert signs_in(client, accounts)
    replica.set_scenario("focus-down")
    for path in ("/focus", "/focus/", "/focus/index.php", LANDING, ACS_PATH, "/focus/assets/focus.css"):
        response = client.get(replica.focus_origin + path, allow_redirects=False)
        assert response.status_code == 503 and "Service Unavailable" in response.text
    assert client.get(replica.focus_origin + "/__replica/scenario").json()["scenario"] == "focus-down"
    assert client.get(replica.idp_origin + "/static/b2c.css").status_code == 200


def test_idp_down(replica, client, accounts):
    assert signs_in(client, accounts)
    authorize = Client(replica).get(replica.entry_url, allow_redirects=False).headers["Location"]
    stand_in = Client(replica).social_stand_in("GoogleExchange").url
    replica.set_scenario("idp-down")
    for url in (authorize, stand_in, replica.idp_origin + "/static/b2c.css"):
        response = Client(replica).get(url, allow_redirects=False)
        assert response.status_code == 503 and "Service Unavailable" in response.text
    assert Client(replica).get(replica.entry_url, allow_redirects=False).status_code == 302
    assert "Welcome, Maria Alvarez" in client.landing().text


def timed(client: Client, url: str, **kwargs) -> float:
    start = time.perf_counter()
    client.get(url, **kwargs)
    return time.perf_counter() - start


def test_slow(replica, client, accounts):
    state = replica.set_scenario("slow")
    assert state == {
        "scenario": "slow",
        "options": {"delay_ms": 3000, "pages": ["entry", "login", "signup", "landing", "portal"]},
    }
    replica.set_scenario("slow", delay_ms=400, pages=["login"])
    assert timed(client, replica.entry_url) >= 0.4  # the entry redirects to the login page
    assert timed(client, replica.entry_url, allow_redirects=False) < 0.3
    assert timed(client, replica.focus_origin + "/__replica/scenario") < 0.3
    assert timed(client, replica.idp_origin + "/static/b2c.css") < 0.3
    replica.set_scenario("slow", delay_ms=400, pages=["portal"])
    start = time.perf_counter()
    assert signs_in(client, accounts)
    assert time.perf_counter() - start >= 0.4


def test_jitter(replica, client, accounts):
    replica.set_scenario("jitter", max_ms=200)
    login_page = [timed(client, replica.idp_origin + "/static/b2c.css") for _ in range(6)]
    control = [timed(client, replica.focus_origin + "/__replica/scenario") for _ in range(6)]
    entry = [timed(client, replica.entry_url, allow_redirects=False) for _ in range(8)]
    assert sum(login_page) < 0.3 and sum(control) < 0.3  # static and control are never delayed
    assert max(entry) > 0.04 and max(entry) < 0.6
    assert signs_in(client, accounts)


def test_no_greeting(replica, client, accounts):
    replica.set_scenario("no-greeting")
    doc = parse(client.sign_in_local(accounts[PARENT_EMAIL], accounts[PARENT_PASSWORD]).text)
    assert doc.by_id("welcome") is None and "Welcome" not in doc.text
    assert doc.by_id("logout").text == "Log Out" and doc.by_id("parent-portal")


def test_drill_banner(replica, client, accounts):
    replica.set_scenario("drill-banner")
    portal = parse(client.sign_in_local(accounts[PARENT_EMAIL], accounts[PARENT_PASSWORD]).text)
    teacher_view = parse(Client(replica).sign_in_local(accounts[EMPLOYEE_EMAIL], accounts[EMPLOYEE_PASSWORD]).text)
    for doc in (portal, teacher_view):
        [banner] = doc.find_all(role="alert")
        assert banner.text.startswith("Safety drill:") and doc.find("h1").text.startswith("Welcome, ")


@pytest.mark.parametrize(("scenario", "close"), [("notice-closable", "closeNotice(this)"),
                                                  ("notice-stuck", "dismissNotice(this)")])
def test_notice_closable_and_notice_stuck(replica, client, accounts, scenario, close):
    replica.set_scenario(scenario)
    doc = parse(client.sign_in_local(accounts[PARENT_EMAIL], accounts[PARENT_PASSWORD]).text)
    dialog = doc.find(role="dialog")
    assert dialog.attrs["aria-modal"] == "true" and dialog.find("h2").text == "Winter weather schedule"
    assert dialog.find("button").attrs["aria-label"] == "Close" and dialog.find("button").attrs["onclick"] == close
    # Only closeNotice is defined: the stuck notice's script fails in the browser.
    assert "function closeNotice(" in client.landing().text and "function dismissNotice(" not in client.landing().text


test_notice_closable = test_notice_stuck = test_notice_closable_and_notice_stuck


def test_terms_to_accept(replica, client, accounts):
    replica.set_scenario("terms-to-accept")
    assert signs_in(Client(replica), accounts)  # the parent's profile has no terms
    landing = parse(client.sign_in_local(accounts[EMPLOYEE_EMAIL], accounts[EMPLOYEE_PASSWORD]).text)
    dialog = landing.find(role="dialog")
    assert dialog.find("h2").text == "Terms and Conditions" and dialog.find("button").text == "I agree"
    assert dialog.find("button", aria_label="Close") is None  # no way to close it: only to agree
    agreed = parse(client.session.post(replica.focus_origin + "/focus/terms.php", timeout=10).text)
    assert agreed.find(role="dialog") is None and agreed.find("h1").text == "Welcome, Jordan Carter"


def test_two_factor(replica, client, accounts):
    replica.set_scenario("two-factor")
    prompt = client.sign_in_local(accounts[PARENT_EMAIL], accounts[PARENT_PASSWORD])
    assert prompt.url.endswith("/focus/verify.php") and parse(prompt.text).find("label", for_="code").text == \
        "Verification code"
    assert client.landing().url.endswith("/focus/verify.php")  # no portal before the code
    verify = replica.focus_origin + "/focus/verify.php"
    wrong = client.session.post(verify, data={"code": "000000"}, timeout=10)
    assert "The verification code is not correct" in parse(wrong.text).find(role="alert").text
    code = pyotp.TOTP(accounts[PARENT_TOTP_SECRET]).now()
    assert "Welcome, Maria Alvarez" in client.session.post(verify, data={"code": code}, timeout=10).text
