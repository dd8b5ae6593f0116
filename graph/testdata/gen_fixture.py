#!/usr/bin/env python3
"""Generates fixture.json: three hand-written articles turned by hand into
extract.DocResult values (the shape of `kg extract`'s per-article results).

Offsets are computed from the texts below, so mentions and evidence are
consistent byte ranges. Run: python3 gen_fixture.py > fixture.json
"""
import hashlib
import json
import re

ENT = {
    "city:hanoi": ("City", "Hanoi", {"country": "VN"}),
    "city:toulouse": ("City", "Toulouse", {"country": "FR"}),
    "city:seoul": ("City", "Seoul", {"country": "KR"}),
    "city:singapore": ("City", "Singapore", {"country": "SG"}),
    "country:vietnam": ("Country", "Vietnam", {"code": "VN"}),
    "country:france": ("Country", "France", {"code": "FR"}),
    "country:south-korea": ("Country", "South Korea", {"code": "KR"}),
    "org:hanoi-peoples-committee": ("Organization", "Hanoi People's Committee", {}),
    "person:tran-luu-quang": ("Person", "Trần Lưu Quang", {}),
    "person:tran-sy-thanh": ("Person", "Trần Sỹ Thanh", {}),
    "person:jean-claude-dardelet": ("Person", "Jean-Claude Dardelet", {}),
    "person:nguyen-manh-quyen": ("Person", "Nguyễn Mạnh Quyền", {}),
    "person:nguyen-duc-chung": ("Person", "Nguyễn Đức Chung", {}),
    "person:park-won-soon": ("Person", "Park Won-soon", {}),
    "event:12th-vietnam-france-decentralised-cooperation-conference":
        ("Event", "12th Vietnam-France Decentralised Cooperation Conference", {"ordinal": 12}),
    "event:world-cities-summit-2016": ("Event", "World Cities Summit 2016", {}),
}
CONF = "event:12th-vietnam-france-decentralised-cooperation-conference"
WCS = "event:world-cities-summit-2016"

