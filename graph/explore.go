package graph

import (
	"cmp"
	"context"
	"slices"
)

// Explorer is what the analysts' commands (kg search, show, why,
// timeline) read from a store. graph/sqlite and graph/neo4j implement it
// on their Graph; both return the same values for the same articles, in
// the orders documented here, so that the commands, which do the ranking
// and the walking in Go (package explore), answer the same on both.
type Explorer interface {
	// Entities returns every entity node (Person, City, Country,
	// Organization, Event: not articles or quantities), sorted by id.
	Entities(ctx context.Context) ([]Entity, error)
	// EntityKeys returns the folded key (fold.Key) of every spelling of
	// every entity, sorted by id then key: what an index of names needs,
	// much cheaper to read than Entities.
	EntityKeys(ctx context.Context) ([]EntityKey, error)
	// EntitiesByID returns the entities with these ids (those it holds),
	// sorted by id.
	EntitiesByID(ctx context.Context, ids []string) ([]Entity, error)
	// Neighbours returns, for each of ids that has relations, the ids of
	// the entities it is related to by an entity relation (the
	// extract.RelationTypes), in either direction, sorted, without
	// duplicates.
	Neighbours(ctx context.Context, ids []string) (map[string][]string, error)
	// Links returns every entity relation with at least one end in ids,
	// sorted by Key.
	Links(ctx context.Context, ids []string) ([]Link, error)
	// MentionCounts returns, for each of ids mentioned by at least one article,
	// how many articles mention it.
	MentionCounts(ctx context.Context, ids []string) (map[string]int, error)
	// ArticlesMentioning returns the articles that mention id, by date then id (an
	// article without a date last), and how many there are; at most limit
	// of them (limit <= 0: all).
	ArticlesMentioning(ctx context.Context, id string, limit int) ([]ArticleRef, int, error)
}

// UnorderedKeys is an Explorer that returns the keys of EntityKeys more
// cheaply when their order does not matter (the embedded store keeps them
// in blobs by node number, graph/sqlite's name_keys).
type UnorderedKeys interface {
	// EntityKeysUnordered returns what EntityKeys returns, in any order.
	EntityKeysUnordered(ctx context.Context) ([]EntityKey, error)
}

// LinkLister is an Explorer that lists an entity's relations without
// their evidence, each with the few fields of its other end that a
// profile sorts them by, so that a hub's profile reads the evidence and
// the other ends of the relations it prints only (the embedded store;
// explore.LoadProfile reads Links and every other end otherwise).
type LinkLister interface {
	// LinksOf returns the entity relations of id as Links returns them
	// but without Evidence, in any order, each with its other end (for a
	// relation of id with itself, id) holding its id, label and name and,
	// for an Event with a date, its "date" prop only.
	LinksOf(ctx context.Context, id string) ([]LinkEnd, error)
	// LinksByKey returns the entity relations with these keys (those it
	// holds) as Links returns them, sorted by key.
	LinksByKey(ctx context.Context, keys []string) ([]Link, error)
	// LinksBetween returns the entity relations between the two ids of
	// each pair, in either direction, as Links returns them, sorted by
	// key: what Links of both ids returns between them, without reading a
	// hub's other relations.
	LinksBetween(ctx context.Context, pairs [][2]string) ([]Link, error)
}

// LinkEnd is a relation and the entity at its other end (see LinkLister).
type LinkEnd struct {
	Link
	Other Entity
}

// Entity is one entity node.
type Entity struct {
	ID      string         `json:"id"`
	Label   string         `json:"type"`
	Name    string         `json:"name"`
	Aliases []string       `json:"aliases"`
	Props   map[string]any `json:"props,omitempty"`
}

// EntityKey is one folded spelling of an entity.
type EntityKey struct {
	ID    string `json:"id"`
	Label string `json:"type"`
	Key   string `json:"key"`
}

// Link is one merged relation: From and To are entity ids as stored
// (symmetric types have From < To), Props its merged properties, Articles
// the number of articles stating it and Evidence its first sentences (up
// to three, in article id then offset order).
type Link struct {
	Key      string         `json:"key"`
	Type     string         `json:"type"`
	From     string         `json:"from"`
	To       string         `json:"to"`
	Props    map[string]any `json:"props,omitempty"`
	Articles int            `json:"articles"`
	Evidence []Evidence     `json:"evidence"`
}

// Other returns the end of l that is not id.
func (l Link) Other(id string) string {
	if l.From == id {
		return l.To
	}
	return l.From
}

// Evidence is one sentence stating a relation, and its article.
type Evidence struct {
	Article  string `json:"article"`
	Sentence string `json:"sentence"`
}

// ArticleRef is one article mentioning an entity.
type ArticleRef struct {
	ID       string `json:"id"`
	Date     string `json:"date"`
	Title    string `json:"title"`
	Mentions int    `json:"mentions"`
}

// SortArticles sorts articles by date then id, articles without a date
// last: the order of Explorer.ArticlesMentioning.
func SortArticles(a []ArticleRef) {
	slices.SortFunc(a, func(x, y ArticleRef) int {
		if (x.Date == "") != (y.Date == "") {
			if x.Date == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(x.Date, y.Date), cmp.Compare(x.ID, y.ID))
	})
}

// StoredProps returns the declared keys of p (NodeProps or EdgeProps)
// with numbers as int64 when whole, lists as []any: the same values
// whichever store they were read from (JSON decodes numbers as float64,
// Neo4j returns int64), nil when none is left.
func StoredProps(p map[string]any, declared []string) map[string]any {
	var out map[string]any
	for _, k := range declared {
		v, ok := p[k]
		if !ok || v == nil {
			continue
		}
		if out == nil {
			out = map[string]any{}
		}
		out[k] = storedValue(v)
	}
	return out
}

func storedValue(v any) any {
	switch x := v.(type) {
	case float64:
		if x == float64(int64(x)) {
			return int64(x)
		}
	case int:
		return int64(x)
	case []string:
		l := make([]any, len(x))
		for i, s := range x {
			l[i] = s
		}
		return l
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = storedValue(e)
		}
		return l
	}
	return v
}

// SortEntityKeys sorts keys by id then key: the order of
// Explorer.EntityKeys.
func SortEntityKeys(keys []EntityKey) {
	slices.SortFunc(keys, func(a, b EntityKey) int { return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.Key, b.Key)) })
}
