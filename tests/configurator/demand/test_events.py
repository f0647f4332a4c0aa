"""Configuration events: reported by the configurator page, its API and its script, checked, and anonymous."""

import json

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from configurator.demand.models import ConfigurationEvent
from configurator.models import SavedConfiguration
from configurator.tracking import new_session
from tests.orders import place as place_basket

EVENTS = "/shop/api/configurator/events/"
Basket = get_model("basket", "Basket")


def post(client, body):
    return client.post(EVENTS, json.dumps(body), content_type="application/json")


def kinds(session):
    return sorted(ConfigurationEvent.objects.filter(session=session).values_list("kind", flat=True))


def test_the_events_url_is_the_one_the_page_uses(client, bike_version):
    page = client.get(reverse("configurator:configure", kwargs={"slug": bike_version.configurable.product.slug}))
    assert f'data-events-url="{EVENTS}"' in page.content.decode()


def test_a_batch_of_browser_events_is_recorded_with_the_blocking_rule(client, bike_version):
    session = new_session()
    response = post(client, {"session": session, "product": bike_version.configurable.product.slug, "events": [
        {"kind": "chosen", "option": "carbon"},
        {"kind": "blocked", "option": "rack", "selection": ["carbon", "disc"]}]})
    assert response.status_code == 202 and response.json() == {"recorded": 2}
    blocked = ConfigurationEvent.objects.get(session=session, kind="blocked")
    assert (blocked.option, blocked.rule) == ("rack", "Carbon frames take no rack")


@pytest.mark.parametrize("body,field", [
    ({"events": [{"kind": "ordered", "option": "carbon"}]}, "events[0]"),  # only the server says ordered
    ({"events": [{"kind": "chosen", "option": "unobtainium"}]}, "events[0]"),
    ({"events": [{"kind": "blocked", "option": "rack", "selection": "carbon"}]}, "events[0]"),
    ({"events": [{"kind": "chosen", "option": "carbon", "email": "a@b.c"}]}, "events[0]"),
    ({"events": []}, "events"),
    ({"events": [{"kind": "chosen", "option": "carbon"}] * 51}, "events"),
    ({"session": "my-session-key"}, "session"),
    ({"product": "no-such-product"}, "product"),
    ({"user": 1}, "user"),
])
def test_a_bad_batch_is_refused_whole_and_records_nothing(client, bike_version, body, field):
    good = {"session": new_session(), "product": bike_version.configurable.product.slug,
            "events": [{"kind": "chosen", "option": "carbon"}]}
    response = post(client, {**good, **body})
    assert response.status_code == 400
    assert response.json()["detail"]["field"] == field
    assert not ConfigurationEvent.objects.exists()


def test_the_page_and_the_api_report_started_completed_saved_and_basket_once(client, bike_version):
    slug = bike_version.configurable.product.slug
    url = reverse("configurator:configure", kwargs={"slug": slug})
    page = client.get(url)
    session = page.context["demand_session"]
    assert kinds(session) == ["started"]
    client.get(url)  # the same browser goes on with its session: not started twice
    assert kinds(session) == ["started"]
    body = {"product": slug, "options": ["alu", "rim"], "measurements": {"height": "170"}, "session": session}
    for _ in range(3):
        assert client.post(reverse("configurator:api-state"), json.dumps(body),
                           content_type="application/json").json()["complete"]
    assert kinds(session) == ["completed", "started"]
    created = client.post(reverse("configurator:api-quotes"), json.dumps(body), content_type="application/json")
    assert kinds(session) == ["completed", "saved", "started"]
    assert ConfigurationEvent.objects.get(session=session, kind="saved").configuration == created.json()["code"]
    client.post(url, {"frame": "alu", "brakes": "rim", "height": "170", "action": "basket",
                      "demand_session": session})
    basket = ConfigurationEvent.objects.get(session=session, kind="basket")
    assert SavedConfiguration.objects.filter(code=basket.configuration).exists()


def test_a_bad_session_in_the_state_api_is_refused(client, bike_version):
    body = {"product": bike_version.configurable.product.slug, "options": [], "session": "1234"}
    response = client.post(reverse("configurator:api-state"), json.dumps(body), content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"]["field"] == "session"


def test_ordering_the_configuration_from_the_basket_counts_as_ordered(client, bike_version, place):
    slug = bike_version.configurable.product.slug
    url = reverse("configurator:configure", kwargs={"slug": slug})
    session = client.get(url).context["demand_session"]
    client.post(url, {"frame": "alu", "brakes": "rim", "height": "170", "action": "basket", "demand_session": session})
    basket = Basket.objects.get(lines__isnull=False, owner=None, status="Open")
    place(bike_version, ["alu", "rim"])  # somebody else's order of another configuration
    assert "ordered" not in kinds(session)
    place_basket(basket)
    assert kinds(session).count("ordered") == 1


def test_events_carry_no_personal_data(client_as, bike_version, demo_user):
    shopper = demo_user("shopper")
    client = client_as("shopper")
    page = client.get(reverse("configurator:configure", kwargs={"slug": bike_version.configurable.product.slug}))
    session = page.context["demand_session"]
    assert session != client.session.session_key
    fields = {field.name for field in ConfigurationEvent._meta.get_fields()}
    assert fields == {"id", "session", "configurable", "version", "kind", "option", "rule", "configuration", "at"}
    for event in ConfigurationEvent.objects.filter(session=session).values():
        text = json.dumps(event, default=str)
        assert shopper.email not in text and client.session.session_key not in text
