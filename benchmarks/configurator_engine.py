"""Benchmark of the configuration engine (configurator/engine) on generated feature models.

For random, satisfiable models (``generate.random_model``, about two rules per option, fixed seeds) of
100 / 500 / 1,500 / 5,000 options it measures, with ``time.perf_counter``:

* compile time: ``compile_model`` once per model (model generation is not timed);
* ``evaluate``: median and 90th percentile over N shopper-like partial selections
  (``generate.random_partial_selection``, seeded; selections are built before timing, only the
  ``evaluate`` call is timed), plus the mean share of options still available;
* ``explain``: median and p90 for one option, drawn at random among those unavailable under each
  selection (selections with no unavailable option are skipped; the sample count is reported, with
  how many explanations were empty, i.e. the option is dead whatever is chosen).

* the API's path: ``presenter.configuration_state`` (what ``POST /shop/api/configurator/state/`` answers: every
  step's options with status and reasons, price, ship date, preview) for the same selections, on the model published
  as a version of a throw-away product (created in a transaction that is rolled back), and the whole request through
  Django's test client (form, JSON); before, a worker's first ``compiled_model``: the first worker's (compiles and
  stores it in the shared store, the Django cache: Redis with ``REDIS_URL``) and a later worker's (loads it);
* ``from_dimacs`` on generated DIMACS text (``generate.random_dimacs``: 9,500 and 10,000 variables, three clauses of
  two or three literals per variable), best of three.

It prints Markdown tables, whether the targets (``configuration_state`` median < 50 ms at 1,500 options and < 300 ms
at 5,000; ``from_dimacs`` < 0.3 s at 9,500 variables) are met, and the Python / CPU info. It needs a migrated database
(``DATABASE_URL``, SQLite by default). Run from the repository root::

    .venv/bin/python benchmarks/configurator_engine.py [--sizes 100,500] [--samples 30] [--dimacs 9500,10000]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from configurator import compiled as compiled_store  # noqa: E402
from configurator.compiled import compiled_model, shared_key  # noqa: E402
from configurator.engine import Constraint, Excludes, compile_model, condition_to_json, from_dimacs  # noqa: E402
from configurator.engine.generate import random_dimacs, random_model, random_partial_selection  # noqa: E402
from configurator.models import ConfigurableProduct, ModelVersion  # noqa: E402
from configurator.presenter import configuration_state  # noqa: E402

DEFAULT_SIZES = (100, 500, 1500, 5000)
DEFAULT_DIMACS = (9500, 10000)
RULES_PER_OPTION = 2.0
MODEL_SEED = 1
SELECTION_SEED = 42
MAX_PICKS = 8
TARGET_SIZE, TARGET_MS = 1500, 50.0  # evaluate, and configuration_state
STATE_TARGETS = {1500: 50.0, 5000: 300.0}
DIMACS_TARGET = (9500, 0.3)


def percentile(values, share):
    """Nearest-rank percentile of a non-empty list (share in 0..1)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def timed(call, *args, **kwargs):
    start = time.perf_counter()
    result = call(*args, **kwargs)
    return result, (time.perf_counter() - start) * 1000.0


def definition_of(model):
    """The stored definition (JSON) of a generated FeatureModel, as a published version keeps it."""
    def rule(item):
        if isinstance(item, Excludes):
            return {"kind": "excludes", "name": item.name, "conditions": [condition_to_json(p) for p in item.parts]}
        if isinstance(item, Constraint):
            return {"kind": "constraint", "name": item.name, "condition": condition_to_json(item.condition)}
        return {"kind": "requires", "name": item.name, "if": condition_to_json(item.if_),
                "then": condition_to_json(item.then)}
    groups = [{"code": g.code, "label": f"Step {g.code}", "kind": g.kind, "required": g.required,
               "min_choices": g.min_choices, "max_choices": g.max_choices,
               "visible_when": None if g.visible_when is None else condition_to_json(g.visible_when),
               "options": [{"code": o.code, "label": f"Option {o.code}", "price_delta": str(o.price_delta)}
                           for o in g.options]}
              for g in model.groups]
    return {"name": model.name, "base_price": str(model.base_price), "groups": groups,
            "rules": [rule(item) for item in model.rules], "price_rules": []}


