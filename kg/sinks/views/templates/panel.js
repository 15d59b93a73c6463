// The side panel of a kg view: an actor's names, titles and events, an edge's meetings or agreements,
// each with its evidence. Every string from the graph comes from article text and is untrusted:
// it only ever reaches the page through textContent and DOM properties, never as HTML.
(function () {
  "use strict";

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

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  var SCRIPT_NAMES = { "en": "English", "zh-Hans": "中文 (简体)", "zh-Hant": "中文 (繁體)" };

  // view: { data, nodes, edges, passes(eventId) -> bool, filtering() -> bool }
  window.kgPanel = function (view, panel) {
    var data = view.data;

    function eventLabel(ev) { return (ev.date || "undated") + " · " + ev.name; }

    // The meeting an agreement came from, as a link that opens the actor network focused on it.
    function meetingHref(id) {
      var target = "#meeting=" + encodeURIComponent(id);
      return data.network ? data.network + target : null;
    }

    function defList(pairs) {
      var dl = el("dl");
      pairs.forEach(function (p) {
        if (!p[1]) return;
        dl.appendChild(el("dt", p[0]));
        var dd = el("dd");
        if (typeof p[1] === "string") dd.textContent = p[1]; else dd.appendChild(p[1]);
        dl.appendChild(dd);
      });
      return dl;
    }

    // An event told in brief (an ego view's meeting among others): when and how, and a link to
    // the actor network, which has it in full.
    function renderBrief(id, ev, box) {
      box.classList.add("kg-brief");
      box.appendChild(el("div", (ev.date || "undated") + (ev.mode ? " · " + ev.mode.replace("_", " ") : ""), "kg-event-head"));
      var more = el("div", null, "kg-source");
      more.appendChild(link("who, where and the evidence: in the actor network", meetingHref(id)));
      box.appendChild(more);
      return box;
    }

    function renderEvent(id) {
      var ev = data.events[id];
      var box = el("div", null, "kg-event");
      box.setAttribute("data-event", id);
      if (ev.brief) return renderBrief(id, ev, box);
      // An agreement's name is its summary: it is read in full below its date, not in a heading.
      box.appendChild(el("div", ev.kind === "meeting" ? eventLabel(ev) : ev.date || "undated", "kg-event-head"));
      var facts = [];
      if (ev.kind === "meeting") {
        facts.push(["where", ev.place], ["how", ev.mode ? ev.mode.replace("_", " ") : null]);
        facts.push(["who", ev.actors.join(", ")]);
      } else {
        facts.push(["summary", ev.summary || ev.name]);
        facts.push(["parties", ev.actors.join(", ")], ["topics", ev.topics.join(", ")]);
        var meeting = ev.meeting && data.events[ev.meeting];
        if (meeting) {
          var from = link(eventLabel(meeting), meetingHref(ev.meeting));
          from.className = "kg-meeting-link";
          facts.push(["meeting", from]);
        }
      }
      box.appendChild(defList(facts));
      ev.evidence.forEach(function (src) {
        var quote = el("div", null, "kg-evidence");
        quote.appendChild(el("q", src.sentence));
        var source = el("div", "source: ", "kg-source");
        source.appendChild(link(src.title ? src.title + " (" + src.article + ")" : src.article, src.href));
        quote.appendChild(source);
        box.appendChild(quote);
      });
      return box;
    }

    function renderEvents(ids) {
      var shown = view.filtering() ? ids.filter(view.passes) : ids;
      ["meeting", "agreement"].forEach(function (kind) {
        var some = shown.filter(function (id) { return data.events[id] && data.events[id].kind === kind; });
        var all = ids.filter(function (id) { return data.events[id] && data.events[id].kind === kind; });
        if (!some.length) return;
        var head = (kind === "meeting" ? "Meetings (" : "Agreements (") + some.length;
        panel.appendChild(el("h3", head + (some.length < all.length ? " of " + all.length + ", filtered)" : ")")));
        some.forEach(function (id) { panel.appendChild(renderEvent(id)); });
      });
    }

    function start(attr, id) {
      clear(panel);
      ["data-node", "data-edge", "data-event"].forEach(function (a) { panel.removeAttribute(a); });
      panel.setAttribute(attr, id);
    }

    function showNode(id) {
      var n = view.nodes.get(id), ent = data.entities[id];
      if (!n || !ent) return;
      start("data-node", id);
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
      var e = view.edges.get(id);
      if (!e) return;
      start("data-edge", id);
      var a = data.entities[e.from], b = data.entities[e.to];
      panel.appendChild(el("h2", (a ? a.name : e.from) + " – " + (b ? b.name : e.to)));
      var noun = e.type === "MET" ? " meeting" : " agreement";
      panel.appendChild(el("div", e.events.length + noun + (e.events.length === 1 ? "" : "s"), "kg-source"));
      renderEvents(e.events);
    }

    function showMeeting(id) {
      start("data-event", id);
      panel.appendChild(el("h2", "Meeting"));
      panel.appendChild(renderEvent(id));
    }

    return { showNode: showNode, showEdge: showEdge, showMeeting: showMeeting, el: el, link: link, safeHref: safeHref };
  };
})();
