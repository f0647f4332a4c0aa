"""Configuration events: what shoppers do in the configurator, written cheaply (one insert, or one batch) and
without personal data.

A configurator session is a random token (``configurator.tracking``) minted when the configurator page opens; it
links events only to each other. The configurator page and API report ``started``, ``completed``, ``saved`` and
``basket`` (the ``configuration_event`` signal); the browser reports ``chosen`` and ``blocked`` (an option tried while
unavailable: the rule that blocked it is worked out here, from the model, not taken from the browser); the fact
writer records ``ordered`` for the sessions that put an ordered configuration in a basket.
"""

from django.core.cache import cache
from django.utils import timezone

from configurator.compiled import compiled_model
from configurator.demand.models import ConfigurationEvent, EventKind
from configurator.tracking import session_of

ONCE_PER_SESSION = (EventKind.STARTED, EventKind.COMPLETED)
ONCE_FOR = 6 * 3600  # seconds a once-per-session event is remembered in the cache
STEP_LIMIT = "Step limit"  # why an option was blocked when no rule but the step's maximum is involved
EARLY_ACCESS = "Early access"


def record_event(*, session, version, kind, option="", rule="", configuration=""):
    """Write one event of a session (nothing without a valid session; ``started`` and ``completed`` once)."""
    if session_of(session) is None:
        return None
    if kind in ONCE_PER_SESSION and not cache.add(f"demand:{kind}:{session}", 1, ONCE_FOR):
        return None
    return ConfigurationEvent.objects.create(session=session, configurable_id=version.configurable_id,
                                             version=version.number, kind=kind, option=option[:60], rule=rule[:160],
                                             configuration=configuration, at=timezone.now())


def record_browser_events(*, session, version, events, withheld=None):
    """Write what the browser reported (``events``: already checked dicts of kind ``chosen`` or ``blocked``, with
    ``option`` and, for blocked, the ``selection`` it was tried with) in one batch. Returns the rows."""
    now = timezone.now()
    rows = []
    for event in events:
        rule = blocking_rule(version, event["selection"], event["option"], withheld) \
            if event["kind"] == EventKind.BLOCKED else ""
        rows.append(ConfigurationEvent(session=session, configurable_id=version.configurable_id,
                                       version=version.number, kind=event["kind"], option=event["option"],
                                       rule=rule[:160], at=now))
    return ConfigurationEvent.objects.bulk_create(rows)


def blocking_rule(version, selection, code, withheld=None):
    """The name of the rule (or rules, joined by " + ") that make ``code`` unavailable with ``selection``: the rules
    broken by a minimal set of choices that rule it out. ``Step limit`` when only the step's maximum is in the way,
    ``Early access`` when the option is not open to this shopper yet, "" when it is in fact available."""
    if withheld and code in withheld:
        return EARLY_ACCESS
    compiled = compiled_model(version)
    chosen = set(compiled.selection(selection, withheld=withheld).options)
    evaluation = compiled.evaluate(sorted(chosen), withheld=withheld)
    # the rules the option would break with what is chosen and what the choices already force
    broken = _broken_rules(compiled, chosen | evaluation.forced | {code})
    if broken:
        return broken
    blockers = compiled.explain(sorted(chosen), code, withheld=withheld)
    if not blockers:
        return ""
    broken = _broken_rules(compiled, set(blockers) | {code})
    if broken:
        return broken
    group = compiled.model.group_of(code)
    if set(blockers) <= {option.code for option in group.options}:
        return STEP_LIMIT
    # chained rules: name the rules that mention the option and one of the choices in the way
    involved = [rule.name for rule in compiled.model.rules if code in rule.codes() and rule.codes() & set(blockers)]
    return " + ".join(involved) or "Combined rules"


def _broken_rules(compiled, options):
    return " + ".join(rule.name for rule in compiled.model.rules if not rule.holds(options))


def record_ordered(*, configuration_codes, versions):
    """The sessions that put these configurations in a basket ordered them (``versions``: {code: ModelVersion})."""
    if not configuration_codes:
        return []
    now = timezone.now()
    seen = set()
    rows = []
    for session, code in (ConfigurationEvent.objects.filter(kind=EventKind.BASKET,
                                                            configuration__in=configuration_codes)
                          .values_list("session", "configuration")):
        if session in seen:
            continue
        seen.add(session)
        version = versions[code]
        rows.append(ConfigurationEvent(session=session, configurable_id=version.configurable_id,
                                       version=version.number, kind=EventKind.ORDERED, configuration=code, at=now))
    return ConfigurationEvent.objects.bulk_create(rows)
