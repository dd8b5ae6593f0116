package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/kg-dev/kg/graph"
)

// The name_keys table (migration 10) holds, for the nodes of each chunk of
// nids (nid >> chunkBits), their ids, labels and folded keys (node_keys)
// in one blob, so that kg search, show and why, which index every
// spelling of every entity, read about 200 rows of a 100,000-article
// store instead of its 95,000 rows of nodes and node_keys. The writer
// rewrites a chunk in the transaction that adds or removes one of its
// nodes or changes a node's keys (a node's id and label never change), so
// name_keys always says what nodes and node_keys say: EntityKeys reads
// it, TestNameKeysMatchTables checks it against the tables.
//
// A chunk's blob is, for each of its entities with at least one key, in
// nid order: the id, the label and the number of keys as uvarint-prefixed
// strings and a uvarint, then each key (in byte order), uvarint-prefixed.

// chunkBits sets the chunk size: 128 nids per row, a blob of 4-8 KB.
const chunkBits = 7

// chunkOf is the name_keys chunk of nid.
func chunkOf(nid int64) int64 { return nid >> chunkBits }

// writeChunks rewrites the name_keys rows of chunks from nodes and
// node_keys, inside the caller's transaction on conn.
func writeChunks(ctx context.Context, conn *sql.Conn, chunks map[int64]bool) error {
	for c := range chunks {
		blob, err := chunkBlob(ctx, conn, c)
		if err != nil {
			return fmt.Errorf("indexing the names of nodes %d-%d: %w", c<<chunkBits, (c+1)<<chunkBits-1, err)
		}
		if len(blob) == 0 {
			_, err = conn.ExecContext(ctx, `DELETE FROM name_keys WHERE chunk = ?`, c)
		} else {
			_, err = conn.ExecContext(ctx, `INSERT OR REPLACE INTO name_keys (chunk, entities) VALUES (?, ?)`, c, blob)
		}
		if err != nil {
			return fmt.Errorf("indexing the names of nodes %d-%d: %w", c<<chunkBits, (c+1)<<chunkBits-1, err)
		}
	}
	return nil
}

// chunkBlob encodes chunk c from the tables (nil: no entity has keys).
func chunkBlob(ctx context.Context, conn *sql.Conn, c int64) ([]byte, error) {
	lo, hi := c<<chunkBits, (c+1)<<chunkBits-1
	type ent struct {
		id, label string
		keys      []string
	}
	var ents []ent
	at := map[int64]int{}
	rows, err := conn.QueryContext(ctx, "SELECT nid, id, label FROM nodes WHERE nid BETWEEN ? AND ? AND label IN ("+entityLabels+") ORDER BY nid", lo, hi)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var nid int64
		var e ent
		if err := rows.Scan(&nid, &e.id, &e.label); err != nil {
			return nil, errors.Join(err, rows.Close())
		}
		at[nid] = len(ents)
		ents = append(ents, e)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, err
	}
	rows, err = conn.QueryContext(ctx, "SELECT nid, key FROM node_keys INDEXED BY node_keys_nid WHERE nid BETWEEN ? AND ? ORDER BY nid, key", lo, hi)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var nid int64
		var k string
		if err := rows.Scan(&nid, &k); err != nil {
			return nil, errors.Join(err, rows.Close())
		}
		if i, ok := at[nid]; ok {
			ents[i].keys = append(ents[i].keys, k)
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, err
	}
	var blob []byte
	for _, e := range ents {
		if len(e.keys) == 0 {
			continue
		}
		blob = appendString(blob, e.id)
		blob = appendString(blob, e.label)
		blob = binary.AppendUvarint(blob, uint64(len(e.keys)))
		for _, k := range e.keys {
			blob = appendString(blob, k)
		}
	}
	return blob, nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// fillNameKeys writes every chunk (migration 10).
func fillNameKeys(ctx context.Context, conn *sql.Conn) error {
	var top int64
	if err := conn.QueryRowContext(ctx, `SELECT ifnull(max(nid), 0) FROM nodes`).Scan(&top); err != nil {
		return err
	}
	chunks := map[int64]bool{}
	for c := int64(0); c <= chunkOf(top); c++ {
		chunks[c] = true
	}
	return writeChunks(ctx, conn, chunks)
}

// errBadChunk says a name_keys blob does not decode.
var errBadChunk = errors.New("bad name_keys entry")

// uvarint reads one uvarint at the start of s: its value and length (0
// when s holds none).
func uvarint(s string) (uint64, int) {
	var x uint64
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		b := s[i]
		if b < 0x80 {
			return x | uint64(b)<<(7*i), i + 1
		}
		x |= uint64(b&0x7f) << (7 * i)
	}
	return 0, 0
}

// decodeChunk appends the keys of blob (one string: the keys and ids are
// substrings of it) to out, or with count only counts them; it returns
// how many it found.
func decodeChunk(blob string, out []graph.EntityKey, count bool) ([]graph.EntityKey, int, error) {
	str := func() (string, bool) {
		n, w := uvarint(blob)
		if w == 0 || uint64(len(blob)-w) < n {
			return "", false
		}
		s := blob[w : w+int(n)]
		blob = blob[w+int(n):]
		return s, true
	}
	total := 0
	for blob != "" {
		id, ok1 := str()
		label, ok2 := str()
		if !ok1 || !ok2 {
			return out, total, errBadChunk
		}
		n, w := uvarint(blob)
		if w == 0 {
			return out, total, errBadChunk
		}
		blob = blob[w:]
		for range n {
			k, ok := str()
			if !ok {
				return out, total, errBadChunk
			}
			total++
			if !count {
				out = append(out, graph.EntityKey{ID: id, Label: label, Key: k})
			}
		}
	}
	return out, total, nil
}

