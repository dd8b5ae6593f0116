package extract

import (
	"slices"
	"strconv"
	"strings"
)

// eventEditions maps the id of an unnumbered event to the numbered one it
// names: an article that says "the Vietnam-France decentralised
// cooperation conference" in 2023 speaks of the 12th when another article
// numbers the one of that year ("event:conference-fr-vn-cooperation-
// decentralised-2023" is "event:12-conference-fr-vn-cooperation-
// decentralised" dated 2023). Only when exactly one numbered edition of
// that type, countries and topic is dated that year.
func eventEditions(docs []DocResult) map[string]string {
	numbered := map[string][]string{} // core + year -> numbered ids
	for _, d := range docs {
		for _, e := range d.Entities {
			if e.Type != Event {
				continue
			}
			if _, ok := e.Props["ordinal"]; !ok {
				continue
			}
			date, _ := e.Props["date"].(string)
			rest := strings.TrimPrefix(e.ID, "event:")
			i := strings.IndexByte(rest, '-')
			if len(date) < 4 || i <= 0 {
				continue
			}
			if _, err := strconv.Atoi(rest[:i]); err != nil {
				continue
			}
			k := rest[i+1:] + "@" + date[:4]
			if !slices.Contains(numbered[k], e.ID) {
				numbered[k] = append(numbered[k], e.ID)
			}
		}
	}
	if len(numbered) == 0 {
		return nil
	}
	out := map[string]string{}
	for _, d := range docs {
		for _, e := range d.Entities {
			if e.Type != Event {
				continue
			}
			if _, ok := e.Props["ordinal"]; ok {
				continue
			}
			rest := strings.TrimPrefix(e.ID, "event:")
			if len(rest) < 6 || rest[len(rest)-5] != '-' {
				continue
			}
			year := rest[len(rest)-4:]
			if _, err := strconv.Atoi(year); err != nil {
				continue
			}
			if ids := numbered[rest[:len(rest)-5]+"@"+year]; len(ids) == 1 {
				out[e.ID] = ids[0]
			}
		}
	}
	return out
}

// remapDoc returns a copy of d with the entity ids of m replaced.
func remapDoc(d DocResult, m map[string]string) DocResult {
	id := func(s string) string {
		if t, ok := m[s]; ok {
			return t
		}
		return s
	}
	out := d
	out.Entities = make([]Entity, len(d.Entities))
	for i, e := range d.Entities {
		e.ID = id(e.ID)
		out.Entities[i] = e
	}
	out.Relations = make([]Relation, len(d.Relations))
	for i, r := range d.Relations {
		r.From, r.To = id(r.From), id(r.To)
		if Symmetric(r.Type) && r.To < r.From {
			r.From, r.To = r.To, r.From
		}
		out.Relations[i] = r
	}
	out.Quantities = make([]Quantity, len(d.Quantities))
	for i, q := range d.Quantities {
		q.Subject, q.Of = id(q.Subject), id(q.Of)
		out.Quantities[i] = q
	}
	return out
}
