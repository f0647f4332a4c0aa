"""The permissions of the production dashboard: apps.py maps them to its URLs, the views show what they allow."""

VIEW_WORK_ORDERS = "production.view_workorder"
MOVE_WORK_ORDERS = "production.change_workorder"
