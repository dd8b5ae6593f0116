package eval

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	"github.com/kg-dev/kg/extract"
)

// Category is the score of one kind of item. Recall is over the required
// gold items; precision counts every prediction that matched nothing
// (for entities, duplicates too: see Report.Duplicates).
type Category struct {
	P, R, F1 float64
	TP       int // required gold items found
	FP       int // predictions matching no gold item (entities: duplicates excluded)
	Gold     int // required gold items
}

// TypeCount is the recall of the required gold entities of one type.
type TypeCount struct {
	Type       string
	Found, All int
}

// Duplicate is a predicted entity for a required gold entity that another
// predicted entity already matched.
type Duplicate struct {
	Entity extract.Entity
	Gold   string // gold id
}

// FalseRelation is a predicted relation that matches no gold relation,
// with its endpoints mapped to gold ids ("" when they match none).
type FalseRelation struct {
	Relation         extract.Relation
	GoldFrom, GoldTo string
}

// FalseQuantity is a predicted quantity that matches no gold quantity,
// with its subject and "of" mapped to gold ids ("" when they match none).
type FalseQuantity struct {
	Quantity            extract.Quantity
	GoldSubject, GoldOf string
}

// Report is the score of a prediction against a gold file, with the lists
// the verbose output prints.
type Report struct {
	Entities   Category
	Duplicates int // counted against entity precision
	ByType     []TypeCount
	Relations  Category
	OtherTypes int // predicted relations of types the gold does not have
	Quantities Category

	DatesOK, Dates       int // required dated gold entities whose prediction has the right date
	MentionsOK, Mentions int // (required gold entity, gold document) pairs with a predicted mention

	Overall float64 // mean of the entity, relation and quantity F1

	MissedEntities    []GoldEntity
	FalseEntities     []extract.Entity
	DuplicateEntities []Duplicate
	MissedRelations   []GoldRelation
	FalseRelations    []FalseRelation
	MissedQuantities  []GoldQuantity
	FalseQuantities   []FalseQuantity
}

