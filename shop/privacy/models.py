"""Who on the staff opened a customer's personal data, and what: the access log customers get in their export."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class PersonalDataAccess(models.Model):
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    staff_name = models.CharField(max_length=150)
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="personal_data_accesses")
    email = models.EmailField(blank=True, help_text="The customer's e-mail (a guest's only identity).")
    what = models.CharField(max_length=120, help_text='What was opened: "Support request R-10042", "Order 100023".')
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "personal data accesses"
        permissions = [("export_personal_data", "Can export a customer's personal data")]

    def __str__(self):
        return f"{self.staff_name} opened {self.what} ({self.at:%Y-%m-%d %H:%M})"


class ErasureRequest(models.Model):
    """A customer asked for their account to be erased: it happens when the grace period is over
    (``settings.PRIVACY_ERASURE_GRACE_DAYS``, 14), unless they cancel before."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="erasure_requests")
    requested_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    carried_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return f"Erasure of {self.user} due {self.due_at:%Y-%m-%d}"

    @property
    def is_pending(self):
        return self.cancelled_at is None and self.carried_out_at is None
