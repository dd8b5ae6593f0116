package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
)

// Batches streams every article's contribution as the graph.Batch that
// was written (Skipped aside), by article id: replaying them into another
// store rebuilds the same graph. Only one article is in memory at a time.
func (s *Store) Batches(ctx context.Context, fn func(graph.Batch) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.classify("exporting", err)
	}
	defer conn.Close()
	// One read transaction: a consistent snapshot even if a writer commits.
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return s.classify("exporting", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")

	var arts []graph.ArticleRow
	var aids []int64
	// Articles are read in pages so that the cursor is not held open while
	// fn runs and the other queries use the connection.
	last := ""
	for {
		arts, aids = arts[:0], aids[:0]
		rows, err := conn.QueryContext(ctx, `SELECT aid, id, title, date, lang, path, url, hash, fingerprint FROM articles WHERE id > ? ORDER BY id LIMIT 256`, last)
		if err != nil {
			return s.classify("exporting articles", err)
		}
		for rows.Next() {
			var a graph.ArticleRow
			var aid int64
			if err := rows.Scan(&aid, &a.ID, &a.Title, &a.Date, &a.Lang, &a.Path, &a.URL, &a.Hash, &a.Fingerprint); err != nil {
				rows.Close()
				return s.classify("exporting articles", err)
			}
			arts, aids = append(arts, a), append(aids, aid)
		}
		if err := rows.Close(); err != nil {
			return s.classify("exporting articles", err)
		}
		if len(arts) == 0 {
			return nil
		}
		for i, a := range arts {
			b, err := s.batch(ctx, conn, aids[i], a)
			if err != nil {
				return s.classify("exporting article "+a.ID, err)
			}
			if err := fn(b); err != nil {
				return err
			}
		}
		last = arts[len(arts)-1].ID
	}
}

func (s *Store) batch(ctx context.Context, conn *sql.Conn, aid int64, a graph.ArticleRow) (graph.Batch, error) {
	b := graph.Batch{Article: a}
	rows, err := conn.QueryContext(ctx, `SELECT n.id, n.label, f.name, f.aliases, f.props, f.mentions, f.starts, f.ends
		FROM node_facts f JOIN nodes n ON n.nid = f.nid WHERE f.aid = ? ORDER BY n.id`, aid)
	if err != nil {
		return b, err
	}
	for rows.Next() {
		var e extract.Entity
		var aliases, props, starts, ends string
		var count int
		if err := rows.Scan(&e.ID, &e.Type, &e.Name, &aliases, &props, &count, &starts, &ends); err != nil {
			rows.Close()
			return b, err
		}
		if err := decode(aliases, &e.Aliases); err != nil {
			rows.Close()
			return b, err
		}
		if e.Props, err = decodeProps(props); err != nil {
			rows.Close()
			return b, err
		}
		b.Nodes = append(b.Nodes, graph.NodeRowOf(e))
		if count > 0 {
			m := graph.MentionRow{Article: a.ID, Node: e.ID, Count: count}
			if err := decode(starts, &m.Starts); err != nil {
				rows.Close()
				return b, err
			}
			if err := decode(ends, &m.Ends); err != nil {
				rows.Close()
				return b, err
			}
			b.Mentions = append(b.Mentions, m)
		}
	}
	if err := rows.Close(); err != nil {
		return b, err
	}

	rows, err = conn.QueryContext(ctx, `SELECT e.key, e.type, s.id, d.id, f.props, f.evidence
		FROM edge_facts f JOIN edges e ON e.eid = f.eid JOIN nodes s ON s.nid = e.src JOIN nodes d ON d.nid = e.dst
		WHERE f.aid = ? ORDER BY e.key`, aid)
	if err != nil {
		return b, err
	}
	for rows.Next() {
		var e graph.EdgeRow
		var props, ev string
		if err := rows.Scan(&e.Key, &e.Type, &e.From, &e.To, &props, &ev); err != nil {
			rows.Close()
			return b, err
		}
		if e.Props, err = decodeProps(props); err != nil {
			rows.Close()
			return b, err
		}
		if e.Evidence, err = decodeEvidence(a.ID, ev, nil); err != nil {
			rows.Close()
			return b, err
		}
		b.Edges = append(b.Edges, e)
	}
	if err := rows.Close(); err != nil {
		return b, err
	}

	rows, err = conn.QueryContext(ctx, `SELECT q.key, s.id, coalesce(c.id, ''), f.unit, q.count, f.approx, f.evidence
		FROM quantity_facts f JOIN quantities q ON q.qid = f.qid JOIN nodes s ON s.nid = q.subject LEFT JOIN nodes c ON c.nid = q.country
		WHERE f.aid = ? ORDER BY q.key`, aid)
	if err != nil {
		return b, err
	}
	defer rows.Close()
	for rows.Next() {
		var q graph.QuantityRow
		var ev string
		if err := rows.Scan(&q.Key, &q.Subject, &q.Of, &q.Unit, &q.Count, &q.Approx, &ev); err != nil {
			return b, err
		}
		if q.Evidence, err = decodeEvidence(a.ID, ev, nil); err != nil {
			return b, err
		}
		b.Quantities = append(b.Quantities, q)
	}
	return b, rows.Err()
}

