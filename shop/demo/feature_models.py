"""Feature models of the three made-to-order demo products, in the engine's definition schema.

Pure data (no Django): ``FEATURE_MODELS`` maps a product's UPC to the JSON-ready definition a published model
version stores (see ``configurator/engine/definition.py``), plus what the shop keeps per option: a ``swatch``
colour, a preview ``layer`` ({"order", "svg"}) and the bill of materials (``bom``) the workshop picks.

Previews are flat side views in a 800 x 600 viewBox, drawn in the palette of the product illustrations
(cream #F4EFE6, ink #1F2A37, terracotta #C8553D, sage #6B8F71, mustard #E0A458, navy #2F4858). The ``preview.base``
fragment is always drawn; each chosen option adds its layer, lowest ``order`` first. Fragments use only plain
shapes with fill and stroke attributes, so they pass ``configurator.svg.clean_svg``.
"""

# --- Building blocks -------------------------------------------------------------------------------------------------

INK, CREAM, PAPER = "#1F2A37", "#F4EFE6", "#FBF8F2"
TERRA, SAGE, MUSTARD, NAVY = "#C8553D", "#6B8F71", "#E0A458", "#2F4858"
SILVER, STEEL = "#C9CED3", "#56697A"
LINE = 'stroke="#1F2A37" stroke-width="3.5" stroke-linejoin="round"'
THIN = 'stroke="#1F2A37" stroke-width="2.5" stroke-linejoin="round"'
ROUND = 'fill="none" stroke-linecap="round" stroke-linejoin="round"'
BACKDROP = (f'<rect x="0" y="0" width="800" height="600" fill="{CREAM}"/>'
            '<circle cx="400" cy="300" r="228" fill="#ECE3D4"/>')


def _bom(*lines):
    """Bill-of-materials lines from (component, quantity, unit) triples."""
    return [{"component": component, "quantity": quantity, "unit": unit} for component, quantity, unit in lines]


def _option(code, label, *, price="0.00", lead=0, default=False, swatch=None, layer=None, bom=(),
            range_min=None, range_max=None):
    return {
        "code": code, "label": label, "price_delta": price, "lead_time_days": lead, "default": default,
        "active": True, "range_min": range_min, "range_max": range_max, "swatch": swatch,
        "layer": None if layer is None else {"order": layer[0], "svg": layer[1]}, "bom": _bom(*bom),
    }


def _choice(code, label, options, *, required=True, min_choices=1, max_choices=1, help_text="", visible_when=None):
    return {"code": code, "label": label, "kind": "choice", "required": required, "min_choices": min_choices,
            "max_choices": max_choices, "help_text": help_text, "visible_when": visible_when, "options": options}


def _measurement(code, label, *, unit, minimum, maximum, step, price_per_unit="0.00", options=(), help_text=""):
    return {"code": code, "label": label, "kind": "measurement", "required": True, "min_choices": 1,
            "max_choices": 1, "help_text": help_text, "visible_when": None, "unit": unit, "minimum": minimum,
            "maximum": maximum, "step": step, "price_per_unit": price_per_unit, "options": list(options)}


def _requires(name, if_, then):
    return {"kind": "requires", "name": name, "if": if_, "then": then}


def _excludes(name, *conditions):
    return {"kind": "excludes", "name": name, "conditions": list(conditions)}


def _price_rule(label, when, *, amount="0.00", percent="0"):
    return {"label": label, "when": when, "amount": amount, "percent": percent}


# --- The Atelier Sneaker ---------------------------------------------------------------------------------------------

SHOE_UPPER = ("M122 388C112 340 112 292 132 258C185 262 240 284 290 282C318 281 334 266 346 250L522 318"
              "C570 328 610 334 645 342C680 350 702 364 708 378C712 388 704 389 698 389Z")
SHOE_TONGUE = "M336 266C330 230 346 202 378 198C404 195 420 210 414 228C430 256 470 282 536 308L522 320Z"
SHOE_TOE = "M612 389C612 365 625 348 645 342C680 350 702 364 708 378C712 388 704 389 698 389Z"
# eyelet x, y and how far its lace reaches up the tongue (which drops towards the toe)
SHOE_EYELETS = (367, 267, 1), (396, 279, 0.92), (427, 291, 0.85), (459, 303, 0.73), (491, 316, 0.6)


def _shoe_upper(colour):
    eyelets = "".join(f'<circle cx="{x}" cy="{y}" r="3.5" fill="{PAPER}" stroke="{INK}" stroke-width="2"/>'
                      for x, y, _ in SHOE_EYELETS)
    return (
        f'<path d="{SHOE_TONGUE}" fill="{colour}" {LINE}/>'
        f'<path d="{SHOE_TONGUE}" fill="#FFFFFF" fill-opacity="0.22"/>'
        f'<path d="{SHOE_UPPER}" fill="{colour}" {LINE}/>'
        '<path d="M122 388C112 340 112 292 132 258C160 260 186 266 206 275C198 312 204 352 232 388Z" '
        f'fill="{INK}" fill-opacity="0.14" {LINE}/>'
        f'<path d="M232 352C330 332 430 318 548 324" {ROUND} stroke="{INK}" stroke-width="3"/>'
        f'<polygon points="346,250 522,318 511,346 335,278" fill="{INK}" fill-opacity="0.12" {LINE}/>'
        + eyelets
    )


def _shoe_laces(colour):
    laces = "".join(f"M{x} {y}L{x + 14 * k:.0f} {y - 26 * k:.0f}" for x, y, k in SHOE_EYELETS)
    bow = ("M372 246C350 236 326 230 330 216C334 204 358 214 372 246M372 246C378 220 394 204 406 212"
           "C416 220 398 236 372 246M372 246C366 262 358 276 352 290M372 246C380 262 386 272 392 288")
    return (f'<path d="{laces}{bow}" {ROUND} stroke="{INK}" stroke-width="9"/>'
            f'<path d="{laces}{bow}" {ROUND} stroke="{colour}" stroke-width="4.5"/>')


def _shoe_sole(midsole, tread, line):
    return (f'<rect x="118" y="402" width="588" height="24" rx="10" fill="{tread}" {LINE}/>'
            f'<rect x="106" y="376" width="612" height="34" rx="16" fill="{midsole}" {LINE}/>'
            f'<path d="M126 395H698" {ROUND} stroke="{line}" stroke-width="3"/>')


def _shoe_lining(colour):
    return (f'<path d="M134 262C170 244 236 252 292 266C318 272 334 258 352 244L352 290L134 290Z" fill="{colour}" '
            f'{LINE}/>')


