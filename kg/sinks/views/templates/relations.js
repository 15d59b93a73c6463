/* Relations over time: meetings per month or quarter by mode and by the highest level taking part,
   agreements by topic on the same axis, and the events behind a bar with their evidence.
   Untrusted text (names, sentences, titles) reaches the page through textContent only, and the
   charts get fixed labels or labels with markup characters replaced: plotly reads <b>, <a> ... */
(function () {
  "use strict";
  var started = performance.now();  // plotly.js has been read and run by now
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = {};
  data.countries.forEach(function (c) { byId[c.id] = c; });
  var MODE_LABELS = { in_person: "in person", video: "video", phone: "phone", letter: "letter" };
  var MODE_COLOURS = { in_person: "#1f77b4", video: "#2ca02c", phone: "#ff7f0e", letter: "#9467bd" };
  var LEVEL_COLOURS = { head: "#d62728", minister: "#1f77b4", other: "#9e9e9e" };
  var TOPIC_COLOURS = ["#8c564b", "#e377c2", "#17becf", "#bcbd22", "#393b79", "#637939", "#843c39",
    "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1"];
  var NO_TOPIC = "";
  var levelLabels = {};
  data.levels.forEach(function (l) { levelLabels[l[0]] = l[1]; });
  var el = function (id) { return document.getElementById(id); };
  var selectA = el("kg-a"), selectB = el("kg-b"), selectBy = el("kg-by");
  var since = el("kg-since"), until = el("kg-until"), panel = el("kg-panel");
  var MONTH = /^\d{4}(-(0[1-9]|1[0-2]))?$/;
  var events = { meetings: [], agreements: [] };      // the selection's events, for a click

  function plain(text) {
    return String(text).replace(/[<>&"]/g, function (c) {
      return { "<": "\u2039", ">": "\u203a", "&": "\uff06", "\"": "\u201d" }[c];
    });
  }

  function option(value, text) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    return o;
  }

  data.countries.forEach(function (c) {
    var label = c.name + (c.contacts ? " (" + c.contacts + ")" : "");
    selectA.appendChild(option(c.id, label));
    selectB.appendChild(option(c.id, label));
  });

  function periodOf(date, by) {
    if (!date || date.length < 7) return null;
    if (by === "month") return date.slice(0, 7);
    return date.slice(0, 4) + "-Q" + Math.ceil(Number(date.slice(5, 7)) / 3);
  }

  function nextPeriod(period, by) {
    var year = Number(period.slice(0, 4));
    if (by === "month") {
      var month = Number(period.slice(5, 7)) + 1;
      if (month > 12) { year += 1; month = 1; }
      return year + "-" + (month < 10 ? "0" : "") + month;
    }
    var quarter = Number(period.slice(6)) + 1;
    if (quarter > 4) { year += 1; quarter = 1; }
    return year + "-Q" + quarter;
  }

  function dateBound(input) {
    var value = input.value.trim();
    var ok = value === "" || MONTH.test(value);
    input.classList.toggle("kg-invalid", !ok);
    return ok ? value : "";
  }

  function state() {
    var a = selectA.value, b = selectB.value;
    return { a: a, b: b === a ? "" : b, by: selectBy.value, since: dateBound(since), until: dateBound(until) };
  }

  function inRange(date, s) {
    if (!date) return false;
    if (s.since && date.slice(0, s.since.length) < s.since) return false;
    if (s.until && date.slice(0, s.until.length) > s.until) return false;
    return true;
  }

  function between(event, s) {
    var countries = event.countries;
    return countries.indexOf(s.a) >= 0 && (!s.b || countries.indexOf(s.b) >= 0);
  }

  function select(list, s) {
    return list.filter(function (e) { return between(e, s) && inRange(e.date, s); });
  }

  function axis(s) {
    var periods = [];
    events.meetings.concat(events.agreements).forEach(function (e) {
      var p = periodOf(e.date, s.by);
      if (p) periods.push(p);
    });
    if (!periods.length) return [];
    periods.sort();
    var all = [periods[0]], last = periods[periods.length - 1];
    while (all[all.length - 1] < last) all.push(nextPeriod(all[all.length - 1], s.by));
    return all;
  }

  function counts(list, keyOf, s) {
    var table = {};
    list.forEach(function (e) {
      var p = periodOf(e.date, s.by);
      if (!p) return;
      keyOf(e).forEach(function (key) {
        table[key] = table[key] || {};
        table[key][p] = (table[key][p] || 0) + 1;
      });
    });
    return table;
  }

  /* One figure, three panels on one time axis: meetings by mode, by level, agreements by topic. */
  var PANELS = [
    { chart: "modes", title: "Meetings by mode", unit: "meetings", domain: [0.71, 1] },
    { chart: "levels", title: "Meetings by the highest level taking part", unit: "meetings", domain: [0.37, 0.63] },
    { chart: "topics", title: "Agreements by topic (an agreement on two topics counts in each)",
      unit: "per topic", domain: [0.03, 0.29] }
  ];

  function traces(panel, n, table, keys, labelOf, colourOf, periods) {
    var suffix = n === 1 ? "" : String(n);
    return keys.filter(function (k) { return table[k]; }).map(function (key, i) {
      return {
        type: "bar",
        name: plain(labelOf(key)),
        x: periods,
        y: periods.map(function (p) { return table[key][p] || 0; }),
        xaxis: "x" + suffix,
        yaxis: "y" + suffix,
        legend: "legend" + suffix,
        marker: { color: colourOf(key, i) },
        hovertemplate: "%{x}: %{y}<extra>%{fullData.name}</extra>",
        meta: { chart: panel.chart, key: key }
      };
    });
  }

  function highestStack(traceList) {
    var totals = {};
    var top = 0;
    traceList.forEach(function (t) {
      t.y.forEach(function (v, i) { totals[i] = (totals[i] || 0) + v; top = Math.max(top, totals[i]); });
    });
    return top;
  }

  function niceStep(rough) {
    var step = 1;
    while (step < rough) step *= (String(step)[0] === "2" ? 2.5 : 2);
    return step;
  }

  /* The legends sit in a fixed right margin, so the plot keeps its width whatever they hold. */
  function layout(periods, panels) {
    var result = {
      barmode: "stack",
      showlegend: true,
      margin: { l: 52, r: 270, t: 24, b: 44, autoexpand: false },
      bargap: 0.15,
      font: { family: "Noto Sans CJK SC, Noto Sans, Arial, sans-serif", size: 12 },
      annotations: []
    };
    PANELS.forEach(function (panel, i) {
      var suffix = i === 0 ? "" : String(i + 1);
      result["xaxis" + suffix] = {
        type: "category", categoryorder: "array", categoryarray: periods,
        range: [-0.5, periods.length - 0.5], anchor: "y" + suffix, matches: i === 0 ? undefined : "x"
      };
      result["yaxis" + suffix] = {
        domain: panel.domain, anchor: "x" + suffix, title: { text: panel.unit }, rangemode: "tozero",
        tickformat: "d", dtick: niceStep(highestStack(panels[panel.chart]) / 4)
      };
      result["legend" + suffix] = { x: 1.01, xanchor: "left", y: panel.domain[1], yanchor: "top", font: { size: 11 } };
      result.annotations.push({
        text: "<b>" + panel.title + "</b>", xref: "paper", yref: "paper", x: 0, y: panel.domain[1],
        xanchor: "left", yanchor: "bottom", showarrow: false, font: { size: 13 }
      });
    });
    return result;
  }

  var CONFIG = { displayModeBar: false, responsive: true };

  function draw() {
    var s = state();
    events.meetings = select(data.meetings, s);
    events.agreements = select(data.agreements, s);
    var periods = axis(s);
    var topicKeys = Object.keys(data.topics).sort().concat([NO_TOPIC]);
    var modes = counts(events.meetings, function (m) { return [m.mode]; }, s);
    var levels = counts(events.meetings, function (m) { return [m.level]; }, s);
    var topics = counts(events.agreements, function (a) { return a.topics.length ? a.topics : [NO_TOPIC]; }, s);
    var panels = {
      modes: traces(PANELS[0], 1, modes, data.modes, function (k) { return MODE_LABELS[k] || k; },
        function (k) { return MODE_COLOURS[k]; }, periods),
      levels: traces(PANELS[1], 2, levels, data.levels.map(function (l) { return l[0]; }),
        function (k) { return levelLabels[k]; }, function (k) { return LEVEL_COLOURS[k] || "#777"; }, periods),
      topics: traces(PANELS[2], 3, topics, topicKeys,
        function (k) { return k === NO_TOPIC ? "no topic" : data.topics[k] || k; },
        function (k, i) { return TOPIC_COLOURS[i % TOPIC_COLOURS.length]; }, periods)
    };
    var all = panels.modes.concat(panels.levels, panels.topics);
    describe(s);
    writeHash(s);
    return Plotly.react(el("kg-chart"), all, layout(periods, panels), CONFIG);
  }

  function describe(s) {
    var who = byId[s.a] ? byId[s.a].name : "";
    if (s.b && byId[s.b]) who += " \u2013 " + byId[s.b].name;
    el("kg-description").textContent = who + ": " + events.meetings.length + " meetings, " +
      events.agreements.length + " agreements";
    var undatedMeetings = events.meetings.filter(function (m) { return !periodOf(m.date, s.by); }).length;
    var undatedAgreements = events.agreements.filter(function (a) { return !periodOf(a.date, s.by); }).length;
    el("kg-undated").textContent = undatedMeetings || undatedAgreements
      ? "Known only to the year, so not on the time axis: " + undatedMeetings + " meeting(s), " +
        undatedAgreements + " agreement(s)."
      : "";
  }

  function writeHash(s) {
    var parts = ["a=" + encodeURIComponent(s.a), "by=" + s.by];
    if (s.b) parts.push("b=" + encodeURIComponent(s.b));
    if (s.since) parts.push("since=" + s.since);
    if (s.until) parts.push("until=" + s.until);
    history.replaceState(null, "", "#" + parts.join("&"));
  }

  function readHash() {
    var params = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var i = pair.indexOf("=");
      if (i > 0) {
        try { params[pair.slice(0, i)] = decodeURIComponent(pair.slice(i + 1)); } catch (e) { /* ignore */ }
      }
    });
    var a = byId[params.a] ? params.a : data.start[0];
    var b = byId[params.b] ? params.b : (params.a ? "" : data.start[1] || "");
    if (a) selectA.value = a;
    selectB.value = b || "";
    if (params.by === "month" || params.by === "quarter") selectBy.value = params.by;
    if (MONTH.test(params.since || "")) since.value = params.since;
    if (MONTH.test(params.until || "")) until.value = params.until;
  }

  function text(tag, content, className) {
    var node = document.createElement(tag);
    node.textContent = content;
    if (className) node.className = className;
    return node;
  }

  function safeHref(href) {
    return typeof href === "string" && /^(https?|file):/i.test(href) ? href : null;
  }

  function evidenceList(event) {
    var box = document.createDocumentFragment();
    event.evidence.forEach(function (ev) {
      var quote = document.createElement("div");
      quote.className = "kg-evidence";
      quote.appendChild(text("q", ev[0]));
      var href = safeHref(ev[2]);
      var source = text(href ? "a" : "span", ev[1], "kg-source");
      if (href) {
        source.href = href;
        source.target = "_blank";
        source.rel = "noopener noreferrer";
      }
      quote.appendChild(source);
      box.appendChild(quote);
    });
    return box;
  }

  function listEvents(chart, key, period) {
    var s = state();
    var meetings = chart !== "topics";
    var list = (meetings ? events.meetings : events.agreements).filter(function (e) {
      if (periodOf(e.date, s.by) !== period) return false;
      if (chart === "modes") return e.mode === key;
      if (chart === "levels") return e.level === key;
      return key === NO_TOPIC ? !e.topics.length : e.topics.indexOf(key) >= 0;
    });
    var label = chart === "modes" ? MODE_LABELS[key] : chart === "levels" ? levelLabels[key]
      : key === NO_TOPIC ? "no topic" : data.topics[key];
    panel.textContent = "";
    panel.dataset.period = period;
    panel.dataset.count = String(list.length);
    panel.appendChild(text("h2", period + " \u00b7 " + label + " \u00b7 " + list.length + " " +
      (meetings ? "meeting" : "agreement") + (list.length === 1 ? "" : "s")));
    list.forEach(function (e) {
      var item = document.createElement("div");
      item.className = "kg-event";
      item.dataset.id = e.id;
      item.appendChild(text("div", (e.date || "") + "  " + (meetings ? e.name : e.summary || ""), "kg-event-head"));
      var about = meetings
        ? [MODE_LABELS[e.mode], e.place, "highest level: " + levelLabels[e.level]]
        : [e.topics.map(function (t) { return data.topics[t] || t; }).join(", "), e.meeting ? "from " + e.meeting : ""];
      item.appendChild(text("div", about.filter(Boolean).join(" \u00b7 "), "kg-source"));
      item.appendChild(evidenceList(e));
      panel.appendChild(item);
    });
  }

  function listenForClicks() {
    el("kg-chart").on("plotly_click", function (ev) {
      var point = ev.points[0];
      listEvents(point.data.meta.chart, point.data.meta.key, point.x);
    });
  }

  [selectA, selectB, selectBy].forEach(function (c) { c.addEventListener("change", draw); });
  [since, until].forEach(function (c) { c.addEventListener("change", draw); });
  el("kg-controls").addEventListener("submit", function (ev) { ev.preventDefault(); draw(); });

  window.kgRelations = {
    data: data,
    state: state,
    events: events,
    draw: draw,
    /* Bar heights of one panel ("modes", "levels", "topics"): period -> total over its traces, as drawn. */
    bars: function (chart) {
      var totals = {};
      el("kg-chart").data.forEach(function (t) {
        if (t.meta.chart !== chart) return;
        t.x.forEach(function (p, i) { if (t.y[i]) totals[p] = (totals[p] || 0) + t.y[i]; });
      });
      return totals;
    }
  };

  readHash();
  draw().then(function () {
    window.kgRelations.timing = { plotlyLoaded: started, drawn: performance.now() };
    listenForClicks();
    document.body.dataset.ready = "1";
  });
})();