// nameKeys reads name_keys: every key of every entity, in nid order.
func (s *Store) nameKeys(ctx context.Context) ([]graph.EntityKey, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT chunk, entities FROM name_keys ORDER BY chunk`)
	if err != nil {
		return nil, s.classify("reading entity keys", err)
	}
	defer rows.Close()
	var blobs []string
	n := 0
	for rows.Next() {
		var c int64
		var blob sql.RawBytes
		if err := rows.Scan(&c, &blob); err != nil {
			return nil, s.classify("reading entity keys", err)
		}
		b := string(blob)
		_, k, err := decodeChunk(b, nil, true)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: chunk %d", ErrCorrupt, s.path, c)
		}
		blobs, n = append(blobs, b), n+k
	}
	if err := rows.Err(); err != nil {
		return nil, s.classify("reading entity keys", err)
	}
	out := make([]graph.EntityKey, 0, n) // sized once: growing it cost more than reading the blobs
	for _, b := range blobs {
		out, _, _ = decodeChunk(b, out, false)
	}
	return out, nil
}

// CheckDerived reports whether what the writer keeps for the readers
// (name_keys, nodes.mentioned, edges.n_sentences) says what nodes,
// node_keys, node_facts and edge_facts say, reading them whole: an error
// names the first difference.
func (s *Store) CheckDerived(ctx context.Context) error {
	stored, err := s.EntityKeys(ctx)
	if err != nil {
		return err
	}
	want, err := s.entityKeysScan(ctx)
	if err != nil {
		return err
	}
	for i := range max(len(stored), len(want)) {
		var a, b graph.EntityKey
		if i < len(stored) {
			a = stored[i]
		}
		if i < len(want) {
			b = want[i]
		}
		if a != b {
			return fmt.Errorf("name_keys: key %d of %d is %+v, node_keys says %+v (of %d)", i, len(stored), a, b, len(want))
		}
	}
	var id string
	var kept, counted int
	err = s.db.QueryRowContext(ctx, `
SELECT id, mentioned, c FROM (
	SELECT n.id, n.mentioned, (SELECT count(*) FROM node_facts f WHERE f.nid = n.nid AND f.mentions > 0) AS c FROM nodes n)
WHERE mentioned <> c LIMIT 1`).Scan(&id, &kept, &counted)
	if err == nil {
		return fmt.Errorf("nodes.mentioned of %s is %d, node_facts count %d", id, kept, counted)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return s.classify("checking mention counts", err)
	}
	err = s.db.QueryRowContext(ctx, `
SELECT key, n_sentences, c FROM (
	SELECT e.key, e.n_sentences, (SELECT ifnull(sum(json_array_length(f.evidence)), 0) FROM edge_facts f WHERE f.eid = e.eid) AS c FROM edges e)
WHERE n_sentences <> c LIMIT 1`).Scan(&id, &kept, &counted)
	if err == nil {
		return fmt.Errorf("edges.n_sentences of %s is %d, edge_facts count %d", id, kept, counted)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return s.classify("checking sentence counts", err)
	}
	return nil
}

// entityKeysScan is EntityKeys from the tables: three narrow scans of
// indexes (labels by nid, ids in id order, keys in (nid, key) order)
// joined in Go.
func (s *Store) entityKeysScan(ctx context.Context) ([]graph.EntityKey, error) {
	labels := map[int64]string{}
	err := s.scan(ctx, "SELECT nid, label FROM nodes INDEXED BY nodes_label WHERE label IN ("+entityLabels+")", func(r *sql.Rows) error {
		var nid int64
		var label string
		if err := r.Scan(&nid, &label); err != nil {
			return err
		}
		labels[nid] = label
		return nil
	})
	if err != nil {
		return nil, s.classify("reading entity keys", err)
	}
	keys := make(map[int64][]string, len(labels))
	err = s.scan(ctx, "SELECT nid, key FROM node_keys ORDER BY nid, key", func(r *sql.Rows) error {
		var nid int64
		var k string
		if err := r.Scan(&nid, &k); err != nil {
			return err
		}
		if _, ok := labels[nid]; ok {
			keys[nid] = append(keys[nid], k)
		}
		return nil
	})
	if err != nil {
		return nil, s.classify("reading entity keys", err)
	}
	var out []graph.EntityKey
	err = s.scan(ctx, "SELECT nid, id FROM nodes WHERE id > '' ORDER BY id", func(r *sql.Rows) error {
		var nid int64
		var id string
		if err := r.Scan(&nid, &id); err != nil {
			return err
		}
		for _, k := range keys[nid] {
			out = append(out, graph.EntityKey{ID: id, Label: labels[nid], Key: k})
		}
		return nil
	})
	if err != nil {
		return nil, s.classify("reading entity keys", err)
	}
	return out, nil
}
