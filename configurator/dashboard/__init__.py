"""Dashboard → Feature models: merchandisers edit the draft feature models, publish them and retire versions
(an Oscar dashboard app, see apps.py)."""
