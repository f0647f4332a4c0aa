"""A small, known feature model published for the demo city bike, for API, page and basket tests."""

import pytest
from django.contrib.auth.models import AnonymousUser
from oscar.core.loading import get_class, get_model

from configurator.models import ConfigurableProduct
from configurator.services import publish_model, replace_draft

LAYER = '<rect x="100" y="100" width="200" height="50" fill="{}"/>'

BIKE = {
    "base_lead_time_days": 10,
    "preview": {"viewbox": "0 0 800 600", "base": '<circle cx="200" cy="400" r="90" fill="#1F2A37"/>'},
    "groups": [
        {"code": "frame", "label": "Frame", "options": [
            {"code": "alu", "label": "Aluminium", "default": True, "swatch": "#C0C0C0",
             "layer": {"order": 1, "svg": LAYER.format("#C0C0C0")},
             "bom": [{"component": "FRAME-ALU", "quantity": "1", "unit": "pc"}]},
            {"code": "carbon", "label": "Carbon", "price_delta": "400.00", "lead_time_days": 7,
             "swatch": "#222222", "layer": {"order": 1, "svg": LAYER.format("#222222")}},
        ]},
        {"code": "brakes", "label": "Brakes", "options": [
            {"code": "rim", "label": "Rim brakes", "default": True},
            {"code": "disc", "label": "Disc brakes", "price_delta": "120.00"},
        ]},
        {"code": "extras", "label": "Extras", "required": False, "min_choices": 0, "max_choices": 2, "options": [
            {"code": "rack", "label": "Rear rack", "price_delta": "45.00"},
            {"code": "basket", "label": "Basket", "price_delta": "35.00"},
            {"code": "lights", "label": "Dynamo lights", "price_delta": "89.00"},
        ]},
        {"code": "height", "label": "Rider height", "kind": "measurement", "unit": "cm", "minimum": "150",
         "maximum": "200", "step": "1", "options": [
             {"code": "size_s", "label": "Frame S", "range_max": "165"},
             {"code": "size_m", "label": "Frame M", "range_min": "165", "range_max": "180"},
             {"code": "size_l", "label": "Frame L", "range_min": "180"},
         ]},
        {"code": "monogram", "label": "Monogram", "kind": "text", "required": False, "max_length": 3,
         "allowed_characters": "A-Z", "price_per_character": "5.00"},
    ],
    "rules": [
        {"kind": "requires", "name": "Carbon frames need disc brakes", "if": "carbon", "then": "disc"},
        {"kind": "excludes", "name": "Carbon frames take no rack", "conditions": ["carbon", "rack"]},
        {"kind": "excludes", "name": "Small carbon frames are not made", "conditions": ["carbon", "size_s"]},
    ],
    "price_rules": [{"label": "Rack and basket together", "when": {"all": ["rack", "basket"]}, "amount": "-10"}],
}


@pytest.fixture
def bike_product(db):
    return get_model("catalogue", "Product").objects.get(upc="ATL-BIK-001")


@pytest.fixture
def bike_version(bike_product):
    configurable, _ = ConfigurableProduct.objects.get_or_create(product=bike_product)
    replace_draft(configurable=configurable, definition=BIKE)
    return publish_model(configurable=configurable)


@pytest.fixture
def basket(db, rf):
    """An anonymous shopper's basket with the store's pricing strategy."""
    request = rf.get("/")
    request.user = AnonymousUser()
    basket = get_model("basket", "Basket").objects.create()
    basket.strategy = get_class("partner.strategy", "Selector")().strategy(request)
    return basket
