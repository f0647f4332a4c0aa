"""Background work that never fails the request that asked for it.

`dispatch(task, *args)` sends a Celery task; `dispatch_on_commit(task, *args)` does so once the current transaction
commits. When the broker (Redis) does not answer, or the task fails when run eagerly, the call is kept as a
`PendingTask` row and the caller carries on: the order is placed, the page answers. `drain_outbox` (Celery beat,
every minute, or `manage.py drain_outbox`) sends what waits once the broker is back; /healthz counts it.
"""