// Articles streams every article row, by id.
func (s *Store) Articles(ctx context.Context, fn func(graph.ArticleRow) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, title, date, lang, path, url, hash, fingerprint FROM articles ORDER BY id`)
	if err != nil {
		return s.classify("exporting articles", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a graph.ArticleRow
		if err := rows.Scan(&a.ID, &a.Title, &a.Date, &a.Lang, &a.Path, &a.URL, &a.Hash, &a.Fingerprint); err != nil {
			return s.classify("exporting articles", err)
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return s.classify("exporting articles", rows.Err())
}

// Mentions streams every MENTIONS relationship (an article's mentions of
// an entity, with their offsets) in a canonical order: by entity id, then
// article id, whatever order the articles were written in. It reads the
// nodes by id and each node's facts by the fact table's key, one node's
// facts in memory at a time.
func (s *Store) Mentions(ctx context.Context, fn func(graph.MentionRow) error) error {
	_, artIDs, err := s.ids(ctx)
	if err != nil {
		return s.classify("exporting mentions", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT n.id, f.aid, f.mentions, f.starts, f.ends
		FROM nodes n CROSS JOIN node_facts f ON f.nid = n.nid
		WHERE f.mentions > 0 ORDER BY n.id`)
	if err != nil {
		return s.classify("exporting mentions", err)
	}
	defer rows.Close()
	var group []graph.MentionRow
	emit := func() error {
		slices.SortFunc(group, func(x, y graph.MentionRow) int { return strings.Compare(x.Article, y.Article) })
		for _, m := range group {
			if err := fn(m); err != nil {
				return err
			}
		}
		group = group[:0]
		return nil
	}
	for rows.Next() {
		var m graph.MentionRow
		var aid int64
		var starts, ends string
		if err := rows.Scan(&m.Node, &aid, &m.Count, &starts, &ends); err != nil {
			return s.classify("exporting mentions", err)
		}
		m.Article = artIDs[aid]
		if err := decodeInts(starts, &m.Starts); err != nil {
			return fmt.Errorf("exporting the mentions of %s in %s: %w", m.Node, m.Article, err)
		}
		if err := decodeInts(ends, &m.Ends); err != nil {
			return fmt.Errorf("exporting the mentions of %s in %s: %w", m.Node, m.Article, err)
		}
		if len(group) > 0 && group[0].Node != m.Node {
			if err := emit(); err != nil {
				return err
			}
		}
		group = append(group, m)
	}
	if err := rows.Err(); err != nil {
		return s.classify("exporting mentions", err)
	}
	return emit()
}

