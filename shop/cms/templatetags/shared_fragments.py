"""``{% shared_fragment "name" %}…{% endshared_fragment %}`` (``{% shared_fragment "name" site_wide %}`` for one that
is the same at every address): a part of a page that is the same for every shopper at
this address, rendered once and kept (shop/pagecache.py). Put nothing inside that differs per shopper (basket,
name, messages, ship dates): forms inside may carry ``{% csrf_token %}``, which is filled in per shopper."""

from django import template
from django.utils.safestring import mark_safe

from shop.pagecache import shared_fragment

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, name, nodelist, site_wide):
        self.name = name
        self.nodelist = nodelist
        self.site_wide = site_wide

    def render(self, context):
        name = self.name.resolve(context)
        kept = (context.get("shared_fragments") or {}).get(name)  # the view already fetched it
        if kept is not None:
            return mark_safe(kept)  # rendered (and escaped) by this node before it was kept

        def render(csrf_token):
            if csrf_token is None:
                return self.nodelist.render(context)
            with context.push(csrf_token=csrf_token):
                return self.nodelist.render(context)

        return mark_safe(shared_fragment(context.get("request"), name, render, self.site_wide))


@register.tag("shared_fragment")
def do_shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) not in (2, 3) or (len(bits) == 3 and bits[2] != "site_wide"):
        raise template.TemplateSyntaxError(f"{bits[0]} takes the fragment's name, and optionally site_wide")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(parser.compile_filter(bits[1]), nodelist, site_wide=len(bits) == 3)