SHOE_LEATHER = (
    f'<path d="M560 338C610 344 660 352 690 368" {ROUND} stroke="#FFFFFF" stroke-opacity="0.35" stroke-width="5"/>'
    f'<path d="M140 268C190 272 240 294 290 292C318 291 334 278 344 264M338 272L512 338" {ROUND} stroke="{PAPER}" '
    'stroke-opacity="0.75" stroke-width="2" stroke-dasharray="6 5"/>'
    f'<circle cx="166" cy="336" r="14" fill="{INK}" fill-opacity="0.08" stroke="{INK}" stroke-opacity="0.35" '
    'stroke-width="2"/>'
)
SHOE_SUEDE = (
    '<path d="M137 266H174M340 266H378M137 276H221M329 276H404M130 286H430M131 296H456M126 306H482M129 316H508'
    'M124 326H554M129 336H607M125 346H651M130 356H675M127 366H690" fill="none" stroke="#1F2A37" '
    'stroke-opacity="0.22" stroke-width="2.4" stroke-linecap="round" stroke-dasharray="0 7"/>'
    '<path d="M138 271H194M337 271H388M139 281H251M317 281H414M131 291H440M134 301H466M128 311H492M133 321H525'
    'M127 331H578M133 341H629M128 351H662M134 361H680M131 371H692" fill="none" stroke="#FFFFFF" '
    'stroke-opacity="0.22" stroke-width="2.4" stroke-linecap="round" stroke-dasharray="0 9"/>'
)
SHOE_CANVAS = (
    '<path d="M135 264H167M340 264H376M132 271H200M331 271H394M129 278H235M317 278H412M127 285H431M125 292H449'
    'M124 299H467M123 306H485M122 313H503M122 320H526M121 327H562M121 334H600M122 341H635M122 348H660M123 355H676'
    'M124 362H688M125 369H696M126 376H701" fill="none" stroke="#1F2A37" stroke-opacity="0.13" stroke-width="1.4" '
    'stroke-dasharray="5 3"/>'
    f'<path d="M140 268C190 272 240 294 290 292C318 291 334 278 344 264" {ROUND} stroke="{INK}" '
    'stroke-opacity="0.3" stroke-width="1.6" stroke-dasharray="4 4"/>'
)
SHOE_TOE_SEAM = (f'<path d="M612 389C612 365 625 348 645 342" {ROUND} stroke="{INK}" stroke-width="3"/>'
                 f'<path d="M623 386C623 369 633 358 648 353" {ROUND} stroke="{PAPER}" stroke-opacity="0.6" '
                 'stroke-width="2" stroke-dasharray="5 4"/>')
SHOE_TOE_CONTRAST = (f'<path d="{SHOE_TOE}" fill="{PAPER}" {LINE}/>'
                     f'<path d="M623 386C623 369 633 358 648 353" {ROUND} stroke="{INK}" stroke-opacity="0.5" '
                     'stroke-width="2" stroke-dasharray="5 4"/>')
SHOE_REFLECTIVE = (f'<path d="M111 300L137 298L139 372L114 374Z" fill="#D5DADF" {LINE}/>'
                   '<path d="M118 318L133 311M118 336L134 329M119 354L135 347" fill="none" stroke="#FFFFFF" '
                   'stroke-width="3" stroke-linecap="round"/>')

UPPER_COLOURS = [
    # code, label, swatch, dye / finish, thread
    ("colour_chalk", "Chalk", "#F2EDE3", "CHALK"),
    ("colour_sand", "Sand", "#D9C3A0", "SAND"),
    ("colour_terracotta", "Terracotta", TERRA, "TERRACOTTA"),
    ("colour_mustard", "Mustard", MUSTARD, "MUSTARD"),
    ("colour_sage", "Sage", SAGE, "SAGE"),
    ("colour_forest", "Forest green", "#2F5D46", "FOREST"),
    ("colour_navy", "Navy", NAVY, "NAVY"),
    ("colour_ink", "Ink black", "#2A2F36", "BLACK"),
]
LACE_COLOURS = [
    ("laces_chalk", "Chalk", PAPER, "CHALK"),
    ("laces_ink", "Ink black", "#2A2F36", "BLACK"),
    ("laces_terracotta", "Terracotta", TERRA, "TERRACOTTA"),
    ("laces_mustard", "Mustard", MUSTARD, "MUSTARD"),
    ("laces_sage", "Sage", SAGE, "SAGE"),
    ("laces_navy", "Navy", NAVY, "NAVY"),
]

