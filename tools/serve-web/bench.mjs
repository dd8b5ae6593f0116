// Latency of kg serve's API, measured from a client on the same machine:
// search as a person types it (every prefix of 2 to 8 letters of the
// names of the N biggest cities, and the whole names) and the
// neighbourhood of each of those cities and of the biggest countries
// (default limit: 200 relations), one request at a time, each timed from
// the request to the last byte of the answer. Prints p50, p95 and max.
//
//   node bench.mjs URL [N]        (kg serve --store big.db must be running)
const [url, n = '30'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node bench.mjs URL [N]');
  process.exit(2);
}
const get = async (path) => {
  const t = performance.now();
  const r = await fetch(url + path);
  const body = await r.text();
  const ms = performance.now() - t;
  if (!r.ok) throw new Error(`${path}: ${r.status} ${body}`);
  return [ms, body];
};
const stats = (name, xs) => {
  xs.sort((a, b) => a - b);
  const q = (p) => xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)].toFixed(1);
  console.log(`${name}: ${xs.length} requests, p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${xs.at(-1).toFixed(1)} ms`);
};

const [, top] = await get(`/api/query/top-cities?limit=${n}`);
const cities = JSON.parse(top).rows.map((r) => ({ name: r[0], id: r[1] }));
const [, vn] = await get('/api/search?q=vietnam&limit=1');
const [, fr] = await get('/api/search?q=france&limit=1');
const countries = [JSON.parse(vn).results[0], JSON.parse(fr).results[0]].filter(Boolean);

// warm up (the first requests read the store's pages from disk)
for (const c of cities.slice(0, 3)) await get(`/api/neighbours/${encodeURIComponent(c.id)}`);

const search = [];
let hits = 0;
for (const c of cities) {
  const prefixes = [];
  for (let k = 2; k <= Math.min(8, c.name.length); k++) prefixes.push(c.name.slice(0, k));
  prefixes.push(c.name);
  for (const p of prefixes) {
    const [ms, body] = await get(`/api/search?q=${encodeURIComponent(p)}`);
    search.push(ms);
    hits += JSON.parse(body).results.length;
  }
}
const neighbours = [];
let edges = 0;
let biggest = { n: 0 };
for (const c of [...cities, ...countries]) {
  const [ms, body] = await get(`/api/neighbours/${encodeURIComponent(c.id)}`);
  neighbours.push(ms);
  const nb = JSON.parse(body);
  edges += nb.edges.length;
  if (nb.nodes.length > biggest.n) biggest = { n: nb.nodes.length, id: c.id, total: nb.total };
}
stats('search', search);
stats('neighbours', neighbours);
console.log(`(${hits} search results, ${edges} edges; biggest neighbourhood drawn: ${biggest.id}, ${biggest.n} nodes of ${biggest.total} relations)`);
