"""Signing in, registering and resetting a password: throttled, and silent about who has an account."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone
from freezegun import freeze_time

from tests.conftest import DEMO_PASSWORDS

pytestmark = pytest.mark.django_db

LOGIN = "/shop/accounts/login/"
SHOPPER_EMAIL, SHOPPER_PASSWORD = DEMO_PASSWORDS["shopper"]


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


def sign_in(client, email, password, address="203.0.113.7"):
    return client.post(LOGIN, {"login-username": email, "login-password": password, "login_submit": "1"},
                       REMOTE_ADDR=address)


def test_the_sixth_attempt_after_five_wrong_passwords_is_refused_even_with_the_right_password(client):
    for _ in range(5):
        response = sign_in(client, SHOPPER_EMAIL, "not-my-password")
        assert response.status_code == 200 and "_auth_user_id" not in client.session
    response = sign_in(client, SHOPPER_EMAIL, SHOPPER_PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Too many sign-in attempts" in response.content.decode()
    assert "try again after" in response.content.decode()
    # the lock is per account: another customer from elsewhere still signs in
    assert sign_in(client, *DEMO_PASSWORDS["support"], address="198.51.100.9").status_code == 302


def test_a_paused_unknown_address_reads_exactly_like_a_paused_account(client):
    answers = []
    with freeze_time("2026-12-03 10:00:30"):  # both pauses end at the same minute, whenever the test runs
        for email in (SHOPPER_EMAIL, "nobody-here@atelier.example"):
            for _ in range(5):
                sign_in(client, email, "guess")
            answers.append(sign_in(client, email, "guess").context["login_form"].errors.as_json())
    assert answers[0] == answers[1]


def test_the_pause_covers_django_admins_login_too(client):
    admin_email, admin_password = DEMO_PASSWORDS["admin"]
    for _ in range(5):
        sign_in(client, admin_email, "wrong")
    client.post("/django-admin/login/", {"username": admin_email, "password": admin_password},
                REMOTE_ADDR="198.51.100.20")
    assert "_auth_user_id" not in client.session


def test_twenty_failures_from_one_address_pause_sign_in_from_it(client):
    for number in range(20):
        sign_in(client, f"guess{number}@atelier.example", "guess", address="192.0.2.50")
    assert sign_in(client, SHOPPER_EMAIL, SHOPPER_PASSWORD, address="192.0.2.50").status_code == 200
    assert "_auth_user_id" not in client.session
    assert sign_in(client, SHOPPER_EMAIL, SHOPPER_PASSWORD, address="192.0.2.51").status_code == 302


def test_password_reset_mails_at_most_three_an_hour_per_address_and_answers_the_same(client, mailoutbox):
    answers = set()
    for _ in range(10):
        response = client.post("/shop/password-reset/", {"email": SHOPPER_EMAIL})
        answers.add((response.status_code, response["Location"]))
    assert len(mailoutbox) == 3
    assert answers == {(302, "/shop/password-reset/done/")}


def test_password_reset_is_limited_per_client_address(client, mailoutbox):
    for number in range(12):
        client.post("/shop/password-reset/", {"email": f"someone{number}@atelier.example"}, REMOTE_ADDR="192.0.2.9")
    assert client.post("/shop/password-reset/", {"email": SHOPPER_EMAIL}, REMOTE_ADDR="192.0.2.9").status_code == 302
    assert mailoutbox == []  # ten counted, none of those addresses exist; the shopper's was refused silently
    client.post("/shop/password-reset/", {"email": SHOPPER_EMAIL}, REMOTE_ADDR="192.0.2.10")
    assert len(mailoutbox) == 1


def register(client, email, url="/shop/accounts/register/"):
    data = {"email": email, "password1": "a-long-new-pass-123", "password2": "a-long-new-pass-123"}
    if url == LOGIN:
        data = {f"registration-{k}": v for k, v in data.items()} | {"registration_submit": "1"}
    return client.post(url, data)


@pytest.mark.parametrize("url", ["/shop/accounts/register/", LOGIN])
def test_registering_an_existing_address_answers_as_for_a_new_one_and_tells_the_owner(client, mailoutbox, url):
    new = register(client, "brand-new@atelier.example", url)
    existing = register(client, SHOPPER_EMAIL.upper(), url)
    assert new.status_code == existing.status_code == 200
    assert new.content.decode().replace("brand-new@atelier.example", "") == \
        existing.content.decode().replace(SHOPPER_EMAIL.upper(), "")
    assert "Check your e-mail" in existing.content.decode()
    assert "_auth_user_id" not in client.session  # nobody is signed in by registering
    to_owner = [m for m in mailoutbox if m.to == [SHOPPER_EMAIL]]
    assert len(to_owner) == 1 and "tried to register" in to_owner[0].subject
    assert "/shop/password-reset/" in to_owner[0].body
    assert get_user_model().objects.filter(email__iexact=SHOPPER_EMAIL).count() == 1
    assert get_user_model().objects.get(email=SHOPPER_EMAIL).check_password(SHOPPER_PASSWORD)


def test_a_new_account_opens_from_its_e_mail_link_only(client, mailoutbox):
    register(client, "brand-new@atelier.example")
    user = get_user_model().objects.get(email="brand-new@atelier.example")
    assert not user.is_active
    assert sign_in(client, "brand-new@atelier.example", "a-long-new-pass-123").status_code == 200  # not yet
    link = next(line for line in mailoutbox[-1].body.splitlines() if "/activate/" in line).strip()
    response = client.get(link.replace("http://testserver", ""))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.logout()
    assert client.get(link.replace("http://testserver", ""), follow=True).redirect_chain[-1][0] == LOGIN  # spent
    assert sign_in(client, "brand-new@atelier.example", "a-long-new-pass-123").status_code == 302


def test_registration_is_limited_per_client_address(client, mailoutbox):
    for number in range(10):
        assert register(client, f"new{number}@atelier.example").status_code == 200
    response = register(client, "one-more@atelier.example")
    assert "Too many registrations" in response.content.decode()
    assert not get_user_model().objects.filter(email="one-more@atelier.example").exists()


def test_registering_cannot_reopen_an_account_the_shop_closed(client, mailoutbox):
    closed = get_user_model().objects.get(email=SHOPPER_EMAIL)
    closed.is_active, closed.last_login = False, timezone.now()
    closed.save()
    assert register(client, SHOPPER_EMAIL).status_code == 200
    assert not any("/activate/" in m.body for m in mailoutbox)  # no way back in through registration
    closed.refresh_from_db()
    assert not closed.is_active and closed.check_password(SHOPPER_PASSWORD)