SNEAKER = {
    "name": "The Atelier Sneaker",
    "base_price": "149.00",
    "base_lead_time_days": 10,
    "preview": {
        "viewbox": "0 0 800 600",
        "base": (BACKDROP + '<ellipse cx="412" cy="432" rx="305" ry="13" fill="#5C4834" fill-opacity="0.16"/>'
                 f'<rect x="117" y="226" width="30" height="46" rx="8" fill="{MUSTARD}" {LINE}/>'),
    },
    "groups": [
        _choice("size", "Size", [
            _option(f"size_{n}", f"EU {n}", default=n == 42,
                    bom=[(f"INSOLE-BOARD-EU{n}", "1", "pair"), (f"HEEL-COUNTER-EU{n}", "1", "pair")])
            for n in range(36, 48)
        ], help_text="Whole EU sizes, medium width. Between sizes? Take the larger one; a free remake if it's wrong."),
        _choice("upper_material", "Upper material", [
            _option("upper_leather", "Full-grain leather", default=True, layer=(25, SHOE_LEATHER),
                    bom=[("HIDE-CALF-VEGTAN-CRUST", "0.35", "m2"), ("TOE-PUFF-THERMO", "1", "pair")]),
            _option("upper_suede", "Suede", lead=3, layer=(25, SHOE_SUEDE),
                    bom=[("HIDE-CALF-SUEDE-CRUST", "0.38", "m2"), ("TOE-PUFF-THERMO", "1", "pair"),
                         ("SUEDE-PROOFING-SPRAY", "0.02", "l")]),
            _option("upper_canvas", "Organic cotton canvas", price="-10.00", layer=(25, SHOE_CANVAS),
                    bom=[("CANVAS-ORGANIC-14OZ", "0.45", "m2"), ("INTERLINING-COTTON-TWILL", "0.45", "m2")]),
        ], help_text="Suede adds 3 days: it is brushed and proofed by hand."),
        _choice("upper_colour", "Upper colour", [
            _option(code, label, default=code == "colour_terracotta", swatch=swatch, layer=(20, _shoe_upper(swatch)),
                    bom=[(f"DYE-AQUEOUS-{finish}", "0.04", "l"), (f"THREAD-BONDED-40-{finish}", "30", "m")])
            for code, label, swatch, finish in UPPER_COLOURS
        ], help_text="Not every colour is made in every material: suede has no chalk, mustard is a leather and suede "
                     "colour, forest green comes in suede and canvas."),
        _choice("toe_cap", "Toe cap", [
            _option("toe_same", "Same as the upper", default=True, layer=(30, SHOE_TOE_SEAM),
                    bom=[("THREAD-BONDED-40-NATURAL", "4", "m")]),
            _option("toe_contrast_leather", "Contrast toe cap in chalk leather", price="12.00",
                    swatch="#FBF8F2", layer=(30, SHOE_TOE_CONTRAST),
                    bom=[("HIDE-CALF-VEGTAN-CHALK", "0.05", "m2"), ("THREAD-BONDED-40-CHALK", "6", "m")]),
            _option("toe_none", "No toe cap (plain vamp)", price="-5.00"),
        ]),
        _choice("sole", "Sole", [
            _option("sole_white", "White natural rubber", default=True, swatch="#FBF8F2",
                    layer=(40, _shoe_sole(PAPER, NAVY, SAGE)),
                    bom=[("SOLE-CUPSOLE-WHITE", "1", "pair"), ("THREAD-WAXED-LINEN-8", "4", "m")]),
            _option("sole_gum", "Natural gum rubber", price="10.00", swatch="#C58B4C",
                    layer=(40, _shoe_sole("#C58B4C", "#8A5A3B", "#8A5A3B")),
                    bom=[("SOLE-CUPSOLE-GUM", "1", "pair"), ("THREAD-WAXED-LINEN-8", "4", "m")]),
            _option("sole_black", "Black natural rubber", swatch="#2A2F36",
                    layer=(40, _shoe_sole("#2A2F36", "#11161D", STEEL)),
                    bom=[("SOLE-CUPSOLE-BLACK", "1", "pair"), ("THREAD-WAXED-LINEN-8", "4", "m")]),
        ], help_text="Stitched as well as glued, so we can resole them."),
        _choice("laces", "Laces", [
            _option(code, label, default=code == "laces_chalk", swatch=swatch, layer=(50, _shoe_laces(swatch)),
                    bom=[(f"LACE-WAXED-COTTON-120-{finish}", "1", "pair")])
            for code, label, swatch, finish in LACE_COLOURS
        ]),
        _choice("lining", "Lining", [
            _option("lining_calf", "Soft calf leather", default=True, swatch="#C69A6B",
                    layer=(15, _shoe_lining("#C69A6B")),
                    bom=[("HIDE-CALF-LINING-NATURAL", "0.30", "m2"), ("FOOTBED-CORK-LATEX", "1", "pair")]),
            _option("lining_vegan", "Vegan microfibre", swatch="#8E979C", layer=(15, _shoe_lining("#8E979C")),
                    bom=[("MICROFIBRE-LINING-GREY", "0.30", "m2"), ("FOOTBED-CORK-LATEX", "1", "pair")]),
        ], help_text="The vegan build: canvas upper, microfibre lining and no leather anywhere."),
        _choice("extras", "Extras", [
            _option("extra_reflective_tab", "Reflective heel tab", price="8.00", layer=(45, SHOE_REFLECTIVE),
                    bom=[("TAPE-REFLECTIVE-20MM", "0.12", "m")]),
            _option("extra_spare_laces", "Spare pair of laces", price="6.00",
                    bom=[("LACE-WAXED-COTTON-120-CHALK", "1", "pair"), ("POUCH-COTTON-SMALL", "1", "pcs")]),
            _option("extra_cork_footbed", "Contoured cork footbed upgrade", price="19.00",
                    bom=[("FOOTBED-CORK-CONTOUR", "1", "pair")]),
        ], required=False, min_choices=0, max_choices=2, help_text="Pick up to two."),
        {"code": "monogram", "label": "Monogram", "kind": "text", "required": False, "min_choices": 0,
         "max_choices": 1, "visible_when": "upper_leather", "max_length": 3, "allowed_characters": "A-Z",
         "price_per_character": "5.00", "options": [],
         "help_text": "Up to 3 capital letters, blind-embossed on the heel. Leather uppers only."},
    ],
    "rules": [
        _excludes("Suede is not made in chalk white", "upper_suede", "colour_chalk"),
        _requires("Mustard is dyed for leather and suede only", "colour_mustard",
                  {"any": ["upper_leather", "upper_suede"]}),
        _requires("Forest green comes in suede and canvas only", "colour_forest",
                  {"any": ["upper_suede", "upper_canvas"]}),
        _excludes("The contrast toe cap is chalk leather: it needs an upper that isn't chalk",
                  "toe_contrast_leather", "colour_chalk"),
        _requires("The vegan microfibre lining is for the canvas upper (the vegan build)", "lining_vegan",
                  "upper_canvas"),
        _excludes("The vegan build has no leather toe cap", "lining_vegan", "toe_contrast_leather"),
    ],
    "price_rules": [
        _price_rule("Suede premium (+10%)", "upper_suede", percent="10"),
        _price_rule("Vegan build", {"all": ["lining_vegan", "upper_canvas"]}, amount="-5.00"),
        _price_rule("Two extras together", {"any": [
            {"all": ["extra_reflective_tab", "extra_spare_laces"]},
            {"all": ["extra_reflective_tab", "extra_cork_footbed"]},
            {"all": ["extra_spare_laces", "extra_cork_footbed"]},
        ]}, amount="-4.00"),
    ],
}

# --- The Atelier City Bike -------------------------------------------------------------------------------------------

REAR, FRONT = (215, 385), (600, 385)
BIKE_SPOKES = {
    REAR: ("M222 385L299 351M222 387L283 446M220 389L302 413M218 391L228 475M216 392L263 462M214 392L167 462"
           "M212 391L202 475M210 389L128 413M208 387L147 446M208 385L131 351M208 383L124 388M210 381L172 305"
           "M212 379L143 329M214 378L234 296M216 378L196 296M218 379L287 329M220 381L258 305M222 383L306 388"),
    FRONT: ("M607 385L684 351M607 387L668 446M605 389L687 413M604 391L613 475M601 392L648 462M599 392L552 462"
            "M596 391L587 475M595 389L513 413M593 387L532 446M593 385L516 351M593 383L509 388M595 381L557 305"
            "M596 379L528 329M599 378L619 296M601 378L581 296M604 379L672 329M605 381L643 305M607 383L691 388"),
}


def _wheel(centre):
    x, y = centre
    return (f'<path d="{BIKE_SPOKES[centre]}" fill="none" stroke="{STEEL}" stroke-width="1.6"/>'
            f'<circle cx="{x}" cy="{y}" r="104" fill="none" stroke="{INK}" stroke-width="14"/>'
            f'<circle cx="{x}" cy="{y}" r="96.5" fill="none" stroke="#E8D3A8" stroke-width="2.5"/>'
            f'<circle cx="{x}" cy="{y}" r="93" fill="none" stroke="{SILVER}" stroke-width="4"/>')


