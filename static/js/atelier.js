// Site-wide behaviour: the small-screen navigation toggle, "print this page" and "cancel" (back) links.
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
    var toggle = document.querySelector("[data-nav-toggle]");
    if (!toggle) { return; }
    var header = toggle.closest(".site-header");
    toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") === "true";
        toggle.setAttribute("aria-expanded", String(!open));
        header.classList.toggle("is-open", !open);
    });
})();
