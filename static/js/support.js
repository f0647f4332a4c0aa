// Get help: while the customer types, suggest help-centre articles that may already answer the question;
// the "which team" question shows only for compliments and complaints.
const form = document.getElementById("support-request-form");

if (form) {
    const box = form.querySelector("[data-suggestions]");
    const list = form.querySelector("[data-suggestion-list]");
    const subject = form.querySelector("[name=subject]");
    const message = form.querySelector("[name=message]");
    const kind = form.querySelector("[name=kind]");
    const team = form.querySelector(".support-new__team");
    const url = form.dataset.suggestionsUrl;
    let timer = null;
    let asked = "";

    const showTeam = () => {
        if (team && kind) team.hidden = !["compliment", "complaint"].includes(kind.value);
    };

    const render = (articles) => {
        list.replaceChildren(...articles.map((article) => {
            const item = document.createElement("li");
            const link = document.createElement("a");
            link.href = article.url;
            link.target = "_blank";
            link.rel = "noopener";
            link.textContent = article.title;
            const summary = document.createElement("p");
            summary.textContent = article.summary;
            item.append(link, summary);
            return item;
        }));
        box.hidden = articles.length === 0;
    };

    const suggest = async () => {
        const query = `${subject?.value || ""} ${message?.value || ""}`.trim().slice(0, 200);
        if (query.length < 3 || query === asked) return;
        asked = query;
        try {
            const response = await fetch(`${url}?q=${encodeURIComponent(query)}`, {headers: {Accept: "application/json"}});
            if (!response.ok) return;
            const data = await response.json();
            if (asked === query) render(data.articles || []);
        } catch (error) {
            // suggestions are a help, never a requirement: the form works without them
        }
    };

    for (const field of [subject, message]) {
        field?.addEventListener("input", () => {
            clearTimeout(timer);
            timer = setTimeout(suggest, 350);
        });
    }
    kind?.addEventListener("change", showTeam);
    showTeam();
    if (subject?.value) suggest();
}
