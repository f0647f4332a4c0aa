"""Atelier's configuration engine: pure Python, no Django; PySAT's Glucose 4.1 underneath (``engine.SOLVER``).

Scripting it::

    from configurator.engine import from_dimacs
    model = from_dimacs(open("model.dimacs").read())   # variable N -> group xN, options xN=1 / xN=0
    state = model.evaluate({"x1=1"})
    state.completable, state.available, state.forced    # bool, set of option codes, set of option codes
    model.explain({"x1=1"}, "x2=1")                    # minimal list of chosen codes ruling x2=1 out

Building a model by hand::

    from configurator.engine import FeatureModel, Group, Option, Requires, Excludes, compile_model
    model = compile_model(FeatureModel(groups=[...], rules=[Requires("carbon", "disc"), ...]))
    model.evaluate(["carbon"]).price.total

``evaluate`` answers for a partial selection: whether it can still be completed, which options are
still available (an option is available exactly when some valid complete configuration contains it
together with the current choices), which unchosen options are forced, and the price breakdown and
lead time. Input of a step that the other choices hide is dropped first, and named in ``.removed``
(``drop_hidden_inputs``: the one rule for hidden steps). ``validate`` checks a complete selection with
reasons; ``check_model`` runs the checks made before publishing. Answers depend only on the set of
choices, never on their order (``explain`` may be told which choices a shopper would change first: ``prefer``).
"""

from .checks import CONTRADICTION, DEAD_OPTION, FORCED_GROUP, UNSATISFIABLE, Problem, check_model
from .definition import model_from_definition
from .dimacs import feature_model_from_dimacs, from_dimacs, parse_dimacs
from .engine import CompiledModel, Evaluation, Validation, collector_paused
from .model import (
    CHOICE,
    MEASUREMENT,
    TEXT,
    All,
    Any,
    Constraint,
    Excludes,
    FeatureModel,
    Group,
    ModelError,
    Not,
    Opt,
    Option,
    PriceRule,
    Requires,
    as_condition,
    condition_to_json,
    offered_only,
)
from .pricing import PriceBreakdown, PriceLine, option_percent, price_breakdown
from .selection import Removal, Selection, SelectionError, drop_hidden_inputs, make_selection


def compile_model(model):
    """Compile a FeatureModel once; the result answers evaluate / explain / validate."""
    with collector_paused():
        return CompiledModel(model)


__all__ = [
    "CHOICE", "CONTRADICTION", "DEAD_OPTION", "FORCED_GROUP", "MEASUREMENT", "TEXT", "UNSATISFIABLE",
    "All", "Any", "CompiledModel", "Constraint", "Evaluation", "Excludes", "FeatureModel", "Group", "ModelError",
    "Not", "Opt", "Option", "PriceBreakdown", "PriceLine", "PriceRule", "Problem", "Removal", "Requires",
    "Selection", "SelectionError", "Validation", "as_condition", "check_model", "collector_paused", "compile_model",
    "condition_to_json",
    "drop_hidden_inputs", "feature_model_from_dimacs", "from_dimacs", "make_selection", "model_from_definition",
    "offered_only", "option_percent", "parse_dimacs", "price_breakdown",
]
