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

It prints a Markdown table, whether the target (evaluate median < 50 ms at 1,500 options) is met,
and the Python / CPU info. Run from the repository root::

    .venv/bin/python benchmarks/configurator_engine.py [--sizes 100,500] [--samples 30]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from configurator.engine import compile_model  # noqa: E402
from configurator.engine.generate import random_model, random_partial_selection  # noqa: E402

DEFAULT_SIZES = (100, 500, 1500, 5000)
RULES_PER_OPTION = 2.0
MODEL_SEED = 1
SELECTION_SEED = 42
MAX_PICKS = 8
TARGET_SIZE, TARGET_MS = 1500, 50.0


def percentile(values, share):
    """Nearest-rank percentile of a non-empty list (share in 0..1)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def timed(call, *args):
    start = time.perf_counter()
    result = call(*args)
    return result, (time.perf_counter() - start) * 1000.0


def bench(size, samples):
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
    return {
        "options": len(codes), "rules": len(model.rules), "compile": compile_ms,
        "eval_med": statistics.median(evaluate_ms), "eval_p90": percentile(evaluate_ms, 0.9),
        "expl_med": statistics.median(explain_ms) if explain_ms else None,
        "expl_p90": percentile(explain_ms, 0.9) if explain_ms else None,
        "available": statistics.mean(shares), "samples": f"{len(evaluate_ms)} / {len(explain_ms)} ({empty} empty)",
    }


def ms(value):
    return "n/a" if value is None else f"{value:.2f}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated option counts (default: %(default)s)")
    parser.add_argument("--samples", type=int, default=30, help="partial selections per size (default: 30)")
    args = parser.parse_args(argv)
    sizes = [int(part) for part in args.sizes.split(",") if part.strip()]

    started = time.perf_counter()
    rows = [bench(size, args.samples) for size in sizes]
    header = ["options", "rules", "compile ms", "evaluate median ms", "evaluate p90 ms", "explain median ms",
              "explain p90 ms", "mean available", "samples (evaluate / explain, empty explanations)"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" for _ in header) + "|")
    for row in rows:
        cells = [row["options"], row["rules"], ms(row["compile"]), ms(row["eval_med"]), ms(row["eval_p90"]),
                 ms(row["expl_med"]), ms(row["expl_p90"]), f"{row['available']:.1%}", row["samples"]]
        print("| " + " | ".join(map(str, cells)) + " |")
    print()
    target = next((row for row in rows if row["options"] == TARGET_SIZE), None)
    if target is None:
        verdict = f"not measured (size {TARGET_SIZE} not in --sizes)"
    else:
        verdict = f"{'MET' if target['eval_med'] < TARGET_MS else 'NOT MET'} ({target['eval_med']:.2f} ms)"
    print(f"Target: evaluate median < {TARGET_MS:.0f} ms at {TARGET_SIZE:,} options: {verdict}")
    print(f"Python {platform.python_version()} ({platform.python_implementation()}) on {platform.platform()}; "
          f"CPU: {platform.processor() or platform.machine()}, {os.cpu_count()} logical cores")
    print(f"Seeds: model {MODEL_SEED}+size, selections {SELECTION_SEED}+size; max picks {MAX_PICKS}; "
          f"{RULES_PER_OPTION} rules/option; total run {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
