/* Oscar's page set-up from a static file: Oscar writes it as inline script (its onbodyload block), which the
   store's Content-Security-Policy does not run. oscar.init() on every page, and each Oscar page's own
   initialiser when that page's elements are present (the same calls Oscar's templates make inline). */
(function ($) {
    "use strict";
    if (!$ || !window.oscar) { return; }
    var oscar = window.oscar;
    $(function () {
        oscar.init();
        var basketForm = $("#basket_formset");
        if (basketForm.length || $("#saved_basket_formset, #voucher_form_link").length) {
            oscar.basket.init({ basketURL: basketForm.attr("action") || document.URL });
        }
        if ($("#id_sort_by, .facet_checkbox").length) { oscar.search.init(); }
        if ($("form input[name=options]").length && $("#id_password").length) { oscar.checkout.gateway.init(); }
        if ($(".clipboard-item").length) { oscar.customer.wishlists.init(); }
        if ($('a[data-behaviours~="archive"], a[data-behaviours~="delete"]').length) { oscar.notifications.init(); }
    });
})(window.jQuery);
