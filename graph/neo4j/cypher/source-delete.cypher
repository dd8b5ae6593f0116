// params: ids
UNWIND $ids AS id
MATCH (s:Source {article: id})
DELETE s
