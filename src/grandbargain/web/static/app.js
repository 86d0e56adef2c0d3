// grandbargain what-if page. Hand-written, no build step. User text is only ever placed with
// textContent or attribute setters, never innerHTML; plotly's text comes escaped from the server.
// The one server-rendered fragment, the briefing, is autoescaped there (see renderBriefing).
"use strict";

(function () {
  const config = JSON.parse(document.getElementById("gb-config").textContent);
  const $ = (id) => document.getElementById(id);

  const state = {
    source: null, // {id} for a shipped scenario, {text, name} for an uploaded file
    model: null, // the controls of the scenario (POST /api/scenario)
    changed: [], // changed values of the last what-if answer
    evidence: null, // the last evidence row
    seq: 0, // what-if answers older than the newest request are dropped
    inflight: 0,
  };

  // --- small helpers -------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function num(value, digits = 3) {
    return value === null || value === undefined ? "–" : Number(value).toFixed(digits);
  }

  function busy(delta) {
    state.inflight += delta;
    document.body.dataset.busy = state.inflight > 0 ? "1" : "0";
  }

  function setStatus(text) {
    $("status").textContent = text || "";
  }

  function problemLines(body) {
    const lines = [body.message || body.error || "request failed"];
    for (const problem of body.problems || []) lines.push(problem.text || problem.message);
    return lines.join("\n");
  }

  class RequestError extends Error {
    constructor(status, body) {
      super(problemLines(body));
      this.status = status;
      this.body = body;
    }
  }

  // POST and return the parsed JSON (or the raw response when `raw`); errors as RequestError.
  async function post(url, payload, { raw = false, binary = false } = {}) {
    busy(+1);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": binary ? "application/octet-stream" : "application/json" },
        body: binary ? payload : JSON.stringify(payload),
        credentials: "same-origin",
      });
      if (!response.ok) {
        let body;
        try {
          body = await response.json();
        } catch (_) {
          body = { error: "error", message: `the server answered ${response.status}` };
        }
        throw new RequestError(response.status, body);
      }
      return raw ? response : await response.json();
    } catch (error) {
      if (!(error instanceof RequestError)) {
        throw new RequestError(0, { error: "network", message: "the server could not be reached" });
      }
      throw error;
    } finally {
      busy(-1);
    }
  }

  function showError(error) {
    if (error.status === 503) setStatus("busy: " + (error.body.message || "try again"));
    else setStatus(error.message);
  }

  // --- building the controls -----------------------------------------------------------------

  function partyOptions(select, chosen) {
    clear(select);
    for (const party of state.model.parties) {
      select.append(el("option", { value: party.name, text: party.name }));
    }
    select.value = chosen;
  }

  function buildControls(model) {
    state.model = model;
    state.changed = [];
    const conditions = $("condition-controls");
    clear(conditions);
    for (const condition of model.conditions) {
      const select = el("select", { dataset: { condition: condition.id } });
      for (const s of condition.states) select.append(el("option", { value: s.id, text: s.label }));
      select.value = condition.default;
      conditions.append(el("p", {}, el("label", {}, condition.title + " ", select)));
    }
    const parties = $("party-controls");
    clear(parties);
    for (const party of model.parties) parties.append(partyBlock(model, party));
    const names = model.parties.map((p) => p.name);
    partyOptions($("party-x"), names[0]);
    partyOptions($("party-y"), names[1]);
    $("party-x").dataset.last = names[0];
    $("party-y").dataset.last = names[1];
    const strategies = $("strategy-controls");
    clear(strategies);
    for (const party of model.parties) {
      const select = el("select", { dataset: { strategyParty: party.name } });
      for (const [name, description] of Object.entries(config.strategies)) {
        select.append(el("option", { value: name, title: description, text: name }));
      }
      select.value = "boulware" in config.strategies ? "boulware" : select.options[0].value;
      strategies.append(el("p", {}, el("label", {}, party.name + " plays ", select)));
    }
    clear($("sim-transcript").tBodies[0]);
    clear($("sim-transcript").tHead);
    clear($("sim-package").tBodies[0]);
    $("sim-package").hidden = true;
    $("sim-result").textContent = "";
    $("as-of").value = "";
    $("as-of-hint").textContent = model.as_of
      ? `events on the date applied; empty: the scenario's own date, ${model.as_of}`
      : "events on the date applied; empty: after every event";
    const issues = $("evidence-issue");
    clear(issues);
    for (const issue of model.issues) {
      issues.append(el("option", { value: issue.id, text: `${issue.title} (${issue.id})` }));
    }
    const head = $("solutions").tHead;
    clear(head);
    const row = el("tr", {}, el("th", { scope: "col", text: "issue" }));
    for (const name of Object.values(config.solution_names)) {
      row.append(el("th", { scope: "col", text: name }));
    }
    head.append(row);
  }

  function partyBlock(model, party) {
    const table = el("table", {});
    table.append(
      el("tr", {}, el("th", { text: "issue" }), el("th", { text: "weight" }),
        el("th", { text: "red lines (never accepted)" })),
    );
    for (const issue of model.issues) {
      if (!(issue.id in party.weights)) continue;
      const weight = el("input", {
        type: "number", min: "0", step: "any", value: String(party.weights[issue.id]),
        "aria-label": `${party.name}: weight of ${issue.title}`,
        dataset: { weight: "", party: party.name, issue: issue.id },
      });
      const lines = el("td", { class: "redlines" });
      for (const option of issue.options) {
        const box = el("input", {
          type: "checkbox",
          dataset: { redline: "", party: party.name, issue: issue.id, option: option.id },
        });
        box.checked = party.red_lines[issue.id].includes(option.id);
        lines.append(el("label", { title: option.id }, box, " " + option.label));
      }
      table.append(el("tr", {}, el("td", { title: issue.id, text: issue.title }),
        el("td", {}, weight), lines));
    }
    const reservation = el("input", {
      type: "number", step: "any",
      value: party.reservation_value === null ? "" : String(party.reservation_value),
      dataset: { reservation: "", party: party.name },
      "aria-label": `${party.name}: reservation value`,
    });
    const note = el("span", { class: "meta", dataset: { reservationNote: party.name } });
    return el("details", { class: "party", open: true },
      el("summary", { text: party.name }),
      el("p", {}, el("label", {}, "Reservation value ", reservation), " ", note),
      el("div", { class: "scroll", tabindex: "0", role: "region",
        "aria-label": `${party.name}: weights and red lines` }, table));
  }

  function resetControls() {
    const model = state.model;
    const party = (name) => model.parties.find((p) => p.name === name);
    for (const input of document.querySelectorAll("input[data-weight]")) {
      input.value = String(party(input.dataset.party).weights[input.dataset.issue]);
    }
    for (const input of document.querySelectorAll("input[data-reservation]")) {
      const value = party(input.dataset.party).reservation_value;
      input.value = value === null ? "" : String(value);
    }
    for (const box of document.querySelectorAll("input[data-redline]")) {
      box.checked = party(box.dataset.party).red_lines[box.dataset.issue].includes(box.dataset.option);
    }
    for (const select of document.querySelectorAll("select[data-condition]")) {
      select.value = model.conditions.find((c) => c.id === select.dataset.condition).default;
    }
  }

  // --- the what-if request -------------------------------------------------------------------

  function numberOrNull(text) {
    if (text.trim() === "") return null;
    const value = Number(text);
    return Number.isFinite(value) ? value : text; // the server names what is wrong
  }

  function payload() {
    const changes = { weights: {}, reservation_values: {}, red_lines: {} };
    for (const input of document.querySelectorAll("input[data-weight]")) {
      const { party, issue } = input.dataset;
      (changes.weights[party] ||= {})[issue] = numberOrNull(input.value);
    }
    for (const input of document.querySelectorAll("input[data-reservation]")) {
      changes.reservation_values[input.dataset.party] = numberOrNull(input.value);
    }
    for (const box of document.querySelectorAll("input[data-redline]")) {
      const { party, issue, option } = box.dataset;
      const lines = ((changes.red_lines[party] ||= {})[issue] ||= []);
      if (box.checked) lines.push(option);
    }
    const conditions = {};
    for (const select of document.querySelectorAll("select[data-condition]")) {
      conditions[select.dataset.condition] = select.value;
    }
    return {
      scenario: state.source,
      changes,
      conditions,
      parties: [$("party-x").value, $("party-y").value],
      as_of: $("as-of").value || null,
    };
  }

  async function recompute() {
    if (!state.model) return;
    const mine = ++state.seq;
    try {
      const answer = await post("/api/whatif", payload());
      if (mine !== state.seq) return;
      render(answer);
      setStatus("");
      document.body.dataset.ready = "1";
    } catch (error) {
      if (mine === state.seq) showError(error);
    }
  }

  function render(answer) {
    const figure = answer.figure;
    window.Plotly.react($("frontier-chart"), figure.data, figure.layout, {
      responsive: true, displaylogo: false,
    });
    const a = answer.analysis;
    $("counts").textContent =
      `${a.package_count.toLocaleString()} packages, ${a.admissible_count.toLocaleString()} ` +
      `admissible, ${a.frontier_size} on the Pareto frontier; computed in ${answer.elapsed_ms} ms.`;
    for (const input of document.querySelectorAll("span[data-reservation-note]")) {
      const value = a.reservation[input.dataset.reservationNote];
      input.textContent = `in force: ${num(value)}`;
    }
    $("frontier-summary").textContent = answer.figure_summary;
    renderBriefing(answer.briefing_html);
    renderSolutions(answer.solutions);
    $("nash-package").textContent = answer.nash_package === null
      ? "no package gives every party a positive gain" : answer.nash_package;
    state.changed = answer.changed;
    renderChanged(answer.changed);
    renderEvidence();
  }

  // The briefing at the top, recomputed with every what-if: the server's HTML fragment
  // (grandbargain.report.render_briefing_html, an autoescaped Jinja template, so every name,
  // label and quote in it is text; its links go to anchors inside it or to http(s) sources).
  // DOMParser builds it without running anything; it replaces the #briefing section whole,
  // keeping the evidence list open if the reader opened it.
  function renderBriefing(html) {
    const current = $("briefing");
    const parsed = html
      ? new DOMParser().parseFromString(html, "text/html").getElementById("briefing") : null;
    if (!parsed) {
      current.hidden = true;
      return;
    }
    const wasOpen = [...current.querySelectorAll("details")].map((d) => d.open);
    const fresh = document.adoptNode(parsed);
    fresh.querySelectorAll("details").forEach((d, k) => { d.open = Boolean(wasOpen[k]); });
    current.replaceWith(fresh);
  }

  function optionLabel(issue, option) {
    const found = issue.options.find((o) => o.id === option);
    return found ? found.label : option;
  }

  // One row per issue, one column per solution concept: option labels, ids in data-option.
  function renderSolutions(solutions) {
    const body = $("solutions").tBodies[0];
    clear(body);
    for (const issue of state.model.issues) {
      const row = el("tr", { dataset: { issue: issue.id } },
        el("th", { scope: "row", title: issue.id, text: issue.title }));
      for (const solution of solutions) {
        const option = solution.package === null ? null : solution.package[issue.id];
        row.append(el("td", {
          dataset: { concept: solution.concept, issue: issue.id, option: option === null ? "–" : option },
          text: option === null ? "–" : optionLabel(issue, option),
        }));
      }
      body.append(row);
    }
  }

  function describeValue(value) {
    if (value === null) return "default (status quo)";
    if (Array.isArray(value)) return value.length ? value.join(", ") : "none";
    return String(value);
  }

  function renderChanged(changed) {
    const list = $("changed");
    clear(list);
    if (!changed.length) {
      list.append(el("li", { class: "meta", text: "none: every number is as the scenario states it" }));
    }
    for (const item of changed) {
      const backing = item.backed_by.map((b) => (b.source ? `quote from ${b.source}` : "an assumption"));
      list.append(el("li", { dataset: { path: item.path } },
        el("code", { text: item.path }), `: ${describeValue(item.old)} → ${describeValue(item.new)} `,
        el("span", { class: "unbacked", text: "no longer backed by its evidence" }),
        backing.length ? el("span", { class: "meta", text: ` (was: ${backing.join("; ")})` }) : null));
    }
  }

  // --- evidence ------------------------------------------------------------------------------

  async function loadEvidence() {
    const issue = $("evidence-issue").value;
    if (!issue) return;
    try {
      state.evidence = await post("/api/evidence", { ...payload(), issue });
      renderEvidence();
    } catch (error) {
      showError(error);
    }
  }

  function renderEvidence() {
    const row = state.evidence;
    if (!row) return;
    const picks = Object.entries(row.picks)
      .map(([c, o]) => `${config.solution_names[c] || c}: ${o === null ? "–" : o}`);
    $("evidence-summary").textContent =
      `${row.title}. Status quo: ${row.status_quo === null ? "none" : row.status_quo}. ` +
      `Solutions (as last computed with this issue chosen): ${picks.join("; ")}.`;
    const stances = $("evidence-stances");
    clear(stances);
    for (const stance of row.stances) {
      const prefix = `parties.${stance.party}.stances.${row.id}.`;
      const changed = state.changed.filter((c) => c.path.startsWith(prefix))
        .map((c) => c.path.slice(prefix.length));
      stances.append(el("li", {},
        `${stance.party}: weight ${stance.weight}; values ${stance.value_text}` +
        (stance.red_lines.length ? `; red lines ${stance.red_lines.join(", ")}` : ""),
        changed.length ? el("span", { class: "unbacked",
          text: ` changed (${changed.join(", ")}): no longer backed by the evidence below` }) : null,
        stance.unbacked ? el("span", { class: "unbacked", text: " (no evidence)" }) : null));
    }
    const list = $("evidence-list");
    clear(list);
    const items = row.issue_evidence.map((e) => ["issue", e]);
    for (const stance of row.stances) for (const e of stance.evidence) items.push([stance.party, e]);
    for (const [who, item] of items) list.append(evidenceItem(who, item));
    if (!items.length) list.append(el("li", { class: "meta", text: "no evidence recorded" }));
  }

  function evidenceItem(who, item) {
    if (item.assumption) {
      return el("li", { dataset: { kind: "assumption" } },
        el("strong", { text: `${who}: assumption. ` }), item.reasoning,
        item.range ? ` Plausible range: ${item.range}.` : "",
        el("span", { class: "meta", text: ` Backs: ${item.backs}.` }));
    }
    const date = item.date ? `${item.date}${item.precision && item.precision !== "day" ? ` (${item.precision})` : ""}` : "";
    return el("li", { dataset: { kind: "quote" } },
      el("strong", { text: `${who}: ` }), el("span", { class: "quote", text: `“${item.quote}”` }),
      el("span", { class: "meta", text:
        ` ${item.source_title || item.source}${item.publisher ? `, ${item.publisher}` : ""}` +
        `${date ? `, ${date}` : ""}. Backs: ${item.backs}.` }),
      item.note ? el("div", { class: "meta", text: item.note }) : null);
  }

  // --- simulation ----------------------------------------------------------------------------

  async function runSimulation() {
    const strategies = {};
    for (const select of document.querySelectorAll("select[data-strategy-party]")) {
      strategies[select.dataset.strategyParty] = select.value;
    }
    const rounds = Number($("sim-rounds").value);
    busy(+1); // held until the transcript has been drawn
    try {
      const result = await post("/api/simulate", { ...payload(), strategies, rounds });
      setStatus("");
      await drawTranscript(result);
    } catch (error) {
      showError(error);
    } finally {
      busy(-1);
    }
  }

  function issueOf(id) {
    return state.model.issues.find((i) => i.id === id) || { id, title: id, options: [] };
  }

  function offerText(previous, pkg) {
    if (!pkg) return "";
    const moved = Object.entries(pkg).filter(([k, v]) => previous[k] !== v);
    return moved.map(([k, v]) => `${issueOf(k).title}: ${optionLabel(issueOf(k), v)}`).join("; ");
  }

  // How the talks ended, in words: the same sentences as grandbargain.report.agreed_package.
  function stageLine(stage) {
    const after = `after ${stage.rounds_used} round${stage.rounds_used === 1 ? "" : "s"}`;
    if (stage.ended === "agreement") return `agreement ${after}`;
    if (stage.ended === "walk-away") return `no deal: ${stage.walked_away} walked away ${after}`;
    return `no deal: the deadline passed ${after} without agreement`;
  }

  function dealHeadline(result, agreed, total) {
    if (result.stages.length === 1) {
      const line = stageLine(result.stages[0]);
      return line[0].toUpperCase() + line.slice(1) + ".";
    }
    if (agreed === total) return `Agreement on all ${total} issues, in ${result.stages.length} stages.`;
    if (agreed === 0) {
      const who = Object.entries(result.outcome.ended_by)
        .map(([name, party]) => `${party} walked away from ${name}`).join("; ");
      return "No deal on any issue" + (who ? ` (${who}).` : ".");
    }
    return `Agreement on ${agreed} of ${total} issues; no deal on the others, whose status quo stays.`;
  }

  function drawDeal(result) {
    const agreedIn = {};
    for (const stage of result.stages) {
      if (stage.ended === "agreement") for (const issue of stage.issues) agreedIn[issue] = stage.name;
    }
    const pkg = result.outcome.package
      || Object.fromEntries(result.stages.flatMap((s) => s.issues).map((i) => [i, null]));
    const body = $("sim-package").tBodies[0];
    clear(body);
    for (const [id, option] of Object.entries(pkg)) {
      const issue = issueOf(id);
      const agreed = id in agreedIn;
      body.append(el("tr", { dataset: { issue: id, agreed: agreed ? "1" : "0" } },
        el("th", { scope: "row", text: issue.title }),
        el("td", { text: option === null ? "status quo" : optionLabel(issue, option) }),
        el("td", { text: agreed ? "agreed" : "no deal: the status quo stays" })));
    }
    $("sim-package").hidden = false;
    const agreedCount = Object.keys(pkg).filter((id) => id in agreedIn).length;
    return dealHeadline(result, agreedCount, Object.keys(pkg).length);
  }

  async function drawTranscript(result) {
    const table = $("sim-transcript");
    const parties = result.parties;
    clear(table.tHead);
    const body = table.tBodies[0];
    clear(body);
    $("sim-result").textContent = "";
    $("sim-package").hidden = true;
    table.tHead.append(el("tr", {}, ...["stage", "round", "party", "action", "offer (changes)"]
      .concat(parties).map((h) => el("th", { text: h }))));
    const rows = [];
    for (const stage of result.stages) {
      let previous = {};
      for (const step of stage.transcript) {
        const utilities = step.utilities || {};
        rows.push(el("tr", { dataset: { action: step.action } },
          el("td", { text: stage.name }), el("td", { text: step.round }),
          el("td", { text: step.party }), el("td", { text: step.action }),
          el("td", { text: offerText(previous, step.package) }),
          ...parties.map((p) => el("td", { text: p in utilities ? num(utilities[p]) : "" }))));
        if (step.action === "offer" && step.package) previous = step.package;
      }
    }
    // A short animation: the rows appear in a few batches, within about half a second.
    const batch = Math.max(1, Math.ceil(rows.length / 12));
    for (let i = 0; i < rows.length; i += batch) {
      body.append(...rows.slice(i, i + batch));
      await new Promise((done) => setTimeout(done, 40));
    }
    const outcome = result.outcome;
    const utilities = parties.map((p) => `${p} ${num(outcome.utilities[p])}`).join(", ");
    const headline = drawDeal(result);
    $("sim-result").textContent = `${headline} ` +
      (outcome.agreement ? `Final utilities: ${utilities}.` : `Utilities without a deal: ${utilities}.`);
  }

  // --- downloads -----------------------------------------------------------------------------

  async function download(kind) {
    try {
      const response = await post(`/api/download/${kind}`, payload(), { raw: true });
      const blob = await response.blob();
      const match = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
      const link = el("a", { href: URL.createObjectURL(blob), download: match ? match[1] : kind });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
      setStatus("");
    } catch (error) {
      showError(error);
    }
  }

  // --- choosing a scenario -------------------------------------------------------------------

  function showUploadError(text) {
    const box = $("upload-error");
    box.textContent = text || "";
    box.hidden = !text;
  }

  async function openSource(source, model, label) {
    state.source = source;
    state.evidence = null;
    buildControls(model);
    $("source-name").textContent = label;
    await recompute();
    await loadEvidence();
  }

  async function openShipped(id) {
    showUploadError("");
    try {
      const answer = await post("/api/scenario", { scenario: { id } });
      await openSource({ id }, answer.scenario, "");
    } catch (error) {
      showError(error);
    }
  }

  async function openText(text, name) {
    const answer = await post("/api/scenario", { scenario: { text, name } });
    $("scenario-select").selectedIndex = -1;
    await openSource({ text, name }, answer.scenario, `file: ${name}`);
  }

  async function upload(file) {
    showUploadError("");
    if (file.size > config.max_upload_bytes) {
      showUploadError(`${file.name}: the file is larger than the limit of ` +
        `${config.max_upload_bytes.toLocaleString()} bytes`);
      return;
    }
    const bytes = await file.arrayBuffer();
    try {
      const answer = await post(`/api/upload?name=${encodeURIComponent(file.name)}`, bytes,
        { binary: true });
      const text = new TextDecoder("utf-8").decode(bytes);
      $("scenario-select").selectedIndex = -1;
      await openSource({ text, name: answer.name }, answer.scenario, `file: ${answer.name}`);
    } catch (error) {
      if (error.status === 503) showError(error);
      else showUploadError(error.message);
    }
  }

  // --- wiring --------------------------------------------------------------------------------

  document.addEventListener("change", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement)) return;
    if (target.matches("input[data-weight], input[data-reservation], input[data-redline], select[data-condition]")) {
      recompute();
    } else if (target.id === "party-x" || target.id === "party-y") {
      const other = $(target.id === "party-x" ? "party-y" : "party-x");
      if (other.value === target.value) other.value = target.dataset.last;
      $("party-x").dataset.last = $("party-x").value;
      $("party-y").dataset.last = $("party-y").value;
      recompute();
    } else if (target.id === "scenario-select" && target.value) {
      openShipped(target.value);
    } else if (target.id === "upload-input" && target.files && target.files.length) {
      upload(target.files[0]).finally(() => { target.value = ""; });
    } else if (target.id === "evidence-issue") {
      loadEvidence();
    } else if (target.id === "as-of") {
      recompute().then(loadEvidence);
    }
  });
  $("reset").addEventListener("click", () => { resetControls(); recompute(); });
  $("sim-run").addEventListener("click", runSimulation);
  for (const kind of ["yaml", "json", "report"]) {
    $(`download-${kind}`).addEventListener("click", () => download(kind));
  }

  if (config.file) openText(config.file.text, config.file.name).catch(showError);
  else if (config.default) openShipped($("scenario-select").value || config.default);
})();
