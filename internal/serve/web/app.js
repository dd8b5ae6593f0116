// kg serve's page. Every name, alias, title and sentence from the graph is
// set with textContent or as a Cytoscape label (drawn on a canvas), never
// as HTML; links are made only from http(s) URLs. No inline script: the
// server's Content-Security-Policy forbids it.
'use strict';

(() => {
  const COLOURS = { Person: '#d1495b', City: '#2a7de1', Country: '#2e9e5b', Organization: '#edae49', Event: '#7d5ba6' };
  const colour = (label) => COLOURS[label] || '#889';
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  const clear = (e) => { while (e.firstChild) e.removeChild(e.firstChild); return e; };
  const status = (msg) => { $('status').textContent = msg; };
  const safeHref = (u) => {
    try {
      const p = new URL(u);
      return p.protocol === 'http:' || p.protocol === 'https:' ? p.href : '';
    } catch { return ''; }
  };
  const labelOf = (id) => ({ person: 'Person', city: 'City', country: 'Country', org: 'Organization', event: 'Event' })[String(id).split(':')[0]] || '';

  async function api(path, signal) {
    const r = await fetch(path, { signal, headers: { Accept: 'application/json' } });
    let body;
    try { body = await r.json(); } catch { body = {}; }
    if (!r.ok) throw new Error(body.error || `${r.status} ${r.statusText}`);
    return body;
  }

  // --- the graph ---
  let cy;
  const state = { root: null, depth: new Map(), expanded: new Set() };

  function initGraph() {
    cy = cytoscape({
      container: $('graph'),
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 4,
      textureOnViewport: true,
      hideEdgesOnViewport: true,
      style: [
        { selector: 'node', style: {
          'background-color': 'data(colour)', 'font-size': 11, color: '#1d2430',
          'text-valign': 'bottom', 'text-margin-y': 3, width: 18, height: 18,
          'text-outline-color': '#fff', 'text-outline-width': 2, 'min-zoomed-font-size': 7 } },
        { selector: 'node.root', style: { width: 30, height: 30, 'font-size': 14, 'font-weight': 'bold', 'border-width': 3, 'border-color': '#1d2430' } },
        { selector: 'node.expanded', style: { 'border-width': 2, 'border-color': '#1d2430' } },
        { selector: 'edge', style: {
          width: 'mapData(articles, 1, 50, 1, 6)', 'line-color': '#b8c2d0', 'curve-style': 'bezier',
          'target-arrow-shape': 'data(arrow)', 'target-arrow-color': '#b8c2d0', 'arrow-scale': 0.8,
          'font-size': 8, color: '#556', 'text-rotation': 'autorotate',
          'text-background-color': '#fff', 'text-background-opacity': 0.8, 'text-background-padding': 1,
          'min-zoomed-font-size': 9 } },
        // labels are set only at zooms where they are drawn (see
        // showLabels): Cytoscape measures every label it is given, drawn
        // or not, in the first frame
        { selector: 'node.lbl', style: { label: 'data(short)' } },
        { selector: 'edge.lbl', style: { label: 'data(type)' } },
        { selector: 'edge:selected', style: { 'line-color': '#2a5bd7', 'target-arrow-color': '#2a5bd7', width: 4 } },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#2a5bd7' } },
      ],
    });
    cy.on('zoom', () => showLabels(false));
    cy.on('tap', 'node', (ev) => { expand(ev.target.id()); showProfile(ev.target.id()); });
    cy.on('tap', 'edge', (ev) => { if (ev.target.data('evidence')) showEvidence(ev.target); });
    window.kgGraph = cy; // for the end-to-end test and the console
  }

  // Node labels are drawn from zoom 7/11 (min-zoomed-font-size over
  // font-size), edge labels from 9/8; showLabels gives the elements their
  // label class when the zoom crosses those (all: every element, some
  // being new), so that the first frame of a zoomed-out neighbourhood does
  // not measure 400 labels it does not draw.
  const NODE_LABELS = 7 / 11, EDGE_LABELS = 9 / 8;
  const shown = { nodes: false, edges: false };
  function showLabels(all) {
    const z = cy.zoom();
    cy.batch(() => {
      for (const [k, at] of [['nodes', NODE_LABELS], ['edges', EDGE_LABELS]]) {
        if (all || (z >= at) !== shown[k]) {
          shown[k] = z >= at;
          cy[k]().toggleClass('lbl', shown[k]);
        }
      }
    });
  }

  // labels are cut here rather than by Cytoscape's text-wrap: ellipsis,
  // which measures the text again for every letter it drops
  const short = (s) => (s.length > 28 ? s.slice(0, 27) + '…' : s);
  function nodeData(n) {
    return { id: n.id, name: n.name, short: short(n.name), label: n.label, colour: colour(n.label), lat: n.lat, lon: n.lon };
  }

  // neighbourhood returns the elements of nb that are not in the graph
  // yet (all of them when fresh), the new nodes at depth + 1 from nb's
  // entity, which is at depth.
  function neighbourhood(nb, depth, fresh) {
    const nodes = [], edges = [];
    const has = (id) => !fresh && !cy.getElementById(id).empty();
    const seen = new Set();
    for (const n of nb.nodes) {
      if (!seen.has(n.id) && !has(n.id)) {
        seen.add(n.id);
        nodes.push({ group: 'nodes', data: nodeData(n) });
        state.depth.set(n.id, n.id === nb.entity.id ? depth : depth + 1);
      }
    }
    for (const e of nb.edges) {
      if (!seen.has(e.key) && !has(e.key)) {
        seen.add(e.key);
        const symmetric = e.type === 'PARTNER_OF' || e.type === 'MET';
        edges.push({ group: 'edges', data: { id: e.key, source: e.source, target: e.target, type: e.type, articles: e.articles, evidence: e.evidence, arrow: symmetric ? 'none' : 'triangle' } });
      }
    }
    return { nodes, edges };
  }
  function addNeighbourhood(nb, depth) {
    const { nodes, edges } = neighbourhood(nb, depth, false);
    labelClasses(nodes, edges);
    cy.add(nodes.concat(edges));
  }
  function labelClasses(nodes, edges) {
    for (const n of nodes) if (shown.nodes) n.classes = (n.classes ? n.classes + ' ' : '') + 'lbl';
    for (const e of edges) if (shown.edges) e.classes = 'lbl';
  }

  // Rings around the entity: one band per hop, each band split into rings
  // of at most RING nodes (ordered by type, then name, so a type sits
  // together), so that 200 neighbours make six readable rings rather than
  // one ring of dots. The positions are computed from the nodes' data
  // ({id, label, name}), before Cytoscape holds them: a first
  // neighbourhood is added already placed, in one cy.add.
  const RING = 32;
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  function ringPositions(ns) {
    const byDepth = new Map();
    for (const n of ns) {
      const d = state.depth.get(n.id) ?? 9;
      if (!byDepth.has(d)) byDepth.set(d, []);
      byDepth.get(d).push(n);
    }
    const byRing = [];
    let level = 0;
    for (const d of [...byDepth.keys()].sort((a, b) => a - b)) {
      const ds = byDepth.get(d).map((n) => [n.label + '\u0000' + n.name, n]);
      ds.sort((a, b) => cmp(a[0], b[0]));
      ds.forEach(([, n], i) => { const r = level + Math.floor(i / RING); (byRing[r] = byRing[r] || []).push(n); });
      level += Math.ceil(ds.length / RING);
    }
    const pos = new Map();
    let radius = 0;
    byRing.forEach((rs, r) => {
      if (!rs) return;
      rs.sort((a, b) => cmp(a.label + a.name, b.label + b.name));
      if (r > 0 || rs.length > 1) radius = Math.max(radius + (radius ? 70 : 130), (rs.length * 38) / (2 * Math.PI));
      rs.forEach((n, i) => {
        const a = -Math.PI / 2 + (2 * Math.PI * i) / rs.length + (r % 2) * (Math.PI / rs.length);
        pos.set(n.id, { x: radius * Math.cos(a), y: radius * Math.sin(a) });
      });
    });
    return { pos, radius };
  }

  // fit the rings without asking Cytoscape for bounding boxes, which
  // measures every label; at most 1.4 (a few nodes: no giant labels)
  function fitRings(radius) {
    const w = cy.width(), h = cy.height();
    const zoom = Math.min(1.4, Math.min(w, h) / (2 * radius + 120));
    cy.viewport({ zoom, pan: { x: w / 2, y: h / 2 } });
    showLabels(true); // every element, some may be new
  }

  // The rings are placed here in one pass (positions set in one batch),
  // which costs a fraction of a Cytoscape layout run on 200 nodes.
  function layout() {
    const { pos, radius } = ringPositions(cy.nodes().map((n) => ({ id: n.id(), label: n.data('label'), name: n.data('name') })));
    cy.batch(() => {
      cy.nodes().positions((n) => pos.get(n.id()));
      if (state.root) cy.getElementById(state.root).addClass('root');
    });
    fitRings(radius);
    return Promise.resolve();
  }

  // openEntity draws id's neighbourhood: the request first, then, when it
  // is answered, the elements placed on their rings and added at once, the
  // viewport set from the rings' radius, and nothing else until drawn (the
  // profile, the timeline and the map come after).
  async function openEntity(id) {
    const t0 = performance.now();
    const req = api(`/api/neighbours/${encodeURIComponent(id)}`);
    status('Loading…');
    $('table').hidden = true; $('graph').hidden = false;
    cy.resize(); // the graph may have been hidden behind a query's table
    try {
      const nb = await req;
      const t1 = performance.now();
      cy.elements().remove();
      state.root = nb.entity.id; state.depth = new Map(); state.expanded = new Set([nb.entity.id]);
      const { nodes, edges } = neighbourhood(nb, 0, true);
      const { pos, radius } = ringPositions(nodes.map((n) => n.data));
      for (const n of nodes) n.position = pos.get(n.data.id);
      const root = nodes.find((n) => n.data.id === nb.entity.id);
      if (root) root.classes = 'root expanded';
      const t2 = performance.now();
      fitRings(radius); // the zoom decides the labels' classes, before the add
      labelClasses(nodes, edges);
      cy.add(nodes.concat(edges));
      const t3 = performance.now();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const ms = Math.round(performance.now() - t0);
      // where the time went: fetch, place (elements and positions), add
      // (viewport and cy.add), the frames that draw it
      $('graph').dataset.renderParts = [t1 - t0, t2 - t1, t3 - t2, performance.now() - t3].map(Math.round).join(' ');
      $('graph').dataset.renderMs = String(ms);
      $('graph').dataset.nodes = String(cy.nodes().length);
      status(`${nb.entity.name}: ${nb.edges.length} of ${nb.total} relations, ${cy.nodes().length} nodes (${ms} ms)` +
        (nb.more ? ' — the most attested first; zoom in for labels' : '') + '. Click a node to expand it, an edge for its evidence.');
      if (nb.more) addMore(nb.more, nb.entity.id);
      legend();
      drawMap();
    } catch (e) { status(`Could not load ${id}: ${e.message}`); }
    showProfile(id);
    showTimeline(id);
  }

  function addMore(url, id) {
    const b = el('button', 'load more relations', 'link');
    b.addEventListener('click', async () => {
      try {
        const nb = await api(url);
        addNeighbourhood(nb, state.depth.get(id) ?? 0);
        await layout(); legend(); drawMap();
        status(`${cy.nodes().length} nodes, ${cy.edges().length} edges`);
      } catch (e) { status(e.message); }
    });
    $('status').append(' ', b);
  }

  async function expand(id) {
    if (state.expanded.has(id)) return;
    state.expanded.add(id);
    try {
      const nb = await api(`/api/neighbours/${encodeURIComponent(id)}?limit=50`);
      addNeighbourhood(nb, state.depth.get(id) ?? 1);
      cy.getElementById(id).addClass('expanded');
      await layout();
      legend();
      drawMap();
      status(`${cy.nodes().length} nodes, ${cy.edges().length} edges` + (nb.more ? ` (${nb.name || nb.entity.name}: the 50 most attested of ${nb.total} relations)` : ''));
    } catch (e) { status(e.message); }
  }

  function legend() {
    const lg = clear($('legend'));
    const counts = {};
    cy.nodes().forEach((n) => { counts[n.data('label')] = (counts[n.data('label')] || 0) + 1; });
    for (const [label, n] of Object.entries(counts)) {
      const s = el('span', `${label} ${n}`);
      s.style.setProperty('--c', colour(label));
      lg.append(s);
    }
  }

  // --- panels ---
  async function showProfile(id) {
    const p = $('profile');
    try {
      const e = await api(`/api/entity/${encodeURIComponent(id)}`);
      clear(p);
      const tag = el('span', e.label, 'tag');
      tag.style.background = colour(e.label);
      p.append(tag, el('div', e.name, 'profile-name'));
      const dl = el('dl');
      const row = (k, v) => { dl.append(el('dt', k), el('dd', v)); };
      row('id', e.id);
      const also = [...new Set([...e.aliases, ...(e.names || [])])].filter((n) => n !== e.name);
      if (also.length) row('also', also.join(' · '));
      if (e.country && e.label !== 'Country') row('country', e.country);
      for (const [k, v] of Object.entries(e.props)) row(k, v);
      row('articles', e.articles);
      for (const [k, v] of Object.entries(e.relations)) row(k, v);
      if (e.lat !== undefined) row('coordinates', `${e.lat}, ${e.lon}`);
      p.append(dl);
      if (e.first_articles && e.first_articles.length) {
        p.append(el('h3', e.articles > e.first_articles.length ? `First ${e.first_articles.length} of ${e.articles} articles` : 'Articles'));
        const ul = el('ul', null, 'tl');
        for (const a of e.first_articles) {
          const li = el('li');
          li.append(el('span', a.date, 'd'), el('span', a.title || a.id));
          ul.append(li);
        }
        p.append(ul);
      }
      if (state.root !== e.id) {
        const b = el('button', 'Centre the graph here', 'link');
        b.addEventListener('click', () => openEntity(e.id));
        p.append(b);
      }
    } catch (err) { clear(p).append(el('p', err.message, 'hint')); }
  }

  async function showEvidence(edge, url) {
    const box = $('evidence');
    box.hidden = false;
    clear(box).append(el('h2', 'Evidence'));
    const s = cy.getElementById(edge.data('source')).data('name');
    const t = cy.getElementById(edge.data('target')).data('name');
    box.append(el('p', `${s} — ${edge.data('type')} — ${t}`, 'hint'));
    try {
      const ev = await api(url || edge.data('evidence'));
      for (const x of ev.sentences) {
        const d = el('div', null, 'sentence');
        d.append(el('blockquote', x.sentence));
        const src = el('div', null, 'src');
        const href = safeHref(x.url);
        const title = x.title || x.article;
        if (href) {
          const a = el('a', title);
          a.href = href; a.target = '_blank'; a.rel = 'noopener noreferrer';
          src.append(a);
        } else {
          src.append(el('span', title));
        }
        if (x.date) src.append(el('span', ` · ${x.date}`));
        d.append(src);
        box.append(d);
      }
      if (ev.more) box.append(moreLink(ev.more, () => showEvidence(edge, ev.more)));
    } catch (e) { box.append(el('p', e.message, 'hint')); }
  }

  function moreLink(url, onclick) {
    const b = el('button', 'more…', 'link');
    b.dataset.url = url;
    b.addEventListener('click', onclick);
    return b;
  }

  async function showTimeline(id) {
    const box = $('timeline');
    try {
      const tl = await api(`/api/timeline/${encodeURIComponent(id)}`);
      clear(box).append(el('h2', 'Timeline'));
      box.hidden = false;
      if (!tl.events.length) { box.append(el('p', 'No dated events.', 'hint')); return; }
      const ul = el('ul', null, 'tl');
      for (const ev of tl.events) {
        const li = el('li');
        li.append(el('span', ev.date, 'd'));
        const what = el('span');
        const b = el('button', ev.other.name, 'link');
        b.addEventListener('click', () => openEntity(ev.other.id));
        what.append(el('span', `${ev.type.replace(/_/g, ' ').toLowerCase()} `), b);
        li.append(what);
        ul.append(li);
      }
      box.append(ul);
      if (tl.more) box.append(el('p', `First ${tl.events.length} shown.`, 'hint'));
    } catch (e) { clear(box).append(el('p', e.message, 'hint')); }
  }

  // --- search ---
  let searchAbort;
  let hits = [];
  let sel = -1;
  function renderHits() {
    const ul = clear($('hits'));
    hits.forEach((h, i) => {
      const li = el('li');
      li.setAttribute('role', 'option');
      if (i === sel) li.className = 'sel';
      const tag = el('span', h.label, 'type');
      tag.style.background = colour(h.label);
      li.append(tag, el('span', h.name));
      if (h.aliases.length) li.append(el('span', h.aliases.join(' · '), 'alias'));
      li.addEventListener('mousedown', (ev) => { ev.preventDefault(); pick(i); });
      ul.append(li);
    });
  }
  function pick(i) {
    const h = hits[i];
    if (!h) return;
    hits = []; renderHits();
    $('q').value = h.name;
    openEntity(h.id);
  }
  async function search() {
    const q = $('q').value;
    if (searchAbort) searchAbort.abort();
    if (!q.trim()) { hits = []; renderHits(); return; }
    searchAbort = new AbortController();
    try {
      const r = await api(`/api/search?q=${encodeURIComponent(q)}&limit=12`, searchAbort.signal);
      hits = r.results; sel = hits.length ? 0 : -1; renderHits();
      if (!hits.length) status(`No entity named “${q}”.`);
    } catch (e) { if (e.name !== 'AbortError') status(e.message); }
  }
  let timer;
  function initSearch() {
    const q = $('q');
    q.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 120); });
    q.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown') { sel = Math.min(sel + 1, hits.length - 1); renderHits(); ev.preventDefault(); }
      else if (ev.key === 'ArrowUp') { sel = Math.max(sel - 1, 0); renderHits(); ev.preventDefault(); }
      else if (ev.key === 'Enter') { pick(Math.max(sel, 0)); ev.preventDefault(); }
      else if (ev.key === 'Escape') { hits = []; renderHits(); }
    });
    q.addEventListener('blur', () => setTimeout(() => { hits = []; renderHits(); }, 150));
  }

  // --- canned queries ---
  let qlist = [];
  async function initQueries() {
    try {
      qlist = (await api('/api/queries')).queries;
    } catch (e) { status(e.message); return; }
    const s = $('queries');
    for (const q of qlist) {
      const o = el('option', q.name);
      o.value = q.name; o.title = q.description;
      s.append(o);
    }
    s.addEventListener('change', () => queryForm(qlist.find((q) => q.name === s.value)));
  }
  function queryForm(q) {
    const f = clear($('qform'));
    f.hidden = !q;
    if (!q) return;
    for (const p of q.params) {
      const i = el('input');
      i.name = p.name; i.placeholder = p.name; i.title = p.description; i.required = true;
      f.append(i);
    }
    const go = el('button', 'Run');
    go.type = 'submit';
    f.append(go);
    f.onsubmit = (ev) => { ev.preventDefault(); runQuery(q, new FormData(f)); };
    if (!q.params.length) runQuery(q, new FormData(f));
  }
  async function runQuery(q, form, url) {
    const u = url || `/api/query/${encodeURIComponent(q.name)}?` + new URLSearchParams(form).toString();
    status(`Running ${q.name}…`);
    try {
      const res = await api(u);
      const ids = res.columns.filter((c) => c.endsWith('_id'));
      const asGraph = ids.length >= 2 || res.columns.includes('ids');
      status(`${q.name}: ${res.rows.length} rows${res.more ? ' (capped)' : ''}`);
      if (res.more) $('status').append(' ', moreLink(res.more, () => runQuery(q, null, res.more)));
      table(res);
      if (asGraph) queryGraph(res, ids);
    } catch (e) { status(`${q.name}: ${e.message}`); }
  }
  function table(res) {
    const t = el('table');
    const head = el('tr');
    res.columns.forEach((c) => head.append(el('th', c)));
    t.append(head);
    for (const r of res.rows) {
      const tr = el('tr');
      r.forEach((v) => tr.append(el('td', Array.isArray(v) ? v.join(' · ') : v)));
      t.append(tr);
    }
    clear($('table')).append(t);
    $('table').hidden = false; $('graph').hidden = true;
    const b = el('button', 'show as graph', 'link');
    b.hidden = true;
    $('table').prepend(b);
  }
  function queryGraph(res, ids) {
    const col = (c) => res.columns.indexOf(c);
    const name = (c) => col(c.replace(/_id$/, ''));
    const add = [];
    const seen = new Set();
    const node = (id, nm) => {
      if (id === null || id === undefined || seen.has(id)) return;
      seen.add(id);
      add.push({ group: 'nodes', data: { id, name: nm ?? id, short: short(String(nm ?? id)), label: labelOf(id), colour: colour(labelOf(id)) } });
    };
    const rel = col('rel');
    res.rows.forEach((r, i) => {
      if (col('ids') >= 0) {
        const l = r[col('ids')], ns = r[col('names')], rs = r[col('rels')];
        l.forEach((id, k) => node(id, ns[k]));
        for (let k = 1; k < l.length; k++) add.push({ group: 'edges', data: { id: `q${i}-${k}`, source: l[k - 1], target: l[k], type: rs[k - 1], arrow: 'none' } });
        return;
      }
      ids.forEach((c) => node(r[col(c)], name(c) >= 0 ? r[name(c)] : undefined));
      for (const c of ids.slice(1)) {
        if (r[col(ids[0])] && r[col(c)]) add.push({ group: 'edges', data: { id: `q${i}-${c}`, source: r[col(ids[0])], target: r[col(c)], type: rel >= 0 ? r[rel] : c.replace(/_id$/, ''), arrow: 'none' } });
      }
    });
    cy.elements().remove();
    cy.add(add);
    state.root = null; state.expanded = new Set(); state.depth = new Map();
    cy.nodes().forEach((n) => state.depth.set(n.id(), n.degree() > 1 ? 0 : 1));
    $('table').hidden = true; $('graph').hidden = false;
    cy.resize();
    const b = el('button', 'show as table', 'link');
    b.addEventListener('click', () => { $('table').hidden = !$('table').hidden; $('graph').hidden = !$('table').hidden; cy.resize(); });
    $('status').append(' ', b);
    cy.edges().forEach((e) => e.data('evidence', null));
    layout().then(() => { legend(); drawMap(); });
  }

  // --- the map ---
  let world;
  function drawMap() {
    const svg = $('map');
    const NS = 'http://www.w3.org/2000/svg';
    const mk = (tag, attrs) => { const e = document.createElementNS(NS, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); return e; };
    const projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [476, 246]], { type: 'Sphere' });
    const path = d3.geoPath(projection);
    clear(svg);
    svg.append(mk('path', { d: path(d3.geoGraticule10()), class: 'graticule' }));
    if (world) svg.append(mk('path', { d: path(world), class: 'land' }));
    const places = cy ? cy.nodes().filter((n) => typeof n.data('lat') === 'number') : [];
    let missing = 0;
    if (cy) cy.nodes().forEach((n) => { if ((n.data('label') === 'City' || n.data('label') === 'Country') && typeof n.data('lat') !== 'number') missing++; });
    places.forEach((n) => {
      const p = projection([n.data('lon'), n.data('lat')]);
      if (!p) return;
      const c = mk('circle', { cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: n.data('label') === 'Country' ? 3 : 4, class: 'place', fill: colour(n.data('label')) });
      const title = document.createElementNS(NS, 'title');
      title.textContent = n.data('name');
      c.append(title);
      c.addEventListener('click', () => openEntity(n.id()));
      svg.append(c);
      if (places.length <= 40) {
        const t = mk('text', { x: (p[0] + 5).toFixed(1), y: (p[1] + 3).toFixed(1) });
        t.textContent = n.data('name');
        svg.append(t);
      }
    });
    $('mapnote').textContent = places.length
      ? `${places.length} places in the graph${missing ? `; ${missing} without coordinates in the gazetteer` : ''}.`
      : 'No place with coordinates in view.';
  }
  async function loadWorld() {
    try {
      const topo = await (await fetch('/vendor/countries-110m.json')).json();
      world = topojson.feature(topo, topo.objects.land);
    } catch { world = null; }
    drawMap();
  }

  document.addEventListener('DOMContentLoaded', () => {
    initGraph();
    initSearch();
    // with an entity to open, its graph is drawn first: the queries' menu
    // and the world outline (a 108 KB file to parse and project) wait
    const id = new URLSearchParams(location.search).get('entity');
    const later = () => { initQueries(); loadWorld(); };
    if (id) openEntity(id).then(later); else later();
  });
})();
