"""The permissions of the payments dashboard, mapped to its URLs by apps.py."""

VIEW_PAYMENTS = "payments.view_stripepayment"
REFUND_PAYMENTS = "payments.add_paymentrefund"
