"""Parallel requests against the served store (pytest-django's live_server), as a busy shop gets them.

`Visitor` is one browser: a requests.Session that can share the session of a Django test client (so a test can
prepare a checkout with the test client, then let several "tabs" pay at once). `in_parallel` starts callables
together behind a barrier and returns what each answered.
"""

import threading

import requests


class Visitor:
    def __init__(self, live_server, client=None):
        self.base = live_server.url
        self.http = requests.Session()
        if client is not None and "sessionid" in client.cookies:
            self.http.cookies.set("sessionid", client.cookies["sessionid"].value)

    def csrf_token(self, page="/shop/basket/"):
        if "csrftoken" not in self.http.cookies:
            self.get(page)
        return self.http.cookies["csrftoken"]

    def get(self, path, **kwargs):
        return self.http.get(self.base + path, timeout=60, allow_redirects=False, **kwargs)

    def post(self, path, data=None, json=None, **kwargs):
        headers = {"X-CSRFToken": self.csrf_token(), "Referer": self.base + path, **kwargs.pop("headers", {})}
        if data is not None:
            data = {"csrfmiddlewaretoken": headers["X-CSRFToken"], **data}
        return self.http.post(self.base + path, data=data, json=json, headers=headers, timeout=60,
                              allow_redirects=False, **kwargs)


def in_parallel(*calls, timeout=120):
    """Run the callables at the same moment, each in its own thread; returns their results (or exceptions)."""
    start = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            start.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001  the test inspects every outcome
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results
