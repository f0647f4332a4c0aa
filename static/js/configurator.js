// Makes the configurator page live: every change asks the server (JSON API) for the new state and
// updates option availability and reasons, the price, the dates, the return terms and the preview. The
// server decides everything; without JavaScript the same form posts and the page is rendered by the server.
const root = document.querySelector("[data-configurator]");

if (root) {
    const form = root.querySelector("[data-configurator-form]");
    const stateUrl = root.dataset.stateUrl;
    const product = root.dataset.product;
    const session = root.dataset.session || "";  // the configurator session: random, tied to nothing of the shopper
    const eventsUrl = root.dataset.eventsUrl;
    const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    const money = new Intl.NumberFormat(document.documentElement.lang || "en-GB", { style: "currency", currency: "EUR" });
    const history = [];
    const chosenOrder = [];  // option codes in the order the shopper picked them: reasons name the latest first
    let initial = null;
    let pending = null;
    let typing = null;  // the debounce timer of a text or number field being typed in

    const selectionFromForm = () => {
        const selection = { product, options: [], measurements: {}, texts: {} };
        for (const step of form.querySelectorAll("fieldset[data-group]")) {
            if (step.hidden) continue;  // a step shown only under a condition keeps no choices while hidden
            const code = step.dataset.group;
            for (const input of step.querySelectorAll("input")) {
                if ((input.type === "radio" || input.type === "checkbox") && input.checked && !input.disabled
                    && input.getAttribute("aria-disabled") !== "true") {
                    if (input.value) selection.options.push(input.value);  // "None" of an optional step is ""
                } else if (input.type === "number" && input.value.trim() !== "") {
                    selection.measurements[code] = input.value.trim();
                } else if (input.type === "text" && input.value.trim() !== "") {
                    selection.texts[code] = input.value;
                }
            }
        }
        const rank = (code) => chosenOrder.indexOf(code);
        selection.options.sort((a, b) => rank(a) - rank(b));  // stable: never picked ones keep step order, first
        return selection;
    };

    const applySelection = (selection) => {
        for (const input of form.querySelectorAll("input[type=radio], input[type=checkbox]")) {
            input.checked = selection.options.includes(input.value);
        }
        for (const none of form.querySelectorAll("[data-none-option] input")) {
            none.checked = !form.querySelector(`input[name="${none.name}"]:not([value=""]):checked`);
        }
        for (const input of form.querySelectorAll("input[type=number], input[type=text]")) {
            const code = input.name;
            input.value = (selection.measurements[code] ?? selection.texts[code] ?? "");
        }
    };

    const showError = (message) => {
        let box = root.querySelector("[data-live-error]");
        if (!box) {
            box = document.createElement("p");
            box.className = "form-error";
            box.setAttribute("role", "alert");
            box.dataset.liveError = "";
            form.before(box);
        }
        box.textContent = message;
        box.hidden = !message;
    };

    // A refused text or measurement: said next to its field, in plain words; nothing can be added meanwhile.
    const showFieldError = (field, message) => {
        let placed = false;
        for (const step of form.querySelectorAll("fieldset[data-group]")) {
            const input = step.querySelector("input[type=text], input[type=number]");
            const box = step.querySelector("[data-field-error]");
            if (!input || !box) continue;
            const here = step.dataset.group === field && Boolean(message);
            placed = placed || here;
            box.textContent = here ? `${step.dataset.label} ${message}` : "";
            box.hidden = !here;
            if (here) input.setAttribute("aria-invalid", "true");
            else input.removeAttribute("aria-invalid");
            const described = (input.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== box.id);
            input.setAttribute("aria-describedby", [...described, ...(here ? [box.id] : [])].join(" "));
        }
        if (message) root.querySelector("[data-complete-action]").setAttribute("aria-disabled", "true");
        return placed;
    };

    // "+€12.00 · +10 % (+€14.90) · +3 days", as the server writes it on the card (option_price)
    const signed = (amount) => (Number(amount) < 0 ? "−" : "+") + money.format(Math.abs(Number(amount)));
    const optionPrice = (option) => [
        Number(option.price_delta) ? signed(option.price_delta) : "",
        option.price_percent ? `+${option.price_percent} % (${signed(option.price_percent_amount)})` : "",
        option.lead_time_days ? `+${option.lead_time_days} days` : "",
    ].filter(Boolean).join(" · ");

    // What the server dropped because its step is now hidden, and why, with an Undo of that change.
    const showRemoved = (removed) => {
        const box = root.querySelector("[data-removed]");
        box.replaceChildren(...removed.map((removal) => {
            const line = document.createElement("p");
            line.textContent = removal.message;
            return line;
        }));
        if (removed.length) {
            const undo = document.createElement("button");
            undo.type = "button";
            undo.className = "link-button";
            undo.textContent = "Undo";
            undo.dataset.undoRemoved = "";
            undo.addEventListener("click", undoLast);
            box.append(undo);
        }
        box.hidden = removed.length === 0;
    };

    // list items showing server sentences as text (never as markup)
    const textItems = (sentences) => sentences.map((sentence) => {
        const item = document.createElement("li");
        item.textContent = sentence;
        return item;
    });

    const render = (state) => {
        for (const group of state.groups) {
            const step = form.querySelector(`fieldset[data-group="${group.code}"]`);
            if (!step) continue;
            step.hidden = !group.visible;
            step.disabled = !group.visible;  // a hidden step's fields are neither sent nor kept
            for (const input of step.querySelectorAll("input[type=text], input[type=number]")) {
                // the value as the server keeps it ("jd" is "JD"), once the shopper is no longer typing in it
                if (!group.visible) input.value = "";
                else if (input !== document.activeElement) input.value = group.value ?? "";
            }
            const none = step.querySelector("[data-none-option] input");
            if (none) {
                none.checked = Boolean(group.none_chosen);
                none.disabled = Boolean(group.none_blocked);
            }
            for (const option of group.options || []) {
                const item = step.querySelector(`[data-option="${option.code}"]`);
                if (!item) continue;
                item.className = `option option--${option.status}`;
                const input = item.querySelector("input");
                if (input) {
                    // unavailable options stay focusable (aria-disabled), so a screen reader says why they are not
                    if (option.status === "unavailable") input.setAttribute("aria-disabled", "true");
                    else input.removeAttribute("aria-disabled");
                    input.checked = option.status === "chosen" || option.status === "included";
                }
                const price = item.querySelector("[data-option-price]");
                if (price) price.textContent = optionPrice(option);
                const status = item.querySelector("[data-status]");
                if (status) {  // why not, or what it is (your size; early access for you)
                    const size = option.status === "chosen" && !input ? ["Your size"] : [];
                    status.textContent = option.reason || [...size, option.note].filter(Boolean).join(" · ");
                }
            }
        }
        for (const total of root.querySelectorAll("[data-total], [data-bar-total]")) {
            total.textContent = money.format(Number(state.price.total));
        }
        for (const shipDate of root.querySelectorAll("[data-ship-date], [data-bar-ship-date]")) {
            shipDate.dateTime = state.ship_date;
            shipDate.textContent = state.ship_date_display;
        }
        // what the return policy promises for this selection (a monogram or a measurement makes it personal)
        root.querySelector("[data-return-terms]").replaceChildren(...textItems(state.return_terms));
        root.querySelector("[data-breakdown]").replaceChildren(...state.price.lines.map((line) => {
            const item = document.createElement("li");
            const label = document.createElement("span");
            const amount = document.createElement("span");
            label.textContent = line.label;
            amount.textContent = money.format(Number(line.amount));
            item.append(label, " ", amount);
            return item;
        }));
        root.querySelector("[data-missing]").replaceChildren(...textItems(state.missing));
        showRemoved(state.removed);
        root.querySelector("[data-complete-action]").setAttribute("aria-disabled", String(!state.complete));
        root.querySelector("[data-preview]").innerHTML = state.preview_svg;  // server-built, sanitised layers
        root.dataset.renders = String(Number(root.dataset.renders || 0) + 1);
    };

    const refresh = async (selection, remember = true) => {
        if (pending) pending.abort();
        pending = new AbortController();
        try {
            const response = await fetch(stateUrl, {
                method: "POST",
                headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
                body: JSON.stringify(session ? { ...selection, session } : selection),
                signal: pending.signal,
            });
            const body = await response.json();
            if (!response.ok) {
                const { message, field } = body.detail;
                const inStep = showFieldError(field, message);
                showError(inStep ? "" : message.charAt(0).toUpperCase() + message.slice(1));
                return;
            }
            showError("");
            showFieldError("", "");
            if (remember && current && JSON.stringify(current) !== JSON.stringify(body.selection)) history.push(current);
            current = body.selection;
            render(body);
            root.querySelector("[data-undo]").disabled = history.length === 0;
        } catch (error) {
            if (error.name !== "AbortError") showError("We could not reach the shop. Check your connection and try again.");
        }
    };

    let current = null;
    function undoLast() {
        const previous = history.pop();
        if (!previous) return;
        applySelection(previous);
        refresh({ product, ...previous }, false);
    }
    // Demand analytics: options chosen, and options tried while unavailable, sent in small batches.
    const queued = [];
    const flush = () => {
        if (!session || !eventsUrl || queued.length === 0) return;
        const events = queued.splice(0, 50);
        fetch(eventsUrl, {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
            body: JSON.stringify({ session, product, events }),
            keepalive: true,
        }).catch(() => {});  // analytics never disturbs the shopper
    };
    setInterval(flush, 3000);
    document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") flush(); });
    form.addEventListener("change", (event) => {
        const input = event.target;
        if ((input.type === "radio" || input.type === "checkbox") && input.checked && input.value) {
            queued.push({ kind: "chosen", option: input.value });
            chosenOrder.splice(0, chosenOrder.length, ...chosenOrder.filter((code) => code !== input.value), input.value);
        }
    });
    form.addEventListener("click", (event) => {
        const item = event.target.closest(".option--unavailable[data-option]");
        // one tap, one event: a tap on a card's label also clicks its input, so count the input's click only
        const input = item && item.querySelector("input");
        if (item && (!input || event.target === input)) {
            queued.push({ kind: "blocked", option: item.dataset.option, selection: current ? current.options : [] });
        }
        // an unavailable option is not chosen: its reason, beside it, says which choice to change
        if (event.target.matches("input[aria-disabled=true]")) event.preventDefault();
    });
    const refreshNow = () => {
        clearTimeout(typing);
        refresh(selectionFromForm());
    };
    form.addEventListener("change", refreshNow);
    // the price follows typing, once the shopper pauses (~300 ms)
    form.addEventListener("input", (event) => {
        if (event.target.type !== "text" && event.target.type !== "number") return;
        clearTimeout(typing);
        typing = setTimeout(() => refresh(selectionFromForm()), 300);
    });
    // Enter in a field only updates the price: it never adds to the basket
    form.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && (event.target.type === "text" || event.target.type === "number")) {
            event.preventDefault();
            refreshNow();
        }
    });
    // a refused action (something invalid or missing) is not sent: the page says what to do instead
    form.addEventListener("submit", (event) => {
        if (event.submitter && event.submitter.getAttribute("aria-disabled") === "true") {
            event.preventDefault();
            const invalid = form.querySelector("[aria-invalid=true]");
            if (invalid) invalid.focus();
            else showError("Finish every step first: what is missing is listed under the price.");
        }
    });
    const shareLink = root.querySelector("[data-share-link]");
    if (shareLink) {
        const copy = root.querySelector("[data-copy-link]");
        const native = root.querySelector("[data-share-native]");
        const said = root.querySelector("[data-copied]");
        copy.hidden = !navigator.clipboard;
        native.hidden = typeof navigator.share !== "function";
        copy.addEventListener("click", () => navigator.clipboard.writeText(shareLink.value).then(
            () => { said.textContent = "Copied"; },
            () => { shareLink.select(); said.textContent = "Select the link and copy it"; }));
        native.addEventListener("click", () => navigator.share({ title: document.title, url: shareLink.value })
            .catch(() => {}));  // the shopper closed the share sheet
    }
    root.querySelector("[data-undo]").addEventListener("click", undoLast);
    root.querySelector("[data-reset]").addEventListener("click", () => {
        history.length = 0;
        applySelection(initial);
        refresh({ product, ...initial }, false);
    });
    root.querySelector("[data-history]").hidden = false;
    initial = selectionFromForm();
    refresh(initial, false);
}
