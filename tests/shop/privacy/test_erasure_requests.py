"""A customer erases their account from My account → Privacy: with their password, after 14 days they can cancel
in, told by e-mail; the daily task carries out only what is due and not cancelled."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from shop.privacy.erasure import carry_out_due_erasures
from shop.privacy.models import ErasureRequest

pytestmark = pytest.mark.django_db
NOW = "2026-12-04 10:00:00"


@pytest.fixture
def ada():
    return get_user_model().objects.create_user(username="ada", email="ada@example.com", first_name="Ada",
                                                password="correct horse")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@freeze_time(NOW)
def test_a_customer_asks_with_their_password_and_is_told_when(ada, django_capture_on_commit_callbacks):
    client = signed_in(ada)
    answer = client.post("/shop/accounts/privacy/erase/", {"password": "wrong"})
    assert answer.status_code == 400 and "That is not your password: nothing was changed." in answer.content.decode()
    assert not ErasureRequest.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/shop/accounts/privacy/erase/", {"password": "correct horse"})
    assert answer.status_code == 302
    erasure = ErasureRequest.objects.get(user=ada)
    assert erasure.due_at == timezone.now() + timedelta(days=14)
    page = client.get("/shop/accounts/privacy/").content.decode()
    assert "Your account will be erased on <strong>Friday 18 December 2026</strong>." in page
    assert ">Cancel the erasure</button>" in page
    assert mail.outbox[-1].subject == "Your Atelier account will be erased on 18 December 2026"
    assert mail.outbox[-1].body.startswith("Hello Ada,") and "/shop/accounts/privacy/" in mail.outbox[-1].body


def test_the_erasure_happens_when_due_unless_cancelled(ada):
    eve = get_user_model().objects.create_user(username="eve", email="eve@example.com", password="pw")
    with freeze_time(NOW):
        signed_in(ada).post("/shop/accounts/privacy/erase/", {"password": "correct horse"})
        signed_in(eve).post("/shop/accounts/privacy/erase/", {"password": "pw"})
        signed_in(eve).post("/shop/accounts/privacy/erase/cancel/")  # cancels her own, never anyone else's
    with freeze_time("2026-12-17 10:00:00"):
        assert carry_out_due_erasures() == 0  # not yet due
        assert signed_in(ada).get("/shop/accounts/privacy/").status_code == 200  # still her account meanwhile
    with freeze_time("2026-12-18 10:00:01"):
        assert carry_out_due_erasures() == 1
    ada.refresh_from_db()
    eve.refresh_from_db()
    assert ada.email == f"erased-{ada.pk}@erased.invalid" and not ada.is_active
    assert eve.email == "eve@example.com" and eve.is_active
    assert ErasureRequest.objects.get(user=ada).carried_out_at is not None
    with freeze_time("2026-12-19 10:00:00"):
        assert carry_out_due_erasures() == 0  # once


def test_signed_out_visitors_cannot_ask(client):
    assert client.post("/shop/accounts/privacy/erase/", {"password": "x"}).status_code == 302
    assert not ErasureRequest.objects.exists()
