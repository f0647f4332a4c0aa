"""Whose data a request is about: an account found by e-mail, or a guest known only by it."""

from django.contrib.auth import get_user_model

from shop.privacy.registry import Subject


def subject_for_email(email):
    """The Subject of an e-mail address: its account (if one has it) and the address itself (guest orders and
    requests made with it). Raises LookupError for an address that is not an e-mail."""
    email = (email or "").strip()
    if "@" not in email:
        raise LookupError(f"{email!r} is not an e-mail address.")
    user = get_user_model().objects.filter(email__iexact=email).first()
    return Subject.of(user=user, email=email)
