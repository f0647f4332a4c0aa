from django.db import models


class PendingTask(models.Model):
    """A Celery task that could not be sent (or failed when run in-process): sent again by `drain_outbox`."""

    task_name = models.CharField(max_length=255)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.task_name}{tuple(self.args)} ({self.attempts} attempt(s))"
