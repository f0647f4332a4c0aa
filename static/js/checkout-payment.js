/* The payment page: Stripe.js tokenises the card, our server creates and confirms the PaymentIntent for
   the total it computes, and 3-D Secure (requires_action) is completed here with confirmCardPayment.
   On the checkout, the box accepting the terms of sale ([data-terms-consent]) must be ticked before the card is
   even read: its state and the terms' version go with the payment, and the server refuses to pay without them. */
(function () {
  "use strict";
  var form = document.querySelector("[data-card-payment]");
  if (!form) return;
  var message = form.querySelector("[data-payment-message]");
  var button = form.querySelector("[data-pay-button]");
  var buttonLabel = button.textContent;
  var consent = document.querySelector("[data-terms-consent]");

  function show(text) {
    message.textContent = text || "";
    message.hidden = !text;
  }

  // A refused payment: the message is said and focused, so a keyboard or screen-reader user lands on it.
  function refuse(text) {
    show(text);
    message.focus();
  }

  if (typeof window.Stripe !== "function") {
    show("The card form could not load. Please check your connection and reload the page; nothing has been charged.");
    button.disabled = true;
    return;
  }

  var stripe = window.Stripe(form.dataset.publishableKey);
  var card = stripe.elements().create("card");
  card.mount("#card-element");

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value,
      },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        data.httpStatus = response.status;
        return data;
      });
    });
  }

  function failure(data) {
    return (data.detail && data.detail.message) ||
      "The payment did not go through. Nothing has been charged; please try again.";
  }

  function busy(on) {
    button.disabled = on;
    button.textContent = on ? "Paying…" : buttonLabel;
    form.setAttribute("aria-busy", on ? "true" : "false");
  }

  // The payment may have gone through but its order is not placed yet: ask the server again, a few times, while
  // telling the shopper what is happening. The server settles it from Stripe's own state each time.
  var SETTLE_ATTEMPTS = 6;

  function settleLater(data, attempt) {
    show(data.detail && data.detail.message);
    if (attempt > SETTLE_ATTEMPTS) return data;
    return new Promise(function (resolve) { window.setTimeout(resolve, 1000 * attempt); }).then(function () {
      return post(data.complete, {});
    }).then(function (next) {
      return next.status === "pending" ? settleLater(next, attempt + 1) : next;
    });
  }

  if (consent) {
    consent.addEventListener("change", function () {
      if (consent.checked) show("");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (consent && !consent.checked) {
      show("Please tick the box to accept the terms of sale before you pay. Nothing has been charged.");
      consent.focus();
      return;
    }
    show("");
    busy(true);
    stripe.createToken(card).then(function (result) {
      if (result.error) throw { detail: { message: result.error.message || "Please check your card details." } };
      var body = {
        token: result.token.id,
        expected_total: form.dataset.expectedTotal,
        cardholder: form.querySelector("[name=cardholder]").value,
      };
      if (form.dataset.configuration) body.configuration = form.dataset.configuration;  // an exchange's choice
      if (consent) {
        body.accept_terms = consent.checked;
        body.terms_version = consent.dataset.termsVersion;
      }
      return post(form.dataset.payUrl, body);
    }).then(function (data) {
      if (data.status !== "requires_action") return data;
      return stripe.confirmCardPayment(data.client_secret).then(function () {
        return post(form.dataset.completeUrl, {});  // the server reads the intent's status itself
      });
    }).then(function (data) {
      return data.status === "pending" ? settleLater(data, 1) : data;
    }).then(function (data) {
      if (data.redirect) {
        window.location.assign(data.redirect);
        return;
      }
      busy(false);
      refuse(failure(data));
    }).catch(function (data) {
      busy(false);
      refuse(failure(data || {}));
    });
  });
})();
