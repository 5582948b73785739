// Live search on the catalogue page: asks /api/catalogue/search as the user types.
(function () {
  const script = document.currentScript;
  const lang = script.dataset.lang;
  const input = document.getElementById("q");
  const results = document.getElementById("results");
  let timer = null;
  let latest = 0;

  function render(data) {
    results.replaceChildren();
    if (data.out_of_scope) {
      const p = document.createElement("p");
      p.className = "notice";
      p.dataset.testid = "out-of-scope";
      p.textContent = script.dataset.notFound + (script.dataset.phone ? " " + script.dataset.call + " " + script.dataset.phone + "." : "");
      results.append(p);
      return;
    }
    const list = document.createElement("ol");
    list.className = "hits";
    for (const hit of data.results) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = "/catalogue/" + encodeURIComponent(hit.id) + "?lang=" + lang;
      a.textContent = hit.name;
      li.append(a);
      list.append(li);
    }
    results.append(list);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) { results.replaceChildren(); return; }
    timer = setTimeout(async function () {
      const ticket = ++latest;
      try {
        const response = await fetch("/api/catalogue/search?k=5&q=" + encodeURIComponent(q));
        if (response.ok && ticket === latest) render(await response.json());
      } catch (error) {
        /* the form still works without JavaScript: Enter submits it */
      }
    }, 250);
  });
})();