BIKE_BASE = (
    BACKDROP + '<ellipse cx="405" cy="500" rx="318" ry="12" fill="#5C4834" fill-opacity="0.16"/>'
    + _wheel(REAR) + _wheel(FRONT)
    + f'<circle cx="215" cy="385" r="8" fill="{SILVER}" {THIN}/>'
    f'<path d="M338 226L332 196" {ROUND} stroke="{INK}" stroke-width="10"/>'
    f'<path d="M338 226L332 196" {ROUND} stroke="{SILVER}" stroke-width="5"/>'
    '<path d="M300 190C300 180 340 178 372 186C374 193 360 197 340 198L318 200C306 200 300 196 300 190Z" '
    f'fill="#8A5A3B" {LINE}/>'
    f'<path d="M548 224L552 196C540 188 518 184 498 186" {ROUND} stroke="{INK}" stroke-width="10"/>'
    f'<path d="M548 224L552 196C540 188 518 184 498 186" {ROUND} stroke="{SILVER}" stroke-width="5"/>'
    f'<path d="M504 185L478 188" {ROUND} stroke="{INK}" stroke-width="13"/>'
    f'<path d="M504 185L478 188" {ROUND} stroke="#8A5A3B" stroke-width="8"/>'
)

BIKE_TUBES = "M378 392L338 224M338 236L550 232M558 270L378 392"
BIKE_STAYS = "M378 392L215 385M338 236L215 385"
BIKE_HEAD = "M548 220L561 276"
BIKE_FORK = "M560 274L580 352Q586 374 600 385"


def _bike_frame(colour):
    return (f'<path d="{BIKE_TUBES}" {ROUND} stroke="{INK}" stroke-width="17"/>'
            f'<path d="{BIKE_STAYS}" {ROUND} stroke="{INK}" stroke-width="12"/>'
            f'<path d="{BIKE_FORK}" {ROUND} stroke="{INK}" stroke-width="13"/>'
            f'<path d="{BIKE_HEAD}" {ROUND} stroke="{INK}" stroke-width="21"/>'
            f'<path d="{BIKE_TUBES}" {ROUND} stroke="{colour}" stroke-width="10"/>'
            f'<path d="{BIKE_STAYS}" {ROUND} stroke="{colour}" stroke-width="5.5"/>'
            f'<path d="{BIKE_FORK}" {ROUND} stroke="{colour}" stroke-width="6.5"/>'
            f'<path d="{BIKE_HEAD}" {ROUND} stroke="{colour}" stroke-width="14"/>')


def _drivetrain(rear, chain="M378 366L215 375M378 418L215 395", cable=True):
    cable_path = (f'<path d="M500 190C488 214 470 226 446 230L352 232C330 290 270 345 226 378" {ROUND} '
                  f'stroke="{INK}" stroke-width="1.8"/>') if cable else ""
    return (
        cable_path + f'<path d="{chain}" fill="none" stroke="{INK}" stroke-width="3.5" stroke-dasharray="4 1.5"/>'
        + rear
        + f'<circle cx="378" cy="392" r="27" fill="{SILVER}" {THIN}/>'
        f'<circle cx="378" cy="392" r="27" fill="none" stroke="{INK}" stroke-width="5" stroke-dasharray="2.5 3"/>'
        f'<circle cx="378" cy="392" r="9" fill="{STEEL}" {THIN}/>'
        f'<path d="M378 392L404 446" {ROUND} stroke="{INK}" stroke-width="12"/>'
        f'<path d="M378 392L404 446" {ROUND} stroke="{STEEL}" stroke-width="6"/>'
        f'<rect x="386" y="442" width="38" height="10" rx="3" fill="{INK}"/>'
    )


COG = (f'<circle cx="215" cy="385" r="11" fill="{SILVER}" {THIN}/>'
       f'<circle cx="215" cy="385" r="11" fill="none" stroke="{INK}" stroke-width="3.5" stroke-dasharray="2 2.5"/>')
DRIVE_SINGLE = _drivetrain(COG, cable=False)
DRIVE_HUB3 = _drivetrain(f'<circle cx="215" cy="385" r="16" fill="{SILVER}" {LINE}/>' + COG
                         + f'<circle cx="215" cy="385" r="4" fill="{INK}"/>')
DRIVE_HUB8 = _drivetrain(f'<circle cx="215" cy="385" r="20" fill="{STEEL}" {LINE}/>' + COG
                         + f'<circle cx="215" cy="385" r="4" fill="{INK}"/>'
                         f'<rect x="196" y="392" width="16" height="9" rx="2" fill="{INK}"/>')
DRIVE_DERAILLEUR = _drivetrain(
    f'<circle cx="215" cy="385" r="20" fill="{SILVER}" {THIN}/><circle cx="215" cy="385" r="15" fill="none" {THIN}/>'
    f'<circle cx="215" cy="385" r="10" fill="none" {THIN}/>'
    f'<path d="M218 392L228 398L214 434L203 430Z" fill="{STEEL}" {THIN}/>'
    f'<circle cx="219" cy="407" r="4.5" fill="{INK}"/><circle cx="209" cy="427" r="4.5" fill="{INK}"/>',
    chain="M378 366L215 365M378 418L209 431",
)

BRAKES_RIM = (
    f'<path d="M506 190C524 222 548 252 565 276M500 190C484 214 466 226 440 230L350 232L290 296" {ROUND} '
    f'stroke="{INK}" stroke-width="1.8"/>'
    f'<rect x="554" y="278" width="24" height="8" rx="3" fill="{SILVER}" {THIN} transform="rotate(-14 566 282)"/>'
    f'<rect x="272" y="298" width="24" height="8" rx="3" fill="{SILVER}" {THIN} transform="rotate(40 284 302)"/>'
)
BRAKES_DISC = (
    f'<path d="M506 190C540 240 566 300 584 352M500 190C484 214 466 226 440 230L350 232L240 352" {ROUND} '
    f'stroke="{INK}" stroke-width="2.2"/>'
    + "".join(f'<circle cx="{x}" cy="{y}" r="25" fill="#DDE1E4" {THIN}/>'
              f'<circle cx="{x}" cy="{y}" r="18" fill="none" stroke="#8A949E" stroke-width="2.5" '
              'stroke-dasharray="3 3"/>' for x, y in (REAR, FRONT))
    + f'<rect x="228" y="348" width="20" height="13" rx="3" fill="{INK}" transform="rotate(-50 238 354)"/>'
    f'<rect x="574" y="350" width="20" height="13" rx="3" fill="{INK}" transform="rotate(-75 584 356)"/>'
)


def _mudguards(colour, grain=None):
    arcs = "M101 416A118 118 0 0 1 322 335M489 345A118 118 0 0 1 714 416"
    stays = "M104 410L215 385M710 410L600 385"
    grain_path = (f'<path d="{arcs}" fill="none" stroke="{grain}" stroke-width="1.6" stroke-dasharray="14 6"/>'
                  if grain else "")
    return (f'<path d="{stays}" {ROUND} stroke="{SILVER}" stroke-width="2.5"/>'
            f'<path d="{arcs}" fill="none" stroke="{INK}" stroke-width="12" stroke-linecap="round"/>'
            f'<path d="{arcs}" fill="none" stroke="{colour}" stroke-width="6.5" stroke-linecap="round"/>'
            + grain_path)


