"""Oscar's checkout session, which also remembers the company name and VAT number given with the address."""

from oscar.apps.checkout import utils


class CheckoutSessionData(utils.CheckoutSessionData):
    def set_business_details(self, *, company_name, vat_number):
        self._set("business", "company_name", company_name)
        self._set("business", "vat_number", vat_number)

    def business_details(self):
        """{"company_name", "vat_number"}: both "" when the shopper buys as a private person."""
        return {"company_name": self._get("business", "company_name", ""),
                "vat_number": self._get("business", "vat_number", "")}
