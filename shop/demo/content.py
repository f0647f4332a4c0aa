"""Copy for the Atelier demo store: pages, help articles and products.

Pure data, read by the demo seed command. The workshop is fictional: a converted grain warehouse on the old docks
of Ghent, Belgium. Rich text uses only the tags the matching Wagtail fields allow; internal links point at
"/shop/", "/help/", "/workshop/", "/about/" and "/shop/accounts/" paths. Prices are strings, ready for Decimal.
"""

# ---------------------------------------------------------------------------------------------------------------------
# Home page
# ---------------------------------------------------------------------------------------------------------------------

HOME = {
    "title": "Home",
    "hero_title": "Made to your measure, built by hand in Ghent",
    "hero_text": (
        "Choose the materials, colours and sizes that suit you, and our workshop builds your sneakers, bike or desk "
        "to order. Every piece is checked by a second pair of hands before it leaves us."
    ),
    "hero_cta_label": "Start configuring",
    "featured_title": "Made for you, one at a time",
    "how_it_works_title": "How made-to-order works",
    "steps": [
        {
            "title": "Configure it online",
            "text": (
                "Pick your options group by group: material, colour, size and extras. The price and the estimated "
                "ship date update with every choice, so there are no surprises at checkout."
            ),
        },
        {
            "title": "We build it for you",
            "text": (
                "Your order takes its place in the workshop queue and is made by hand in Ghent. You can follow each "
                "stage, from cutting to assembly, on your order page."
            ),
        },
        {
            "title": "A second maker checks it",
            "text": (
                "Before anything is packed, a second maker checks it against your configuration and our checklist: "
                "stitching, welds, finish and fit. If it isn't right, it doesn't ship."
            ),
        },
        {
            "title": "Delivered to your door",
            "text": (
                "We pack it carefully, hand it to the carrier and e-mail you the day it leaves. Prefer to collect? "
                "Pick it up from our workshop, free of charge."
            ),
        },
    ],
}

# ---------------------------------------------------------------------------------------------------------------------
# About us
# ---------------------------------------------------------------------------------------------------------------------

ABOUT = {
    "title": "About us",
    "slug": "about",
    "intro": (
        "Atelier is a small workshop in a converted 1920s grain warehouse on the old docks of Ghent. Eleven of us "
        "design, make and check everything we sell, one order at a time."
    ),
    "body": [
        (
            "paragraph",
            "<h2>Why we only make to order</h2>"
            "<p>We started Atelier in 2016 out of a simple frustration. Most things are made by the thousand, months "
            "ahead, in sizes and colours someone guessed you might want. Whatever doesn't sell is marked down, shipped "
            "elsewhere or thrown away. We would rather make what you have actually asked for.</p>"
            "<p>Because we only build what has been ordered, we carry almost no finished stock. That means less waste, "
            "better materials for the money, and a product made for you rather than for an average customer who "
            "doesn't exist.</p>"
            "<h2>What we make</h2>"
            "<ul>"
            "<li><b>Sneakers</b>, cut, stitched and soled at our own benches from vegetable-tanned leather, suede or "
            "organic cotton canvas.</li>"
            "<li><b>City bikes</b> on chromoly steel frames from a family framebuilder in Kortrijk, painted to your "
            "colour and assembled, wheel by wheel, in our workshop.</li>"
            "<li><b>Standing desks</b> with solid oak and walnut tops from a sawmill in the Ardennes, bamboo, or "
            "linoleum on birch plywood, cut to the width you need from 120 to 200 cm.</li>"
            "</ul>"
            "<h2>How we work</h2>"
            "<p>Every order has a name on it from the moment it reaches the workshop. The person who builds it signs "
            "the job card, and a second maker checks it against your configuration before it is packed. Our ship "
            "dates come from the real workshop queue, and if one slips we tell you the same day, with the reason.</p>",
        ),
        (
            "callout",
            {
                "title": "Come and see us",
                "text": (
                    "<p>Our showroom is open six days a week. Try on sneaker samples, test-ride a bike along the quay "
                    "and see the desk tops in daylight. "
                    '<a href="/workshop/">Opening hours and directions</a>.</p>'
                ),
            },
        ),
        (
            "quote",
            "We would rather make one thing you keep for ten years than ten things you replace every year. "
            "— Lies Verbeke, co-founder",
        ),
        (
            "paragraph",
            "<h2>Our promises to you</h2>"
            "<ul>"
            "<li>An honest ship date before you pay, updated on your order page if it moves.</li>"
            "<li>A free remake if your sneakers or bike frame don't fit.</li>"
            "<li>A full refund if anything arrives faulty and you would rather not have it repaired.</li>"
            "<li>A 10-year warranty on bike and desk frames, 5 years on desk motors and 2 years on everything "
            "else.</li>"
            "<li>A reply from a real person in the workshop within one working day.</li>"
            "</ul>"
            '<p>Questions about any of this? The <a href="/help/">help centre</a> has the details, and '
            '<a href="/help/contact-us/">contacting us</a> explains how to reach us.</p>',
        ),
    ],
}

# ---------------------------------------------------------------------------------------------------------------------
# Workshop (location page)
# ---------------------------------------------------------------------------------------------------------------------

WORKSHOP = {
    "title": "Visit our workshop",
    "slug": "workshop",
    "intro": (
        "Our workshop and showroom share a converted grain warehouse on the old docks of Ghent. Come and try on "
        "sneaker samples, test-ride a bike along the quay or see the desk tops in daylight before you decide. You can "
        "also collect your order here, free of charge."
    ),
    "street_address": "Atelier, Loods 4\nLijnwaadkaai 27\n9000 Gent\nBelgium",
    "phone": "+32 9 000 12 34",
    "email": "hello@atelier.example",
    "directions": (
        "<p><b>By train:</b> Gent-Dampoort station is a 15-minute walk or 5 minutes by bike. Leave by the exit "
        "facing the docks, walk north along the water and turn right onto Lijnwaadkaai. Loods 4 is the red-brick "
        "warehouse with the green loading doors.</p>"
        "<p><b>By bike:</b> there are covered racks for 20 bikes in our yard, and a track pump you are welcome to "
        "use.</p>"
        "<p><b>By car:</b> we have four visitor spaces in the yard, reached through the gate at number 27. On "
        "Saturdays they fill quickly, so please ring ahead if you are bringing a car to collect a bike or a desk.</p>"
        "<p><b>Access:</b> the showroom and the collection desk are on the ground floor, step-free from the yard, "
        "and we have an accessible toilet.</p>"
        "<ul>"
        "<li><b>Test rides</b> take about 20 minutes; please bring photo ID.</li>"
        "<li><b>Bike fittings and desk consultations</b> take 45 minutes; book a slot by phone or e-mail so a maker "
        "has time for you.</li>"
        "<li><b>Collecting an order?</b> Wait for the <i>Ready to ship</i> e-mail and bring your order number.</li>"
        "</ul>"
        "<p>Can't make it in person? See "
        '<a href="/help/contact-us/">how to contact us</a>.</p>'
    ),
    "opening_hours": [
        ("mon", "09:00", "18:00", False),
        ("tue", "09:00", "18:00", False),
        ("wed", "09:00", "18:00", False),
        ("thu", "09:00", "18:00", False),
        ("fri", "09:00", "18:00", False),
        ("sat", "10:00", "16:00", False),
        ("sun", None, None, True),
    ],
}