def _rails(d):
    return (f'<path d="{d}" {ROUND} stroke="{INK}" stroke-width="8"/>'
            f'<path d="{d}" {ROUND} stroke="{SILVER}" stroke-width="3.5"/>')


RACK_REAR = _rails("M122 250H326M132 258H300M142 258L215 385M262 258L215 385")
RACK_FRONT = _rails("M585 248H716M594 256H708M640 256L600 385M702 256L600 385M585 248L560 256")
BASKET_WILLOW = (
    f'<polygon points="592,246 706,246 718,178 580,178" fill="{MUSTARD}" {LINE}/>'
    '<path d="M584 196H713M587 214H710M590 232H708M604 180V244M628 180V244M652 180V244M676 180V244M700 180V244" '
    'fill="none" stroke="#B9803F" stroke-width="2"/>'
    f'<rect x="574" y="168" width="150" height="13" rx="5" fill="#C6955A" {LINE}/>'
)
BASKET_CRATE = (
    f'<rect x="586" y="178" width="128" height="68" rx="3" fill="#E8D2A6" {LINE}/>'
    '<path d="M588 201H712M588 224H712" fill="none" stroke="#C6955A" stroke-width="3"/>'
    f'<rect x="633" y="185" width="34" height="9" rx="4.5" fill="#8A5A3B"/>'
    f'<path d="M598 180V244M702 180V244" fill="none" {THIN}/>'
)
LIGHTS_BATTERY = (f'<rect x="553" y="198" width="21" height="14" rx="4" fill="{INK}"/>'
                  '<circle cx="569" cy="205" r="4.5" fill="#F5D9A8"/>'
                  f'<rect x="320" y="204" width="10" height="18" rx="3" fill="{TERRA}" {THIN}/>')
LIGHTS_DYNAMO = (f'<path d="M568 276L584 350Q588 368 600 378M100 380L212 385" {ROUND} stroke="{INK}" '
                 'stroke-width="1.6"/>'
                 f'<path d="M562 262H582A8 8 0 0 1 582 278H562Z" fill="{INK}"/>'
                 '<circle cx="584" cy="270" r="5" fill="#F5D9A8"/>'
                 f'<rect x="89" y="366" width="12" height="20" rx="3" fill="{TERRA}" {THIN}/>')


def _bell(colour):
    return (f'<path d="M516 186L516 180" {ROUND} stroke="{INK}" stroke-width="3"/>'
            f'<path d="M507 183A9 9 0 0 1 525 183Z" fill="{colour}" {THIN}/>')


FRAME_COLOURS = [
    # code, label, swatch, powder coat (RAL)
    ("frame_sage", "Sage green", SAGE, "6021"),
    ("frame_graphite", "Graphite", "#3D4652", "7016"),
    ("frame_harbour_blue", "Harbour blue", "#3A5F7A", "5001"),
    ("frame_terracotta", "Terracotta", TERRA, "2001"),
    ("frame_mustard", "Mustard", MUSTARD, "1032"),
    ("frame_chalk", "Chalk", "#EDE6D8", "9001"),
]
SHIFT_CABLE = ("CABLE-SHIFT-SET", "1", "set")
CHAIN_HUB = ("CHAIN-1-8-112L", "1", "pcs")

