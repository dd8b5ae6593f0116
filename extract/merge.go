package extract

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kg-dev/kg/extract/fold"
)

// Merge combines per-article results into one Result: one entity per id,
// one relation per (type, from, to[, title]) with the union of its
// evidence, one quantity per (subject, count, unit, of). The output does
// not depend on the order of docs.
func Merge(docs []DocResult) Result {
	docs = slices.Clone(docs)
	slices.SortFunc(docs, func(a, b DocResult) int { return cmp.Compare(a.Doc.ID, b.Doc.ID) })
	if m := eventEditions(docs); len(m) > 0 {
		for i := range docs {
			docs[i] = remapDoc(docs[i], m) // the unnumbered name of a numbered edition
		}
	}

	res := Result{Documents: []DocumentInfo{}, Entities: []Entity{}, Relations: []Relation{}, Quantities: []Quantity{}}
	ents := map[string][]Entity{}
	var entOrder []string
	rels := map[string]*Relation{}
	var relOrder []string
	qs := map[string]*Quantity{}
	var qOrder []string

	for _, d := range docs {
		res.Documents = append(res.Documents, d.Doc)
		for _, e := range d.Entities {
			if _, ok := ents[e.ID]; !ok {
				entOrder = append(entOrder, e.ID)
			}
			ents[e.ID] = append(ents[e.ID], e)
		}
		for _, r := range d.Relations {
			k := RelationKey(r)
			if cur, ok := rels[k]; ok {
				cur.Props = MergeRelationProps(cur.Props, r.Props)
				cur.Evidence = MergeSpans(cur.Evidence, r.Evidence)
				continue
			}
			c := r
			c.Props = cloneProps(r.Props)
			c.Evidence = MergeSpans(nil, r.Evidence)
			rels[k] = &c
			relOrder = append(relOrder, k)
		}
		for _, q := range d.Quantities {
			k := QuantityKey(q)
			if cur, ok := qs[k]; ok {
				cur.Approx = cur.Approx && q.Approx
				cur.Evidence = MergeSpans(cur.Evidence, q.Evidence)
				continue
			}
			c := q
			c.Evidence = MergeSpans(nil, q.Evidence)
			qs[k] = &c
			qOrder = append(qOrder, k)
		}
	}
	for _, id := range entOrder {
		res.Entities = append(res.Entities, MergeEntities(ents[id]))
	}
	for _, k := range relOrder {
		res.Relations = append(res.Relations, *rels[k])
	}
	for _, k := range qOrder {
		res.Quantities = append(res.Quantities, *qs[k])
	}
	slices.SortStableFunc(res.Entities, func(a, b Entity) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortStableFunc(res.Relations, func(a, b Relation) int { return cmp.Compare(RelationKey(a), RelationKey(b)) })
	slices.SortStableFunc(res.Quantities, func(a, b Quantity) int { return cmp.Compare(QuantityKey(a), QuantityKey(b)) })
	return res
}

// RelationKey identifies a relation for merging: type, endpoints (sorted
// for symmetric types) and, for HOLDS_ROLE, the title.
func RelationKey(r Relation) string {
	from, to := r.From, r.To
	if Symmetric(r.Type) && to < from {
		from, to = to, from
	}
	k := r.Type + "|" + from + "|" + to
	if r.Type == HoldsRole {
		if t, _ := r.Props["title"].(string); t != "" {
			k += "|" + fold.Key(t)
		}
	}
	return k
}

// QuantityKey identifies a quantity for merging.
func QuantityKey(q Quantity) string {
	return q.Subject + "|" + strconv.FormatFloat(q.Count, 'f', -1, 64) + "|" + fold.Key(q.Unit) + "|" + q.Of
}

// MergeEntities merges several records of one entity (same id) into one.
// The display name is the most specific spelling (most non-ASCII letters,
// then the longest, then the smallest), so it does not depend on the order
// in which articles were read.
func MergeEntities(recs []Entity) Entity {
	out := Entity{ID: recs[0].ID, Type: recs[0].Type, Props: map[string]any{}}
	names := map[string]bool{}
	for _, r := range recs {
		names[r.Name] = true
		for _, a := range r.Aliases {
			names[a] = true
		}
		for k, v := range r.Props {
			out.Props[k] = mergeProp(k, out.Props[k], v)
		}
		out.Mentions = append(out.Mentions, r.Mentions...)
	}
	// The name given by the records themselves wins over aliases.
	best := ""
	for _, r := range recs {
		if best == "" || betterName(r.Name, best) {
			best = r.Name
		}
	}
	out.Name = best
	out.Aliases = []string{}
	for n := range names {
		if n != best && n != "" {
			out.Aliases = append(out.Aliases, n)
		}
	}
	slices.Sort(out.Aliases)
	out.Mentions = MergeSpans(nil, out.Mentions)
	return out
}

func betterName(a, b string) bool {
	na, nb := nonASCII(a), nonASCII(b)
	if na != nb {
		return na > nb
	}
	if utf8.RuneCountInString(a) != utf8.RuneCountInString(b) {
		return utf8.RuneCountInString(a) > utf8.RuneCountInString(b)
	}
	return a < b
}

func nonASCII(s string) int {
	n := 0
	for _, r := range s {
		if r >= utf8.RuneSelf {
			n++
		}
	}
	return n
}

// mergeProp decides a property value seen in several records: dates keep
// the most specific value, "since" the earliest, "as_of" the latest, and
// anything else the first non-empty value.
func mergeProp(key string, cur, v any) any {
	if isEmpty(cur) {
		return v
	}
	if isEmpty(v) {
		return cur
	}
	cs, cok := cur.(string)
	vs, vok := v.(string)
	switch key {
	case "date":
		if cok && vok && len(vs) > len(cs) && strings.HasPrefix(vs, cs) {
			return vs
		}
	case "since":
		if ci, ok := toInt(cur); ok {
			if vi, ok := toInt(v); ok && vi < ci {
				return v
			}
		}
	case "as_of":
		if cok && vok && vs > cs {
			return vs
		}
	}
	return cur
}

// MergeRelationProps merges the props of two records of one relation.
func MergeRelationProps(a, b map[string]any) map[string]any {
	out := cloneProps(a)
	for k, v := range b {
		out[k] = mergeProp(k, out[k], v)
	}
	return out
}

func toInt(v any) (int, bool) {
	switch x := v.(type) {
	case int:
		return x, true
	case int64:
		return int(x), true
	case float64:
		return int(x), true
	}
	return 0, false
}

func isEmpty(v any) bool {
	if v == nil {
		return true
	}
	if s, ok := v.(string); ok {
		return s == ""
	}
	return false
}

func cloneProps(p map[string]any) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		out[k] = v
	}
	return out
}

// MergeSpans returns the union of a and b without duplicates (same doc and
// offsets), sorted by doc then offsets.
func MergeSpans(a, b []Span) []Span {
	out := make([]Span, 0, len(a)+len(b))
	out = append(out, a...)
	out = append(out, b...)
	slices.SortFunc(out, func(x, y Span) int {
		if c := cmp.Compare(x.Doc, y.Doc); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Start, y.Start); c != 0 {
			return c
		}
		return cmp.Compare(x.End, y.End)
	})
	return slices.CompactFunc(out, func(x, y Span) bool {
		return x.Doc == y.Doc && x.Start == y.Start && x.End == y.End
	})
}
