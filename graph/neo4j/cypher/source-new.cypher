// source-set for articles the claim created (nothing of them is stored, so
// none of their Source nodes exists): CREATE instead of MERGE, which skips
// the seek for an existing (of, article); the constraint still refuses a
// duplicate.
// params: rows
UNWIND $rows AS row
CREATE (s:Source)
SET s = row.props
