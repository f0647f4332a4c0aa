// The request screen of the support dashboard: "Insert" fetches the chosen macro filled in for this request
// (support/dashboard/macros.py) and puts its text at the cursor of the reply, keeping what the agent has typed; it
// also sets the reply's macro (counted when the reply is sent) and the status the macro sets, if it sets one.
// The page does not reload. Without JavaScript the picker is a plain GET form that reloads the screen with the
// reply filled in. A macro is staff-written text: it goes in as the textarea's text and the notice's text, never
// as markup.
const picker = document.querySelector("[data-macro-picker]");
const replyForm = document.getElementById("message-form");

if (picker && replyForm) {
    const reply = replyForm.querySelector("textarea[name=message]");
    const macroField = replyForm.querySelector("input[name=macro]");
    const statusAfter = replyForm.querySelector("select[name=status_after]");
    const notice = replyForm.querySelector("[data-macro-notice]");
    const button = picker.querySelector("button[type=submit]");

    const say = (text, isError) => {
        notice.textContent = text;
        notice.classList.toggle("text-danger", isError);
        notice.classList.toggle("text-muted", !isError);
        notice.hidden = false;
    };

    // The macro is a paragraph of its own: a blank line parts it from text before or after the cursor.
    const gap = (text, atStart) => {
        if (text === "" || (atStart ? text.startsWith("\n\n") : text.endsWith("\n\n"))) return "";
        return (atStart ? text.startsWith("\n") : text.endsWith("\n")) ? "\n" : "\n\n";
    };

    const insertAtCursor = (text) => {
        const start = reply.selectionStart;
        const end = reply.selectionEnd;
        const before = gap(reply.value.slice(0, start), false);
        const after = gap(reply.value.slice(end), true);
        reply.setRangeText(before + text + after, start, end, "end");
        const cursor = start + before.length + text.length;
        reply.focus();
        reply.setSelectionRange(cursor, cursor);
        reply.dispatchEvent(new Event("input", {bubbles: true}));
    };

    picker.addEventListener("submit", async (event) => {
        event.preventDefault();
        const query = new URLSearchParams(new FormData(picker));
        button.disabled = true;
        try {
            const response = await fetch(`${picker.dataset.fillUrl}?${query}`, {headers: {Accept: "application/json"}});
            const type = response.headers.get("Content-Type") || "";
            const answer = type.startsWith("application/json") ? await response.json() : null;
            if (!response.ok || answer === null) {
                say(answer?.detail?.message || "The macro could not be inserted: reload the page (you may have been "
                    + "signed out) and try again. Copy your reply first.", true);
                return;
            }
            insertAtCursor(answer.text);
            if (macroField) macroField.value = answer.macro;
            if (statusAfter && answer.status_after) {  // a macro that sets no status leaves the agent's choice
                statusAfter.value = answer.status_after;
                statusAfter.dispatchEvent(new Event("change", {bubbles: true}));  // the dashboard's select2 shows it
            }
            say(answer.notice, false);
        } catch (error) {
            say("The macro could not be fetched: check the connection and try again.", true);
        } finally {
            button.disabled = false;
        }
    });
}
