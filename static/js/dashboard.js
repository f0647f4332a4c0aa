/* The store's own dashboard behaviour, from a static file (no inline event handlers under the CSP):
   a button or link with data-confirm asks before it acts; a data-history-back link goes back a page. */
(function () {
    "use strict";
    document.addEventListener("click", function (event) {
        var confirmed = event.target.closest("[data-confirm]");
        if (confirmed && !window.confirm(confirmed.getAttribute("data-confirm"))) {
            event.preventDefault();
        } else if (event.target.closest("[data-history-back]")) {
            event.preventDefault();
            window.history.back();
        }
    });
})();
