// Draws one kg view. Every string from the graph comes from article text and is untrusted:
// it only ever reaches the page through textContent, DOM properties and canvas labels, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = function (id) { return document.getElementById(id); };

  function tooltip(text) {
    var tip = document.createElement("div");
    tip.className = "kg-tip";
    tip.textContent = text;
    return tip;
  }

  function plural(count, noun) { return count + " " + noun + (count === 1 ? "" : "s"); }

  // A node's tooltip counts its events and its size its edges, of those the filters pass.
  function nodeTip(n, events) {
    var ent = data.entities[n.id] || {};
    var lines = [ent.name || n.id];
    var names = ent.names ? Object.keys(ent.names).map(function (k) { return ent.names[k]; }) : [];
    if (names.length) lines.push(names.join(" / "));
    if (ent.titles && ent.titles.length) lines.push(ent.titles.join("; "));
    if (ent.country) lines.push(ent.country);
    lines.push(plural(events, "event"));
    return tooltip(lines.join("\n"));
  }

  // An edge's tooltip and width tell of the events it stands for that pass the filters.
  function edgeTip(e, events) {
    var a = data.entities[e.from], b = data.entities[e.to];
    var head = (a ? a.name : e.from) + " – " + (b ? b.name : e.to);
    var dates = events.map(function (id) { return data.events[id].date; }).filter(Boolean).sort();
    head += "\n" + plural(events.length, e.type === "MET" ? "meeting" : "agreement");
    if (dates.length) head += " (" + dates[0] + (dates.length > 1 ? " … " + dates[dates.length - 1] : "") + ")";
    return tooltip(head);
  }

  var large = !data.physics;
  // Physics costs grow with the nodes: a few hundred settle in fewer rounds, within the 3 s a view has.
  var rounds = Math.max(100, Math.min(300, Math.round(60000 / Math.max(1, data.nodes.length))));
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var node = {
      id: n.id, label: n.label, shape: n.shape, size: nodeSize(n.degree), title: nodeTip(n, n.events.length),
      color: { background: n.color, border: n.ego ? "#000" : "#555", highlight: { background: n.color, border: "#000" } },
      borderWidth: n.ego ? 4 : 1, kind: n.kind, events: n.events
    };
    if (n.x !== undefined) { node.x = n.x; node.y = n.y; }
    return node;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to, width: edgeWidth(e, e.events.length), title: edgeTip(e, e.events), type: e.type, events: e.events };
  }));
  function edgeWidth(e, count) { return e.weighted ? 1 + 2 * Math.log2(count) : 1; }
  // Capped, so a hub stays a node and not a disc that hides its neighbours.
  function nodeSize(degree) { return Math.min(32, 10 + 6 * Math.sqrt(degree)); }
  var drawnCount = {}, drawnNode = {};
  data.edges.forEach(function (e) { drawnCount[e.id] = e.events.length; });
  data.nodes.forEach(function (n) { drawnNode[n.id] = n.degree + "/" + n.events.length; });

  // In-page filters: an edge stays when one of its meetings or agreements passes all of them,
  // and a node stays when one of its edges does, so a filter never leaves a node unconnected.
  var state = { since: "", until: "", topic: "", country: "" };
  var shownNodes = null, shownEdges = null;
  function filtering() { return !!(state.since || state.until || state.topic || state.country); }
  function eventPasses(id) {
    var ev = data.events[id];
    if (!ev) return false;
    if (state.since || state.until) {
      if (!ev.date) return false;
      if (state.since && ev.date < state.since.slice(0, ev.date.length)) return false;
      if (state.until && ev.date > state.until.slice(0, ev.date.length)) return false;
    }
    if (state.topic && ev.topic_ids.indexOf(state.topic) < 0) return false;
    if (state.country && ev.countries.indexOf(state.country) < 0) return false;
    return true;
  }
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !shownNodes || shownNodes.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return !shownEdges || shownEdges.has(e.id); } });

  var options = {
    autoResize: true,
    nodes: {
      // A light backdrop keeps a label legible where an edge runs under it.
      font: { face: "Noto Sans CJK SC, Noto Sans, sans-serif", size: 14, multi: false, background: "rgba(255,255,255,0.75)" },
      scaling: { label: { drawThreshold: 6 } }
    },
    edges: { color: { color: "#8a8a8a", highlight: "#222" }, smooth: large ? false : { type: "continuous" } },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large },
    layout: { improvedLayout: !large && data.nodes.length <= 150, randomSeed: 7 },
    physics: large ? false : {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 110, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: rounds, fit: false }
    }
  };
  var network = new vis.Network(byId("kg-graph"), { nodes: nodeView, edges: edgeView }, options);
  var view = window.kgView = {
    network: network, nodes: nodes, edges: edges, ready: false, data: data,
    passes: eventPasses, filtering: filtering
  };
  view.shownNodeIds = function () { return nodeView.getIds(); };
  view.shownEdgeIds = function () { return edgeView.getIds(); };
  var panel = window.kgPanel(view, byId("kg-panel"));

  // Zoom so every shown node, label included, lies inside the canvas (vis-network's fit measures the
  // labels' boxes). Twice: a label is measured again when drawn, in the font loaded by then.
  function fitShown(done) {
    var fit = function () { network.fit({ animation: false, maxZoomLevel: 1.5 }); };
    document.fonts.ready.then(function () {
      fit();
      network.once("afterDrawing", function () {
        fit();
        network.once("afterDrawing", done);
        network.redraw();
      });
      network.redraw();
    });
  }

  // Lay the shown nodes out again: physics settles the small views and is switched off so the
  // graph stays still while it is read; large views keep their positions from Python.
  function layOut(done) {
    if (large || nodeView.length === 0) { fitShown(done); return; }
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      fitShown(done);
    });
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(rounds);
  }

  // One layout at a time: a filter changed while the view is being laid out asks for one more
  // round. body[data-settled="1"] tells a test or a reader that the view has come to rest.
  var laying = true, again = false, waiting = [];
  function settled() {
    if (again) { again = false; layOut(settled); return; }
    laying = false;
    document.body.setAttribute("data-settled", "1");
    var calls = waiting;
    waiting = [];
    calls.forEach(function (call) { call(); });
  }
  function requestLayout(done) {
    if (done) waiting.push(done);
    document.body.setAttribute("data-settled", "0");
    if (laying) { again = true; return; }
    laying = true;
    layOut(settled);
  }

  function applyFilters(done) {
    if (!filtering()) { shownNodes = shownEdges = null; } else {
      shownEdges = new Set(); shownNodes = new Set();
      data.edges.forEach(function (e) {
        if (e.events.some(eventPasses)) { shownEdges.add(e.id); shownNodes.add(e.from); shownNodes.add(e.to); }
      });
    }
    var changed = [];
    data.edges.forEach(function (e) {
      var passing = shownEdges ? (shownEdges.has(e.id) ? e.events.filter(eventPasses) : []) : e.events;
      if (passing.length && passing.length !== drawnCount[e.id]) {
        drawnCount[e.id] = passing.length;
        changed.push({ id: e.id, width: edgeWidth(e, passing.length), title: edgeTip(e, passing) });
      }
    });
    edges.update(changed);
    var degree = {};
    data.edges.forEach(function (e) {
      if (shownEdges && !shownEdges.has(e.id)) return;
      degree[e.from] = (degree[e.from] || 0) + 1;
      degree[e.to] = (degree[e.to] || 0) + 1;
    });
    var resized = [];
    data.nodes.forEach(function (n) {
      if (shownNodes && !shownNodes.has(n.id)) return;
      var events = shownNodes ? n.events.filter(eventPasses).length : n.events.length;
      var drawn = (degree[n.id] || 0) + "/" + events;
      if (drawn === drawnNode[n.id]) return;
      drawnNode[n.id] = drawn;
      resized.push({ id: n.id, size: nodeSize(degree[n.id] || 0), title: nodeTip(n, events) });
    });
    nodes.update(resized);
    nodeView.refresh(); edgeView.refresh();
    byId("kg-status").textContent = filtering()
      ? nodeView.length + " of " + plural(nodes.length, "node") + ", " + edgeView.length + " of " + plural(edges.length, "edge") + " shown"
      : "";
    requestLayout(done);
  }

  function markReady() {
    if (view.ready) return;
    view.ready = true;
    document.body.setAttribute("data-ready", "1");
    focusFromHash();
  }
  waiting.push(markReady);
  if (large) {
    network.once("afterDrawing", function () { fitShown(settled); });
  } else {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      fitShown(settled);
    });
  }

  network.on("click", function (params) {
    if (params.nodes.length) panel.showNode(params.nodes[0]);
    else if (params.edges.length) panel.showEdge(params.edges[0]);
  });

  // A link to network.html#meeting=<id> opens this view focused on that meeting: its people and
  // edges selected and fitted, the meeting with its evidence in the panel.
  function focusMeeting(id) {
    var ev = data.events[id];
    var edgeIds = data.edges.filter(function (e) { return e.events.indexOf(id) >= 0; }).map(function (e) { return e.id; });
    var nodeIds = data.nodes.filter(function (n) { return n.events.indexOf(id) >= 0; }).map(function (n) { return n.id; });
    if (!ev || ev.kind !== "meeting" || !nodeIds.length) {
      byId("kg-status").textContent = "that meeting is not in this view";
      return;
    }
    if (shownNodes && nodeIds.some(function (n) { return !shownNodes.has(n); })) {
      clearFilters(function () { focusMeeting(id); });
      return;
    }
    network.setSelection({ nodes: nodeIds, edges: edgeIds }, { highlightEdges: false });
    network.fit({ nodes: nodeIds, animation: false, maxZoomLevel: 1.5 });
    panel.showMeeting(id);
    document.body.setAttribute("data-focus", id);
  }
  function focusFromHash() {
    var prefix = "#meeting=";
    if (location.hash.indexOf(prefix) !== 0) return;
    var id;
    try { id = decodeURIComponent(location.hash.slice(prefix.length)); } catch (err) { return; }
    focusMeeting(id);
  }
  window.addEventListener("hashchange", function () { if (view.ready) focusFromHash(); });

  // Search: any spelling, exact first, then the first name containing the text.
  var names = byId("kg-names");
  var seen = new Set();
  data.nodes.forEach(function (n) {
    var ent = data.entities[n.id];
    if (!ent) return;
    [ent.name].concat(Object.keys(ent.names).map(function (k) { return ent.names[k]; }), ent.aliases).forEach(function (name) {
      if (seen.has(name)) return;
      seen.add(name);
      var opt = document.createElement("option");
      opt.value = name;
      names.appendChild(opt);
    });
  });
  function findActor(text) {
    var q = text.trim().toLowerCase();
    if (!q) return null;
    var exact = null, partial = null;
    data.nodes.forEach(function (n) {
      var ent = data.entities[n.id];
      if (!ent || exact) return;
      if (ent.search.indexOf(q) >= 0) exact = n.id;
      else if (!partial && ent.search.some(function (s) { return s.indexOf(q) >= 0; })) partial = n.id;
    });
    return exact || partial;
  }
  function select(found) {
    network.selectNodes([found]);
    network.focus(found, { scale: 1.2, animation: false });
    panel.showNode(found);
  }
  function search() {
    var text = byId("kg-search").value;
    var found = findActor(text);
    byId("kg-status").textContent = found || !text.trim() ? "" : "no actor matches “" + text + "”";
    if (!found) return;
    if (shownNodes && !shownNodes.has(found)) {
      clearFilters(function () { select(found); });
      return;
    }
    select(found);
  }
  view.findActor = findActor;
  byId("kg-search").addEventListener("change", search);
  byId("kg-controls").addEventListener("submit", function (ev) { ev.preventDefault(); search(); });

  function fillSelect(select, items) {
    items.forEach(function (item) {
      var opt = document.createElement("option");
      opt.value = item.id;
      opt.textContent = item.name;
      select.appendChild(opt);
    });
  }
  fillSelect(byId("kg-topic"), data.topics);
  fillSelect(byId("kg-country"), data.countries);

  // Dates are read and shown as the data writes them, YYYY-MM-DD (or YYYY-MM, YYYY), whatever the
  // browser's locale: a text field, not <input type=date>, whose display follows the locale.
  function isoDay(text) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
    if (!m) return null;
    if (m[2] && (+m[2] < 1 || +m[2] > 12)) return null;
    if (m[3] && (+m[3] < 1 || +m[3] > new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate())) return null;
    return text;
  }
  ["since", "until"].forEach(function (key) {
    var input = byId("kg-" + key);
    input.addEventListener("change", function () {
      var text = input.value.trim();
      var day = text ? isoDay(text) : "";
      input.classList.toggle("kg-invalid", day === null);
      if (day === null) { byId("kg-status").textContent = "dates are written YYYY-MM-DD, as 2024-04-21"; return; }
      input.value = day;
      state[key] = day;
      applyFilters();
    });
  });
  ["topic", "country"].forEach(function (key) {
    byId("kg-" + key).addEventListener("change", function (ev) { state[key] = ev.target.value; applyFilters(); });
  });
  function resetState() {
    state = { since: "", until: "", topic: "", country: "" };
    document.querySelectorAll(".kg-date").forEach(function (i) { i.classList.remove("kg-invalid"); });
  }
  // Clears the filters but not the search box, then calls done once the view is laid out again.
  function clearFilters(done) {
    Object.keys(state).forEach(function (key) { byId("kg-" + key).value = ""; });
    resetState();
    applyFilters(done);
  }
  byId("kg-controls").addEventListener("reset", function () {
    resetState();
    applyFilters();
  });

  // Heading, notice and legend.
  byId("kg-title").textContent = data.title;
  byId("kg-description").textContent = data.description;
  document.title = data.title;
  if (data.index) {
    var back = byId("kg-index");
    back.href = panel.safeHref(data.index);
    back.hidden = false;
  }
  if (data.notice) {
    byId("kg-notice").textContent = data.notice;
    byId("kg-notice").hidden = false;
  }
  var legend = byId("kg-legend-body");
  data.legend.colours.forEach(function (c) {
    var row = panel.el("div");
    var sw = panel.el("span", null, "kg-swatch");
    sw.style.background = c.color;
    row.appendChild(sw);
    row.appendChild(document.createTextNode(c.label));
    legend.appendChild(row);
  });
  legend.appendChild(panel.el("div", "shapes: " + data.legend.shapes.map(function (s) { return s.label + " = " + s.shape; }).join(", ")));
  data.legend.edges.forEach(function (t) { legend.appendChild(panel.el("div", "edge: " + t)); });
  legend.appendChild(panel.el("div", data.legend.size));
})();