def published(model, slug):
    """A public product with the model as its current version (inside the caller's transaction)."""
    product = get_model("catalogue", "Product").objects.create(
        title=f"Benchmark {slug}", slug=slug, upc=slug.upper(), is_public=True,
        product_class=get_model("catalogue", "ProductClass").objects.get_or_create(
            slug="made-to-order", defaults={"name": "Made to order"})[0])
    configurable = ConfigurableProduct.objects.create(product=product)
    return ModelVersion.objects.create(configurable=configurable, number=1, definition=definition_of(model),
                                       is_current=True)


def bench(size, samples, client):
    model = random_model(options=size, rules_per_option=RULES_PER_OPTION, seed=MODEL_SEED + size)
    compiled, compile_ms = timed(compile_model, model)
    codes = [option.code for group in model.groups for option in group.options]
    rng = random.Random(SELECTION_SEED + size)
    selections = [random_partial_selection(compiled, rng, max_picks=MAX_PICKS) for _ in range(samples)]
    evaluate_ms, explain_ms, shares, empty = [], [], [], 0
    for chosen in selections:
        evaluation, elapsed = timed(compiled.evaluate, chosen)
        evaluate_ms.append(elapsed)
        if not evaluation.completable:
            raise RuntimeError(f"{size} options: selection {sorted(chosen)} is not completable")
        shares.append(len(evaluation.available) / len(codes))
        unavailable = sorted(set(codes) - evaluation.available)
        if not unavailable:
            continue
        target = rng.choice(unavailable)
        reasons, elapsed = timed(compiled.explain, chosen, target)
        explain_ms.append(elapsed)
        empty += not reasons  # [] means the option is dead: unavailable whatever is chosen
    state_ms, api_ms, workers = bench_state(model, selections, client)
    return {
        "options": len(codes), "rules": len(model.rules), "compile": compile_ms,
        "eval_med": statistics.median(evaluate_ms), "eval_p90": percentile(evaluate_ms, 0.9),
        "expl_med": statistics.median(explain_ms) if explain_ms else None,
        "expl_p90": percentile(explain_ms, 0.9) if explain_ms else None,
        "available": statistics.mean(shares), "samples": f"{len(evaluate_ms)} / {len(explain_ms)} ({empty} empty)",
        "state_med": statistics.median(state_ms), "state_p90": percentile(state_ms, 0.9),
        "api_med": statistics.median(api_ms), "api_p90": percentile(api_ms, 0.9), **workers,
    }


def bench_state(model, selections, client):
    """configuration_state and POST state/ for each selection (ms), and a worker's first compiled_model (ms): the
    first worker's (compiles and stores) and a later worker's (loads what the first stored)."""
    slug = f"bench-engine-{len(model.option_codes)}"
    url = reverse("configurator:api-state")
    with transaction.atomic():
        version = published(model, slug)
        cache.delete(shared_key(version))
        compiled_store._cache.clear()  # pylint: disable=protected-access
        gc.collect()  # neither timing pays for garbage left by the one before
        _, compile_ms = timed(compiled_model, version)
        compiled_store._cache.clear()  # pylint: disable=protected-access
        gc.collect()
        _, load_ms = timed(compiled_model, version)
        cache.delete(shared_key(version))
        state_ms, api_ms = [], []
        for chosen in selections:
            order = sorted(chosen)
            _, elapsed = timed(configuration_state, version, options=order, order=order)
            state_ms.append(elapsed)
            answer, elapsed = timed(client.post, url, json.dumps({"product": slug, "options": order}),
                                    content_type="application/json")
            if answer.status_code != 200:
                raise RuntimeError(f"POST state/ answered {answer.status_code}: {answer.content[:200]!r}")
            api_ms.append(elapsed)
        transaction.set_rollback(True)
    return state_ms, api_ms, {"compile_ms": compile_ms, "load_ms": load_ms}


