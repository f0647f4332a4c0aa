// Site-wide behaviour: the small-screen navigation toggle, keyboard access to tables that scroll sideways, "print this page" and "cancel" (back) links.
// No framework needed, and no inline event handlers (the Content-Security-Policy runs none).
(function () {
    "use strict";
    document.documentElement.classList.remove("no-js");
    document.addEventListener("click", function (event) {
        if (event.target.closest("[data-print]")) {
            event.preventDefault();
            window.print();
        } else if (event.target.closest("[data-history-back]")) {
            event.preventDefault();
            window.history.back();
        }
    });
    // A table that scrolls sideways on a small screen can be scrolled with the keyboard too (focusable region).
    function focusableScrollingTables() {
        document.querySelectorAll(".table").forEach(function (table) {
            if (table.scrollWidth > table.clientWidth + 1) {
                table.tabIndex = 0;
            } else if (table.tabIndex === 0) {
                table.removeAttribute("tabindex");
            }
        });
    }
    focusableScrollingTables();
    window.addEventListener("resize", focusableScrollingTables);
    var toggle = document.querySelector("[data-nav-toggle]");
    if (!toggle) { return; }
    var header = toggle.closest(".site-header");
    toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") === "true";
        toggle.setAttribute("aria-expanded", String(!open));
        header.classList.toggle("is-open", !open);
    });
})();
