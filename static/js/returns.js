// Start a return: the policy's answer for the chosen reason shows at once, and only the outcomes it allows for
// that reason can be chosen. The answers are the server's (the table on the page); the server checks them again.
const form = document.getElementById("start-return-form");

if (form) {
    const rows = new Map([...document.querySelectorAll("[data-verdict]")].map((row) => [row.dataset.verdict, row]));
    const reasons = [...form.querySelectorAll("input[name=reason]")];
    const outcomes = [...form.querySelectorAll("input[name=wanted]")];
    const shown = form.querySelector("[data-verdict-shown]");
    const notEligible = form.querySelector("[data-not-eligible]");
    const submit = form.querySelector("[data-start-return-submit]");

    const apply = () => {
        const chosen = reasons.find((radio) => radio.checked);
        const row = chosen ? rows.get(chosen.value) : null;
        for (const other of rows.values()) other.classList.toggle("table-active", other === row);
        if (!row) {
            for (const radio of outcomes) radio.disabled = true;
            shown.hidden = true;
            return;
        }
        const eligible = row.dataset.eligible === "yes";
        const allowed = (row.dataset.outcomes || "").split(" ").filter(Boolean);
        for (const radio of outcomes) {
            radio.disabled = !allowed.includes(radio.value);
            if (radio.disabled) radio.checked = false;
        }
        if (allowed.length === 1) outcomes.find((radio) => radio.value === allowed[0]).checked = true;
        shown.textContent = `${eligible ? "Covered" : "Not covered"}: ${row.querySelector("[data-why]").textContent}`;
        shown.hidden = false;
        shown.classList.toggle("text-success", eligible);
        shown.classList.toggle("text-danger", !eligible);
        notEligible.hidden = eligible;
        submit.disabled = !eligible;
    };

    for (const radio of reasons) radio.addEventListener("change", apply);
    apply();
}