BIKE = {
    "name": "The Atelier City Bike",
    "base_price": "1290.00",
    "base_lead_time_days": 15,
    "preview": {"viewbox": "0 0 800 600", "base": BIKE_BASE},
    "groups": [
        _measurement("rider_height", "Your height", unit="cm", minimum="150", maximum="200", step="1", options=[
            _option("frame_s", "Frame S (50 cm)", range_min="150", range_max="165",
                    bom=[("FRAME-CROMO-CITY-50", "1", "pcs"), ("FORK-CROMO-CITY-S", "1", "pcs"),
                         ("SEATPOST-272-300", "1", "pcs")]),
            _option("frame_m", "Frame M (54 cm)", range_min="165", range_max="180",
                    bom=[("FRAME-CROMO-CITY-54", "1", "pcs"), ("FORK-CROMO-CITY-M", "1", "pcs"),
                         ("SEATPOST-272-350", "1", "pcs")]),
            _option("frame_l", "Frame L (58 cm)", range_min="180", range_max="201",
                    bom=[("FRAME-CROMO-CITY-58", "1", "pcs"), ("FORK-CROMO-CITY-L", "1", "pcs"),
                         ("SEATPOST-272-400", "1", "pcs")]),
        ], help_text="We pick the frame size from your height."),
        _choice("frame_colour", "Frame colour", [
            _option(code, label, default=code == "frame_sage", price="30.00" if code == "frame_chalk" else "0.00",
                    swatch=swatch, layer=(20, _bike_frame(swatch)),
                    bom=[(f"POWDER-RAL-{ral}", "0.45", "kg"), ("POWDER-CLEARCOAT-MATT", "0.20", "kg")])
            for code, label, swatch, ral in FRAME_COLOURS
        ], help_text="Powder-coated in Kortrijk; chalk has an extra clear coat."),
        _choice("drivetrain", "Gearing", [
            _option("single_speed", "Single speed", price="-60.00", layer=(30, DRIVE_SINGLE),
                    bom=[("HUB-REAR-SS-36H", "1", "pcs"), ("COG-SS-18T", "1", "pcs"), ("CHAINRING-42T", "1", "pcs"),
                         CHAIN_HUB]),
            _option("hub_3speed", "3-speed hub", default=True, layer=(30, DRIVE_HUB3),
                    bom=[("HUB-IG3-36H", "1", "pcs"), ("SHIFTER-IG3-TWIST", "1", "pcs"), ("CHAINRING-42T", "1", "pcs"),
                         CHAIN_HUB, SHIFT_CABLE]),
            _option("hub_8speed", "8-speed hub", price="180.00", lead=5, layer=(30, DRIVE_HUB8),
                    bom=[("HUB-IG8-36H", "1", "pcs"), ("SHIFTER-IG8-TWIST", "1", "pcs"), ("CHAINRING-38T", "1", "pcs"),
                         CHAIN_HUB, SHIFT_CABLE]),
            _option("derailleur_8speed", "8-speed derailleur", price="120.00", lead=5, layer=(30, DRIVE_DERAILLEUR),
                    bom=[("DERAILLEUR-8S-REAR", "1", "pcs"), ("CASSETTE-8S-11-32", "1", "pcs"),
                         ("HUB-REAR-CASSETTE-DISC-32H", "1", "pcs"), ("SHIFTER-8S-TRIGGER", "1", "pcs"),
                         ("CHAINRING-38T", "1", "pcs"), ("CHAIN-8S-116L", "1", "pcs"), SHIFT_CABLE]),
        ], help_text="Hub gears are sealed from the weather; the 8-speed builds add 5 days."),
        _choice("front_hub", "Front hub", [
            _option("hub_front_standard", "Standard hub", default=True,
                    layer=(32, f'<circle cx="600" cy="385" r="8" fill="{SILVER}" {THIN}/>'),
                    bom=[("HUB-FRONT-36H", "1", "pcs"), ("SPOKE-SS-2MM-262", "36", "pcs")]),
            _option("hub_front_dynamo", "Dynamo hub (6 V, 3 W)", price="85.00",
                    layer=(32, f'<circle cx="600" cy="385" r="15" fill="#2A2F36" {THIN}/>'
                               f'<circle cx="600" cy="385" r="6" fill="{SILVER}" {THIN}/>'),
                    bom=[("HUB-DYNAMO-6V3W-36H", "1", "pcs"), ("SPOKE-SS-2MM-260", "36", "pcs")]),
        ]),
        _choice("brakes", "Brakes", [
            _option("brakes_rim", "Rim brakes", default=True, layer=(28, BRAKES_RIM),
                    bom=[("BRAKE-VBRAKE", "1", "pair"), ("BRAKE-LEVER-CITY", "1", "pair"),
                         ("CABLE-BRAKE-SET", "1", "set")]),
            _option("brakes_disc", "Hydraulic disc brakes", price="140.00", layer=(28, BRAKES_DISC),
                    bom=[("BRAKE-HYD-DISC-SET", "1", "set"), ("ROTOR-160-6B", "2", "pcs"),
                         ("BOLT-ROTOR-T25", "12", "pcs")]),
        ]),
        _choice("mudguards", "Mudguards", [
            _option("mudguards_none", "No mudguards", price="-25.00"),
            _option("mudguards_steel", "Steel mudguards", default=True, swatch=SILVER,
                    layer=(15, _mudguards(SILVER)),
                    bom=[("MUDGUARD-STEEL-45-SET", "1", "set"), ("STAY-MUDGUARD-SS", "4", "pcs"),
                         ("BOLT-M5X12-SS", "4", "pcs")]),
            _option("mudguards_wood", "Ash wood mudguards", price="60.00", lead=4, swatch="#C6955A",
                    layer=(15, _mudguards("#C6955A", "#E3B77C")),
                    bom=[("MUDGUARD-ASH-50-SET", "1", "set"), ("STAY-MUDGUARD-SS", "4", "pcs"),
                         ("BOLT-M5X12-SS", "4", "pcs")]),
        ]),
        _choice("rack", "Rack", [
            _option("rack_none", "No rack", default=True),
            _option("rack_rear", "Rear rack (25 kg)", price="45.00", layer=(36, RACK_REAR),
                    bom=[("RACK-REAR-STEEL-25KG", "1", "pcs"), ("BOLT-M5X12-SS", "4", "pcs")]),
            _option("rack_front", "Front platform rack", price="55.00", layer=(36, RACK_FRONT),
                    bom=[("RACK-FRONT-PLATFORM", "1", "pcs"), ("BOLT-M5X12-SS", "4", "pcs")]),
        ]),
        _choice("basket", "Basket", [
            _option("basket_willow", "Woven willow basket", price="49.00", swatch=MUSTARD,
                    layer=(38, BASKET_WILLOW),
                    bom=[("BASKET-WILLOW-35L", "1", "pcs"), ("STRAP-LEATHER-MOUNT", "2", "pcs")]),
            _option("basket_crate", "Birch plywood crate", price="39.00", swatch="#E8D2A6", layer=(38, BASKET_CRATE),
                    bom=[("CRATE-BIRCH-30L", "1", "pcs"), ("BOLT-M5X16-SS", "4", "pcs")]),
        ], required=False, min_choices=0, visible_when="rack_front",
            help_text="Sits on the front platform rack."),
        _choice("lights", "Lights", [
            _option("lights_none", "No lights (I have my own)", price="-25.00"),
            _option("lights_battery", "Rechargeable lights", default=True, layer=(40, LIGHTS_BATTERY),
                    bom=[("LIGHT-FRONT-USB-40LUX", "1", "pcs"), ("LIGHT-REAR-USB", "1", "pcs")]),
            _option("lights_dynamo", "Dynamo lights", price="110.00", layer=(40, LIGHTS_DYNAMO),
                    bom=[("LIGHT-FRONT-DYN-60LUX", "1", "pcs"), ("LIGHT-REAR-DYN", "1", "pcs"),
                         ("WIRE-DYNAMO-2CORE", "2.2", "m")]),
        ], help_text="Dynamo lights run from the dynamo front hub and never need charging."),
        _choice("bell", "Bell", [
            _option("bell_brass", "Brass bell", default=True, swatch="#D4A94F", layer=(42, _bell("#D4A94F")),
                    bom=[("BELL-BRASS-55", "1", "pcs")]),
            _option("bell_chrome", "Chrome bell", swatch=SILVER, layer=(42, _bell(SILVER)),
                    bom=[("BELL-CHROME-45", "1", "pcs")]),
            _option("bell_black", "Black mini bell", swatch="#2A2F36", layer=(42, _bell("#2A2F36")),
                    bom=[("BELL-BLACK-MINI", "1", "pcs")]),
        ], help_text="A bell is required by law in Belgium."),
    ],
    "rules": [
        _requires("Dynamo lights need the dynamo front hub", "lights_dynamo", "hub_front_dynamo"),
        _requires("The dynamo rear light mounts on a mudguard or the rear rack", "lights_dynamo",
                  {"any": ["mudguards_steel", "mudguards_wood", "rack_rear"]}),
        _requires("The 8-speed derailleur wheel is built on a disc hub: it needs disc brakes", "derailleur_8speed",
                  "brakes_disc"),
        _excludes("The single-speed rear wheel has no disc mount", "single_speed", "brakes_disc"),
        _excludes("Wooden mudguards don't clear the derailleur", "derailleur_8speed", "mudguards_wood"),
        _excludes("The birch crate is too deep for frame S", "frame_s", "basket_crate"),
    ],
    "price_rules": [
        _price_rule("Commuter bundle", {"all": ["rack_rear", "lights_dynamo", "mudguards_steel"]}, amount="-30.00"),
        _price_rule("Market bundle", {"all": ["rack_front", "basket_willow"]}, amount="-15.00"),
    ],
}

# --- The Atelier Standing Desk ---------------------------------------------------------------------------------------