// ids maps every node's and article's rowid to its id, so that the
// streams read the fact tables alone, in their order, instead of looking
// up two or three rows per fact. They hold the graph's ids (about 30 MB
// for 200,000 entities and 100,000 articles), not the facts.
func (s *Store) ids(ctx context.Context) (nodes, articles map[int64]string, err error) {
	read := func(q string) (map[int64]string, error) {
		rows, err := s.db.QueryContext(ctx, q)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		m := map[int64]string{}
		for rows.Next() {
			var k int64
			var v string
			if err := rows.Scan(&k, &v); err != nil {
				return nil, err
			}
			m[k] = v
		}
		return m, rows.Err()
	}
	if nodes, err = read(`SELECT nid, id FROM nodes`); err != nil {
		return nil, nil, err
	}
	articles, err = read(`SELECT aid, id FROM articles`)
	return nodes, articles, err
}

// Nodes streams every merged entity node, by id.
func (s *Store) Nodes(ctx context.Context, fn func(graph.NodeRow) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, label, name, key, keys, aliases, props FROM nodes ORDER BY id`)
	if err != nil {
		return s.classify("exporting nodes", err)
	}
	defer rows.Close()
	for rows.Next() {
		var n graph.NodeRow
		var keys, aliases, props string
		if err := rows.Scan(&n.ID, &n.Label, &n.Name, &n.Key, &keys, &aliases, &props); err != nil {
			return s.classify("exporting nodes", err)
		}
		if err := decode(keys, &n.Keys); err != nil {
			return fmt.Errorf("exporting node %s: %w", n.ID, err)
		}
		if err := decode(aliases, &n.Aliases); err != nil {
			return fmt.Errorf("exporting node %s: %w", n.ID, err)
		}
		if n.Props, err = decodeProps(props); err != nil {
			return fmt.Errorf("exporting node %s: %w", n.ID, err)
		}
		if err := fn(n); err != nil {
			return err
		}
	}
	return s.classify("exporting nodes", rows.Err())
}

// Edges streams every merged relation by key, with the evidence of every
// contributing article (by article id, then offset; Span.Doc is the
// article id): a canonical order, whatever order the articles were
// written in. It reads the relations by key and each one's facts by the
// fact table's key; only one relation's evidence is in memory at a time.
func (s *Store) Edges(ctx context.Context, fn func(graph.EdgeRow) error) error {
	nodeIDs, artIDs, err := s.ids(ctx)
	if err != nil {
		return s.classify("exporting relations", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT f.eid, e.key, e.type, e.src, e.dst, e.props, f.aid, f.evidence
		FROM edges e CROSS JOIN edge_facts f ON f.eid = e.eid
		ORDER BY e.key`)
	if err != nil {
		return s.classify("exporting relations", err)
	}
	defer rows.Close()
	var cur *graph.EdgeRow
	curID := int64(-1)
	type fact struct{ art, ev string }
	var facts []fact
	emit := func() error {
		// Evidence in article id order; each article's spans are stored
		// in offset order.
		slices.SortFunc(facts, func(x, y fact) int { return strings.Compare(x.art, y.art) })
		cur.Evidence = []extract.Span{}
		for _, f := range facts {
			var err error
			if cur.Evidence, err = decodeEvidence(f.art, f.ev, cur.Evidence); err != nil {
				return fmt.Errorf("exporting relation %s: %w", cur.Key, err)
			}
		}
		facts = facts[:0]
		return fn(*cur)
	}
	for rows.Next() {
		var e graph.EdgeRow
		var eid, src, dst, aid int64
		var props, ev string
		if err := rows.Scan(&eid, &e.Key, &e.Type, &src, &dst, &props, &aid, &ev); err != nil {
			return s.classify("exporting relations", err)
		}
		e.From, e.To = nodeIDs[src], nodeIDs[dst]
		art := artIDs[aid]
		if cur != nil && eid != curID {
			if err := emit(); err != nil {
				return err
			}
			cur = nil
		}
		if cur == nil {
			if e.Props, err = decodeProps(props); err != nil {
				return fmt.Errorf("exporting relation %s: %w", e.Key, err)
			}
			cur, curID = &e, eid
		}
		facts = append(facts, fact{art, ev})
	}
	if err := rows.Err(); err != nil {
		return s.classify("exporting relations", err)
	}
	if cur != nil {
		return emit()
	}
	return nil
}