def bench_dimacs(variables):
    text = random_dimacs(variables, seed=variables)
    runs = []
    for _ in range(3):
        gc.collect()
        runs.append(timed(from_dimacs, text)[1] / 1000.0)
    return {"variables": variables, "clauses": text.count(" 0\n"), "best": min(runs), "median": statistics.median(runs)}


def ms(value):
    return "n/a" if value is None else f"{value:.2f}"


def table(header, rows):
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" for _ in header) + "|")
    for cells in rows:
        print("| " + " | ".join(map(str, cells)) + " |")
    print()


def verdict(value, target, unit):
    return f"{'MET' if value < target else 'NOT MET'} ({value:.2f} {unit})"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated option counts (default: %(default)s)")
    parser.add_argument("--samples", type=int, default=30, help="partial selections per size (default: 30)")
    parser.add_argument("--dimacs", default=",".join(map(str, DEFAULT_DIMACS)),
                        help="comma-separated DIMACS variable counts for from_dimacs (default: %(default)s)")
    args = parser.parse_args(argv)
    sizes = [int(part) for part in args.sizes.split(",") if part.strip()]
    dimacs = [int(part) for part in args.dimacs.split(",") if part.strip()]

    started = time.perf_counter()
    client = Client()
    rows = [bench(size, args.samples, client) for size in sizes]
    table(["options", "rules", "compile ms", "evaluate median ms", "evaluate p90 ms", "explain median ms",
           "explain p90 ms", "mean available", "samples (evaluate / explain, empty explanations)"],
          [[row["options"], row["rules"], ms(row["compile"]), ms(row["eval_med"]), ms(row["eval_p90"]),
            ms(row["expl_med"]), ms(row["expl_p90"]), f"{row['available']:.1%}", row["samples"]] for row in rows])
    table(["options", "evaluate median ms", "configuration_state median ms", "configuration_state p90 ms",
           "POST state/ median ms", "POST state/ p90 ms", "first worker: compile + store ms",
           "later worker: load ms"],
          [[row["options"], ms(row["eval_med"]), ms(row["state_med"]), ms(row["state_p90"]), ms(row["api_med"]),
            ms(row["api_p90"]), ms(row["compile_ms"]), ms(row["load_ms"])] for row in rows])
    print(f"Shared store of compiled models: {settings.CACHES['default']['BACKEND']}\n")
    dimacs_rows = [bench_dimacs(variables) for variables in dimacs]
    table(["DIMACS variables", "clauses", "from_dimacs best s", "from_dimacs median s"],
          [[row["variables"], row["clauses"], f"{row['best']:.3f}", f"{row['median']:.3f}"] for row in dimacs_rows])

    by_size = {row["options"]: row for row in rows}
    target = by_size.get(TARGET_SIZE)
    print(f"Target: evaluate median < {TARGET_MS:.0f} ms at {TARGET_SIZE:,} options: "
          + (verdict(target["eval_med"], TARGET_MS, "ms") if target else "not measured"))
    for size, limit in STATE_TARGETS.items():
        print(f"Target: configuration_state median < {limit:.0f} ms at {size:,} options: "
              + (verdict(by_size[size]["state_med"], limit, "ms") if size in by_size else "not measured"))
    done = {row["variables"]: row for row in dimacs_rows}
    print(f"Target: from_dimacs < {DIMACS_TARGET[1]} s at {DIMACS_TARGET[0]:,} variables: "
          + (verdict(done[DIMACS_TARGET[0]]["median"], DIMACS_TARGET[1], "s") if DIMACS_TARGET[0] in done
             else "not measured"))
    print(f"Python {platform.python_version()} ({platform.python_implementation()}) on {platform.platform()}; "
          f"CPU: {platform.processor() or platform.machine()}, {os.cpu_count()} logical cores")
    print(f"Seeds: model {MODEL_SEED}+size, selections {SELECTION_SEED}+size; max picks {MAX_PICKS}; "
          f"{RULES_PER_OPTION} rules/option; total run {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