ARTICLES = [
    {
        "id": "fx-001", "lang": "en", "date": "2023-04-14",
        "title": "Hà Nội hosts 12th Vietnam-France decentralised cooperation conference",
        "url": "https://example.org/en/fx-001",
        "sentences": [
            "HÀ NỘI — Deputy Prime Minister Trần Lưu Quang told the 12th Vietnam-France Decentralised Cooperation Conference in Hà Nội on Friday that France is a leading partner of Việt Nam.",
            "The conference was attended by representatives from 50 Vietnamese and 12 French localities.",
            "Chairman of the Hà Nội People's Committee Trần Sỹ Thanh said Hà Nội was honoured to host the conference.",
            "The vice mayor of Toulouse, Jean-Claude Dardelet, expressed the honour of becoming a partner with Hà Nội.",
            "Trần Sỹ Thanh received Jean-Claude Dardelet on the sidelines of the conference.",
            "The two countries have been strategic partners since 2013.",
        ],
        "surface": {
            "city:hanoi": ["HÀ NỘI", "Hà Nội"], "city:toulouse": ["Toulouse"],
            "country:vietnam": ["Việt Nam", "Vietnamese"], "country:france": ["France", "French"],
            "org:hanoi-peoples-committee": ["Hà Nội People's Committee"],
            "person:tran-luu-quang": ["Trần Lưu Quang"], "person:tran-sy-thanh": ["Trần Sỹ Thanh"],
            "person:jean-claude-dardelet": ["Jean-Claude Dardelet"],
            CONF: ["12th Vietnam-France Decentralised Cooperation Conference"],
        },
        "props": {CONF: {"date": "2023-04-14"}},
        "relations": [
            ("PARTNER_OF", "city:hanoi", "city:toulouse", {"kind": "partnership"}, [3]),
            ("PARTNER_OF", "country:france", "country:vietnam", {"kind": "strategic partnership", "since": 2013}, [5]),
            ("LOCATED_IN", "city:hanoi", "country:vietnam", {}, []),
            ("LOCATED_IN", "city:toulouse", "country:france", {}, []),
            ("HELD_IN", CONF, "city:hanoi", {}, [0]),
            ("HOSTED_BY", CONF, "city:hanoi", {}, [2]),
            ("PARTICIPATED_IN", "country:vietnam", CONF, {}, [1]),
            ("PARTICIPATED_IN", "country:france", CONF, {}, [1]),
            ("PARTICIPATED_IN", "person:tran-luu-quang", CONF, {}, [0]),
            ("PARTICIPATED_IN", "person:tran-sy-thanh", CONF, {}, [2]),
            ("PARTICIPATED_IN", "person:jean-claude-dardelet", CONF, {}, [3]),
            ("PARTICIPATED_IN", "city:toulouse", CONF, {}, [3]),
            ("HOLDS_ROLE", "person:tran-luu-quang", "country:vietnam", {"title": "Deputy Prime Minister"}, [0]),
            ("HOLDS_ROLE", "person:tran-sy-thanh", "org:hanoi-peoples-committee", {"title": "Chairman of the People's Committee", "as_of": "2023-04-14"}, [2]),
            ("HOLDS_ROLE", "person:jean-claude-dardelet", "city:toulouse", {"title": "Vice Mayor", "as_of": "2023-04-14"}, [3]),
            ("MET", "person:tran-sy-thanh", "person:jean-claude-dardelet", {"date": "2023-04-14"}, [4]),
        ],
        "quantities": [
            (CONF, 50, "localities", "country:vietnam", False, [1]),
            (CONF, 12, "localities", "country:france", False, [1]),
        ],
    },
    {
        "id": "fx-002", "lang": "fr", "date": "2023-08",
        "title": "Hanoï dresse le bilan de la 12e Conférence de coopération décentralisée",
        "url": "",
        "sentences": [
            "Le Comité populaire de Hanoï a dressé le bilan de la 12e Conférence de coopération décentralisée Vietnam - France.",
            "Plus de 1 000 délégués et 50 localités du Viêt Nam y ont participé, aux côtés de la France.",
            "Nguyễn Mạnh Quyền, vice-président du Comité populaire de Hanoï, a salué le partenariat stratégique entre le Viêt Nam et la France.",
        ],
        "surface": {
            "city:hanoi": ["Hanoï"], "country:vietnam": ["Viêt Nam", "Vietnam"], "country:france": ["France"],
            "org:hanoi-peoples-committee": ["Comité populaire de Hanoï"],
            "person:nguyen-manh-quyen": ["Nguyễn Mạnh Quyền"],
            CONF: ["12e Conférence de coopération décentralisée Vietnam - France"],
        },
        "props": {CONF: {"date": "2023-04"}},
        "relations": [
            ("PARTNER_OF", "country:vietnam", "country:france", {"kind": "partenariat stratégique"}, [2]),
            ("LOCATED_IN", "city:hanoi", "country:vietnam", {}, []),
            ("HOSTED_BY", CONF, "org:hanoi-peoples-committee", {}, [0]),
            ("PARTICIPATED_IN", "country:vietnam", CONF, {}, [1]),
            ("PARTICIPATED_IN", "country:france", CONF, {}, [1]),
            ("HOLDS_ROLE", "person:nguyen-manh-quyen", "org:hanoi-peoples-committee", {"title": "vice-président du Comité populaire", "as_of": "2023-08"}, [2]),
        ],
        "quantities": [
            (CONF, 1000, "délégués", "", True, [1]),
            (CONF, 50, "localités", "country:vietnam", False, [1]),
        ],
    },
    {
        "id": "fx-003", "lang": "en", "date": "2016-07-10",
        "title": "Hanoi and Seoul leaders meet at World Cities Summit",
        "url": "https://example.org/en/fx-003",
        "sentences": [
            "Chairman of the Hanoi People's Committee Nguyễn Đức Chung met Seoul Mayor Park Won-soon in Singapore on July 10.",
            "Both leaders attended the World Cities Summit 2016, which gathered more than 100 cities.",
            "Hanoi and Seoul have been twin cities since 1996.",
            "Chung said the twinning with Séoul had brought Vietnam and South Korea closer.",
        ],
        "surface": {
            "city:hanoi": ["Hanoi"], "city:seoul": ["Seoul", "Séoul"], "city:singapore": ["Singapore"],
            "country:vietnam": ["Vietnam"], "country:south-korea": ["South Korea"],
            "org:hanoi-peoples-committee": ["Hanoi People's Committee"],
            "person:nguyen-duc-chung": ["Nguyễn Đức Chung", "Chung"],
            "person:park-won-soon": ["Park Won-soon"],
            WCS: ["World Cities Summit 2016"],
        },
        "props": {WCS: {"date": "2016-07"}},
        "relations": [
            ("PARTNER_OF", "city:seoul", "city:hanoi", {"kind": "twinning", "since": 1996}, [2, 3]),
            ("LOCATED_IN", "city:hanoi", "country:vietnam", {}, []),
            ("LOCATED_IN", "city:seoul", "country:south-korea", {}, []),
            ("HELD_IN", WCS, "city:singapore", {}, [0]),
            ("PARTICIPATED_IN", "person:nguyen-duc-chung", WCS, {}, [1]),
            ("PARTICIPATED_IN", "person:park-won-soon", WCS, {}, [1]),
            ("PARTICIPATED_IN", "city:hanoi", WCS, {}, [1]),
            ("HOLDS_ROLE", "person:nguyen-duc-chung", "org:hanoi-peoples-committee", {"title": "Chairman of the People's Committee", "as_of": "2016-07-10"}, [0]),
            ("HOLDS_ROLE", "person:park-won-soon", "city:seoul", {"title": "Mayor", "as_of": "2016-07-10"}, [0]),
            ("MET", "person:park-won-soon", "person:nguyen-duc-chung", {"date": "2016-07-10", "place": "city:singapore"}, [0]),
        ],
        "quantities": [
            (WCS, 100, "cities", "", True, [1]),
        ],
    },
]


