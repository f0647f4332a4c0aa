"""Fixtures of the help-desk tests: attachments in a throw-away folder, requests of the demo customers."""

import pytest
from django.contrib.auth import get_user_model

from support.services import open_request


@pytest.fixture(autouse=True)
def attachment_folder(tmp_path, settings):
    settings.SUPPORT_ATTACHMENT_ROOT = tmp_path / "support-attachments"
    return settings.SUPPORT_ATTACHMENT_ROOT


@pytest.fixture
def other_customer(db):
    """A second shopper, to prove nobody sees another's requests."""
    user = get_user_model().objects.create_user(username="olga", email="olga@example.com", password="x-pass-4321",
                                                first_name="Olga", last_name="Other")
    return user


@pytest.fixture
def new_request(demo_user):
    """open_request for the demo shopper (or another customer), with sensible defaults."""
    def make(customer=None, **overrides):
        customer = customer or demo_user("shopper")
        values = {"kind": "order", "subject": "Where is my order?", "body": "Hello, when does it ship?",
                  "email": customer.email, "customer": customer, "name": customer.get_full_name()}
        values.update(overrides)
        return open_request(**values)

    return make


@pytest.fixture
def agent(demo_user):
    """The demo support agent (Sofia Support)."""
    return demo_user("support")


@pytest.fixture
def shopper(demo_user):
    """The demo shopper (Sam Shopper)."""
    return demo_user("shopper")
