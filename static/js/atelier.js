// Site-wide behaviour: the small-screen navigation toggle. No framework needed.
(function () {
    "use strict";
    document.documentElement.classList.remove("no-js");
    var toggle = document.querySelector("[data-nav-toggle]");
    if (!toggle) { return; }
    var header = toggle.closest(".site-header");
    toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") === "true";
        toggle.setAttribute("aria-expanded", String(!open));
        header.classList.toggle("is-open", !open);
    });
})();