def build(a):
    text = " date " + a["date"] + "\n\n"
    starts = []
    for s in a["sentences"]:
        starts.append(len(text.encode()))
        text += s + "\n\n"
    raw = text.encode()
    doc = a["id"]

    def span(i):
        s = a["sentences"][i].encode()
        return {"doc": doc, "start": starts[i], "end": starts[i] + len(s), "text": a["sentences"][i]}

    ents = []
    for eid, forms in a["surface"].items():
        typ, name, props = ENT[eid]
        props = dict(props)
        props.update(a["props"].get(eid, {}))
        mentions = []
        for f in forms:
            fb = f.encode()
            for m in re.finditer(re.escape(fb), raw):
                mentions.append({"doc": doc, "start": m.start(), "end": m.end(), "text": f})
        assert mentions, (doc, eid)
        aliases = sorted({f for f in forms if f != name and not f.isupper() and f not in ("Vietnamese", "French", "Chung")})
        ents.append({"id": eid, "type": typ, "name": name, "aliases": aliases, "props": props,
                     "mentions": sorted(mentions, key=lambda m: m["start"])})
    rels = []
    for (t, f, to, props, ev) in a["relations"]:
        rels.append({"type": t, "from": f, "to": to, "props": props, "evidence": [span(i) for i in ev]})
    qs = []
    for (subj, n, unit, of, approx, ev) in a["quantities"]:
        qs.append({"subject": subj, "count": n, "unit": unit, "of": of or None, "approx": approx,
                   "evidence": [span(i) for i in ev]})
    return {
        "Doc": {"id": doc, "path": "articles/" + doc + ".txt", "title": a["title"], "date": a["date"],
                "lang": a["lang"], "url": a["url"], "hash": hashlib.sha256(raw).hexdigest()},
        "Entities": ents, "Relations": rels, "Quantities": qs,
    }


print(json.dumps([build(a) for a in ARTICLES], ensure_ascii=False, indent=1))
