"""A busy default store: parallel visitors on SQLite get pages, never "database is locked"; an error never shows
a traceback, even with DEBUG on (as `make run` serves)."""

import pytest
from django.db import OperationalError

from configurator.selectors import current_version_for_slug
from configurator.services import save_configuration
from tests.conftest import DEMO_PASSWORDS
from tests.served import Visitor, in_parallel


def test_an_error_shows_the_branded_page_not_a_traceback_even_with_debug_on(client, settings, monkeypatch):
    settings.DEBUG = True

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("configurator.views.configuration_state", locked)
    client.raise_request_exception = False
    response = client.get("/shop/configure/the-atelier-sneaker/", HTTP_ACCEPT="text/html")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in page
    assert "Traceback" not in page and "database is locked" not in page and "SECRET_KEY" not in page
    response = client.post("/shop/api/configurator/state/", "{}", content_type="application/json",
                           HTTP_ACCEPT="application/json")
    assert response.status_code in (400, 500) and "Traceback" not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_sixteen_parallel_page_loads_logins_and_basket_adds_never_answer_5xx(seeded_store, live_server):
    quote = save_configuration(version=current_version_for_slug("the-atelier-sneaker"), options=[
        "size_40", "upper_leather", "colour_terracotta", "toe_same", "sole_white", "laces_chalk", "lining_calf"])
    email, password = DEMO_PASSWORDS["shopper"]
    visitors = [Visitor(live_server) for _ in range(16)]
    for visitor in visitors[10:]:  # those who log in or add need a CSRF cookie first, as a browser has
        visitor.csrf_token("/shop/accounts/login/")

    def page(visitor, path):
        return lambda: visitor.get(path)

    def log_in(visitor):
        return lambda: visitor.post("/shop/accounts/login/", data={
            "login-username": email, "login-password": password, "login_submit": "Log in"})

    def add(visitor):
        return lambda: visitor.post(f"/shop/configure/the-atelier-sneaker/{quote.code}/", data={"action": "basket"})

    paths = ["/", "/shop/catalogue/", "/shop/configure/the-atelier-sneaker/",
             "/shop/configure/the-atelier-city-bike/", "/help/", "/shop/configure/the-atelier-standing-desk/",
             "/shop/catalogue/", "/", "/shop/basket/", "/workshop/"]
    calls = [page(visitor, path) for visitor, path in zip(visitors, paths, strict=False)]
    calls += [log_in(visitor) for visitor in visitors[10:13]] + [add(visitor) for visitor in visitors[13:16]]
    answers = in_parallel(*calls)
    failures = [(i, a if isinstance(a, Exception) else (a.status_code, a.text[:200])) for i, a in enumerate(answers)
                if isinstance(a, Exception) or a.status_code >= 500]
    assert failures == []
    assert [a.status_code for a in answers[:10]] == [200] * 10
    assert [a.status_code for a in answers[10:]] == [302] * 6  # logged in; added and sent to the basket
    assert all(a.headers["Location"].endswith("/shop/basket/") for a in answers[13:])
