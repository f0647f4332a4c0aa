"""Values read from a URL's query string, parsed strictly.

``str.isdigit()`` is true for “¹” and “²”, which ``int()`` refuses (a 500), and ``int()`` accepts “٣” and
“ 7 ”; an id in a URL is ASCII digits and nothing else.
"""

import re

_ID = re.compile(r"[0-9]{1,18}")  # 18 digits always fit a 64-bit database id


def id_param(text):
    """The id written in ``text``, or None when it is not one."""
    return int(text) if isinstance(text, str) and _ID.fullmatch(text) else None
