// First step of replacing or removing articles: they are no longer complete.
// params: ids
UNWIND $ids AS id
MATCH (a:Article {id: id})
REMOVE a.hash
