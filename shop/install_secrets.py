"""Per-install secrets for development: generated once into the data directory, never a published constant.

With DEBUG on and a secret missing from the environment, settings read it from ``<DATA_DIR>/secrets.json``
(mode 0600), generating every missing one with ``secrets.token_urlsafe`` the first time. Several processes start
at once (runserver and its autoreloader, celery, a management command): the file is only ever replaced whole
(written to a private temporary file, then ``os.replace``), and a writer holds an exclusive ``flock`` on a lock
file while it reads, adds and replaces, so every process ends up with the same values. Imports nothing from
Django (settings import it).
"""

import fcntl
import json
import os
import secrets
from pathlib import Path

SECRETS_FILE = "secrets.json"


def _read(path):
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        return {}


def install_secret(data_dir, name, *, generate=lambda: secrets.token_urlsafe(50)):
    """This install's value of secret ``name``, created (and kept in ``data_dir``) on first use."""
    path = Path(data_dir) / SECRETS_FILE
    known = _read(path)
    if name in known:
        return known[name]
    lock_fd = os.open(path.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX)
        known = _read(path)  # another process may have written it while we waited
        if name not in known:
            known[name] = generate()
            temporary = path.with_name(f".{SECRETS_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                json.dump(known, out, indent=2)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        return known[name]
    finally:
        os.close(lock_fd)  # releases the lock
