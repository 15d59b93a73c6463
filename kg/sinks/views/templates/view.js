// Draws one kg view. Every string from the graph comes from article text and is untrusted:
// it only ever reaches the page through textContent, DOM properties and canvas labels, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = function (id) { return document.getElementById(id); };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function safeHref(href) {
    return typeof href === "string" && /^(https?:|file:|[^:]*$)/i.test(href) ? href : null;
  }

  function link(text, href) {
    var ok = safeHref(href);
    if (!ok) return el("span", text);
    var a = el("a", text);
    a.href = ok;
    a.rel = "noopener noreferrer";
    return a;
  }

  function tooltip(text) { return el("div", text, "kg-tip"); }

  function eventLabel(ev) {
    return (ev.date || "undated") + " · " + ev.name;
  }

  function nodeTip(n) {
    var ent = data.entities[n.id] || {};
    var lines = [ent.name || n.id];
    var names = ent.names ? Object.keys(ent.names).map(function (k) { return ent.names[k]; }) : [];
    if (names.length) lines.push(names.join(" / "));
    if (ent.titles && ent.titles.length) lines.push(ent.titles.join("; "));
    if (ent.country) lines.push(ent.country);
    lines.push(n.events.length + (n.events.length === 1 ? " event" : " events"));
    return tooltip(lines.join("\n"));
  }

  function edgeTip(e) {
    var a = data.entities[e.from], b = data.entities[e.to];
    var head = (a ? a.name : e.from) + " – " + (b ? b.name : e.to);
    if (e.type === "MET") {
      var dates = e.events.map(function (id) { return data.events[id].date; }).filter(Boolean).sort();
      head += "\n" + e.events.length + (e.events.length === 1 ? " meeting" : " meetings");
      if (dates.length) head += " (" + dates[0] + (dates.length > 1 ? " … " + dates[dates.length - 1] : "") + ")";
    } else {
      head += "\n" + e.type.toLowerCase().replace("_", " ");
    }
    return tooltip(head);
  }

  var large = !data.physics;
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var node = {
      id: n.id, label: n.label, shape: n.shape, size: n.size, title: nodeTip(n),
      color: { background: n.color, border: n.ego ? "#000" : "#555", highlight: { background: n.color, border: "#000" } },
      borderWidth: n.ego ? 4 : 1, kind: n.kind, events: n.events
    };
    if (n.x !== undefined) { node.x = n.x; node.y = n.y; }
    return node;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return {
      id: e.id, from: e.from, to: e.to, width: e.width, title: edgeTip(e), type: e.type, events: e.events,
      arrows: e.type === "MET" ? undefined : "to", dashes: e.type === "CONCERNS"
    };
  }));

  // In-page filters: a node or edge stays when one of its meetings or agreements passes all of them.
  var state = { since: "", until: "", topic: "", country: "" };
  var shownNodes = null, shownEdges = null;
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
  function applyFilters() {
    var active = state.since || state.until || state.topic || state.country;
    if (!active) { shownNodes = shownEdges = null; } else {
      shownNodes = new Set(); shownEdges = new Set();
      data.nodes.forEach(function (n) { if (n.events.some(eventPasses)) shownNodes.add(n.id); });
      data.edges.forEach(function (e) {
        if (e.events.some(eventPasses) && shownNodes.has(e.from) && shownNodes.has(e.to)) shownEdges.add(e.id);
      });
    }
    nodeView.refresh(); edgeView.refresh();
    byId("kg-status").textContent = active ? nodeView.length + " of " + nodes.length + " nodes shown" : "";
  }
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !shownNodes || shownNodes.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return !shownEdges || shownEdges.has(e.id); } });

  var options = {
    autoResize: true,
    nodes: { font: { face: "Noto Sans CJK SC, Noto Sans, sans-serif", size: 14, multi: false }, scaling: { label: { drawThreshold: 6 } } },
    edges: { color: { color: "#8a8a8a", highlight: "#222" }, smooth: large ? false : { type: "continuous" } },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large },
    layout: { improvedLayout: !large && data.nodes.length <= 150, randomSeed: 7 },
    physics: large ? false : {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 110, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: 300, fit: true }
    }
  };
  var network = new vis.Network(byId("kg-graph"), { nodes: nodeView, edges: edgeView }, options);
  var view = window.kgView = { network: network, nodes: nodes, edges: edges, ready: false, data: data };
  view.shownNodeIds = function () { return nodeView.getIds(); };
  view.shownEdgeIds = function () { return edgeView.getIds(); };
  function markReady() {
    if (view.ready) return;
    view.ready = true;
    document.body.setAttribute("data-ready", "1");
  }
  if (large) {
    network.once("afterDrawing", markReady);
  } else {
    // Freeze the layout once settled, so the graph stays still while it is read.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  }

  // The side panel.
  var panel = byId("kg-panel");
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function defList(pairs) {
    var dl = el("dl");
    pairs.forEach(function (p) {
      if (!p[1]) return;
      dl.appendChild(el("dt", p[0]));
      dl.appendChild(el("dd", p[1]));
    });
    return dl;
  }
  var SCRIPT_NAMES = { "en": "English", "zh-Hans": "中文 (简体)", "zh-Hant": "中文 (繁體)" };

  function renderEvent(id) {
    var ev = data.events[id];
    var box = el("div", null, "kg-event");
    box.appendChild(el("div", eventLabel(ev), "kg-event-head"));
    var facts = [];
    if (ev.kind === "meeting") {
      facts.push(["where", ev.place], ["how", ev.mode ? ev.mode.replace("_", " ") : null]);
      facts.push(["who", ev.actors.join(", ")]);
    } else {
      facts.push(["parties", ev.actors.join(", ")], ["topics", ev.topics.join(", ")]);
      if (ev.summary && ev.summary !== ev.name) facts.push(["summary", ev.summary]);
    }
    box.appendChild(defList(facts));
    ev.evidence.forEach(function (src) {
      var quote = el("div", null, "kg-evidence");
      quote.appendChild(el("q", src.sentence));
      var from = el("div", "source: ", "kg-source");
      from.appendChild(link(src.title ? src.title + " (" + src.article + ")" : src.article, src.href));
      quote.appendChild(from);
      box.appendChild(quote);
    });
    return box;
  }

  function renderEvents(ids) {
    var meetings = ids.filter(function (id) { return data.events[id] && data.events[id].kind === "meeting"; });
    var agreements = ids.filter(function (id) { return data.events[id] && data.events[id].kind === "agreement"; });
    if (meetings.length) {
      panel.appendChild(el("h3", "Meetings (" + meetings.length + ")"));
      meetings.forEach(function (id) { panel.appendChild(renderEvent(id)); });
    }
    if (agreements.length) {
      panel.appendChild(el("h3", "Agreements (" + agreements.length + ")"));
      agreements.forEach(function (id) { panel.appendChild(renderEvent(id)); });
    }
  }

  function showNode(id) {
    var n = nodes.get(id), ent = data.entities[id];
    if (!n || !ent) return;
    clear(panel);
    panel.setAttribute("data-node", id);
    panel.removeAttribute("data-edge");
    panel.appendChild(el("h2", ent.name));
    panel.appendChild(el("div", ent.kind + (ent.country ? " · " + ent.country : ""), "kg-source"));
    var names = Object.keys(ent.names).map(function (k) { return [SCRIPT_NAMES[k] || k, ent.names[k]]; });
    if (names.length || ent.aliases.length) {
      panel.appendChild(el("h3", "Names"));
      panel.appendChild(defList(names.concat([["aliases", ent.aliases.join(", ")]])));
    }
    if (ent.titles.length) {
      panel.appendChild(el("h3", "Titles"));
      var ul = el("ul");
      ent.titles.forEach(function (t) { ul.appendChild(el("li", t)); });
      panel.appendChild(ul);
    }
    if (ent.href && id !== data.ego) {
      var p = el("p");
      p.appendChild(link("ego network of " + ent.name, ent.href));
      panel.appendChild(p);
    }
    renderEvents(n.events);
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    clear(panel);
    panel.setAttribute("data-edge", id);
    panel.removeAttribute("data-node");
    var a = data.entities[e.from], b = data.entities[e.to];
    panel.appendChild(el("h2", (a ? a.name : e.from) + " – " + (b ? b.name : e.to)));
    panel.appendChild(el("div", e.type === "MET" ? e.events.length + " meeting(s)" : e.type.toLowerCase().replace("_", " "), "kg-source"));
    renderEvents(e.events);
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

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
  function search() {
    var text = byId("kg-search").value;
    var found = findActor(text);
    byId("kg-status").textContent = found || !text.trim() ? "" : "no actor matches “" + text + "”";
    if (!found) return;
    if (shownNodes && !shownNodes.has(found)) { byId("kg-reset").click(); }
    network.selectNodes([found]);
    network.focus(found, { scale: 1.2, animation: false });
    showNode(found);
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
  ["since", "until", "topic", "country"].forEach(function (key) {
    byId("kg-" + key).addEventListener("change", function (ev) { state[key] = ev.target.value; applyFilters(); });
  });
  byId("kg-controls").addEventListener("reset", function () {
    state = { since: "", until: "", topic: "", country: "" };
    applyFilters();
  });

  // Heading, notice and legend.
  byId("kg-title").textContent = data.title;
  byId("kg-description").textContent = data.description;
  document.title = data.title;
  if (data.index) {
    var back = byId("kg-index");
    back.href = safeHref(data.index);
    back.hidden = false;
  }
  if (data.notice) {
    byId("kg-notice").textContent = data.notice;
    byId("kg-notice").hidden = false;
  }
  var legend = byId("kg-legend");
  legend.appendChild(el("h2", "Legend"));
  data.legend.colours.forEach(function (c) {
    var row = el("div");
    var sw = el("span", null, "kg-swatch");
    sw.style.background = c.color;
    row.appendChild(sw);
    row.appendChild(document.createTextNode(c.label));
    legend.appendChild(row);
  });
  legend.appendChild(el("div", "shapes: " + data.legend.shapes.map(function (s) { return s.label + " = " + s.shape; }).join(", ")));
  data.legend.edges.forEach(function (t) { legend.appendChild(el("div", "edge: " + t)); });
  legend.appendChild(el("div", data.legend.size));
})();
