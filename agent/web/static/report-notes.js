// The served report's note form: your own note at a time in the session (as `hotseat annotate`
// does). Clicking a moment in the report fills in its time; a saved note reloads the report.
"use strict";
(() => {
  const form = document.getElementById("note-form");
  if (!form) return;
  const status = document.getElementById("note-status");
  const id = decodeURIComponent(location.pathname.split("/").pop());
  const mmss = (t) => `${Math.floor(t / 60)}:${String(Math.floor(t % 60)).padStart(2, "0")}`;
  document.addEventListener("click", (e) => {
    const moment = e.target.closest && e.target.closest("[data-t]");
    if (moment && !form.contains(moment)) form.elements.at.value = mmss(Number(moment.dataset.t));
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    status.textContent = "saving…";
    const res = await fetch(`/api/sessions/${encodeURIComponent(id)}/notes`, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ at: form.elements.at.value, text: form.elements.text.value }),
    }).catch(() => null);
    const data = res ? await res.json().catch(() => ({})) : { error: "the server did not answer" };
    if (res && res.ok) { status.textContent = "saved"; location.reload(); return; }
    status.textContent = data.error || "could not save the note";
  });
})();
