from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test import override_settings

from shop.demo.demand import seed_demo_demand
from shop.demo.orders import seed_demo_orders
from shop.demo.returns import seed_demo_returns
from shop.demo.seed import DEMO_USERS, seed_demo
from shop.demo.support import seed_demo_requests
from shop.loyalty.services import refresh_all_standings


class Command(BaseCommand):
    help = "Create the demo store (catalogue, staff roles, demo users, content pages). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--logins", action="store_true", help="Only print the demo logins.")
        parser.add_argument("--demo-orders", action="store_true",
                            help="Also place the demo customer's orders, at every stage of production (once).")

    def handle(self, *args, logins=False, demo_orders=False, **options):
        if logins:
            self.print_logins()
            return
        seed_demo(stdout=self.stdout)
        if demo_orders:
            placed = seed_demo_orders()
            self.stdout.write(f"Demo orders: {placed} placed." if placed else "Demo orders: already there.")
            opened = seed_demo_requests()
            self.stdout.write(f"Demo support requests: {opened} opened." if opened else
                              "Demo support requests: already there.")
            returned = seed_demo_returns()
            self.stdout.write(f"Demo returns: {returned} returns, with remakes, store credit and goodwill." if returned
                              else "Demo returns: already there.")
            facts = seed_demo_demand()
            self.stdout.write(f"Demand: a year of history, {facts} ordered options." if facts else
                              "Demand: history already there.")
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                customers = refresh_all_standings()  # the demo orders' customers, by tier (Sam is a regular)
            self.stdout.write(f"Loyalty: {customers} customer{'s' if customers != 1 else ''} by tier.")
        # The catalogue listing is served from the Whoosh index: rebuild it from the database.
        call_command("rebuild_index", interactive=False, verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo store seeded and search index rebuilt."))

    def print_logins(self):
        self.stdout.write("  Demo logins (sign in at /shop/accounts/login/):")
        for user in DEMO_USERS:
            role = user.role or ("Administrator" if user.superuser else "Shopper")
            self.stdout.write(f"    {role:22}{user.email:30}{user.password}")
