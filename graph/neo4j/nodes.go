package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/merge"
)

// pSummary is the entity property that holds the node's graph/merge
// summary (JSON): the loader folds an article's record in or out of it
// without reading the other articles' records, so loading an article
// costs the same whether its entities are mentioned by ten articles or by
// a hundred thousand.
const pSummary = "kg_merge"

// nodeFact is one article's record of an entity, as its MENTIONS keeps it.
type nodeFact struct {
	id, article string
	fact        merge.EntityFact
}

// readFact reads a record with columns id, article, name, aliases, props
// (JSON) and count.
func readFact(rec *driver.Record) (nodeFact, error) {
	var f nodeFact
	var err error
	if f.id, err = value[string](rec, "id"); err != nil {
		return f, err
	}
	if f.article, err = value[string](rec, "article"); err != nil {
		return f, err
	}
	if f.fact.Name, err = optional[string](rec, "name"); err != nil {
		return f, err
	}
	aliases, err := optional[[]any](rec, "aliases")
	if err != nil {
		return f, err
	}
	if f.fact.Aliases, err = stringList(aliases); err != nil {
		return f, fmt.Errorf("aliases of %s in %s: %w", f.id, f.article, err)
	}
	props, err := optional[string](rec, "props")
	if err != nil {
		return f, err
	}
	if f.fact.Props, err = decodeProps(props); err != nil {
		return f, fmt.Errorf("props of %s in %s: %w", f.id, f.article, err)
	}
	n, err := optional[int64](rec, "count")
	f.fact.Mentions = int(n)
	return f, err
}

// nodeChange is what one transaction does to one entity node: the
// articles' records taken out of it and the new ones put in.
type nodeChange struct {
	id     string
	remove []merge.EntityFact
	add    []map[string]any // node-records rows
	facts  []merge.EntityFact
}

// applyNodes locks the nodes of label lb that changes touch (creating the
// new ones), folds the changes into their summaries and writes them:
// nodes left without an article are deleted. withPrior says whether an
// added record may replace one of the same article already stored (then
// the stored record is taken out first, so loading an article twice
// counts it once).
func (l *Loader) applyNodes(ctx context.Context, tx Tx, lb string, changes []*nodeChange, withPrior bool) error {
	slices.SortFunc(changes, func(a, b *nodeChange) int { return compareStrings(a.id, b.id) })
	ids := make([]string, len(changes))
	byID := make(map[string]*nodeChange, len(changes))
	for i, c := range changes {
		ids[i] = c.id
		byID[c.id] = c
	}
	locked, err := l.run(ctx, tx, stNodeLock+"/"+lb, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	sums := make(map[string]*merge.Entity, len(ids))
	eids := make(map[string]string, len(ids))
	var legacy []string
	refolded := map[string]bool{}
	for _, rec := range locked.Records() {
		id, err := value[string](rec, "id")
		if err != nil {
			return err
		}
		if eids[id], err = value[string](rec, "eid"); err != nil {
			return err
		}
		raw, err := optional[string](rec, "summary")
		if err != nil {
			return err
		}
		named, err := optional[string](rec, "name")
		if err != nil {
			return err
		}
		s := &merge.Entity{}
		switch {
		case raw != "":
			if err := json.Unmarshal([]byte(raw), s); err != nil {
				return fmt.Errorf("summary of %s: %w", id, err)
			}
		case named != "":
			legacy = append(legacy, id) // loaded before summaries: refold below
			refolded[id] = true
		}
		sums[id] = s
	}
	if len(legacy) > 0 {
		rows, err := l.run(ctx, tx, stNodeRead+"/"+lb, map[string]any{"ids": legacy})
		if err != nil {
			return err
		}
		for _, rec := range rows.Records() {
			f, err := readFact(rec)
			if err != nil {
				return err
			}
			sums[f.id].Add(f.fact)
		}
	}
	if withPrior {
		var pairs []map[string]any
		for _, c := range changes {
			for _, r := range c.add {
				if a, _ := r["article"].(string); !l.fresh[a] {
					pairs = append(pairs, map[string]any{"id": c.id, "article": r["article"]})
				}
			}
		}
		// An article the claim created has nothing stored: only the
		// others may have records to take out.
		var prior Rows
		if len(pairs) > 0 {
			var err error
			if prior, err = l.run(ctx, tx, stNodePrior, map[string]any{"rows": pairs}); err != nil {
				return err
			}
		}
		for _, rec := range prior.Records() {
			f, err := readFact(rec)
			if err != nil {
				return err
			}
			if c := byID[f.id]; c != nil {
				c.remove = append(c.remove, f.fact)
			}
		}
	}
	var set, records, created []map[string]any
	var del []string
	for _, c := range changes {
		s := sums[c.id]
		if s == nil {
			return fmt.Errorf("node %s was not found", c.id)
		}
		// A refolded node's records are read as they are now: a retraction
		// (!withPrior) already deleted the ones it takes out.
		if withPrior || !refolded[c.id] {
			for _, f := range c.remove {
				s.Remove(f)
			}
		}
		for _, f := range c.facts {
			s.Add(f)
		}
		for _, r := range c.add {
			r["eid"] = eids[c.id]
			if l.fresh[r["article"].(string)] {
				created = append(created, r)
			} else {
				records = append(records, r)
			}
		}
		if l.eids != nil {
			l.eids[c.id] = eids[c.id]
		}
		if s.Empty() {
			del = append(del, eids[c.id])
			continue
		}
		props, err := nodeProps(s.Row(c.id, lb), s)
		if err != nil {
			return err
		}
		set = append(set, map[string]any{"eid": eids[c.id], "props": props})
	}
	if err := l.runRows(ctx, tx, rowsFor{stNodeRecords, records}, rowsFor{stNodeRecordsNew, created}, rowsFor{stSetNode, set}); err != nil {
		return err
	}
	if len(del) > 0 {
		if _, err := l.run(ctx, tx, stNodeDelete, map[string]any{"eids": del}); err != nil {
			return err
		}
	}
	return nil
}

// nodeProps returns a node's full property map: the merged row and its
// summary.
func nodeProps(row graph.NodeRow, s *merge.Entity) (map[string]any, error) {
	out := map[string]any{}
	for k, v := range row.Props {
		if !slices.Contains(reservedNodeProps, k) {
			out[k] = v
		}
	}
	out["id"], out["name"], out["key"] = row.ID, row.Name, row.Key
	out["keys"], out["aliases"] = nonNil(row.Keys), nonNil(row.Aliases)
	b, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("encoding the summary of %s: %w", row.ID, err)
	}
	out[pSummary] = string(b)
	return out, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
