"""Dashboard → Fulfilment → Production queue and Workshop capacity (an Oscar dashboard app, see apps.py)."""
