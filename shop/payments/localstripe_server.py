"""Run localstripe, the stateful fake Stripe server, bound to loopback only.

localstripe's own command binds every interface and keeps its state in /tmp/localstripe.pickle.
This wrapper serves the same aiohttp application on 127.0.0.1 and, unless --persist is given, keeps
its state in memory only (tests start one per session on a free port). It also honours Stripe's
``Idempotency-Key`` header on POST, which localstripe ignores: a request sent again with the same key and
the same parameters gets the first answer back and changes nothing; other parameters get Stripe's 400.

    python -m shop.payments.localstripe_server [--port 8420] [--persist]
"""

import argparse
import logging
import socket
import sys

from aiohttp import web
from localstripe.resources import store
from localstripe.server import app

ANSWERS = {}  # Idempotency-Key → (the request's parameters, status, body, content type)


@web.middleware
async def idempotency(request, handler):
    key = request.headers.get("Idempotency-Key")
    if request.method != "POST" or not key:
        return await handler(request)
    parameters = await request.read()
    if key in ANSWERS:
        sent, status, body, content_type = ANSWERS[key]
        if sent != parameters:
            return web.json_response({"error": {"type": "idempotency_error", "message": (
                "Keys for idempotent requests can only be used with the same parameters they were first used "
                "with.")}}, status=400)
        return web.Response(status=status, body=body, content_type=content_type)
    response = await handler(request)
    if response.status < 500:
        ANSWERS[key] = (parameters, response.status, response.body, response.content_type)
    return response


def port_in_use(host, port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex((host, port)) == 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", choices=["127.0.0.1", "localhost"])
    parser.add_argument("--port", type=int, default=8420)
    parser.add_argument("--persist", action="store_true", help="keep state across restarts, as localstripe does")
    args = parser.parse_args(argv)

    if port_in_use(args.host, args.port):
        print(f"localstripe: something already listens on {args.host}:{args.port}; using it.", file=sys.stderr)
        return 0

    if args.persist:
        store.try_load_from_disk()
    else:
        store.dump_to_disk = lambda: None  # in-memory only: two servers never share a pickle file

    app.middlewares.append(idempotency)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    print(f"localstripe listening on http://{args.host}:{args.port}/", file=sys.stderr, flush=True)
    web.run_app(app, host=args.host, port=args.port, print=None, access_log=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
