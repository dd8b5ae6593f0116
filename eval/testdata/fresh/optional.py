"""Marks as optional, as the dev set's gold does, the events of a gold file
that are signing ceremonies, visits, missions, receptions or talks, and the
relations and counts that hang on such an event (PARTICIPATED_IN to it,
HELD_IN and HOSTED_BY from it, counts of it). Rewrites each file in place.

    python3 optional.py X/gold.json ...
"""
import json
import re
import sys

KINDS = re.compile(r'^(signing|signature|working visit|visit|exploratory mission|mission|reception|talks|meeting of|courtesy)'
                   r"|delegation.s (working |four-day )?(visit|trip)|\b(visit|trip) (of|to)\b", re.I)


def ids(x):
    return x if isinstance(x, list) else [x]


for path in sys.argv[1:]:
    g = json.load(open(path, encoding='utf-8'))
    changed = []
    for e in g['entities']:
        if 'Event' in e['types'] and not e.get('optional') and KINDS.search(e['name']):
            e['optional'] = True
            changed.append(e['name'])
    opt = {e['id'] for e in g['entities'] if e.get('optional')}
    nr = 0
    for r in g['relations']:
        event = r['to'] if r['type'] == 'PARTICIPATED_IN' else r['from']
        if r['type'] in ('PARTICIPATED_IN', 'HELD_IN', 'HOSTED_BY') and not r.get('optional') and all(i in opt for i in ids(event)):
            r['optional'] = True
            nr += 1
    nq = 0
    for q in g['quantities']:
        if not q.get('optional') and q['subject'] in opt:
            q['optional'] = True
            nq += 1
    json.dump(g, open(path, 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
    print(f'{path}: {len(changed)} events, {nr} relations, {nq} counts made optional')
    for c in changed:
        print('   ', c)
