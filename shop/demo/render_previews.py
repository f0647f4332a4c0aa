"""Render the layered previews of the demo feature models, to look at them while drawing.

Each picture is composed exactly as the store composes it (``configurator.preview.compose_preview``: the base
drawing, the chosen options' layers lowest order first, every drawing rebuilt by the SVG check).
``main()`` writes each product's default configuration, and a few alternative
configurations, to /tmp/previews/<upc>[-<name>].svg and, when Playwright and Debian's chromium are available,
screenshots them to PNG next to the SVGs.

Run ``python -m shop.demo.render_previews`` (add ``--defaults-only`` to skip the alternatives).
"""

import sys
from pathlib import Path

from configurator.preview import compose_preview, default_codes  # pure Python: no Django set-up needed
from shop.demo.feature_models import FEATURE_MODELS

try:  # Playwright comes with the test tools (requirements-test.txt) only
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover
    sync_playwright = None

OUT_DIR = Path("/tmp/previews")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

# Alternative configurations to check: swaps applied to the defaults (old code -> new code), "+" adds options.
ALTERNATIVES = {
    "ATL-SNK-001": {
        "suede-navy": {"upper_leather": "upper_suede", "colour_terracotta": "colour_navy", "sole_white": "sole_gum",
                       "laces_chalk": "laces_mustard"},
        "canvas-vegan": {"upper_leather": "upper_canvas", "colour_terracotta": "colour_forest",
                         "lining_calf": "lining_vegan", "toe_same": "toe_none", "sole_white": "sole_black"},
        "leather-chalk": {"colour_terracotta": "colour_chalk", "laces_chalk": "laces_navy", "sole_white": "sole_gum",
                          "+": ["extra_reflective_tab"]},
        "contrast-toe": {"colour_terracotta": "colour_sage", "toe_same": "toe_contrast_leather",
                         "laces_chalk": "laces_terracotta"},
    },
    "ATL-BIK-001": {
        "commuter": {"frame_sage": "frame_harbour_blue", "hub_3speed": "hub_8speed", "rack_none": "rack_rear",
                     "lights_battery": "lights_dynamo", "hub_front_standard": "hub_front_dynamo",
                     "brakes_rim": "brakes_disc", "bell_brass": "bell_chrome"},
        "market": {"frame_sage": "frame_terracotta", "rack_none": "rack_front", "mudguards_steel": "mudguards_wood",
                   "bell_brass": "bell_black", "+": ["basket_willow"]},
        "sport": {"frame_sage": "frame_chalk", "hub_3speed": "derailleur_8speed", "brakes_rim": "brakes_disc",
                  "mudguards_steel": "mudguards_none", "rack_none": "rack_front", "lights_battery": "lights_none",
                  "+": ["basket_crate"]},
        "single": {"frame_sage": "frame_mustard", "hub_3speed": "single_speed", "mudguards_steel": "mudguards_none",
                   "lights_battery": "lights_none"},
        "graphite": {"frame_sage": "frame_graphite", "rack_none": "rack_rear"},
    },
    "ATL-DSK-001": {
        "walnut": {"top_oak": "top_walnut", "frame_black": "frame_white", "height_standard": "height_extended",
                   "+": ["keypad_memory"]},
        "lino": {"top_oak": "top_lino_olive", "frame_black": "frame_aluminium", "motor_dual": "motor_single",
                 "+": ["cable_tray_spine"]},
        "bamboo": {"top_oak": "top_bamboo", "+": ["castors_locking"]},
        "office": {"top_oak": "top_lino_charcoal", "+": ["cable_tray_steel", "keypad_memory", "castors_locking"]},
        "mushroom": {"top_oak": "top_lino_mushroom", "frame_black": "frame_white"},
    },
}


def alternative_codes(upc, definition):
    """(name, codes) for each alternative configuration of a product."""
    for name, changes in ALTERNATIVES.get(upc, {}).items():
        yield name, [changes.get(code, code) for code in default_codes(definition)] + changes.get("+", [])


def write_svgs(defaults_only=False):
    """Write the SVG files; returns their paths."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    paths = []
    for upc, definition in FEATURE_MODELS.items():
        configurations = [("", default_codes(definition))]
        if not defaults_only:
            configurations += list(alternative_codes(upc, definition))
        for name, codes in configurations:
            path = OUT_DIR / (f"{upc}-{name}.svg" if name else f"{upc}.svg")
            path.write_text(compose_preview(definition, set(codes)), encoding="utf-8")
            paths.append(path)
    return paths


def to_png(svg_paths):
    """Screenshot each SVG at 800 x 600 with headless chromium; returns the PNG paths ([] without Playwright)."""
    if sync_playwright is None or not Path(CHROMIUM).exists():
        return []
    pngs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 800, "height": 600})
            for svg_path in svg_paths:
                svg = svg_path.read_text(encoding="utf-8").replace("<svg ", '<svg width="800" height="600" ', 1)
                page.set_content(f'<!doctype html><html><body style="margin:0">{svg}</body></html>')
                png = svg_path.with_suffix(".png")
                page.screenshot(path=str(png), clip={"x": 0, "y": 0, "width": 800, "height": 600})
                pngs.append(png)
        finally:
            browser.close()
    return pngs


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    svgs = write_svgs(defaults_only="--defaults-only" in argv)
    pngs = to_png(svgs)
    for path in pngs or svgs:
        print(path)


if __name__ == "__main__":
    main()
