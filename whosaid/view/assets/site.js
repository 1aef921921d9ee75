// WhoSaid site: layer switches, entity grouping, and the reviewer's accept / flag / save.
// Runs from file:// with nothing fetched; the review data is in <script id="whosaid-review">.
(function () {
  "use strict";

  const layers = document.getElementById("layers");

  // Layer switches: each checkbox sets a class on the text's container.
  document.querySelectorAll("input[data-class]").forEach(function (box) {
    const apply = function () { layers.classList.toggle(box.dataset.class, box.checked); };
    box.addEventListener("change", apply);
    apply();
  });

  // Entities: a ticked entity marks all its mentions; hovering a mention lights up its entity.
  function mentionsOf(entity) {
    return document.querySelectorAll('.m[data-entity="' + CSS.escape(entity) + '"]');
  }
  document.querySelectorAll("input[data-entity]").forEach(function (box) {
    box.addEventListener("change", function () {
      mentionsOf(box.dataset.entity).forEach(function (m) { m.classList.toggle("on", box.checked); });
    });
  });
  document.querySelectorAll(".m").forEach(function (mark) {
    mark.addEventListener("mouseenter", function () {
      mentionsOf(mark.dataset.entity).forEach(function (m) { m.classList.add("hl"); });
    });
    mark.addEventListener("mouseleave", function () {
      mentionsOf(mark.dataset.entity).forEach(function (m) { m.classList.remove("hl"); });
    });
  });

  // A click on a quote in the text finds its row.
  document.querySelectorAll("article.text .q").forEach(function (mark) {
    mark.addEventListener("click", function (event) {
      event.stopPropagation();
      const row = document.getElementById("row-" + mark.dataset.id);
      if (!row) { return; }
      document.querySelectorAll("tr.focus").forEach(function (r) { r.classList.remove("focus"); });
      row.classList.add("focus");
      row.scrollIntoView({block: "center"});
    });
  });

  // Agreement pages: hide the rows where the passes agree.
  const only = document.getElementById("only-disagreements");
  if (only) {
    only.addEventListener("change", function () { document.body.classList.toggle("only-disagreements", only.checked); });
  }

  // Review.
  const dataElement = document.getElementById("whosaid-review");
  if (!dataElement) { return; }
  const data = JSON.parse(dataElement.textContent);
  const decisions = new Map();  // record id -> "accept" | "flag"
  const cells = new Map();
  const save = document.getElementById("review-save");
  const count = document.getElementById("review-count");
  const message = document.getElementById("review-message");

  function show(cell, id) {
    const decision = decisions.get(id);
    const row = cell.closest("tr");
    row.classList.toggle("accepted", decision === "accept");
    row.classList.toggle("flagged", decision === "flag");
    row.classList.remove("needs-comment");
    cell.querySelector("button.accept").setAttribute("aria-pressed", String(decision === "accept"));
    cell.querySelector("button.flag").setAttribute("aria-pressed", String(decision === "flag"));
  }

  function update() {
    let accepted = 0;
    let flagged = 0;
    decisions.forEach(function (d) { if (d === "accept") { accepted += 1; } else { flagged += 1; } });
    count.textContent = decisions.size === 0 ? "No decisions yet." :
      accepted + " accepted, " + flagged + " flagged, " + (data.records.length - decisions.size) + " not decided.";
    save.disabled = decisions.size === 0;
  }

  document.querySelectorAll("td.review").forEach(function (cell) {
    const id = cell.dataset.id;
    cells.set(id, cell);
    ["accept", "flag"].forEach(function (kind) {
      cell.querySelector("button." + kind).addEventListener("click", function () {
        if (decisions.get(id) === kind) { decisions.delete(id); } else { decisions.set(id, kind); }
        show(cell, id);
        if (kind === "flag" && decisions.get(id) === "flag") { cell.querySelector("textarea").focus(); }
        message.textContent = "";
        update();
      });
    });
  });

  save.addEventListener("click", function () {
    const out = [];
    const missing = [];
    data.records.forEach(function (record) {
      const decision = decisions.get(record.id);
      if (!decision) { return; }
      const entry = {layer: record.layer, id: record.id, fingerprint: record.fingerprint, decision: decision};
      if (decision === "flag") {
        const comment = cells.get(record.id).querySelector("textarea").value.trim();
        if (!comment) { missing.push(record.id); }
        entry.comment = comment;
      }
      out.push(entry);
    });
    if (missing.length) {
      missing.forEach(function (id) { cells.get(id).closest("tr").classList.add("needs-comment"); });
      message.textContent = "Nothing saved: say what is wrong with each flagged record (" + missing.join(", ") + ").";
      return;
    }
    const file = {
      format: data.format, version: data.version, made_by: data.made_by,
      documents: [{doc_id: data.doc_id, seed_sha256: data.seed_sha256, decisions: out}],
    };
    const name = "whosaid-review-" + data.doc_id + ".json";
    const blob = new Blob([JSON.stringify(file, null, 2) + "\n"], {type: "application/json"});
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 5000);
    message.textContent = "Saved " + out.length + " decision(s) as " + name +
      " (in your downloads). Send it to the maintainers: whosaid review apply " + name + " --reviewer NAME";
  });

  update();
}());
