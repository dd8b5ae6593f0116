package serve

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/queries"
)

// Backend is what the server reads the graph through. engineBackend runs
// the queries of this package's queries/ folder on any queries.Engine (the
// embedded store or Neo4j); a store with search and show methods of its
// own can implement it instead.
type Backend interface {
	Search(ctx context.Context, text string, limit int) ([]Hit, error)
	Entity(ctx context.Context, id string) (Entity, error)
	// Node is the entity as a graph draws it, and its relations counted by
	// type (cheaper than Entity: no mention count).
	Node(ctx context.Context, id string) (Node, map[string]int64, error)
	Neighbours(ctx context.Context, id string, limit int) ([]Edge, error)
	Evidence(ctx context.Context, id, key string, limit int) ([]Sentence, error)
	Timeline(ctx context.Context, id string, limit int) ([]Dated, error)
	// Run runs a canned query (queries.All) with bound params.
	Run(ctx context.Context, q queries.Query, params map[string]any) (queries.Result, error)
}

// profileArticles is how many of the articles mentioning an entity its
// profile lists (the first by date; Entity.Articles counts them all).
const profileArticles = 10

// ErrNotFound: no entity has the id.
var ErrNotFound = errors.New("not found")

// Hit is one search result.
type Hit struct {
	ID      string   `json:"id"`
	Label   string   `json:"label"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Exact   bool     `json:"exact"` // the text is one of its spellings, not only the beginning of one
	// With kg search's ranking (stores that are a graph.Explorer): how it
	// matched (exact, prefix, token, part, fuzzy), by which spelling, and
	// how many articles mention it.
	Match    string `json:"match,omitempty"`
	Via      string `json:"via,omitempty"`
	Mentions int    `json:"mentions,omitempty"`
}

// Entity is an entity's profile.
type Entity struct {
	ID       string         `json:"id"`
	Label    string         `json:"label"`
	Name     string         `json:"name"`
	Aliases  []string       `json:"aliases"`
	Props    map[string]any `json:"props"`    // country, date, kind, ordinal, place, type when set
	Articles int64          `json:"articles"` // articles that mention it
	// Relations counts its relations by type.
	Relations map[string]int64 `json:"relations"`
	// With a graph.Explorer store, as kg show: every spelling (the
	// gazetteer's alternate names of places included), its country, and
	// the first articles that mention it, by date.
	Names         []string           `json:"names,omitempty"`
	Country       string             `json:"country,omitempty"`
	FirstArticles []graph.ArticleRef `json:"first_articles,omitempty"`
	Lat           *float64           `json:"lat,omitempty"` // from the gazetteer's coordinates (places only)
	Lon           *float64           `json:"lon,omitempty"`
}

// Edge is one relation seen from one of its ends.
type Edge struct {
	Key      string         `json:"key"` // the relation's key (extract.RelationKey), its id
	Type     string         `json:"type"`
	Source   string         `json:"source"`
	Target   string         `json:"target"`
	Articles int64          `json:"articles"` // articles stating it
	Props    map[string]any `json:"props"`    // kind, since, title, date when set
	Other    Node           `json:"-"`        // the end that is not the entity asked for
}

// Node is an entity drawn in a graph.
type Node struct {
	ID    string   `json:"id"`
	Label string   `json:"label"`
	Name  string   `json:"name"`
	Lat   *float64 `json:"lat,omitempty"`
	Lon   *float64 `json:"lon,omitempty"`
}

// Sentence is one piece of evidence for a relation.
type Sentence struct {
	Article  string `json:"article"`
	Title    string `json:"title"`
	Date     string `json:"date"`
	URL      string `json:"url"`
	Sentence string `json:"sentence"`
	Start    int64  `json:"start_byte"`
}

// Dated is one dated relation of an entity, for its timeline.
type Dated struct {
	Date  string `json:"date"`
	Type  string `json:"type"`
	Key   string `json:"key"`
	Other Node   `json:"other"`
}

//go:embed queries/*.cypher queries/*.sql
var queryFiles embed.FS

// serveQueries are the queries behind the API, by name.
var serveQueries = sync.OnceValues(func() (map[string]queries.Query, error) {
	sub, err := subFS(queryFiles, "queries")
	if err != nil {
		return nil, err
	}
	qs, err := queries.Load(sub)
	if err != nil {
		return nil, err
	}
	m := make(map[string]queries.Query, len(qs))
	for _, q := range qs {
		m[q.Name] = q
	}
	return m, nil
})

// Queries returns the queries behind the API (for tests and linters).
func Queries() ([]queries.Query, error) {
	sub, err := subFS(queryFiles, "queries")
	if err != nil {
		return nil, err
	}
	return queries.Load(sub)
}

// NewBackend returns a Backend that runs this package's queries on eng.
// When eng is a graph.Explorer (both stores are), search ranks like kg
// search (graph/explore); otherwise by the search query (exact spellings,
// then those starting with the text).
func NewBackend(eng queries.Engine) Backend {
	b := engineBackend{eng: eng}
	if x, ok := eng.(graph.Explorer); ok {
		b.srch = &explorerSearch{x: x}
	}
	return b
}

type engineBackend struct {
	eng  queries.Engine
	srch *explorerSearch
}

func (b engineBackend) run(ctx context.Context, name string, raw map[string]string) (queries.Result, error) {
	qs, err := serveQueries()
	if err != nil {
		return queries.Result{}, err
	}
	q, ok := qs[name]
	if !ok {
		return queries.Result{}, fmt.Errorf("no serve query %q", name)
	}
	bound, err := q.Bind(raw)
	if err != nil {
		return queries.Result{}, err
	}
	return b.eng.Run(ctx, q, bound)
}

func (b engineBackend) Run(ctx context.Context, q queries.Query, params map[string]any) (queries.Result, error) {
	return b.eng.Run(ctx, q, params)
}

func (b engineBackend) Search(ctx context.Context, text string, limit int) ([]Hit, error) {
	if b.srch != nil {
		return b.srch.Search(ctx, text, limit)
	}
	res, err := b.run(ctx, "search", map[string]string{"key": text, "limit": strconv.Itoa(limit)})
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, 0, len(res.Rows))
	for _, r := range res.Rows {
		hits = append(hits, Hit{ID: str(r[0]), Label: str(r[1]), Name: str(r[2]), Aliases: strs(r[3]), Exact: r[4] == true})
	}
	return hits, nil
}

func (b engineBackend) Entity(ctx context.Context, id string) (Entity, error) {
	res, err := b.run(ctx, "entity", map[string]string{"id": id})
	if err != nil {
		return Entity{}, err
	}
	if len(res.Rows) == 0 {
		return Entity{}, ErrNotFound
	}
	r := res.Rows[0]
	e := Entity{ID: str(r[0]), Label: str(r[1]), Name: str(r[2]), Aliases: strs(r[3]), Props: map[string]any{}, Relations: map[string]int64{}}
	for i, k := range []string{"country", "date", "kind", "ordinal", "place", "type"} {
		if v := r[4+i]; v != nil && v != "" {
			e.Props[k] = v
		}
	}
	e.Articles = num(r[10])
	if e.Relations, err = b.degree(ctx, id); err != nil {
		return Entity{}, err
	}
	if b.srch != nil {
		si, err := b.srch.index(ctx)
		if err != nil {
			return Entity{}, err
		}
		if ge, ok := si.ix.Entity(id); ok {
			e.Names, e.Country = si.ix.Names(id), si.ix.Country(ge)
		}
		arts, _, err := b.srch.x.ArticlesMentioning(ctx, id, profileArticles)
		if err != nil {
			return Entity{}, err
		}
		e.FirstArticles = arts
	}
	return e, nil
}

func (b engineBackend) Node(ctx context.Context, id string) (Node, map[string]int64, error) {
	res, err := b.run(ctx, "node", map[string]string{"id": id})
	if err != nil {
		return Node{}, nil, err
	}
	if len(res.Rows) == 0 {
		return Node{}, nil, ErrNotFound
	}
	r := res.Rows[0]
	n := Node{ID: str(r[0]), Label: str(r[1]), Name: str(r[2])}
	deg, err := b.degree(ctx, id)
	return n, deg, err
}

func (b engineBackend) degree(ctx context.Context, id string) (map[string]int64, error) {
	res, err := b.run(ctx, "degree", map[string]string{"id": id})
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(res.Rows))
	for _, r := range res.Rows {
		out[str(r[0])] = num(r[1])
	}
	return out, nil
}

func (b engineBackend) Neighbours(ctx context.Context, id string, limit int) ([]Edge, error) {
	res, err := b.run(ctx, "neighbours", map[string]string{"id": id, "limit": strconv.Itoa(limit)})
	if err != nil {
		return nil, err
	}
	edges := make([]Edge, 0, len(res.Rows))
	for _, r := range res.Rows {
		e := Edge{
			Type: str(r[0]), Key: str(r[1]), Source: str(r[2]), Target: str(r[3]),
			Other:    Node{ID: str(r[4]), Label: str(r[5]), Name: str(r[6])},
			Articles: num(r[7]), Props: map[string]any{},
		}
		for i, k := range []string{"kind", "since", "title", "date"} {
			if v := r[8+i]; v != nil && v != "" {
				e.Props[k] = v
			}
		}
		edges = append(edges, e)
	}
	return edges, nil
}

func (b engineBackend) Evidence(ctx context.Context, id, key string, limit int) ([]Sentence, error) {
	res, err := b.run(ctx, "evidence", map[string]string{"id": id, "key": key, "limit": strconv.Itoa(limit)})
	if err != nil {
		return nil, err
	}
	out := make([]Sentence, 0, len(res.Rows))
	for _, r := range res.Rows {
		out = append(out, Sentence{Article: str(r[5]), Title: str(r[6]), Date: str(r[7]), URL: str(r[8]), Sentence: str(r[9]), Start: num(r[10])})
	}
	return out, nil
}

func (b engineBackend) Timeline(ctx context.Context, id string, limit int) ([]Dated, error) {
	res, err := b.run(ctx, "timeline", map[string]string{"id": id, "limit": strconv.Itoa(limit)})
	if err != nil {
		return nil, err
	}
	out := make([]Dated, 0, len(res.Rows))
	for _, r := range res.Rows {
		out = append(out, Dated{Date: str(r[0]), Type: str(r[1]), Key: str(r[2]), Other: Node{ID: str(r[3]), Label: str(r[4]), Name: str(r[5])}})
	}
	return out, nil
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