DESK_BASE = (
    BACKDROP + '<ellipse cx="400" cy="490" rx="290" ry="11" fill="#5C4834" fill-opacity="0.16"/>'
    # monitor, plant and mug standing on the top (its surface is at y=268)
    f'<rect x="300" y="112" width="200" height="128" rx="9" fill="{INK}"/>'
    '<rect x="311" y="123" width="178" height="105" rx="3" fill="#D6E3DF"/>'
    '<path d="M311 200C350 180 400 182 440 202L440 228L311 228Z" fill="#A9C2A5"/>'
    f'<path d="M380 228C420 200 460 195 489 205L489 228Z" fill="{SAGE}"/>'
    f'<circle cx="458" cy="152" r="13" fill="{MUSTARD}"/>'
    f'<rect x="390" y="240" width="20" height="22" fill="{STEEL}" {LINE}/>'
    f'<rect x="362" y="260" width="76" height="8" rx="3" fill="{STEEL}" {LINE}/>'
    f'<path d="M169 222C150 202 146 178 156 160C172 176 176 200 169 222Z" fill="{SAGE}" {THIN}/>'
    f'<path d="M169 222C172 196 184 174 202 168C206 188 192 210 169 222Z" fill="#A9C2A5" {THIN}/>'
    f'<path d="M169 222C156 212 138 206 128 194C148 188 164 200 169 222Z" fill="#A9C2A5" {THIN}/>'
    f'<polygon points="148,228 190,228 185,268 153,268" fill="{TERRA}" {LINE}/>'
    f'<rect x="144" y="220" width="50" height="10" rx="3" fill="#E39A86" {LINE}/>'
    f'<path d="M486 252C497 252 497 264 486 264" {ROUND} stroke="{INK}" stroke-width="2.5"/>'
    f'<rect x="462" y="248" width="24" height="20" rx="3" fill="{MUSTARD}" {LINE}/>'
)


def _desk_frame(colour):
    legs = "".join(
        f'<rect x="{x - 11}" y="292" width="22" height="110" fill="{colour}" {LINE}/>'
        f'<rect x="{x - 18}" y="388" width="36" height="82" rx="3" fill="{colour}" {LINE}/>'
        f'<rect x="{x - 18}" y="388" width="36" height="82" rx="3" fill="{INK}" fill-opacity="0.12"/>'
        f'<rect x="{x - 18}" y="388" width="36" height="8" fill="{INK}" fill-opacity="0.4"/>'
        f'<rect x="{x - 68}" y="468" width="136" height="14" rx="7" fill="{colour}" {LINE}/>'
        for x in (200, 600)
    )
    return f'<rect x="196" y="290" width="408" height="12" fill="{colour}" {LINE}/>' + legs


def _wood_top(colour, grain):
    return (f'<rect x="106" y="268" width="588" height="24" rx="6" fill="{colour}" {LINE}/>'
            f'<path d="M130 276C230 272 320 281 420 276S600 272 676 279M160 285C260 282 380 288 520 284" {ROUND} '
            f'stroke="{grain}" stroke-width="1.6"/>'
            '<path d="M114 272H686" fill="none" stroke="#FFFFFF" stroke-opacity="0.3" stroke-width="2"/>')


def _lino_top(colour):
    return (f'<rect x="106" y="268" width="588" height="24" rx="6" fill="#E8D2A6" {LINE}/>'
            '<path d="M112 281H688M112 286H688" fill="none" stroke="#C6955A" stroke-width="1.4"/>'
            f'<rect x="106" y="268" width="588" height="9" rx="4" fill="{colour}" {LINE}/>')


DESK_BAMBOO = (f'<rect x="106" y="268" width="588" height="24" rx="6" fill="#D9C58E" {LINE}/>'
               '<path d="M112 280H688" fill="none" stroke="#A88A4E" stroke-opacity="0.55" stroke-width="18" '
               'stroke-dasharray="1.2 11"/>'
               '<path d="M114 272H686" fill="none" stroke="#FFFFFF" stroke-opacity="0.3" stroke-width="2"/>')
MOTOR_BOX = '<rect x="{x}" y="292" width="40" height="17" rx="3" fill="#2A2F36" ' + THIN + "/>"
MOTOR_DUAL = MOTOR_BOX.format(x=180) + MOTOR_BOX.format(x=580)
MOTOR_SINGLE = (MOTOR_BOX.format(x=180)
                + f'<path d="M222 304H586" fill="none" stroke="{INK}" stroke-width="3" stroke-dasharray="9 4"/>'
                f'<rect x="588" y="293" width="24" height="13" rx="3" fill="{STEEL}" {THIN}/>')
TRAY = (f'<polygon points="262,302 538,302 528,324 272,324" fill="#8A949E" {LINE}/>'
        '<path d="M270 309H530" fill="none" stroke="#FFFFFF" stroke-opacity="0.35" stroke-width="2"/>')
CABLE_SPINE = (f'<path d="M400 328V466" fill="none" stroke="{INK}" stroke-width="13" stroke-linecap="round"/>'
               f'<path d="M400 328V466" fill="none" stroke="{STEEL}" stroke-width="7" stroke-dasharray="9 3"/>')
KEYPAD = (f'<rect x="520" y="292" width="46" height="17" rx="3" fill="#2A2F36" {THIN}/>'
          f'<rect x="526" y="296" width="12" height="8" rx="2" fill="{MUSTARD}"/>'
          '<polygon points="546,300 552,294 558,300" fill="#FFFFFF"/><polygon points="546,302 558,302 552,308" '
          'fill="#FFFFFF"/>')
CASTORS = "".join(
    f'<rect x="{x - 6}" y="476" width="12" height="7" fill="{STEEL}" {THIN}/>'
    f'<circle cx="{x}" cy="487" r="9" fill="{INK}"/><circle cx="{x}" cy="487" r="3.5" fill="{SILVER}"/>'
    for x in (146, 254, 546, 654)
)


def _height_arrow(top, bottom):
    return (f'<path d="M742 {top}V{bottom}M731 {top + 12}L742 {top}L753 {top + 12}M731 {bottom - 12}L742 {bottom}'
            f'L753 {bottom - 12}" {ROUND} stroke="{SAGE}" stroke-width="3.5"/>')


HEIGHT_EXTENDED = _height_arrow(256, 470) + "".join(
    f'<rect x="{x - 14}" y="336" width="28" height="9" rx="2" fill="{INK}" fill-opacity="0.5"/>' for x in (200, 600))

