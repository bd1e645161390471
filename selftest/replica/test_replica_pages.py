"""Sign-up (self-asserted page), the landing page, the profile switch and the parent portal."""

from __future__ import annotations

import pytest
from replica_helpers import parse

from replica.accounts import (
    EMPLOYEE_EMAIL,
    EMPLOYEE_PASSWORD,
    NEW_PARENT_EMAIL,
    NEW_PARENT_PASSWORD,
    PARENT_EMAIL,
    PARENT_PASSWORD,
    REGISTERED_EMAIL,
)
from replica.idp_app import MSG_USER_EXISTS as DUPLICATE


def test_signup_page_has_b2c_markup(client):
    signup = client.open_signup()
    doc = signup.doc
    assert doc.find("div", id="api").attrs["data-name"] == "SelfAsserted"
    assert "Please provide the following details." in doc.find(cls="intro").text
    assert doc.find("form", id="attributeVerification")
    for error_id in (
        "requiredFieldMissing",
        "fieldIncorrect",
        "captchaUnresolved",
        "claimVerificationServerError",
    ):
        error = doc.by_id(error_id)
        assert {"error", "pageLevel"} <= error.classes and error.attrs["role"] == "alert"
        assert error.attrs["aria-hidden"] == "true" and error.hidden
    control = doc.by_id("emailVerificationControl")
    for suffix in ("info_message", "success_message", "error_message"):
        assert control.find(id=f"emailVerificationControl_{suffix}").hidden
    assert control.find("label", for_="email").text == "Email Address"
    assert control.find("input", id="email").attrs["type"] == "email"
    assert control.find("input", id="emailVerificationCode").parent.parent.hidden
    labels = {
        "send_code": "Send verification code",
        "verify_code": "Verify code",
        "send_new_code": "Send new code",
        "change_claims": "Change e-mail",
    }
    for suffix, label in labels.items():
        button = control.find("button", id=f"emailVerificationControl_but_{suffix}")
        assert button.text == label and button.hidden == (suffix != "send_code")
    assert doc.find("button", id="continue").text == "Continue"
    cancel = doc.find("button", id="cancel")
    assert cancel.text == "Cancel"
    back = client.get(signup.origin + cancel.attrs["data-href"])
    assert parse(back.text).find("div", id="api").attrs["data-name"] == "Unified"


def test_signup_with_a_registered_email_shows_the_duplicate_error(client, accounts):
    signup = client.open_signup()
    assert signup.send_code(accounts[REGISTERED_EMAIL]) == {"status": "400", "message": DUPLICATE}
    # Every account's e-mail counts as registered, whatever its case.
    assert signup.send_code(NEW_PARENT_EMAIL.upper())["message"] == DUPLICATE


def test_signup_with_a_new_email_sends_a_code(client):
    assert client.open_signup().send_code("someone.new@example.org") == {"status": "200"}


@pytest.mark.parametrize("email", ["", "not-an-email"])
def test_signup_with_an_invalid_email(client, email):
    expected = {"status": "400", "message": "Please enter a valid email address.", "field": "email"}
    assert client.open_signup().send_code(email) == expected


def test_landing_requires_a_session(replica, client):
    response = client.get(
        replica.focus_origin + "/focus/Modules.php?modname=misc/Portal.php", allow_redirects=False
    )
    assert response.status_code == 302 and response.headers["Location"] == "/focus/"


def test_employee_switches_from_teacher_to_parent(client, accounts):
    doc = parse(client.sign_in_local(accounts[EMPLOYEE_EMAIL], accounts[EMPLOYEE_PASSWORD]).text)
    assert doc.find("h1").text == "Welcome, Jordan Carter"
    assert doc.find("h2", id="classes-title").text == "My classes" and not doc.by_id("parent-portal")
    form = doc.find("form", id="site_session")
    assert form.find("select", name="side_syear").find("option", selected="").text == "2026-2027"
    assert form.find("label", for_="side_profile").text == "Profile"
    select = form.find("select", id="side_profile", name="side_profile")
    assert select.attrs["onchange"] == "this.form.submit()"
    assert [option.text for option in select.find_all("option")] == ["Teacher", "Parent"]
    assert select.find("option", selected="").text == "Teacher"
    # The phone layout folds this form behind a Menu button (focus.css; the checks open it on a phone).
    menu = doc.find("button", cls="menu-button")
    assert menu.attrs["aria-label"] == "Menu" and menu.attrs["aria-expanded"] == "false"
    assert menu.attrs["aria-controls"] == "site_session"

    portal = parse(client.switch_profile("Parent").text)
    assert portal.find("select", id="side_profile").find("option", selected="").text == "Parent"
    assert portal.by_id("parent-portal").find(cls="student-name").text == "Riley Carter"
    assert portal.find("a", id="schoology-link").attrs["href"] == "https://bcps.schoology.com"
    # A GET with the form's fields switches too, and Teacher comes back.
    back = client.get(
        client.replica.focus_origin + "/focus/Modules.php?modname=misc/Portal.php&side_profile=Teacher"
    )
    assert parse(back.text).find("h2", id="classes-title")


def test_parent_portal_shows_the_student_and_the_schoology_link(client, accounts):
    doc = parse(client.sign_in_local(accounts[PARENT_EMAIL], accounts[PARENT_PASSWORD]).text)
    assert doc.find("h1").text == "Welcome, Maria Alvarez"
    student = doc.by_id("parent-portal").find("article", cls="student")
    assert student.find(cls="student-name").text == "Diego Alvarez"
    assert student.find(cls="student-school").text == "Dumbarton Middle School"
    assert student.find(cls="student-grade").text == "7"
    link = doc.find("a", href="https://bcps.schoology.com")
    assert link.text == "Please click here to access Schoology"


def test_new_parent_has_no_schoology_link_yet(client):
    doc = parse(client.sign_in_local(NEW_PARENT_EMAIL, NEW_PARENT_PASSWORD).text)
    assert doc.find("h1").text == "Welcome, Sam Nguyen"
    assert doc.by_id("parent-portal") and not doc.by_id("schoology-link")
    assert "Please click here to access Schoology" not in doc.text
    assert "24 to 48 hours" in doc.by_id("schoology-pending").text
