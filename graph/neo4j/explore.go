package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
)

// The Neo4j store as a graph.Explorer (kg search, show, why, timeline):
// the same values as the embedded store's, in the same orders.

var _ graph.Explorer = (*Graph)(nil)

// entityMatch is a Cypher WHERE test that n is an entity node.
var entityMatch = func() string {
	var parts []string
	for _, l := range extract.EntityTypes {
		if !graph.ValidLabel(l) {
			panic("not a label: " + l)
		}
		parts = append(parts, "n:"+l)
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}()

// byIDs finds the entity node of each id in $ids as n, through each
// label's id constraint.
var byIDs = func() string {
	var parts []string
	for _, l := range extract.EntityTypes {
		parts = append(parts, "WITH id MATCH (n:"+l+" {id: id}) RETURN n")
	}
	return "UNWIND $ids AS id CALL { " + strings.Join(parts, " UNION ") + " }"
}()

// relMatch is the entity relation types as a Cypher pattern alternative.
var relMatch = strings.Join(extract.RelationTypes, "|")

func (g *Graph) read(ctx context.Context, what, cypher string, params map[string]any) (Rows, error) {
	var rows Rows
	err := g.exec.ExecuteRead(ctx, func(tx Tx) error {
		var err error
		rows, err = tx.Run(ctx, cypher, params)
		return err
	})
	if err != nil {
		return Rows{}, fmt.Errorf("%s on neo4j: %w", what, err)
	}
	return rows, nil
}

// Entities implements graph.Explorer.
func (g *Graph) Entities(ctx context.Context) ([]graph.Entity, error) {
	rows, err := g.read(ctx, "reading entities",
		"MATCH (n) WHERE "+entityMatch+" RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Article'][0] AS label, n.name AS name, n.aliases AS aliases, properties(n) AS props ORDER BY id", nil)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Entity, 0, len(rows.Values))
	for _, v := range rows.Values {
		e := graph.Entity{ID: str(v[0]), Label: str(v[1]), Name: str(v[2]), Aliases: strs(v[3])}
		if p, ok := v[4].(map[string]any); ok {
			e.Props = graph.StoredProps(p, graph.NodeProps)
		}
		out = append(out, e)
	}
	return out, nil
}

// Neighbours implements graph.Explorer.
func (g *Graph) Neighbours(ctx context.Context, ids []string) (map[string][]string, error) {
	rows, err := g.read(ctx, "reading neighbours",
		byIDs+" MATCH (n)-[:"+relMatch+"]-(o) RETURN DISTINCT n.id AS a, o.id AS b ORDER BY a, b",
		map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, v := range rows.Values {
		a := str(v[0])
		out[a] = append(out[a], str(v[1]))
	}
	return out, nil
}

// Links implements graph.Explorer.
func (g *Graph) Links(ctx context.Context, ids []string) ([]graph.Link, error) {
	rows, err := g.read(ctx, "reading relations",
		byIDs+" MATCH (n)-[r:"+relMatch+"]-() WITH DISTINCT r"+
			" RETURN r.key AS key, type(r) AS type, startNode(r).id AS src, endNode(r).id AS dst, properties(r) AS props,"+
			" size(coalesce(r.src_articles, [])) AS n, coalesce(r.ev_articles, [])[..3] AS arts, coalesce(r.ev_sentences, [])[..3] AS sents"+
			" ORDER BY key",
		map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make([]graph.Link, 0, len(rows.Values))
	for _, v := range rows.Values {
		l := graph.Link{Key: str(v[0]), Type: str(v[1]), From: str(v[2]), To: str(v[3]), Articles: int(num(v[5]))}
		if p, ok := v[4].(map[string]any); ok {
			l.Props = graph.StoredProps(p, graph.EdgeProps)
		}
		arts, sents := strs(v[6]), strs(v[7])
		l.Evidence = make([]graph.Evidence, 0, len(arts))
		for i := range arts {
			if i < len(sents) {
				l.Evidence = append(l.Evidence, graph.Evidence{Article: arts[i], Sentence: sents[i]})
			}
		}
		out = append(out, l)
	}
	return out, nil
}

// MentionCounts implements graph.Explorer.
func (g *Graph) MentionCounts(ctx context.Context, ids []string) (map[string]int, error) {
	rows, err := g.read(ctx, "counting mentions",
		byIDs+" MATCH (n)<-[m:MENTIONS]-(:Article) WHERE coalesce(m.count, 0) > 0 RETURN n.id AS id, count(*) AS n",
		map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, v := range rows.Values {
		out[str(v[0])] = int(num(v[1]))
	}
	return out, nil
}

// ArticlesMentioning implements graph.Explorer.
func (g *Graph) ArticlesMentioning(ctx context.Context, id string, limit int) ([]graph.ArticleRef, int, error) {
	rows, err := g.read(ctx, "reading articles",
		byIDs+" MATCH (n)<-[m:MENTIONS]-(a:Article) WHERE coalesce(m.count, 0) > 0"+
			" RETURN a.id AS id, coalesce(a.date, '') AS date, coalesce(a.title, '') AS title, m.count AS n",
		map[string]any{"ids": []string{id}})
	if err != nil {
		return nil, 0, err
	}
	out := make([]graph.ArticleRef, 0, len(rows.Values))
	for _, v := range rows.Values {
		out = append(out, graph.ArticleRef{ID: str(v[0]), Date: str(v[1]), Title: str(v[2]), Mentions: int(num(v[3]))})
	}
	graph.SortArticles(out)
	total := len(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, total, nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func num(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case float64:
		return int64(x)
	}
	return 0
}