# ---------------------------------------------------------------------------------------------------------------------
# Help centre
# ---------------------------------------------------------------------------------------------------------------------

HELP_CENTRE = {
    "title": "Help centre",
    "slug": "help",
    "intro": (
        "Answers to the questions we are asked most often, from choosing a size to caring for oak. Can't find what "
        "you need? Send us a help request from your order page or write to hello@atelier.example, and someone from "
        "the workshop will reply within one working day."
    ),
}

HELP_ARTICLES = [
    # --- Ordering ----------------------------------------------------------------------------------------------------
    {
        "slug": "how-to-order",
        "title": "How to place an order",
        "topic": "ordering",
        "summary": (
            "From configuring your product to paying at checkout: the five steps of placing an order, and what "
            "happens once you have."
        ),
        "body": [
            (
                "paragraph",
                "<p>Every Atelier product is built after you order it, so placing an order is mostly a matter of "
                "telling us exactly what you want. It takes about five minutes.</p>"
                "<h2>Step by step</h2>"
                "<ol>"
                '<li><b>Choose a product.</b> Browse the <a href="/shop/">shop</a> and open the sneaker, bike or '
                "desk you like.</li>"
                "<li><b>Configure it.</b> Work through each group of options: material, colour, size and extras. "
                "The price and the estimated ship date update with each choice.</li>"
                "<li><b>Add it to your basket.</b> Your configuration is saved with the basket line, so you can add "
                "accessories or a second configuration before paying.</li>"
                "<li><b>Check out.</b> Enter your delivery address, choose how you would like it delivered and pay "
                "by card. You are charged when you place the order.</li>"
                "<li><b>Look out for the confirmation.</b> We e-mail it straight away, with your order number, every "
                "option you chose and the estimated ship date.</li>"
                "</ol>"
                "<h2>Ordering with an account</h2>"
                "<p>You can check out as a guest, but with an "
                '<a href="/shop/accounts/">account</a> you can follow production stage by stage, download your '
                "invoice, send us a help request about a specific order and start a return in a few clicks.</p>",
            ),
            (
                "callout",
                {
                    "title": "Read your configuration once more",
                    "text": (
                        "<p>The basket and the order summary list every option you chose, and we build exactly what "
                        "is written there. Changes are free until production starts: see "
                        '<a href="/help/change-or-cancel/">changing or cancelling an order</a>.</p>'
                    ),
                },
            ),
            (
                "paragraph",
                "<h2>What happens next</h2>"
                "<p>Your order joins the workshop queue within one working day. We e-mail you when production starts, "
                "when it passes quality check and when it ships, each time with your order's current ship date. "
                'To see how long each product takes, read <a href="/help/production-times/">how long production '
                "takes</a>.</p>",
            ),
        ],
    },
    {
        "slug": "change-or-cancel",
        "title": "Changing or cancelling an order",
        "topic": "ordering",
        "summary": (
            "Change your configuration or cancel free of charge until production starts. After that, here is what "
            "we can still do."
        ),
        "body": [
            (
                "paragraph",
                "<p>Because we build everything to order, what we can change depends on how far your order has got "
                "in the workshop. The order page under "
                '<a href="/shop/accounts/orders/">Your account, Order history</a> shows the current stage.</p>'
                "<h2>Before production starts</h2>"
                "<p>While your order is <b>Received</b> or <b>In the queue</b>, you can change any option, or cancel "
                "the whole order, free of charge. Send us a help request from the order page saying what you would "
                "like to change.</p>"
                "<ul>"
                "<li>If the new configuration costs more, we e-mail you a secure payment link for the difference.</li>"
                "<li>If it costs less, we refund the difference to your card within 5 working days.</li>"
                "<li>A change can move your ship date. We tell you the new date before we confirm the change.</li>"
                "</ul>"
                "<h2>Once production has started</h2>"
                "<p>When your order moves to <b>In production</b>, materials have been cut for you. From then on:</p>"
                "<ul>"
                "<li>Small changes, such as laces, monogram, bike lights, rack or the desk cable tray, are often "
                "still possible. Ask and we will tell you honestly.</li>"
                "<li>Changes to material, size or frame colour usually aren't, because those parts are already "
                "made.</li>"
                "<li>You can still cancel, but we keep the cost of the materials and work already done, up to 40% of "
                "the product price. We refund the rest within 5 working days.</li>"
                "</ul>",
            ),
            (
                "callout",
                {
                    "title": "Changing your delivery address",
                    "text": (
                        "<p>You can change the delivery address free of charge at any point until your order ships. "
                        "Send a help request from the order page or call us on <b>+32 9 000 12 34</b>.</p>"
                    ),
                },
            ),
            (
                "paragraph",
                "<p>Accessories ordered on their own ship from stock within 2 working days. You can cancel them any "
                "time before they ship, and you have 14 days after delivery to return them: see "
                '<a href="/help/returns/">returns of made-to-order goods</a>.</p>',
            ),
        ],
    },
    # --- Customising -------------------------------------------------------------------------------------------------
    {
        "slug": "customise-your-product",
        "title": "Customising your product",
        "topic": "customising",
        "summary": (
            "How feature groups work, why some options are greyed out, and how to save a configuration or share it "
            "with someone else."
        ),
        "body": [
            (
                "paragraph",
                "<p>Each product is configured from a set of <b>feature groups</b>. For the sneaker these are size, "
                "upper material, upper colour, toe cap, sole, laces, lining, extras and monogram. For the city bike: "
                "your height, which sets the frame size, then frame colour, gearing, front hub, brakes, mudguards, "
                "rack, basket, lights and bell. For the standing desk: width, depth, top, frame colour, motor, height "
                "range, cable tray, memory keypad and castors.</p>"
                "<h2>Choosing options</h2>"
                "<p>Work through the groups from top to bottom. Required groups are marked, and the product can't go "
                "into your basket until each one has a choice. Optional extras, such as a monogram or a front basket, "
                "can be left empty. Options that cost extra show the surcharge next to their name, and the price at "
                "the top of the page always includes everything you have chosen.</p>"
                "<h2>Why some options are unavailable</h2>"
                "<p>Some combinations can't be built well, so we don't offer them. A greyed-out option shows a short "
                "reason when you hover over or tap it. The most common are:</p>"
                "<ul>"
                "<li><b>Material rules:</b> suede isn't offered in chalk white, because it marks too easily.</li>"
                "<li><b>Build rules:</b> the front basket needs the front rack to carry it, and dynamo lights need "
                "the dynamo front hub.</li>"
                "<li><b>Size rules:</b> desk tops 150 cm and wider need the dual motor, and bamboo tops are made up "
                "to 140 cm wide.</li>"
                "<li><b>Material shortages:</b> now and then we run out of a leather or a wood. The option returns as "
                "soon as new stock passes our inspection.</li>"
                "</ul>"
                "<h2>Saving and sharing a configuration</h2>"
                "<p>When you are signed in, choose <b>Save configuration</b> to keep it in "
                '<a href="/shop/accounts/">your account</a> and come back to it later. Each saved configuration also '
                "has a <b>Share</b> link. Anyone who opens it sees the product with your options selected, and can "
                "order it as it is or change it for themselves: useful for gifts, or for a second opinion. Shared "
                "links always show today's price and availability.</p>",
            ),
            (
                "callout",
                {
                    "title": "Not sure which option to pick?",
                    "text": (
                        "<p>E-mail us a photo of where it will live, or visit the "
                        '<a href="/workshop/">workshop</a> to see and touch every material we use.</p>'
                    ),
                },
            ),
        ],
    },
    {
        "slug": "finding-your-size",
        "title": "Finding your size: sneakers, bikes and desks",
        "topic": "customising",
        "summary": (
            "How our sneakers fit, which bike frame size matches your height, and which desk height range you need."
        ),
        "body": [
            (
                "paragraph",
                "<h2>Sneakers</h2>"
                "<p>We make whole sizes from EU 36 to EU 47 on a last with a medium width that is true to size. If "
                "you are between sizes, or have wide feet, choose the larger size. To check, stand on a sheet of "
                "paper in the evening, mark your heel and longest toe, and measure between the marks:</p>"
                "<ul>"
                "<li>up to 22.5 cm: EU 36</li>"
                "<li>up to 23.8 cm: EU 38</li>"
                "<li>up to 25.2 cm: EU 40</li>"
                "<li>up to 26.5 cm: EU 42</li>"
                "<li>up to 27.8 cm: EU 44</li>"
                "<li>up to 29.2 cm: EU 46</li>"
                "</ul>"
                "<p>Each size in between adds about 0.65 cm.</p>"
                "<h2>City bikes</h2>"
                "<p>Frame size follows your height. Enter yours, from 150 to 200 cm, and the configurator picks the "
                "frame:</p>"
                "<ul>"
                "<li><b>S</b> (50 cm frame): 150 to 164 cm</li>"
                "<li><b>M</b> (54 cm frame): 165 to 179 cm</li>"
                "<li><b>L</b> (58 cm frame): 180 to 200 cm</li>"
                "</ul>"
                "<p>Close to the edge of a size and unsure? Book a fitting at the workshop. On frame S the front "
                "basket is the willow one, because the birch crate is too deep for the smaller frame.</p>"
                "<h2>Standing desks</h2>"
                "<p>The right desk height is your elbow height with relaxed shoulders. The <b>standard</b> range, "
                "65 to 125 cm, suits most people from about 160 to 190 cm tall, sitting and standing. If you are "
                "shorter or taller, or share the desk with someone who is, choose the <b>extended</b> range, 60 to "
                "130 cm; it needs the dual motor and can't have castors. Width and depth are about your room and "
                "your work: 140 cm wide fits a laptop and one monitor, 160 cm two monitors, and depths run from 60 "
                "to 90 cm. Tops 150 cm and wider need the dual motor.</p>",
            ),
            (
                "callout",
                {
                    "title": "If it still doesn't fit",
                    "text": (
                        "<p>If your sneakers or bike frame don't fit even though you followed this guide, we remake "
                        'them. See <a href="/help/remakes-for-fit/">remakes for fit</a>.</p>'
                    ),
                },
            ),
        ],
    },
    # --- Production --------------------------------------------------------------------------------------------------
    {
        "slug": "production-times",
        "title": "How long production takes",
        "topic": "production",
        "summary": (
            "Typical lead times for each product, how we work out your ship date from the workshop queue, and what "
            "happens if it slips."
        ),
        "body": [
            (
                "paragraph",
                "<p>Nothing we make is waiting on a shelf: each sneaker, bike and desk is built after you order it. "
                "Typical production times, in working days (Monday to Friday, excluding Belgian public holidays), "
                "are:</p>"
                "<ul>"
                "<li><b>Sneakers:</b> 10 working days, or 13 with a suede upper</li>"
                "<li><b>City bikes:</b> 15 working days, 19 with ash wood mudguards and 20 with 8-speed gearing (hub "
                "or derailleur)</li>"
                "<li><b>Standing desks:</b> 12 working days, or 19 with a walnut top</li>"
                "<li><b>Accessories:</b> in stock, shipped within 2 working days</li>"
                "</ul>"
                "<p>Extra days don't add up: only the slowest option you choose counts, so an 8-speed bike with ash "
                "wood mudguards takes 20 working days, not 24.</p>"
                "<h2>Where your ship date comes from</h2>"
                "<p>The estimated ship date on the product page and in your confirmation isn't a generic promise. "
                "We calculate it from the workshop queue: how many orders are ahead of yours at each bench, how long "
                "your configuration takes to build, and the days we are closed. It is the day we expect your order "
                "to leave the workshop; add the delivery time for your country from "
                '<a href="/help/shipping/">shipping destinations, costs and carriers</a>.</p>'
                "<p>In November and December the queue is longer, often by 5 working days; the date you see already "
                "takes that into account. If your basket mixes products, we ship everything together once the last "
                "item is ready, unless you ask us to split the shipment.</p>"
                "<h2>If a date slips</h2>"
                "<p>Sometimes a hide fails our inspection or a delivery of wood arrives late. If your ship date moves, "
                "we update it on your order page and e-mail you the new date the same day, so you "
                "never find out from a parcel that doesn't arrive. If the delay is more than 10 working days, you "
                "can cancel for a full refund, even if production has started.</p>",
            ),
            (
                "callout",
                {
                    "title": "Need it by a certain date?",
                    "text": (
                        "<p>E-mail us at hello@atelier.example <i>before</i> you order. We can't always speed things "
                        "up, but we will tell you honestly whether the date is realistic.</p>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "track-production",
        "title": "Tracking your order's production",
        "topic": "production",
        "summary": (
            "Follow your order through the workshop stage by stage on your order page, and find out what each "
            "status means."
        ),
        "body": [
            (
                "paragraph",
                "<p>Sign in, open "
                '<a href="/shop/accounts/orders/">Your account, Order history</a> and choose the order. The '
                "production timeline shows where each item is, the date it reached each stage and the current "
                "estimated ship date.</p>"
                "<h2>What the stages mean</h2>"
                "<ol>"
                "<li><b>Received:</b> we have your order and your payment. You can still change or cancel it free of "
                "charge.</li>"
                "<li><b>In the queue:</b> your order has its place at the bench and the materials are reserved for "
                "you.</li>"
                "<li><b>In production:</b> it is being made. Sneakers are cut, stitched, lasted and soled; bikes have "
                "their frame painted, wheels built and parts fitted; desk tops are cut to size, edged and oiled while "
                "the frame is assembled.</li>"
                "<li><b>Quality check:</b> a second maker checks it against your configuration and our checklist. If "
                "something isn't right it goes back to the bench, and we tell you if that moves the date.</li>"
                "<li><b>Ready to ship:</b> packed and waiting for the carrier, who usually collects the same or next "
                "working day. If you chose collection, you can now pick it up from the workshop.</li>"
                "<li><b>Shipped:</b> on its way, with the date it left the workshop.</li>"
                "</ol>"
                "<h2>E-mail updates</h2>"
                "<p>We e-mail you when production starts, when your order passes quality check and when it ships. "
                "Each one greets you by name and links to your order's page. If the ship date moves, we e-mail you "
                "the new date the same day.</p>",
            ),
            (
                "callout",
                {
                    "title": "Ordered as a guest?",
                    "text": (
                        "<p>Use the order status link in your confirmation e-mail to see the same timeline. Lost the "
                        "e-mail? Write to hello@atelier.example with your order number and we will resend it.</p>"
                    ),
                },
            ),
        ],
    },
    # --- Shipping ----------------------------------------------------------------------------------------------------
    {
        "slug": "shipping",
        "title": "Shipping destinations, costs and carriers",
        "topic": "shipping",
        "summary": (
            "Where we deliver, what delivery costs for sneakers, bikes and desks, which carriers we use and how long "
            "it takes."
        ),
        "body": [
            (
                "paragraph",
                "<p>We ship from our workshop in Ghent to every EU country, the United Kingdom, Switzerland and "
                "Norway. Collecting from the "
                '<a href="/workshop/">workshop</a> is always free.</p>'
                "<h2>Costs</h2>"
                "<ul>"
                "<li><b>Sneakers:</b> free within the EU; €14.90 to the UK, Switzerland and Norway.</li>"
                "<li><b>Accessories on their own:</b> €5.90 to Belgium, the Netherlands and Luxembourg, €9.90 to "
                "the rest of the EU, €14.90 to the UK, Switzerland and Norway. Free when they ship with a "
                "made-to-order product.</li>"
                "<li><b>City bikes:</b> €49 within the Benelux, €79 to the rest of the EU, €119 to the UK, "
                "Switzerland and Norway.</li>"
                "<li><b>Standing desks:</b> €39 within the Benelux, €69 to the rest of the EU, €99 to the "
                "UK, Switzerland and Norway.</li>"
                "</ul>"
                "<h2>Carriers and delivery times</h2>"
                "<p>Sneakers and accessories travel as parcels with DHL Parcel: 1 to 2 working days within the "
                "Benelux, 2 to 5 to the rest of the EU and 3 to 6 to the UK, Switzerland and Norway.</p>"
                "<p>Bikes and desks go with our freight partner, who phones or e-mails you to agree a delivery slot "
                "and carries them to your door: 2 to 4 working days within the Benelux and 4 to 8 elsewhere. "
                "Delivery times count from the day your order leaves the workshop.</p>"
                "<h2>Outside the EU</h2>"
                "<p>For the UK, Switzerland and Norway we remove Belgian VAT at checkout. Import VAT and any duty are "
                "charged by the carrier on delivery, usually 20% in the UK, 8.1% in Switzerland and 25% in "
                'Norway. See <a href="/help/prices-vat-invoices/">prices, VAT and invoices</a>.</p>',
            ),
            (
                "callout",
                {
                    "title": "Look at the box before you sign",
                    "text": (
                        "<p>If the packaging is visibly damaged, note it on the delivery receipt and take photos. "
                        "Send them to us in a help request within 48 hours and we will sort it out with the carrier, "
                        "so you don't have to.</p>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "unpacking-and-assembly",
        "title": "Unpacking and assembling your bike or desk",
        "topic": "shipping",
        "summary": (
            "Bikes arrive 90% assembled and desks in two boxes. What is in the box, the tools you need and how long "
            "assembly takes."
        ),
        "body": [
            (
                "paragraph",
                "<p>Sneakers and accessories arrive ready to use. Bikes and desks are large, so we ship them part "
                "assembled, packed in recyclable cardboard with paper padding and no foam.</p>"
                "<h2>City bike</h2>"
                "<p>Your bike arrives 90% assembled and fully tuned, in one box of about 150 by 80 by 25 cm and "
                "21 kg. The gears, brakes and lights are already adjusted. You fit:</p>"
                "<ol>"
                "<li>the front wheel, with its quick-release or thru-axle, and the light cable if you have a dynamo "
                "hub;</li>"
                "<li>the handlebar, into the stem, with four bolts tightened in a cross pattern;</li>"
                "<li>the pedals: the right pedal threads clockwise, the left anticlockwise;</li>"
                "<li>the front basket, if you ordered one.</li>"
                "</ol>"
                "<p>The multi-tool and a printed guide with torque values are in the box. Allow 20 minutes, then "
                "pump the tyres to the pressure printed on their sidewall.</p>"
                "<h2>Standing desk</h2>"
                "<p>Your desk comes in two boxes: the top, up to 34 kg for a 200 by 90 cm oak top, and the frame, "
                "about 28 kg. The screw holes in the top are pre-drilled to match the frame, so assembly takes two "
                "people about 30 minutes with the hex keys supplied and a cordless screwdriver, if you have one.</p>"
                "<ol>"
                "<li>Lay the top face down on the box lid to protect the finish.</li>"
                "<li>Screw the frame and its feet to the top.</li>"
                "<li>Fix the control panel or memory keypad and, if ordered, the cable tray and castors.</li>"
                "<li>Turn the desk upright together, plug it in and run the reset described in "
                '<a href="/help/desk-care/">caring for your standing desk</a>.</li>'
                "</ol>",
            ),
            (
                "callout",
                {
                    "title": "Would you rather not build it yourself?",
                    "text": (
                        "<p>Collect it fully assembled from the "
                        '<a href="/workshop/">workshop</a>, or add assembly '
                        "at checkout for deliveries within 50 km of Ghent: €45 for a desk, €35 for a bike.</p>"
                    ),
                },
            ),
        ],
    },
    # --- Returns -----------------------------------------------------------------------------------------------------
    {
        "slug": "returns",
        "title": "Returns of made-to-order goods",
        "topic": "returns",
        "summary": (
            "Why the 14-day right of withdrawal doesn't apply to goods made to your specification, what we offer "
            "instead, and how to start a return."
        ),
        "body": [
            (
                "paragraph",
                "<p>We want you to be happy with what we make, and we also want to be straightforward about the "
                "rules.</p>"
                "<h2>The legal position</h2>"
                "<p>Under EU consumer law you normally have 14 days to withdraw from an online purchase without "
                "giving a reason. That right <b>does not apply to goods made to the consumer's specifications or "
                "clearly personalised</b> (Article 16(c) of the Consumer Rights Directive 2011/83/EU, which Belgian "
                "law follows). Your sneakers, bike and desk are built to your configuration, so we can't take them "
                "back simply because you have changed your mind.</p>"
                "<p>Accessories such as laces, lights, cable trays and care kits are standard stock items. For those, "
                "the full 14-day right of withdrawal applies, counted from the day you receive them.</p>"
                "<h2>What we offer instead</h2>"
                "<ul>"
                "<li><b>Fit problems:</b> if your sneakers or bike frame don't fit, we remake or exchange them "
                "within 30 days of delivery. See "
                '<a href="/help/remakes-for-fit/">remakes for fit</a>.</li>'
                "<li><b>Defects and mistakes:</b> if anything arrives faulty, damaged or different from your "
                "configuration, we repair, remake or replace it, or give you a full refund including delivery if you "
                "prefer. The choice is yours.</li>"
                "<li><b>Later problems:</b> your legal guarantee and "
                '<a href="/help/warranty/">our warranty</a> apply as normal.</li>'
                "</ul>"
                "<h2>How to start a return</h2>"
                "<ol>"
                '<li>Sign in and open the order in <a href="/shop/accounts/orders/">Order history</a>.</li>'
                "<li>Choose <b>Start a return</b>, select the item and the reason: fit, defect, wrong configuration "
                "or accessory withdrawal.</li>"
                "<li>Add photos if something is damaged or faulty; they help us decide quickly.</li>"
                "<li>Within one working day we send you a prepaid return label, or arrange a collection for bikes "
                "and desks.</li>"
                "</ol>"
                "<p>Refunds go back to the card you paid with within 5 working days of the item reaching us.</p>",
            ),
        ],
    },
    {
        "slug": "remakes-for-fit",
        "title": "Remakes for fit",
        "topic": "returns",
        "summary": (
            "If your sneakers or bike frame don't fit, we remake or exchange them once, free of charge, within 30 "
            "days of delivery."
        ),
        "body": [
            (
                "paragraph",
                '<p>Our <a href="/help/finding-your-size/">size guide</a> is good, but feet and bodies '
                "don't always "
                "follow charts. If something we made for you doesn't fit, we would rather fix it than have it sit in "
                "a cupboard.</p>"
                "<h2>What is covered</h2>"
                "<ul>"
                "<li><b>Sneakers:</b> one free remake in another size.</li>"
                "<li><b>City bikes:</b> if the frame size doesn't suit you, we exchange the frame for another size "
                "and move your components across. We pay the shipping both ways.</li>"
                "<li><b>Standing desks:</b> the height adjusts, so fit is rarely the issue. If the top turns out to "
                "be the wrong width for your room, we make a new top at half its list price and take the old one "
                "back.</li>"
                "</ul>"
                "<h2>Conditions</h2>"
                "<ul>"
                "<li>Ask within 30 days of delivery.</li>"
                "<li>Sneakers worn indoors only, clean and undamaged; bikes ridden no more than 100 km.</li>"
                "<li>One fit remake per item. Everything else stays as you configured it; if you would like to change "
                "a colour or material at the same time, you pay only the price difference.</li>"
                "</ul>"
                "<h2>How it works</h2>"
                "<p>Start a return from your order page in "
                '<a href="/shop/accounts/orders/">Order history</a> and choose <b>Fit</b> as the reason. Tell us '
                "what felt wrong: too tight across the toes, slipping at the heel, a stretched reach on the bike. "
                "That helps us choose the right size with you. We send a prepaid label, or arrange collection for a "
                "bike, and your remake goes to the front of the queue. Sneaker remakes usually ship within 7 working "
                "days, bike frame exchanges within 10.</p>",
            ),
            (
                "callout",
                {
                    "title": "Not keen to be without shoes?",
                    "text": (
                        "<p>Tell us, and we will ship the remade sneakers first. Send the original pair back within "
                        "14 days of receiving the new ones.</p>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "warranty",
        "title": "Our warranty",
        "topic": "returns",
        "summary": (
            "Ten years on bike and desk frames, five on desk motors and two on everything else, on top of your legal "
            "guarantee. What is covered and how to claim."
        ),
        "body": [
            (
                "paragraph",
                "<p>Under EU law, everything you buy from us carries a 2-year legal guarantee of conformity: if a "
                "fault was there when it was delivered, we put it right. Our own warranty sits on top of that and "
                "never replaces it.</p>"
                "<h2>What our warranty covers</h2>"
                "<ul>"
                "<li><b>Sneakers:</b> 2 years on the stitching, the sole bond and the hardware.</li>"
                "<li><b>City bikes:</b> 10 years on the frame and fork, 2 years on components and paint.</li>"
                "<li><b>Standing desks:</b> 10 years on the steel frame, 5 years on the motors and control box, "
                "2 years on the top.</li>"
                "<li><b>Accessories:</b> 2 years.</li>"
                "</ul>"
                "<p>The warranty runs from the day of delivery and passes to the next owner if you sell or give the "
                "product away.</p>"
                "<h2>What it doesn't cover</h2>"
                "<ul>"
                "<li>Normal wear: worn soles, brake pads, chains, tyres and light scratches on a desk top.</li>"
                "<li>Damage from accidents, misuse, or loads over the desk's limit: 70 kg with a single motor, "
                "100 kg with the dual motor.</li>"
                "<li>Repairs or modifications made by someone other than us or a bike shop.</li>"
                "</ul>"
                "<h2>How to claim</h2>"
                "<p>Send a help request from the order page in "
                '<a href="/shop/accounts/orders/">Order history</a>, or e-mail hello@atelier.example with your order '
                "number, a short description and photos. We reply within one working day. Most problems are fixed "
                "by sending a part; otherwise we collect the product, repair or replace it, and pay the shipping "
                "both ways.</p>",
            ),
            (
                "callout",
                {
                    "title": "Worn out rather than broken?",
                    "text": (
                        "<p>We resole our sneakers for €45 a pair and service our bikes at the workshop. See "
                        '<a href="/help/sneaker-care/">caring for your sneakers</a>.</p>'
                    ),
                },
            ),
        ],
    },
    # --- Payment -----------------------------------------------------------------------------------------------------
    {
        "slug": "payment",
        "title": "Payment methods and security",
        "topic": "payment",
        "summary": (
            "We accept Visa, Mastercard and American Express through Stripe, with 3-D Secure. You are charged in full "
            "when you place your order."
        ),
        "body": [
            (
                "paragraph",
                "<h2>How you can pay</h2>"
                "<p>We accept Visa, Mastercard and American Express credit and debit cards. Payments are processed by "
                "Stripe, a PCI DSS Level 1 certified payment provider. You type your card number into Stripe's "
                "secure form, and it goes straight to Stripe: it never passes through or is stored on our servers. "
                "We only ever see the card brand, the last four digits and the expiry date.</p>"
                "<h2>3-D Secure</h2>"
                "<p>European rules on strong customer authentication mean your bank will usually ask you to confirm "
                "the payment, in its app, with a code by text message or with your card reader. This step is called "
                "3-D Secure (Visa Secure, Mastercard Identity Check or American Express SafeKey). If the "
                "confirmation fails or times out, the order isn't placed and nothing is charged, so you can simply "
                "try again.</p>"
                "<h2>When you are charged</h2>"
                "<p>We charge the full amount, including delivery, when you place your order. We buy and cut "
                "materials specifically for you, so we don't take deposits or charge later at dispatch. If you ask "
                "us to change your order, we refund or charge only the difference. If we ever can't build your "
                "order, we refund you in full within 5 working days.</p>"
                "<h2>Refunds</h2>"
                "<p>Refunds always go back to the card you paid with. Stripe passes them to your bank the same day; "
                "depending on your bank they appear on your statement within 5 to 10 working days.</p>",
            ),
            (
                "callout",
                {
                    "title": "We never ask for card details by e-mail or phone",
                    "text": (
                        "<p>If someone claiming to be Atelier asks for your card details, or for a payment outside "
                        "our checkout, don't reply. Forward the message to hello@atelier.example.</p>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "prices-vat-invoices",
        "title": "Prices, VAT and invoices",
        "topic": "payment",
        "summary": (
            "All prices include 21% Belgian VAT. Download your VAT invoice from your account; business customers can "
            "add a VAT number at checkout."
        ),
        "body": [
            (
                "paragraph",
                "<p>All prices in the shop are in euros and include Belgian VAT at 21%. The price on the product page "
                "updates as you configure, so the total in your basket is what you pay, plus the delivery cost shown "
                "before you pay.</p>"
                "<h2>Invoices</h2>"
                "<p>Your VAT invoice is available as a PDF on the order page in "
                '<a href="/shop/accounts/orders/">Order history</a> once your order has shipped. If you ordered as '
                "a guest, we attach it to the dispatch e-mail. Need the invoice addressed differently? Send us a help "
                "request and we will reissue it.</p>"
                "<h2>Business customers</h2>"
                "<p>Add your company name and VAT number at checkout. For businesses in another EU country with a "
                "valid VAT number, we check it against the EU's VIES register and apply the reverse charge: Belgian "
                "VAT is removed from the total and your invoice says so. Belgian businesses pay VAT as usual and can "
                "reclaim it in the normal way.</p>"
                "<h2>Outside the EU</h2>"
                "<p>For deliveries to the UK, Switzerland and Norway, prices are shown without Belgian VAT as soon as "
                "you enter your delivery address. Import VAT and any duty are collected by the carrier on delivery; "
                'see <a href="/help/shipping/">shipping destinations, costs and carriers</a>.</p>',
            ),
            (
                "callout",
                {
                    "title": "Furnishing an office?",
                    "text": (
                        "<p>For five or more desks or bikes, e-mail hello@atelier.example for a quote with a fixed "
                        "delivery date, one invoice and payment by bank transfer.</p>"
                    ),
                },
            ),
        ],
    },
    # --- Care --------------------------------------------------------------------------------------------------------
    {
        "slug": "sneaker-care",
        "title": "Caring for your sneakers",
        "topic": "care",
        "summary": (
            "How to clean and protect leather, suede and canvas uppers, look after the soles, and when to have "
            "your sneakers resoled."
        ),
        "body": [
            (
                "paragraph",
                "<p>Our sneakers are made to be worn for years. A few minutes of care every month or two keeps them "
                "looking right and makes them last much longer.</p>"
                "<h2>Leather</h2>"
                "<ul>"
                "<li>Wipe off dirt with a soft, slightly damp cloth; never soak the leather.</li>"
                "<li>Every 2 to 3 months, work a thin layer of leather balm into the upper, leave it for 10 minutes "
                "and buff with a dry cotton cloth.</li>"
                "<li>Vegetable-tanned leather darkens gently with light and wear. That is the patina, not a fault.</li>"
                "</ul>"
                "<h2>Suede</h2>"
                "<ul>"
                "<li>Spray with a suede protector before the first wear, and again every month.</li>"
                "<li>Brush dry, in one direction, to lift the nap. Rub out marks with a suede eraser.</li>"
                "<li>If they get soaked, stuff them with newspaper and let them dry slowly, then brush.</li>"
                "</ul>"
                "<h2>Canvas</h2>"
                "<ul>"
                "<li>Brush off dry dirt first, then clean with lukewarm water and a little mild soap.</li>"
                "<li>Don't put them in the washing machine: the heat weakens the sole bond.</li>"
                "</ul>"
                "<h2>Soles, laces and drying</h2>"
                "<p>Scrub the natural rubber soles with a soft brush and soapy water. Take the laces out to wash "
                "them by hand. Always dry sneakers at room temperature, away from radiators and direct sun, and give "
                "them a day off between wears if you can.</p>"
                "<h2>Resoling</h2>"
                "<p>The cupsole is stitched as well as glued, so when the tread wears through we can replace it. "
                "Resoling costs €45 a pair, including return shipping within the EU, and takes about 10 working "
                "days. Send a help request from your original order to arrange it.</p>",
            ),
            (
                "callout",
                {
                    "title": "Everything in one box",
                    "text": (
                        "<p>Our care kit has leather balm, a suede brush and eraser, canvas cleaner and a cotton "
                        'cloth. Find it in the <a href="/shop/">shop</a> under Accessories.</p>'
                    ),
                },
            ),
        ],
    },
    {
        "slug": "bike-care",
        "title": "Caring for your city bike",
        "topic": "care",
        "summary": (
            "Tyre pressure, chain and hub care, brakes and the free first service: the simple routine that keeps "
            "your city bike running smoothly."
        ),
        "body": [
            (
                "paragraph",
                "<p>A city bike asks for very little, but it does ask regularly. This is the routine we follow with "
                "our own bikes.</p>"
                "<h2>Every two weeks</h2>"
                "<ul>"
                "<li><b>Tyres:</b> pump them to 3.5 to 4.5 bar. Underinflated tyres wear faster and puncture more "
                "easily.</li>"
                "<li><b>Brakes:</b> squeeze each lever firmly. It should stop well before it touches the "
                "handlebar.</li>"
                "<li><b>Lights:</b> check they work, and charge rechargeable lights before they run flat. Dynamo "
                "lights never need charging.</li>"
                "</ul>"
                "<h2>Every month, or after a wet ride</h2>"
                "<ul>"
                "<li>Wipe the chain with a dry cloth, put one drop of chain oil on each link, turn the pedals and "
                "wipe off the excess.</li>"
                "<li>Look at the brake pads. Rim pads have wear grooves; disc pads should be thicker than 1 mm.</li>"
                "</ul>"
                "<h2>Gears</h2>"
                "<p>3-speed and 8-speed hubs are sealed and need an oil service every 5,000 km or two years. If the "
                "gears start to slip, the cable has usually stretched: the yellow marks on the hub should line up "
                "in 4th gear on the 8-speed hub and 2nd gear on the 3-speed. The 8-speed derailleur is open to the "
                "weather, so clean and oil its chain more often, and bring it in if the gears start to skip. On a "
                "single speed, the chain should move no more than 1 cm up and down at its midpoint.</p>"
                "<h2>The frame</h2>"
                "<p>The chromoly steel frame is powder-coated and treated inside against rust. Touch up any chips "
                "with the paint pen we include in your colour, and keep the bike indoors or under cover when you "
                "can. Wash it with water and a little washing-up liquid; never use a pressure washer, which forces "
                "water into the bearings.</p>",
            ),
            (
                "callout",
                {
                    "title": "Your free first service",
                    "text": (
                        "<p>New cables stretch and bolts settle. Bring your bike to the "
                        '<a href="/workshop/">workshop</a> within 3 months or 500 km for a free check and '
                        "adjustment. It takes about 30 minutes; book a slot by phone.</p>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "desk-care",
        "title": "Caring for your standing desk",
        "topic": "care",
        "summary": (
            "Cleaning and re-oiling oak, walnut and bamboo tops, looking after linoleum, and keeping the lifting "
            "frame and motors in good order."
        ),
        "body": [
            (
                "paragraph",
                "<h2>Oak, walnut and bamboo tops</h2>"
                "<p>Our oak, walnut and bamboo tops are finished with a hardwax oil that lets the wood breathe and "
                "can be repaired in place.</p>"
                "<ul>"
                "<li>Wipe with a cloth wrung out in water with a drop of mild soap, then dry.</li>"
                "<li>Avoid cleaning sprays containing alcohol or ammonia, which strip the oil.</li>"
                "<li>Use coasters for hot or wet cups, and wipe up spills within a few minutes.</li>"
                "<li>Once a year, or when water no longer beads on the surface, apply a thin coat of hardwax oil "
                "with a lint-free cloth and buff after 15 minutes. Light scratches can be sanded out first with "
                "240-grit paper.</li>"
                "</ul>"
                "<h2>Linoleum tops</h2>"
                "<p>Linoleum is made from linseed oil, wood flour and jute. It is warm to the touch, naturally "
                "antistatic and shows few fingerprints.</p>"
                "<ul>"
                "<li>Clean with a damp cloth and a pH-neutral cleaner; never use solvents or abrasive pads.</li>"
                "<li>A new top can have a faint yellowish tint, called drying-room film. It fades by itself in "
                "daylight within a few weeks.</li>"
                "<li>Twice a year, a thin coat of linoleum care wax keeps the surface even.</li>"
                "</ul>"
                "<h2>The frame and motors</h2>"
                "<ul>"
                "<li>The frame lifts up to 100 kg with the dual motor and up to 70 kg with the single motor, spread "
                "evenly across the top.</li>"
                "<li>The motors are made for about 2 minutes of continuous movement followed by 18 minutes' rest. If "
                "you move the desk for longer, it pauses itself to protect them.</li>"
                "<li>Check that the bolts between frame and top are tight after the first month, and once a year "
                "after that.</li>"
                "<li>Keep cables clear of the legs so nothing catches as the desk moves.</li>"
                "<li>If your desk has castors, lock them before you raise it or work standing.</li>"
                "</ul>",
            ),
            (
                "callout",
                {
                    "title": "If the desk stops moving",
                    "text": (
                        "<p>Run a reset: hold the down button until the desk reaches its lowest position, keep "
                        "holding for 5 seconds until it moves a little further and stops, then let go. If that "
                        "doesn't help, send us a help request with the code on the display.</p>"
                    ),
                },
            ),
        ],
    },
    # --- Contact -----------------------------------------------------------------------------------------------------
    {
        "slug": "contact-us",
        "title": "How to contact us",
        "topic": "contact",
        "summary": (
            "Send a help request from your order, e-mail or call us, or visit the workshop in Ghent. A real person "
            "replies within one working day."
        ),
        "body": [
            (
                "paragraph",
                "<p>Questions are answered by the people who make your products, not by a call centre. We reply "
                "within one working day, usually much sooner, in English, Dutch or French.</p>"
                "<h2>About an order: send a help request</h2>"
                "<p>The quickest way to get help with an order is from the order itself. Sign in, open the order in "
                '<a href="/shop/accounts/orders/">Order history</a> and choose <b>Ask for help</b>. Your message '
                "reaches us with your order number, your configuration and the production status already attached, "
                "so we don't need to ask you for them. You can add photos, and our reply appears on the order page "
                "as well as by e-mail.</p>"
                "<h2>By e-mail</h2>"
                "<p>Write to <b>hello@atelier.example</b> for anything else: questions before you order, business "
                "quotes or press. If it is about an existing order, please include the order number.</p>"
                "<h2>By phone</h2>"
                "<p>Call <b>+32 9 000 12 34</b>, Monday to Friday, 09:00 to 17:00 (Belgian time). If we are at the "
                "bench and can't answer, leave a message and we will call you back the same day.</p>"
                "<h2>In person</h2>"
                "<p>Our workshop and showroom are on Lijnwaadkaai 27 in Ghent, open Monday to Friday 09:00 to 18:00 "
                "and Saturday 10:00 to 16:00. You are welcome without an appointment; for a bike fitting or desk "
                'consultation, book a slot first. Directions and parking are on the <a href="/workshop/">workshop '
                "page</a>.</p>",
            ),
            (
                "callout",
                {
                    "title": "Before you write",
                    "text": (
                        '<p>Many answers are already in the <a href="/help/">help centre</a>, from '
                        '<a href="/help/production-times/">production times</a> to '
                        '<a href="/help/returns/">returns</a>.</p>'
                    ),
                },
            ),
        ],
    },
]

# ---------------------------------------------------------------------------------------------------------------------
# Catalogue
# ---------------------------------------------------------------------------------------------------------------------

CATEGORIES = ["Footwear", "Bikes", "Furniture", "Accessories"]

PRODUCTS = [
    {
        "key": "sneaker",
        "title": "The Atelier Sneaker",
        "upc": "ATL-SNK-001",
        "category": "Footwear",
        "price": "149.00",
        "image": "sneaker.png",
        "description": (
            "<p>A clean, low-profile sneaker, cut, stitched and soled to your order at our benches in Ghent. The "
            "cupsole is stitched as well as glued, so when the tread finally wears through we can resole it.</p>"
            "<p><b>What you can customise</b></p>"
            "<ul>"
            "<li><b>Upper material:</b> full-grain vegetable-tanned leather, suede or heavy organic cotton "
            "canvas</li>"
            "<li><b>Colour:</b> eight upper colours, from chalk and sand to navy and ink black, depending on the "
            "material</li>"
            "<li><b>Toe cap:</b> the same as the upper, contrast chalk leather, or none</li>"
            "<li><b>Sole:</b> natural rubber in white, gum or black</li>"
            "<li><b>Laces:</b> waxed cotton in six colours</li>"
            "<li><b>Lining:</b> soft calf leather, or vegan microfibre with the canvas upper</li>"
            "<li><b>Extras:</b> up to two of a reflective heel tab, spare laces and a contoured cork footbed</li>"
            "<li><b>Monogram:</b> up to 3 letters, blind-embossed on the heel of leather uppers</li>"
            "<li><b>Size:</b> EU 36 to 47, whole sizes, medium width</li>"
            "</ul>"
            "<p>Every pair has a cork and latex footbed. <b>Made to order in 10 working days</b>, 13 for suede, "
            "with a free remake if the size isn't right.</p>"
        ),
        "made_to_order": True,
    },
    {
        "key": "city-bike",
        "title": "The Atelier City Bike",
        "upc": "ATL-BIK-001",
        "category": "Bikes",
        "price": "1290.00",
        "image": "city-bike.png",
        "description": (
            "<p>An upright, unfussy city bike on a chromoly steel frame, built for daily rides, cobbles and "
            "shopping. Frames come from a family framebuilder in Kortrijk; we paint, build the wheels, assemble and "
            "tune every bike in our Ghent workshop.</p>"
            "<p><b>What you can customise</b></p>"
            "<ul>"
            "<li><b>Frame size:</b> S, M or L from your height: S under 165 cm, M 165 to 179 cm, L 180 to "
            "200 cm</li>"
            "<li><b>Frame colour:</b> six powder-coat colours</li>"
            "<li><b>Gearing:</b> single speed, a sealed 3-speed or 8-speed hub, or an 8-speed derailleur</li>"
            "<li><b>Front hub:</b> standard or dynamo</li>"
            "<li><b>Brakes:</b> rim or hydraulic disc</li>"
            "<li><b>Mudguards:</b> none, steel or ash wood</li>"
            "<li><b>Carrying:</b> a rear rack, or a front platform rack with a willow basket or birch crate</li>"
            "<li><b>Lights:</b> rechargeable, dynamo or none</li>"
            "<li><b>Bell:</b> brass, chrome or black</li>"
            "</ul>"
            "<p>A kickstand and puncture-resistant 35 mm tyres come as standard. <b>Made to order in 15 working "
            "days</b>, 19 with ash mudguards and 20 with 8-speed gearing, with a 10-year warranty on the frame and "
            "fork and a free first service.</p>"
        ),
        "made_to_order": True,
    },
    {
        "key": "standing-desk",
        "title": "The Atelier Standing Desk",
        "upc": "ATL-DSK-001",
        "category": "Furniture",
        "price": "690.00",
        "image": "standing-desk.png",
        "description": (
            "<p>A quiet, sturdy sit-stand desk with a top cut to the size you need, lifted smoothly by one motor "
            "(up to 70 kg) or two (up to 100 kg).</p>"
            "<p><b>What you can customise</b></p>"
            "<ul>"
            "<li><b>Width:</b> 120 to 200 cm, in 10 cm steps</li>"
            "<li><b>Depth:</b> 60 to 90 cm</li>"
            "<li><b>Top:</b> solid oak or walnut with a hardwax oil finish, linoleum on birch plywood in "
            "charcoal, olive or mushroom, or bamboo up to 140 cm wide</li>"
            "<li><b>Frame colour:</b> black, white or aluminium</li>"
            "<li><b>Motor:</b> single, or dual for tops 150 cm and wider and the extended height range</li>"
            "<li><b>Height range:</b> standard 65 to 125 cm, or extended 60 to 130 cm</li>"
            "<li><b>Cable tray:</b> steel, with or without a cable spine</li>"
            "<li><b>Memory keypad:</b> four height presets</li>"
            "<li><b>Castors:</b> locking, to roll the desk aside (standard height range only)</li>"
            "</ul>"
            "<p>Our oak and walnut come from a sawmill in the Ardennes. <b>Made to order in 12 working days</b>, "
            "or 19 with a walnut top, with a 10-year warranty on the frame and 5 years on the motors.</p>"
        ),
        "made_to_order": True,
    },
]

ACCESSORIES = [
    {
        "key": "laces",
        "title": "Waxed Cotton Laces",
        "upc": "ATL-ACC-LACE",
        "category": "Accessories",
        "price": "9.00",
        "image": "laces.png",
        "description": (
            "<p>The same laces we fit to every Atelier Sneaker: tightly braided organic cotton with a light wax "
            "finish, so they hold a knot all day and shrug off light rain.</p>"
            "<ul>"
            "<li>One pair, 120 cm long, to fit our six-eyelet sneakers in every size from EU 36 to 47</li>"
            "<li>Flat, 5 mm wide, with clear recycled tips</li>"
            "<li>Six colours, the same as on the sneaker: chalk, ink black, terracotta, mustard, sage and navy</li>"
            "</ul>"
            "<p>A quick way to give a favourite pair a new look. <b>In stock</b> and shipped within 2 working days; "
            "free delivery when you order them with a pair of sneakers.</p>"
        ),
        "stock": 120,
    },
    {
        "key": "bike-light",
        "title": "Rechargeable Bike Light Set",
        "upc": "ATL-ACC-LIGHT",
        "category": "Accessories",
        "price": "39.00",
        "image": "bike-light.png",
        "description": (
            "<p>A compact front and rear light set that we fit to our own city bikes, and which clips onto almost "
            "any other bike too.</p>"
            "<ul>"
            "<li><b>Front:</b> 40 lux with a cut-off beam that lights the road without dazzling oncoming "
            "traffic</li>"
            "<li><b>Rear:</b> a bright red light that stays visible from the side</li>"
            "<li><b>Battery:</b> USB-C charging in 2 hours, up to 5 hours on high and 15 hours on low</li>"
            "<li><b>Mounting:</b> tool-free silicone straps for handlebars and seat posts from 22 to 32 mm</li>"
            "</ul>"
            "<p>Both lights are rated IPX5 against rain and come with a 2-year warranty. <b>In stock</b> and shipped "
            "within 2 working days.</p>"
        ),
        "stock": 40,
    },
    {
        "key": "cable-tray",
        "title": "Under-desk Cable Tray",
        "upc": "ATL-ACC-TRAY",
        "category": "Accessories",
        "price": "29.00",
        "image": "cable-tray.png",
        "description": (
            "<p>Keep power strips, chargers and spare cable off the floor and out of sight. The tray hangs under the "
            "back edge of the desk top and moves with it, so nothing pulls tight when you stand up.</p>"
            "<ul>"
            "<li>Powder-coated steel in black or white, or raw aluminium, to match your desk frame</li>"
            "<li>80 cm wide and 12 cm deep, with room for a six-socket power strip</li>"
            "<li>Fits every Atelier Standing Desk and most wooden desk tops at least 18 mm thick</li>"
            "</ul>"
            "<p>Supplied with four wood screws; fitting takes about 10 minutes with a screwdriver. "
            "<b>In stock</b> and shipped within 2 working days.</p>"
        ),
        "stock": 35,
    },
    {
        "key": "care-kit",
        "title": "Sneaker Care Kit",
        "upc": "ATL-ACC-CARE",
        "category": "Accessories",
        "price": "24.00",
        "image": "care-kit.png",
        "description": (
            "<p>Everything you need to look after leather, suede and canvas sneakers, in a recycled cardboard box "
            "that fits on a shoe shelf. It is the kit we use in the workshop.</p>"
            "<ul>"
            "<li>Leather balm with beeswax and lanolin, 50 ml</li>"
            "<li>Suede brush with brass and natural bristles, and a suede eraser</li>"
            "<li>Gentle canvas and sole cleaner, 100 ml</li>"
            "<li>Soft cotton polishing cloth</li>"
            "</ul>"
            "<p>Enough for about a year of regular care for two pairs. Step-by-step instructions are printed inside "
            "the lid, and our sneaker care guide in the help centre has more tips. <b>In stock</b> and shipped "
            "within 2 working days.</p>"
        ),
        "stock": 60,
    },
]


# Where we ship (ISO 3166-1 alpha-2, alpha-3, numeric, name), in the order the checkout lists them.
SHIPPING_COUNTRIES = [
    ("BE", "BEL", "056", "Belgium"), ("NL", "NLD", "528", "Netherlands"), ("LU", "LUX", "442", "Luxembourg"),
    ("AT", "AUT", "040", "Austria"), ("BG", "BGR", "100", "Bulgaria"), ("HR", "HRV", "191", "Croatia"),
    ("CY", "CYP", "196", "Cyprus"), ("CZ", "CZE", "203", "Czechia"), ("DK", "DNK", "208", "Denmark"),
    ("EE", "EST", "233", "Estonia"), ("FI", "FIN", "246", "Finland"), ("FR", "FRA", "250", "France"),
    ("DE", "DEU", "276", "Germany"), ("GR", "GRC", "300", "Greece"), ("HU", "HUN", "348", "Hungary"),
    ("IE", "IRL", "372", "Ireland"), ("IT", "ITA", "380", "Italy"), ("LV", "LVA", "428", "Latvia"),
    ("LT", "LTU", "440", "Lithuania"), ("MT", "MLT", "470", "Malta"), ("PL", "POL", "616", "Poland"),
    ("PT", "PRT", "620", "Portugal"), ("RO", "ROU", "642", "Romania"), ("SK", "SVK", "703", "Slovakia"),
    ("SI", "SVN", "705", "Slovenia"), ("ES", "ESP", "724", "Spain"), ("SE", "SWE", "752", "Sweden"),
    ("GB", "GBR", "826", "United Kingdom"), ("CH", "CHE", "756", "Switzerland"), ("NO", "NOR", "578", "Norway"),
]
