"""The body of the configurator's JSON API (state/ and quotes/), every rule about it in one form."""

from django.core.exceptions import ValidationError

from configurator.compiled import compiled_model
from configurator.engine import SelectionError
from configurator.selectors import current_version_for_slug
from configurator.shoppers import Shopper, withheld_options
from configurator.tracking import session_of
from shop.jsonbody import JSONBodyForm, ObjectField, TextField, TextListField

MAX_BODY_BYTES = 64 * 1024


SESSION_MESSAGE = "must be the configurator session of the page"


class ProductSessionForm(JSONBodyForm):
    """A JSON body about one configurable product (``product``: its slug, cleaned to its current published
    version) from a configurator page (``session``: the page's configurator session, ``configurator.tracking``)."""

    error_codes = JSONBodyForm.error_codes | {"unknown_product"}
    session_required = False

    product = TextField(error_messages={"required": "must be the product's slug",
                                        "invalid": "must be the product's slug"})
    session = TextField(required=False, error_messages={"invalid": SESSION_MESSAGE})

    def __init__(self, request, **kwargs):
        super().__init__(request, **kwargs)
        self.fields["session"].required = self.session_required
        self.fields["session"].error_messages["required"] = SESSION_MESSAGE
        self.shopper = Shopper.of(request.user)

    def clean_session(self):
        session = self.cleaned_data["session"]
        if session and session_of(session) is None:
            raise ValidationError(SESSION_MESSAGE, code="invalid")
        return session

    def clean_product(self):
        slug = self.cleaned_data["product"]
        version = current_version_for_slug(slug, shared=True)
        if version is None:
            raise ValidationError(f"{slug!r} is not a product you can configure", code="unknown_product")
        return version

    @property
    def version(self):
        """The product's current published version (once valid)."""
        return self.cleaned_data["product"]


class ConfigurationForm(ProductSessionForm):
    """``{"product": slug, "options": [...], "measurements": {...}, "texts": {...}, "session": token}``.

    ``product`` cleans to the product's current published version. The choices are then checked against that
    version's model by the engine, as the request's shopper sees it (an option in early access is refused to a
    shopper without early access); its errors name the option or step they are about ("titanium", "height").
    """

    max_body_bytes = MAX_BODY_BYTES
    error_codes = ProductSessionForm.error_codes | {"invalid_selection"}

    options = TextListField(required=False, error_messages={"invalid": "must be a list of option codes"})
    measurements = ObjectField(required=False,
                               error_messages={"invalid": "must be an object mapping step codes to numbers"})
    texts = ObjectField(required=False, error_messages={"invalid": "must be an object mapping step codes to texts"})

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.selection = compiled_model(self.version).selection(
                data["options"], data["measurements"], data["texts"],
                withheld=withheld_options(self.version.definition, self.shopper))
        except SelectionError as bad:
            self.add_error(bad.field, ValidationError(bad.message, code="invalid_selection"))
        return data

    def choices(self):
        """What the shopper chose (once valid), as the keyword arguments of ``configuration_state`` and quoting: the
        selection the engine already read while checking it, so it is not read twice, and who chose it."""
        return {"options": self.selection, "shopper": self.shopper}
