package graph

import "context"

// Curator is what kg's curation commands (kg merge, unmerge, alias,
// reject) read from a store besides Explorer: which stored articles a
// decision about some entities changes, so that they can be extracted
// again from their sources with the decision applied. graph/sqlite and
// graph/neo4j implement it on their Graph.
type Curator interface {
	// Contributors returns the articles that contribute anything to any of
	// the entities ids (a record, mentioned or not), held completely,
	// sorted by id, with their path, hash and fingerprint set.
	Contributors(ctx context.Context, ids []string) ([]ArticleRow, error)
}
