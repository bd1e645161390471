/* Client side of the B2C-like pages: the same calls the real B2C page script makes
   (SelfAsserted with X-CSRF-TOKEN, then "confirmed"; claims exchanges by navigation). */
(function () {
  "use strict";
  var api = document.getElementById("api");
  var S = window.SETTINGS;
  if (!api || !S) { return; }
  var EMAIL = /^[a-zA-Z0-9.!#$%&'*+\/=?^_`{|}~-]+@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*$/;

  function query(params) {
    return Object.keys(params).map(function (key) {
      return encodeURIComponent(key) + "=" + encodeURIComponent(params[key]);
    }).join("&");
  }
  function apiUrl(action, extra) {
    var params = Object.assign({}, extra || {}, { csrf_token: S.csrf, tx: S.transId, p: S.hosts.policy });
    return S.hosts.tenant + "/api/CombinedSigninAndSignup/" + action + "?" + query(params);
  }
  function post(path, body) {
    return fetch(S.hosts.tenant + path + "?" + query({ tx: S.transId, p: S.hosts.policy }), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-TOKEN": S.csrf, "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8" },
      body: query(body)
    }).then(function (response) {
      return response.json().catch(function () { return { status: String(response.status) }; });
    }, function () {
      return { status: "0", message: "An unexpected error occurred. Please try again." };
    });
  }
  function show(el, text) {
    if (!el) { return; }
    if (text !== undefined) { (el.querySelector("p") || el).textContent = text; }
    el.style.display = "block";
    el.setAttribute("aria-hidden", "false");
  }
  function hide(el) {
    if (!el) { return; }
    el.style.display = "none";
    el.setAttribute("aria-hidden", "true");
  }
  function hideAll(selector) { Array.prototype.forEach.call(document.querySelectorAll(selector), hide); }
  function itemError(input) { return input.parentNode.querySelector(".error.itemLevel"); }
  function byId(id) { return document.getElementById(id); }

  function unifiedPage() {
    Array.prototype.forEach.call(document.querySelectorAll(".claims-provider-selection"), function (button) {
      button.addEventListener("click", function () {
        window.location.href = apiUrl("unified", { claimsexchange: button.id });
      });
    });
    var form = byId("localAccountForm");
    if (!form) { return; }
    var email = byId("signInName") || byId("email"), password = byId("password"), working = form.querySelector(".working");
    var pageError = form.querySelector(".error.pageLevel");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      hideAll("#localAccountForm .error");
      var missing = false;
      if (!email.value.trim()) { show(itemError(email), "Please enter your Email Address"); missing = true; }
      if (!password.value) { show(itemError(password), "Please enter your password"); missing = true; }
      if (missing) { return; }
      working.classList.add("active");
      post("/SelfAsserted", { request_type: "RESPONSE", signInName: email.value.trim(), password: password.value })
        .then(function (result) {
          if (result.status === "200") {
            window.location.href = apiUrl("confirmed", { rememberMe: "false" });
            return;
          }
          working.classList.remove("active");
          var field = result.field && byId(result.field);
          show(field ? itemError(field) : pageError, result.message || "An unexpected error occurred. Please try again.");
        });
    });
  }

  function selfAssertedPage() {
    var prefix = "emailVerificationControl", ids = S.verification;
    var email = byId("email"), code = byId(ids.code);
    var buttons = { send: byId(ids.send), verify: byId(ids.verify), sendNew: byId(ids.sendNew), change: byId(ids.change) };
    var info = byId(ids.info), failure = byId(ids.failure);
    var serverError = byId("claimVerificationServerError");

    function resetMessages() { hideAll("#api .error"); hide(info); hide(failure); }
    function sendCode() {
      resetMessages();
      if (!EMAIL.test(email.value.trim())) { show(itemError(email), "Please enter a valid email address."); return; }
      post("/SelfAsserted/DisplayControlAction/vbeta/" + prefix + "/SendCode", { email: email.value.trim() })
        .then(function (result) {
          if (result.status === "200") {
            show(info, "Verification code has been sent to your inbox. Please copy it to the input box below.");
            email.readOnly = true;
            hide(buttons.send);
            show(code.closest("li"));
            [buttons.verify, buttons.sendNew].forEach(function (button) { button.style.display = "inline-block"; });
            return;
          }
          var message = result.message || "An unexpected error occurred. Please try again.";
          show(result.field === "email" ? itemError(email) : serverError, message);
        });
    }
    buttons.send.addEventListener("click", sendCode);
    buttons.sendNew.addEventListener("click", sendCode);
    buttons.verify.addEventListener("click", function () {
      resetMessages();
      post("/SelfAsserted/DisplayControlAction/vbeta/" + prefix + "/VerifyCode",
        { email: email.value.trim(), verificationCode: code.value.trim() })
        .then(function (result) { show(failure, result.message || "Verification failed."); });
    });
    buttons.change.addEventListener("click", function () { window.location.reload(); });
    byId("attributeVerification").addEventListener("submit", function (event) {
      event.preventDefault();
      resetMessages();
      var fields = ["email", "newPassword", "reenterPassword", "displayName", "givenName", "surname"];
      var empty = fields.some(function (id) { return !byId(id).value.trim(); });
      // The e-mail is never verified in the replica (no code is sent), so Continue cannot succeed.
      show(byId(empty ? "requiredFieldMissing" : "fieldIncorrect"));
    });
    byId("cancel").addEventListener("click", function () {
      window.location.href = byId("cancel").getAttribute("data-href");
    });
  }

  if (api.getAttribute("data-name") === "Unified") { unifiedPage(); }
  if (api.getAttribute("data-name") === "SelfAsserted" && byId("attributeVerification")) { selfAssertedPage(); }
}());
