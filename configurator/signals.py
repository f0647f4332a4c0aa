"""What the configurator tells the rest of the store (production listens; the configurator imports no listener)."""

from django.dispatch import Signal

# Sent inside the order's transaction, right after a placed order's configurations were frozen.
# Arguments: order, configurations (the OrderLineConfiguration rows just created).
configurations_frozen = Signal()

# Sent when a shopper does something in the configurator worth counting (``configurator.tracking.tell``).
# Arguments: session (a random token, never the shopper's), version, kind, option, configuration (a quote's code).
configuration_event = Signal()
