"""Run localstripe, the stateful fake Stripe server, bound to loopback only.

localstripe's own command binds every interface and keeps its state in /tmp/localstripe.pickle.
This wrapper serves the same aiohttp application on 127.0.0.1 and, unless --persist is given, keeps
its state in memory only (tests start one per session on a free port).

    python -m shop.payments.localstripe_server [--port 8420] [--persist]
"""

import argparse
import logging
import socket
import sys

from aiohttp import web
from localstripe.resources import store
from localstripe.server import app


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

    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    print(f"localstripe listening on http://{args.host}:{args.port}/", file=sys.stderr, flush=True)
    web.run_app(app, host=args.host, port=args.port, print=None, access_log=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
