"""The demo workshop: workstations with their daily capacity, closures, and each product's routing.

Minutes are per unit. A step with ``when`` applies only when that option is chosen (or that free text is filled
in): a new operation code adds an operation, a code already in the routing adds minutes to it.
"""

WORKSTATIONS = [
    # code, name, minutes per working day, working weekdays (0 = Monday)
    ("cutting", "Cutting table", 480, "01234"),
    ("sewing", "Sewing and lasting", 960, "01234"),
    ("woodshop", "Woodshop", 480, "01234"),
    ("assembly", "Assembly benches", 1440, "01234"),
    ("finishing", "Finishing room", 480, "01234"),
    ("dispatch", "Quality check and packing", 720, "012345"),
]

CLOSURES = [
    # date, workstation code (None: the whole workshop and shipping), reason; Belgian public holidays (Ghent)
    ("2026-12-24", None, "Christmas Eve: the workshop closes"),
    ("2026-12-25", None, "Christmas Day"),
    ("2026-12-31", None, "New Year's Eve: the workshop closes"),
    ("2027-01-01", None, "New Year's Day"),
    ("2027-01-11", "woodshop", "Planer and saw maintenance"),
    ("2027-03-29", None, "Easter Monday"),
    ("2027-05-06", None, "Ascension Day"),
    ("2027-05-17", None, "Whit Monday"),
    ("2027-07-21", None, "Belgian National Day"),
    ("2027-11-01", None, "All Saints' Day"),
    ("2027-11-11", None, "Armistice Day"),
    ("2027-12-24", None, "Christmas Eve: the workshop closes"),
]


ORDER_MESSAGES = [
    # Oscar communication event types of production; their texts are files in templates/oscar/communication/emails
    ("PRODUCTION_STARTED", "Production of your order has started"),
    ("QUALITY_CHECK_PASSED", "Your order passed its quality check"),
    ("ORDER_SHIPPED", "Your order has shipped"),
    ("SHIP_DATE_CHANGED", "Your order's ship date has moved"),
]


def step(operation, name, workstation, minutes, when="", quality_check=False):
    return {"operation": operation, "name": name, "workstation": workstation, "minutes": minutes, "when": when,
            "quality_check": quality_check}


ROUTINGS = {
    "ATL-SNK-001": [
        step("cut", "Cut the upper and lining", "cutting", 25),
        step("cut", "Cut the upper and lining", "cutting", 10, when="toe_contrast_leather"),
        step("stitch", "Stitch the upper", "sewing", 60),
        step("stitch", "Stitch the upper", "sewing", 15, when="toe_contrast_leather"),
        step("emboss", "Blind-emboss the monogram", "finishing", 10, when="monogram"),
        step("last", "Last, cement and stitch the sole", "sewing", 45),
        step("footbed", "Fit the contoured cork footbed", "sewing", 10, when="extra_cork_footbed"),
        step("proof", "Brush and proof the suede", "finishing", 30, when="upper_suede"),
        step("finish", "Finish, lace and clean", "finishing", 15),
        step("quality-check", "Quality check", "dispatch", 10, quality_check=True),
        step("pack", "Pack", "dispatch", 10),
    ],
    "ATL-BIK-001": [
        step("frame", "Prepare the frame and fork", "assembly", 60),
        step("wheels", "Build and true the wheels", "assembly", 45),
        step("wheels", "Build and true the wheels", "assembly", 30, when="hub_front_dynamo"),
        step("mudguards", "Shape and oil the ash mudguards", "woodshop", 60, when="mudguards_wood"),
        step("crate", "Cut and finish the plywood crate", "woodshop", 30, when="basket_crate"),
        step("assemble", "Assemble and adjust", "assembly", 90),
        step("assemble", "Assemble and adjust", "assembly", 20, when="brakes_disc"),
        step("wiring", "Wire the dynamo lights", "assembly", 30, when="lights_dynamo"),
        step("finish", "Wax and finish", "finishing", 20),
        step("quality-check", "Quality check and test ride", "dispatch", 20, quality_check=True),
        step("pack", "Pack in the bike box", "dispatch", 25),
    ],
    "ATL-DSK-001": [
        step("top", "Cut and edge the top", "woodshop", 60),
        step("top-finish", "Sand and oil the top", "finishing", 45),
        step("top-finish", "Sand and oil the top", "finishing", 15, when="top_walnut"),
        step("frame", "Assemble the frame", "assembly", 40),
        step("frame", "Assemble the frame", "assembly", 15, when="motor_dual"),
        step("keypad", "Fit and program the memory keypad", "assembly", 10, when="keypad_memory"),
        step("castors", "Fit the locking castors", "assembly", 10, when="castors_locking"),
        step("quality-check", "Quality check and load test", "dispatch", 15, quality_check=True),
        step("pack", "Pack top and frame", "dispatch", 20),
    ],
}
