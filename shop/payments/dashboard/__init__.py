"""Dashboard → Fulfilment → Payments, and refunds from the order page (an Oscar dashboard app, see apps.py)."""
