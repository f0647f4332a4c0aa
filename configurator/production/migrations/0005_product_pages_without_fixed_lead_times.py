"""The demo's product descriptions promised fixed production times ("Made to order in 10 working days") that the
scheduler's ship date, now on the product page, contradicted. Replace those exact sentences where a store still has
them as seeded; a description edited since is left as it is."""

from django.db import migrations

REPLACED = [
    ('''<b>Made to order in 10 working days</b>, 13 for suede, with a free
  remake if the size isn't right (within 30 days of delivery).</p>''',
     '''<b>Made to order</b>: the ship date on this page comes from our
  workshop's queue (suede waits 3 more working days for its hide), with a free remake if the size isn't right
  (within 30 days of delivery).</p>'''),
    ('''<b>Made to order in 15 working days</b>, 19 with
  ash mudguards and 20 with 8-speed gearing, with a 10-year warranty on the frame and fork and a free first
  service.</p>''',
     '''<b>Made to order</b>: the ship date on this
  page comes from our workshop's queue (ash mudguards wait 4 more working days for their wood, 8-speed gearing 5 for
  its parts), with a 10-year warranty on the frame and fork and a free first service.</p>'''),
    ('''<b>Made to order in 12 working days</b>, or 19 with a
  walnut top, with a 10-year warranty on the frame and 5 years on the motors.</p>''',
     '''<b>Made to order</b>: the ship date on this page comes
  from our workshop's queue (a walnut top waits 7 more working days for its wood), with a 10-year warranty on the
  frame and 5 years on the motors.</p>'''),
]


def without_fixed_lead_times(apps, schema_editor):
    Product = apps.get_model("catalogue", "Product")
    for old, new in REPLACED:
        for product in Product.objects.filter(description__contains=old):
            product.description = product.description.replace(old, new)
            product.save(update_fields=["description"])


class Migration(migrations.Migration):

    dependencies = [
        ('production', '0004_express_slots'),
        ('catalogue', '0032_category_exclude_from_menu_category_long_description'),
    ]

    operations = [
        migrations.RunPython(without_fixed_lead_times, migrations.RunPython.noop),
    ]
