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
	return g.entities(ctx, "MATCH (n) WHERE "+entityMatch+" RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Article'][0] AS label, n.name AS name, n.aliases AS aliases, properties(n) AS props ORDER BY id", nil)
}

func (g *Graph) entities(ctx context.Context, cypher string, params map[string]any) ([]graph.Entity, error) {
	rows, err := g.read(ctx, "reading entities", cypher, params)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Entity, 0, len(rows.Values))
	for _, rec := range rows.Records() {
		var e graph.Entity
		var p map[string]any
		err := firstError(
			into(&e.ID, value[string], rec, "id"), into(&e.Label, value[string], rec, "label"),
			into(&e.Name, optional[string], rec, "name"), into(&p, optional[map[string]any], rec, "props"))
		if err == nil {
			e.Aliases, err = stringsOf(rec, "aliases")
		}
		if err != nil {
			return nil, fmt.Errorf("reading entities on neo4j: %w", err)
		}
		e.Props = graph.StoredProps(p, graph.NodeProps)
		out = append(out, e)
	}
	return out, nil
}

// EntityKeys implements graph.Explorer.
func (g *Graph) EntityKeys(ctx context.Context) ([]graph.EntityKey, error) {
	rows, err := g.read(ctx, "reading entity keys",
		"MATCH (n) WHERE "+entityMatch+" RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Article'][0] AS label, n.keys AS keys", nil)
	if err != nil {
		return nil, err
	}
	var out []graph.EntityKey
	for _, rec := range rows.Records() {
		var id, label string
		err := firstError(into(&id, value[string], rec, "id"), into(&label, value[string], rec, "label"))
		var keys []string
		if err == nil {
			keys, err = stringsOf(rec, "keys")
		}
		if err != nil {
			return nil, fmt.Errorf("reading entity keys on neo4j: %w", err)
		}
		for _, k := range keys {
			out = append(out, graph.EntityKey{ID: id, Label: label, Key: k})
		}
	}
	graph.SortEntityKeys(out)
	return out, nil
}

// EntitiesByID implements graph.Explorer.
func (g *Graph) EntitiesByID(ctx context.Context, ids []string) ([]graph.Entity, error) {
	return g.entities(ctx, byIDs+" RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Article'][0] AS label, n.name AS name, n.aliases AS aliases, properties(n) AS props ORDER BY id",
		map[string]any{"ids": ids})
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
	for _, rec := range rows.Records() {
		var a, b string
		if err := firstError(into(&a, value[string], rec, "a"), into(&b, value[string], rec, "b")); err != nil {
			return nil, fmt.Errorf("reading neighbours on neo4j: %w", err)
		}
		out[a] = append(out[a], b)
	}
	return out, nil
}

// Links implements graph.Explorer.
func (g *Graph) Links(ctx context.Context, ids []string) ([]graph.Link, error) {
	rows, err := g.read(ctx, "reading relations",
		byIDs+" MATCH (n)-[r:"+relMatch+"]-() WITH DISTINCT r"+
			" RETURN r.key AS key, type(r) AS type, startNode(r).id AS src, endNode(r).id AS dst, properties(r) AS props,"+
			" coalesce(r.src_count, size(r.src_articles), 0) AS n,"+
			" CASE WHEN r.first_sentences IS NOT NULL THEN [i IN range(0, size(r.first_sentences) - 1) | [r.first_articles[i], r.first_sentences[i]]]"+
			" WHEN r.ev_sentences IS NOT NULL THEN [i IN range(0, size(r.ev_sentences) - 1) | [r.ev_articles[i], r.ev_sentences[i]]][..3]"+
			" WHEN r.ev_count > 0 THEN COLLECT { MATCH (s:Source {of: r.key}) WHERE s.article IS NOT NULL AND size(s.sentences) > 0"+
			" WITH s ORDER BY s.of, s.article LIMIT 3 UNWIND s.sentences AS x RETURN [s.article, x] }[..3]"+
			" ELSE [] END AS ev"+
			" ORDER BY key",
		map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make([]graph.Link, 0, len(rows.Values))
	for _, rec := range rows.Records() {
		var l graph.Link
		var p map[string]any
		var n int64
		err := firstError(
			into(&l.Key, value[string], rec, "key"), into(&l.Type, value[string], rec, "type"),
			into(&l.From, value[string], rec, "src"), into(&l.To, value[string], rec, "dst"),
			into(&p, optional[map[string]any], rec, "props"), into(&n, value[int64], rec, "n"))
		var ev []any
		if err == nil {
			err = into(&ev, value[[]any], rec, "ev")
		}
		if err != nil {
			return nil, fmt.Errorf("reading relations on neo4j: %w", err)
		}
		l.Props = graph.StoredProps(p, graph.EdgeProps)
		l.Articles = int(n)
		l.Evidence = make([]graph.Evidence, 0, len(ev))
		for _, x := range ev {
			pair, err := stringList(x)
			if err != nil || len(pair) != 2 {
				return nil, fmt.Errorf("reading relations on neo4j: evidence %v is not [article, sentence]", x)
			}
			l.Evidence = append(l.Evidence, graph.Evidence{Article: pair[0], Sentence: pair[1]})
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
	for _, rec := range rows.Records() {
		var id string
		var n int64
		if err := firstError(into(&id, value[string], rec, "id"), into(&n, value[int64], rec, "n")); err != nil {
			return nil, fmt.Errorf("counting mentions on neo4j: %w", err)
		}
		out[id] = int(n)
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
	for _, rec := range rows.Records() {
		var a graph.ArticleRef
		var n int64
		err := firstError(
			into(&a.ID, value[string], rec, "id"), into(&a.Date, value[string], rec, "date"),
			into(&a.Title, value[string], rec, "title"), into(&n, value[int64], rec, "n"))
		if err != nil {
			return nil, 0, fmt.Errorf("reading articles on neo4j: %w", err)
		}
		a.Mentions = int(n)
		out = append(out, a)
	}
	graph.SortArticles(out)
	total := len(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, total, nil
}

var _ graph.Curator = (*Graph)(nil)

// Contributors implements graph.Curator: the loader keeps every record an
// article gives an entity on a MENTIONS relationship (count 0 when it has
// no offsets), and an article whose load did not complete has no hash.
func (g *Graph) Contributors(ctx context.Context, ids []string) ([]graph.ArticleRow, error) {
	rows, err := g.read(ctx, "reading contributing articles",
		byIDs+" MATCH (n)<-[:MENTIONS]-(a:Article) WHERE a.hash IS NOT NULL"+
			" RETURN DISTINCT a.id AS id, coalesce(a.title, '') AS title, coalesce(a.date, '') AS date,"+
			" coalesce(a.lang, '') AS lang, coalesce(a.path, '') AS path, coalesce(a.url, '') AS url,"+
			" a.hash AS hash, coalesce(a.fingerprint, '') AS fingerprint ORDER BY id",
		map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make([]graph.ArticleRow, 0, len(rows.Values))
	for _, rec := range rows.Records() {
		var a graph.ArticleRow
		err := firstError(
			into(&a.ID, value[string], rec, "id"), into(&a.Title, value[string], rec, "title"),
			into(&a.Date, value[string], rec, "date"), into(&a.Lang, value[string], rec, "lang"),
			into(&a.Path, value[string], rec, "path"), into(&a.URL, value[string], rec, "url"),
			into(&a.Hash, value[string], rec, "hash"), into(&a.Fingerprint, value[string], rec, "fingerprint"))
		if err != nil {
			return nil, fmt.Errorf("reading contributing articles on neo4j: %w", err)
		}
		out = append(out, a)
	}
	return out, nil
}