DESK = {
    "name": "The Atelier Standing Desk",
    "base_price": "690.00",
    "base_lead_time_days": 12,
    "preview": {"viewbox": "0 0 800 600", "base": DESK_BASE},
    "groups": [
        _measurement("width", "Width", unit="cm", minimum="120", maximum="200", step="10", price_per_unit="2.00",
                     options=[
                         _option("width_small", "Up to 140 cm", range_min="120", range_max="150",
                                 bom=[("DESK-BEAM-TELESCOPIC-110", "1", "pcs")]),
                         _option("width_large", "150 cm and wider", range_min="150", range_max="201",
                                 bom=[("DESK-BEAM-TELESCOPIC-140", "1", "pcs"), ("DESK-BEAM-BRACE", "1", "pcs")]),
                     ], help_text="Cut to the 10 cm; every 10 cm above 120 cm adds €20."),
        _measurement("depth", "Depth", unit="cm", minimum="60", maximum="90", step="10", price_per_unit="3.00",
                     help_text="Every 10 cm above 60 cm adds €30."),
        _choice("top", "Top", [
            _option("top_oak", "Solid oak", default=True, swatch="#E3B77C",
                    layer=(30, _wood_top("#E3B77C", "#C6955A")),
                    bom=[("PANEL-OAK-SOLID-26MM-2000X900", "1", "pcs"), ("HARDWAX-OIL-NATURAL", "0.15", "l"),
                         ("INSERT-M6-THREADED", "12", "pcs")]),
            _option("top_walnut", "Solid walnut", price="190.00", lead=7, swatch="#7A4E33",
                    layer=(30, _wood_top("#7A4E33", "#5A3622")),
                    bom=[("PANEL-WALNUT-SOLID-26MM-2000X900", "1", "pcs"), ("HARDWAX-OIL-NATURAL", "0.15", "l"),
                         ("INSERT-M6-THREADED", "12", "pcs")]),
            _option("top_lino_charcoal", "Charcoal linoleum on birch", price="-30.00", swatch="#3E4247",
                    layer=(30, _lino_top("#3E4247")),
                    bom=[("LINO-FURNITURE-CHARCOAL", "1.8", "m2"), ("PLY-BIRCH-25MM-2000X900", "1", "pcs"),
                         ("ADHESIVE-LINO-PVAC", "0.4", "kg"), ("INSERT-M6-THREADED", "12", "pcs")]),
            _option("top_lino_olive", "Olive linoleum on birch", price="-30.00", swatch="#7D8560",
                    layer=(30, _lino_top("#7D8560")),
                    bom=[("LINO-FURNITURE-OLIVE", "1.8", "m2"), ("PLY-BIRCH-25MM-2000X900", "1", "pcs"),
                         ("ADHESIVE-LINO-PVAC", "0.4", "kg"), ("INSERT-M6-THREADED", "12", "pcs")]),
            _option("top_lino_mushroom", "Mushroom linoleum on birch", price="-30.00", swatch="#A89A8A",
                    layer=(30, _lino_top("#A89A8A")),
                    bom=[("LINO-FURNITURE-MUSHROOM", "1.8", "m2"), ("PLY-BIRCH-25MM-2000X900", "1", "pcs"),
                         ("ADHESIVE-LINO-PVAC", "0.4", "kg"), ("INSERT-M6-THREADED", "12", "pcs")]),
            _option("top_bamboo", "Bamboo", price="-20.00", swatch="#D9C58E", layer=(30, DESK_BAMBOO),
                    bom=[("PANEL-BAMBOO-CARBONISED-25MM-1400X900", "1", "pcs"), ("HARDWAX-OIL-NATURAL", "0.12", "l"),
                         ("INSERT-M6-THREADED", "12", "pcs")]),
        ], help_text="Walnut adds 7 days: we pick and season each board. Bamboo panels come up to 140 cm wide."),
        _choice("frame_colour", "Frame colour", [
            _option("frame_black", "Black", default=True, swatch="#30363E", layer=(20, _desk_frame("#30363E")),
                    bom=[("POWDER-RAL-9005", "0.6", "kg")]),
            _option("frame_white", "White", swatch="#F1EFEA", layer=(20, _desk_frame("#F1EFEA")),
                    bom=[("POWDER-RAL-9016", "0.6", "kg")]),
            _option("frame_aluminium", "Aluminium", price="20.00", swatch="#B8BEC4",
                    layer=(20, _desk_frame("#B8BEC4")), bom=[("POWDER-RAL-9006", "0.6", "kg")]),
        ]),
        _choice("motor", "Motor", [
            _option("motor_single", "Single motor (up to 70 kg)", price="-80.00", layer=(25, MOTOR_SINGLE),
                    bom=[("MOTOR-24V-LEG", "1", "pcs"), ("SHAFT-HEX-SYNC-140", "1", "pcs"),
                         ("CONTROL-BOX-1CH", "1", "pcs")]),
            _option("motor_dual", "Dual motor (up to 100 kg)", default=True, layer=(25, MOTOR_DUAL),
                    bom=[("MOTOR-24V-LEG", "2", "pcs"), ("CONTROL-BOX-2CH", "1", "pcs")]),
        ], help_text="Two motors lift wide tops and the extended range smoothly."),
        _choice("height_range", "Height range", [
            _option("height_standard", "Standard, 65 to 125 cm", default=True, layer=(45, _height_arrow(296, 440)),
                    bom=[("LEG-COLUMN-2STAGE-65-125", "2", "pcs"), ("SCREW-M6X16", "16", "pcs")]),
            _option("height_extended", "Extended, 60 to 130 cm", price="60.00", layer=(45, HEIGHT_EXTENDED),
                    bom=[("LEG-COLUMN-3STAGE-60-130", "2", "pcs"), ("SCREW-M6X16", "16", "pcs")]),
        ]),
        _choice("cable_tray", "Cable tray", [
            _option("cable_tray_steel", "Steel cable tray", price="29.00", layer=(22, TRAY),
                    bom=[("TRAY-STEEL-1000", "1", "pcs"), ("SCREW-WOOD-4X20", "6", "pcs")]),
            _option("cable_tray_spine", "Steel cable tray with cable spine", price="49.00",
                    layer=(22, TRAY + CABLE_SPINE),
                    bom=[("TRAY-STEEL-1000", "1", "pcs"), ("CABLE-SPINE-VERTEBRA-70", "1", "pcs"),
                         ("SCREW-WOOD-4X20", "8", "pcs")]),
        ], required=False, min_choices=0),
        _choice("keypad", "Memory keypad", [
            _option("keypad_memory", "Memory keypad with 4 presets", price="45.00", layer=(35, KEYPAD),
                    bom=[("KEYPAD-MEMORY-4P", "1", "pcs"), ("SCREW-WOOD-3X16", "2", "pcs")]),
        ], required=False, min_choices=0),
        _choice("castors", "Castors", [
            _option("castors_locking", "Locking castors", price="39.00", layer=(50, CASTORS),
                    bom=[("CASTOR-50MM-LOCKING", "4", "pcs"), ("CASTOR-ADAPTER-FOOT", "2", "pcs")]),
        ], required=False, min_choices=0, help_text="Roll the desk aside; the castors lock for standing work."),
    ],
    "rules": [
        _requires("Tops 150 cm and wider need the dual motor", "width_large", "motor_dual"),
        _requires("The extended height range needs the dual motor", "height_extended", "motor_dual"),
        _excludes("Castors exclude the extended height range", "castors_locking", "height_extended"),
        _excludes("Bamboo panels come up to 140 cm wide", "top_bamboo", "width_large"),
    ],
    "price_rules": [
        _price_rule("Walnut finishing (+5%)", "top_walnut", percent="5"),
        _price_rule("Tidy desk bundle", {"all": ["keypad_memory", {"any": ["cable_tray_steel", "cable_tray_spine"]}]},
                    amount="-20.00"),
    ],
}

FEATURE_MODELS = {"ATL-SNK-001": SNEAKER, "ATL-BIK-001": BIKE, "ATL-DSK-001": DESK}