func prf(tp, fp, gold int) (p, r, f float64) {
	if tp+fp != 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if gold != 0 {
		r = float64(tp) / float64(gold)
	}
	if p+r != 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// docKey is the name score.py knows a document by: the file name of its
// path (or id) without the extension.
func docKey(d extract.DocumentInfo) string {
	path := d.Path
	if path == "" {
		path = d.ID
	}
	path = strings.ReplaceAll(path, `\`, "/")
	base := path[strings.LastIndexByte(path, '/')+1:]
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	return base
}

// candidates returns the gold entities p may stand for, best first: those
// found by its name, or else by its first alias that finds any; required
// before optional.
func (g *Gold) candidates(p extract.Entity) []*GoldEntity {
	names := append([]string{p.Name}, p.Aliases...)
	var out []*GoldEntity
	for _, nm := range names {
		f, k := fold(nm), key(nm)
		for i := range g.Entities {
			ge := &g.Entities[i]
			if !slices.Contains(ge.Types, p.Type) && !slices.Contains(ge.Types, "*") {
				continue
			}
			if ge.re != nil {
				if ge.re.MatchString(f) {
					out = append(out, ge)
				}
			} else if ge.keys[k] {
				out = append(out, ge)
			}
		}
		if len(out) > 0 {
			break // the entity's own name wins over its aliases
		}
	}
	slices.SortStableFunc(out, func(a, b *GoldEntity) int { return cmpBool(a.Optional, b.Optional) })
	return out
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// credit picks the gold item to credit among hits: an uncredited required
// one first, then an uncredited optional one, then the first hit.
func credit(hits []int, done map[int]bool, optional func(int) bool) int {
	slices.SortStableFunc(hits, func(a, b int) int {
		if c := cmpBool(done[a], done[b]); c != 0 {
			return c
		}
		return cmpBool(optional(a), optional(b))
	})
	return hits[0]
}

// Score scores pred against g with score.py's rules (see the package
// documentation).
func Score(g *Gold, pred extract.Result) Report {
	var rep Report

	// ---- entities
	pmap := map[string]string{} // predicted id -> gold id ("" for none)
	matched := map[string]int{} // gold id -> index in pred.Entities
	for pi, p := range pred.Entities {
		cands := g.candidates(p)
		gid := ""
		for _, c := range cands {
			if _, ok := matched[c.ID]; !ok {
				gid = c.ID
				break
			}
		}
		if gid == "" && len(cands) > 0 {
			// every candidate already taken: a duplicate node for one real thing
			pmap[p.ID] = cands[0].ID
			if !cands[0].Optional {
				rep.DuplicateEntities = append(rep.DuplicateEntities, Duplicate{p, cands[0].ID})
			}
			continue
		}
		pmap[p.ID] = gid
		if gid == "" {
			rep.FalseEntities = append(rep.FalseEntities, p)
		} else {
			matched[gid] = pi
		}
	}
	var req []*GoldEntity
	byType := map[string]*TypeCount{}
	for i := range g.Entities {
		ge := &g.Entities[i]
		if ge.Optional {
			continue
		}
		req = append(req, ge)
		t := ge.Types[0]
		tc := byType[t]
		if tc == nil {
			tc = &TypeCount{Type: t}
			byType[t] = tc
		}
		tc.All++
		if _, ok := matched[ge.ID]; ok {
			rep.Entities.TP++
			tc.Found++
		} else {
			rep.MissedEntities = append(rep.MissedEntities, *ge)
		}
	}
	for _, tc := range byType {
		rep.ByType = append(rep.ByType, *tc)
	}
	slices.SortFunc(rep.ByType, func(a, b TypeCount) int { return cmp.Compare(a.Type, b.Type) })
	rep.Duplicates = len(rep.DuplicateEntities)
	rep.Entities.FP = len(rep.FalseEntities)
	rep.Entities.Gold = len(req)
	rep.Entities.P, rep.Entities.R, rep.Entities.F1 = prf(rep.Entities.TP, rep.Entities.FP+rep.Duplicates, len(req))

	// ---- relations
	types := map[string]bool{}
	for _, r := range g.Relations {
		types[r.Type] = true
	}
	relHit := map[int]bool{}
	for _, r := range pred.Relations {
		if !types[r.Type] {
			rep.OtherTypes++
			continue
		}
		a, b := pmap[r.From], pmap[r.To]
		var hits []int
		for i, gr := range g.Relations {
			if gr.Type != r.Type {
				continue
			}
			if (gr.From.has(a) && gr.To.has(b)) || (extract.Symmetric(gr.Type) && gr.From.has(b) && gr.To.has(a)) {
				hits = append(hits, i)
			}
		}
		if len(hits) == 0 {
			rep.FalseRelations = append(rep.FalseRelations, FalseRelation{r, a, b})
			continue
		}
		relHit[credit(hits, relHit, func(i int) bool { return g.Relations[i].Optional })] = true
	}
	for i, gr := range g.Relations {
		if gr.Optional {
			continue
		}
		rep.Relations.Gold++
		if relHit[i] {
			rep.Relations.TP++
		} else {
			rep.MissedRelations = append(rep.MissedRelations, gr)
		}
	}
	rep.Relations.FP = len(rep.FalseRelations)
	rep.Relations.P, rep.Relations.R, rep.Relations.F1 = prf(rep.Relations.TP, rep.Relations.FP, rep.Relations.Gold)

	// ---- quantities
	qHit := map[int]bool{}
	for _, q := range pred.Quantities {
		s := pmap[q.Subject]
		of := ""
		if q.Of != "" {
			of = pmap[q.Of]
		}
		var hits []int
		for i, gq := range g.Quantities {
			if s == gq.Subject && q.Count == gq.count && unitOK(q.Unit, gq.Units) && (gq.Of == nil || *gq.Of == of) {
				hits = append(hits, i)
			}
		}
		if len(hits) == 0 {
			rep.FalseQuantities = append(rep.FalseQuantities, FalseQuantity{q, s, of})
			continue
		}
		qHit[credit(hits, qHit, func(i int) bool { return g.Quantities[i].Optional })] = true
	}
	for i, gq := range g.Quantities {
		if gq.Optional {
			continue
		}
		rep.Quantities.Gold++
		if qHit[i] {
			rep.Quantities.TP++
		} else {
			rep.MissedQuantities = append(rep.MissedQuantities, gq)
		}
	}
	rep.Quantities.FP = len(rep.FalseQuantities)
	rep.Quantities.P, rep.Quantities.R, rep.Quantities.F1 = prf(rep.Quantities.TP, rep.Quantities.FP, rep.Quantities.Gold)

	// ---- event dates
	for _, ge := range req {
		if ge.Date == "" {
			continue
		}
		rep.Dates++
		pi, ok := matched[ge.ID]
		if !ok {
			continue
		}
		if dateOK(propString(pred.Entities[pi].Props["date"]), ge.Date) {
			rep.DatesOK++
		}
	}

	// ---- document-level mentions
	docmap := map[string]string{}
	for _, d := range pred.Documents {
		docmap[d.ID] = docKey(d)
	}
	for _, ge := range req {
		pdocs := map[string]bool{}
		if pi, ok := matched[ge.ID]; ok {
			for _, m := range pred.Entities[pi].Mentions {
				if k, ok := docmap[m.Doc]; ok {
					pdocs[k] = true
				} else {
					pdocs[m.Doc] = true
				}
			}
		}
		for _, d := range ge.Docs {
			rep.Mentions++
			if pdocs[d] {
				rep.MentionsOK++
			}
		}
	}

	rep.Overall = (rep.Entities.F1 + rep.Relations.F1 + rep.Quantities.F1) / 3
	return rep
}

// unitOK reports whether the predicted unit u is one of units, folded,
// either possibly without trailing "s".
func unitOK(u string, units []string) bool {
	u = fold(u)
	uu := strings.TrimRight(u, "s")
	for _, x := range units {
		x = fold(x)
		xx := strings.TrimRight(x, "s")
		if x == u || x == uu || xx == u || xx == uu {
			return true
		}
	}
	return false
}

// dateOK reports whether the predicted date pd agrees with the gold date.
func dateOK(pd, gold string) bool {
	return pd != "" && (strings.HasPrefix(pd, gold) || (len([]rune(pd)) >= 7 && strings.HasPrefix(gold, pd)))
}

// propString returns str(v or "") in Python for the value v has once the
// prediction is written as JSON and read by score.py.
func propString(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	x, err := decodeJSON(b)
	if err != nil || !pyTruthy(x) {
		return ""
	}
	return pyStr(x)
}
