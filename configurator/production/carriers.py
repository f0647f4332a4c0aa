"""The carriers the workshop ships with, and where a customer follows a parcel.

A short list in code rather than a model staff edit: carriers change rarely, and the tracking link goes into
e-mails and onto the customer's order page, so its address is reviewed like code instead of typed into a form
(a URL template typed by staff would be untrusted input: a link to anywhere, in a mail the shop sends). Adding a
carrier is one line here; work orders store the carrier's code, so a carrier that moves its tracking page is
fixed here for every parcel at once.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Carrier:
    code: str
    name: str
    tracking_url: str  # "{number}" stands for the tracking number, URL-quoted

    def url_for(self, number):
        return self.tracking_url.format(number=quote(number, safe=""))


CARRIERS = {carrier.code: carrier for carrier in [
    Carrier("bpost", "bpost", "https://track.bpost.cloud/btr/web/#/search?itemCode={number}&lang=en"),
    Carrier("dhl", "DHL", "https://www.dhl.com/be-en/home/tracking/tracking-parcel.html?submit=1&tracking-id={number}"),
    Carrier("dpd", "DPD", "https://tracking.dpd.de/status/en_US/parcel/{number}"),
    Carrier("ups", "UPS", "https://www.ups.com/track?loc=en_BE&tracknum={number}"),
]}
CARRIER_CHOICES = [(carrier.code, carrier.name) for carrier in CARRIERS.values()]
TRACKING_NUMBER = re.compile(r"[A-Z0-9]{6,40}")


def normalise_tracking_number(value):
    """As carriers print them, with spaces or dashes between groups: "3232 9990-0012" → "323299900012"."""
    return re.sub(r"[\s-]+", "", value or "").upper()


def shipment_problem(carrier, tracking_number):
    """Why these can't ship a parcel, in a sentence; None when they can (the number already normalised)."""
    if not carrier or not tracking_number:
        return "needs the carrier and the parcel's tracking number"
    if carrier not in CARRIERS:
        return f"can't go with “{carrier}”: we ship with {', '.join(c.name for c in CARRIERS.values())}"
    if not TRACKING_NUMBER.fullmatch(tracking_number):
        return f"needs a tracking number of 6 to 40 letters and digits, not “{tracking_number}”"
    return None


def tracking_url(carrier, tracking_number):
    """The carrier's page for this parcel; "" when either is unknown."""
    if carrier not in CARRIERS or not tracking_number:
        return ""
    return CARRIERS[carrier].url_for(tracking_number)