// Quantities streams every merged quantity, by key, with the evidence of
// every contributing article.
func (s *Store) Quantities(ctx context.Context, fn func(graph.QuantityRow) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT q.key, s.id, coalesce(c.id, ''), q.unit, q.count, q.approx, a.id, f.evidence
		FROM quantities q JOIN nodes s ON s.nid = q.subject LEFT JOIN nodes c ON c.nid = q.country
		JOIN quantity_facts f ON f.qid = q.qid JOIN articles a ON a.aid = f.aid
		ORDER BY q.key, a.id`)
	if err != nil {
		return s.classify("exporting quantities", err)
	}
	defer rows.Close()
	var cur *graph.QuantityRow
	for rows.Next() {
		var q graph.QuantityRow
		var art, ev string
		if err := rows.Scan(&q.Key, &q.Subject, &q.Of, &q.Unit, &q.Count, &q.Approx, &art, &ev); err != nil {
			return s.classify("exporting quantities", err)
		}
		if cur != nil && cur.Key != q.Key {
			if err := fn(*cur); err != nil {
				return err
			}
			cur = nil
		}
		if cur == nil {
			q.Evidence = []extract.Span{}
			cur = &q
		}
		if cur.Evidence, err = decodeEvidence(art, ev, cur.Evidence); err != nil {
			return fmt.Errorf("exporting quantity %s: %w", q.Key, err)
		}
	}
	if err := rows.Err(); err != nil {
		return s.classify("exporting quantities", err)
	}
	if cur != nil {
		return fn(*cur)
	}
	return nil
}

// decodeEvidence appends the spans of an evidence JSON array
// [[start, end, sentence], ...] to out. The arrays kg writes are read by
// hand; anything else goes through encoding/json.
func decodeEvidence(article, ev string, out []extract.Span) ([]extract.Span, error) {
	if out == nil {
		out = make([]extract.Span, 0, 1)
	}
	if spans, ok := parseEvidence(article, ev, out); ok {
		return spans, nil
	}
	var raw [][3]json.RawMessage
	if err := json.Unmarshal([]byte(ev), &raw); err != nil {
		return out, err
	}
	for _, r := range raw {
		sp := extract.Span{Doc: article}
		if err := json.Unmarshal(r[0], &sp.Start); err != nil {
			return out, err
		}
		if err := json.Unmarshal(r[1], &sp.End); err != nil {
			return out, err
		}
		if err := json.Unmarshal(r[2], &sp.Text); err != nil {
			return out, err
		}
		out = append(out, sp)
	}
	return out, nil
}

// parseEvidence is decodeEvidence's fast path for the compact JSON kg
// writes; ok is false if ev is anything else (out is then unchanged).
func parseEvidence(article, ev string, out []extract.Span) ([]extract.Span, bool) {
	n := len(out)
	fail := func() ([]extract.Span, bool) { return out[:n], false }
	if len(ev) < 2 || ev[0] != '[' {
		return fail()
	}
	i := 1
	if ev[i] == ']' {
		return out, i+1 == len(ev)
	}
	num := func() (int, bool) {
		j := i
		for j < len(ev) && (ev[j] == '-' || ev[j] >= '0' && ev[j] <= '9') {
			j++
		}
		v, err := strconv.Atoi(ev[i:j])
		i = j
		return v, err == nil
	}
	expect := func(c byte) bool {
		if i < len(ev) && ev[i] == c {
			i++
			return true
		}
		return false
	}
	for {
		sp := extract.Span{Doc: article}
		var ok bool
		if !expect('[') {
			return fail()
		}
		if sp.Start, ok = num(); !ok || !expect(',') {
			return fail()
		}
		if sp.End, ok = num(); !ok || !expect(',') || !expect('"') {
			return fail()
		}
		// The string, up to its closing quote; escapes go through
		// encoding/json.
		j, esc := i, false
		for j < len(ev) && ev[j] != '"' {
			if ev[j] == '\\' {
				esc = true
				j++
			}
			j++
		}
		if j >= len(ev) {
			return fail()
		}
		if esc {
			if err := json.Unmarshal([]byte(ev[i-1:j+1]), &sp.Text); err != nil {
				return fail()
			}
		} else {
			sp.Text = ev[i:j]
		}
		i = j + 1
		if !expect(']') {
			return fail()
		}
		out = append(out, sp)
		if expect(']') {
			return out, i == len(ev)
		}
		if !expect(',') {
			return fail()
		}
	}
}

// decodeInts reads a JSON array of integers such as [12,40,97] without
// reflection.
func decodeInts(s string, out *[]int) error {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return decode(s, out)
	}
	l := make([]int, 0, strings.Count(s, ",")+1)
	for _, f := range strings.Split(s[1:len(s)-1], ",") {
		if f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil {
			return decode(s, out)
		}
		l = append(l, n)
	}
	*out = l
	return nil
}

// EntityRecords streams every entity, by id, with every article's record
// of it, by article id: rows[i] is the row article mentions[i].Article
// gave (its name, aliases and props, as its graph.Batch held them) and
// mentions[i] its mentions there (Count 0 and no offsets when it names
// the entity only through a relation). One entity's records are in
// memory at a time.
func (s *Store) EntityRecords(ctx context.Context, fn func(rows []graph.NodeRow, mentions []graph.MentionRow) error) error {
	_, artIDs, err := s.ids(ctx)
	if err != nil {
		return s.classify("exporting entities", err)
	}
	q, err := s.db.QueryContext(ctx, `SELECT n.id, n.label, f.aid, f.name, f.aliases, f.props, f.mentions, f.starts, f.ends
		FROM nodes n CROSS JOIN node_facts f ON f.nid = n.nid ORDER BY n.id`)
	if err != nil {
		return s.classify("exporting entities", err)
	}
	defer q.Close()
	type record struct {
		row graph.NodeRow
		m   graph.MentionRow
	}
	var group []record
	emit := func() error {
		if len(group) == 0 {
			return nil
		}
		slices.SortFunc(group, func(x, y record) int { return strings.Compare(x.m.Article, y.m.Article) })
		rows, ms := make([]graph.NodeRow, len(group)), make([]graph.MentionRow, len(group))
		for i, r := range group {
			rows[i], ms[i] = r.row, r.m
		}
		group = group[:0]
		return fn(rows, ms)
	}
	for q.Next() {
		var e extract.Entity
		var aid int64
		var aliases, props, starts, ends string
		var m graph.MentionRow
		if err := q.Scan(&e.ID, &e.Type, &aid, &e.Name, &aliases, &props, &m.Count, &starts, &ends); err != nil {
			return s.classify("exporting entities", err)
		}
		m.Article, m.Node = artIDs[aid], e.ID
		if err := decode(aliases, &e.Aliases); err != nil {
			return fmt.Errorf("exporting the record of %s in %s: %w", e.ID, m.Article, err)
		}
		if e.Props, err = decodeProps(props); err != nil {
			return fmt.Errorf("exporting the record of %s in %s: %w", e.ID, m.Article, err)
		}
		if m.Count > 0 {
			if err := decodeInts(starts, &m.Starts); err != nil {
				return fmt.Errorf("exporting the mentions of %s in %s: %w", e.ID, m.Article, err)
			}
			if err := decodeInts(ends, &m.Ends); err != nil {
				return fmt.Errorf("exporting the mentions of %s in %s: %w", e.ID, m.Article, err)
			}
		}
		if len(group) > 0 && group[0].row.ID != e.ID {
			if err := emit(); err != nil {
				return err
			}
		}
		group = append(group, record{graph.NodeRowOf(e), m})
	}
	if err := q.Err(); err != nil {
		return s.classify("exporting entities", err)
	}
	return emit()
}

// RelationRecords streams every relation, by key, with every article's
// record of it, by article id: rows[i] is article articles[i]'s row (its
// props, and its evidence with Span.Doc the article id). One relation's
// records are in memory at a time.
func (s *Store) RelationRecords(ctx context.Context, fn func(articles []string, rows []graph.EdgeRow) error) error {
	nodeIDs, artIDs, err := s.ids(ctx)
	if err != nil {
		return s.classify("exporting relations", err)
	}
	q, err := s.db.QueryContext(ctx, `SELECT e.key, e.type, e.src, e.dst, f.aid, f.props, f.evidence
		FROM edges e CROSS JOIN edge_facts f ON f.eid = e.eid ORDER BY e.key`)
	if err != nil {
		return s.classify("exporting relations", err)
	}
	defer q.Close()
	type record struct {
		art string
		row graph.EdgeRow
	}
	var group []record
	emit := func() error {
		if len(group) == 0 {
			return nil
		}
		slices.SortFunc(group, func(x, y record) int { return strings.Compare(x.art, y.art) })
		arts, rows := make([]string, len(group)), make([]graph.EdgeRow, len(group))
		for i, r := range group {
			arts[i], rows[i] = r.art, r.row
		}
		group = group[:0]
		return fn(arts, rows)
	}
	for q.Next() {
		var e graph.EdgeRow
		var src, dst, aid int64
		var props, ev string
		if err := q.Scan(&e.Key, &e.Type, &src, &dst, &aid, &props, &ev); err != nil {
			return s.classify("exporting relations", err)
		}
		e.From, e.To = nodeIDs[src], nodeIDs[dst]
		art := artIDs[aid]
		if e.Props, err = decodeProps(props); err != nil {
			return fmt.Errorf("exporting relation %s in %s: %w", e.Key, art, err)
		}
		if e.Evidence, err = decodeEvidence(art, ev, nil); err != nil {
			return fmt.Errorf("exporting relation %s in %s: %w", e.Key, art, err)
		}
		if len(group) > 0 && group[0].row.Key != e.Key {
			if err := emit(); err != nil {
				return err
			}
		}
		group = append(group, record{art, e})
	}
	if err := q.Err(); err != nil {
		return s.classify("exporting relations", err)
	}
	return emit()
}

// QuantityRecords streams every quantity, by key, with every article's
// record of it, by article id: rows[i] is article articles[i]'s row (its
// unit spelling, approx flag and evidence).
func (s *Store) QuantityRecords(ctx context.Context, fn func(articles []string, rows []graph.QuantityRow) error) error {
	nodeIDs, artIDs, err := s.ids(ctx)
	if err != nil {
		return s.classify("exporting quantities", err)
	}
	q, err := s.db.QueryContext(ctx, `SELECT q.key, q.subject, coalesce(q.country, 0), q.count, f.aid, f.unit, f.approx, f.evidence
		FROM quantities q CROSS JOIN quantity_facts f ON f.qid = q.qid ORDER BY q.key`)
	if err != nil {
		return s.classify("exporting quantities", err)
	}
	defer q.Close()
	var arts []string
	var rows []graph.QuantityRow
	emit := func() error {
		if len(rows) == 0 {
			return nil
		}
		idx := make([]int, len(rows))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(x, y int) int { return strings.Compare(arts[x], arts[y]) })
		a2, r2 := make([]string, len(idx)), make([]graph.QuantityRow, len(idx))
		for i, j := range idx {
			a2[i], r2[i] = arts[j], rows[j]
		}
		arts, rows = arts[:0], rows[:0]
		return fn(a2, r2)
	}
	for q.Next() {
		var r graph.QuantityRow
		var subject, country, aid int64
		var ev string
		if err := q.Scan(&r.Key, &subject, &country, &r.Count, &aid, &r.Unit, &r.Approx, &ev); err != nil {
			return s.classify("exporting quantities", err)
		}
		r.Subject = nodeIDs[subject]
		if country != 0 {
			r.Of = nodeIDs[country]
		}
		art := artIDs[aid]
		if r.Evidence, err = decodeEvidence(art, ev, nil); err != nil {
			return fmt.Errorf("exporting quantity %s in %s: %w", r.Key, art, err)
		}
		if len(rows) > 0 && rows[0].Key != r.Key {
			if err := emit(); err != nil {
				return err
			}
		}
		arts, rows = append(arts, art), append(rows, r)
	}
	if err := q.Err(); err != nil {
		return s.classify("exporting quantities", err)
	}
	return emit()
}
