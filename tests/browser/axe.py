"""axe-core in the browser tests: which accessibility rules a page breaks, as a shopper's screen reader would meet them.

axe-core is vendored (tests/browser/vendor/axe-core, as published on the npm registry) and injected through the
DevTools protocol, so the page's Content-Security-Policy, which forbids inline script, does not apply to it.
"""

from pathlib import Path

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")

# WCAG 2.1 A and AA plus axe's best practices; a page passes with no critical or serious violation, and with one
# main landmark (a moderate rule, named in the issue: a screen reader's "skip to main content" needs it).
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING_IMPACTS = {"critical", "serious"}
ALSO_REQUIRED = {"landmark-one-main"}

RUN_AXE = """async (tags) => {
    const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map(
            n => n.target.join(" ") + " :: " + (n.failureSummary || "").split("\\n").join(" "))
    }));
}"""


def violations(page):
    """The critical and serious axe violations of the page as it is now (plus a missing main landmark)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE + "\n;undefined")
    found = page.evaluate(RUN_AXE, RULE_TAGS)
    return [v for v in found if v["impact"] in BLOCKING_IMPACTS or v["id"] in ALSO_REQUIRED]


def describe(found):
    return "\n".join(f"- {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in found)


class Audit:
    """Checks page after page and reports every violation of every page at the end, not only the first."""

    def __init__(self):
        self.findings = []

    def check(self, page, what):
        found = violations(page)
        if found:
            self.findings.append(f"on {what} ({page.url}):\n{describe(found)}")

    def assert_clean(self):
        assert not self.findings, "axe-core finds\n" + "\n".join(self.findings)
