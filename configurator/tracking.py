"""What the configurator tells demand analytics, without personal data.

A configurator session is a random token minted when the configurator page opens (``new_session``) and carried by
the page: a hidden form field and the JSON API's ``session``. It is not Django's session key, the account or the
address, and is stored with nothing of the shopper. The configurator only sends ``configuration_event``; demand
listens (the configurator never imports it).
"""

import re
import secrets

from configurator.signals import configuration_event

SESSION_FIELD = "demand_session"
SESSION = re.compile(r"[0-9a-f]{32}")


def new_session():
    return secrets.token_hex(16)


def session_of(value):
    """The token if it looks like one ``new_session`` made, else None."""
    return value if isinstance(value, str) and SESSION.fullmatch(value) else None


def tell(kind, *, session, version, option="", configuration=""):
    """Report what happened in a session (nothing without a valid token)."""
    if session_of(session):
        configuration_event.send(sender=tell, session=session, version=version, kind=kind, option=option,
                                 configuration=configuration)
