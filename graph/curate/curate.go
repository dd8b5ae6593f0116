// Package curate keeps an analyst's corrections to the graph (merges,
// aliases, rejected entities and relations) and applies them to an
// article's extraction before it becomes rows (graph.Build), so that every
// store receives the corrected contribution through the same graph.Store
// contract, and a re-ingest gets the same corrections.
//
// The decisions live in a plain text file, curation.tsv: one decision per
// line, fields separated by tabs, '#' starting a comment line:
//
//	merge	INTO	FROM	[NAME]	FROM's entity becomes INTO's (NAME: FROM's name then, for people)
//	alias	ID	ALIAS	        ALIAS becomes a spelling of ID
//	reject	ID		        the entity ID is dropped, with its relations and counts
//	reject	TYPE	FROM	TO	the relation is dropped (either direction for PARTNER_OF and MET)
//
// Parse and Write read and write it (Write then Parse gives the same
// decisions); Apply is pure.
package curate

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/kg-dev/kg/extract"
)

// Action is what a decision does.
type Action string

// The actions.
const (
	Merge          Action = "merge"
	Alias          Action = "alias"
	RejectEntity   Action = "reject"
	RejectRelation Action = "reject-relation" // written as "reject" with three fields
)

// Decision is one line of the file. Merge: ID is kept, Other is merged
// into it, Name is Other's name when the decision was taken. Alias: ID
// gets the spelling Name. RejectEntity: ID. RejectRelation: Type between
// ID and Other.
type Decision struct {
	Action Action
	ID     string
	Other  string
	Name   string
	Type   string
}

// String is the decision as a line of the file, without the newline.
func (d Decision) String() string {
	var f []string
	switch d.Action {
	case Merge:
		f = []string{"merge", d.ID, d.Other}
		if d.Name != "" {
			f = append(f, d.Name)
		}
	case Alias:
		f = []string{"alias", d.ID, d.Name}
	case RejectEntity:
		f = []string{"reject", d.ID}
	case RejectRelation:
		f = []string{"reject", d.Type, d.ID, d.Other}
	}
	return strings.Join(f, "\t")
}

// Header is the comment Write puts at the top of the file.
const Header = `# kg curation decisions (kg merge, unmerge, alias, reject; listed by kg curation), one per line,
# fields separated by tabs; applied to every article kg ingest writes. Lines:
#   merge	INTO-ID	FROM-ID	[FROM-NAME]
#   alias	ID	ALIAS
#   reject	ID
#   reject	RELATION-TYPE	FROM-ID	TO-ID
# After editing this file by hand, run kg ingest --reextract on the sources.
`

// ErrSyntax is wrapped by every error of Parse about a bad line.
var ErrSyntax = errors.New("bad curation line")

// Parse reads decisions from r. A blank line or one starting with '#' is
// skipped; a bad line is an error naming it (wrapping ErrSyntax), and so
// is a set of merges that loops.
func Parse(r io.Reader) (*Set, error) {
	var ds []Decision
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		d, err := parseLine(strings.Split(line, "\t"))
		if err != nil {
			return nil, fmt.Errorf("%w %d: %v", ErrSyntax, n, err)
		}
		ds = append(ds, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading curation decisions: %w", err)
	}
	return New(ds)
}

func parseLine(f []string) (Decision, error) {
	for i, s := range f {
		f[i] = strings.TrimSpace(s)
		if f[i] == "" && !(i == 3 && f[0] == "merge") {
			return Decision{}, fmt.Errorf("field %d is empty", i+1)
		}
	}
	want := func(ns ...int) error {
		if !slices.Contains(ns, len(f)) {
			return fmt.Errorf("%s takes %s fields after it, not %d", f[0], joinInts(ns, -1), len(f)-1)
		}
		return nil
	}
	switch f[0] {
	case "merge":
		if err := want(3, 4); err != nil {
			return Decision{}, err
		}
		d := Decision{Action: Merge, ID: f[1], Other: f[2]}
		if len(f) == 4 {
			d.Name = f[3]
		}
		return d, nil
	case "alias":
		if err := want(3); err != nil {
			return Decision{}, err
		}
		return Decision{Action: Alias, ID: f[1], Name: f[2]}, nil
	case "reject":
		if err := want(2, 4); err != nil {
			return Decision{}, err
		}
		if len(f) == 2 {
			return Decision{Action: RejectEntity, ID: f[1]}, nil
		}
		if !slices.Contains(extract.RelationTypes, f[1]) {
			return Decision{}, fmt.Errorf("%q is not a relation type (%s)", f[1], strings.Join(extract.RelationTypes, ", "))
		}
		return Decision{Action: RejectRelation, Type: f[1], ID: f[2], Other: f[3]}, nil
	}
	return Decision{}, fmt.Errorf("unknown action %q (merge, alias or reject)", f[0])
}

func joinInts(ns []int, add int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n + add)
	}
	return strings.Join(s, " or ")
}

// Write writes the header and the decisions of s, one per line.
func Write(w io.Writer, s *Set) error {
	var b bytes.Buffer
	b.WriteString(Header)
	for _, d := range s.Decisions() {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	_, err := w.Write(b.Bytes())
	return err
}

// Set is a list of decisions, checked and indexed for Apply. The zero
// Set (and a nil *Set) has no decision and applies nothing.
type Set struct {
	list     []Decision
	into     map[string]string // merged id -> the id it was merged into
	aliases  map[string][]string
	rejected map[string]bool
	rels     map[string]bool // type|from|to
}

// New checks decisions and indexes them: an id merged into two entities,
// merges that loop, a decision with an empty field or a malformed one are
// errors. Duplicate decisions are kept once.
func New(ds []Decision) (*Set, error) {
	s := &Set{into: map[string]string{}, aliases: map[string][]string{}, rejected: map[string]bool{}, rels: map[string]bool{}}
	seen := map[Decision]bool{}
	for _, d := range ds {
		if seen[d] {
			continue
		}
		seen[d] = true
		if strings.ContainsAny(d.String(), "\n\r") {
			return nil, fmt.Errorf("%w: a decision with a line break: %q", ErrSyntax, d.String())
		}
		switch d.Action {
		case Merge:
			if d.ID == "" || d.Other == "" {
				return nil, fmt.Errorf("%w: merge needs two ids", ErrSyntax)
			}
			if d.ID == d.Other {
				return nil, fmt.Errorf("%w: merge of %s into itself", ErrSyntax, d.ID)
			}
			if prev, ok := s.into[d.Other]; ok && prev != d.ID {
				return nil, fmt.Errorf("%w: %s is merged into both %s and %s", ErrSyntax, d.Other, prev, d.ID)
			}
			s.into[d.Other] = d.ID
		case Alias:
			if d.ID == "" || strings.TrimSpace(d.Name) == "" {
				return nil, fmt.Errorf("%w: alias needs an id and a name", ErrSyntax)
			}
			s.aliases[d.ID] = append(s.aliases[d.ID], d.Name)
		case RejectEntity:
			if d.ID == "" {
				return nil, fmt.Errorf("%w: reject needs an id", ErrSyntax)
			}
			s.rejected[d.ID] = true
		case RejectRelation:
			if d.ID == "" || d.Other == "" || !slices.Contains(extract.RelationTypes, d.Type) {
				return nil, fmt.Errorf("%w: reject of a relation needs a relation type and two ids", ErrSyntax)
			}
			s.rels[relKey(d.Type, d.ID, d.Other)] = true
		default:
			return nil, fmt.Errorf("%w: unknown action %q", ErrSyntax, d.Action)
		}
		s.list = append(s.list, d)
	}
	for id := range s.into {
		seenIDs := map[string]bool{id: true}
		for cur := s.into[id]; ; {
			if seenIDs[cur] {
				return nil, fmt.Errorf("%w: merges loop through %s", ErrSyntax, cur)
			}
			seenIDs[cur] = true
			next, ok := s.into[cur]
			if !ok {
				break
			}
			cur = next
		}
	}
	return s, nil
}

func relKey(typ, from, to string) string {
	if extract.Symmetric(typ) && to < from {
		from, to = to, from
	}
	return typ + "|" + from + "|" + to
}

// Decisions returns the decisions in file order.
func (s *Set) Decisions() []Decision {
	if s == nil {
		return nil
	}
	return slices.Clone(s.list)
}

// Len is the number of decisions.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return len(s.list)
}

// With returns a new Set with d added (checked as New checks).
func (s *Set) With(d Decision) (*Set, error) {
	return New(append(s.Decisions(), d))
}

// Without returns a new Set without the decisions drop reports, and how
// many it dropped.
func (s *Set) Without(drop func(Decision) bool) (*Set, int) {
	var keep []Decision
	for _, d := range s.Decisions() {
		if !drop(d) {
			keep = append(keep, d)
		}
	}
	out, err := New(keep)
	if err != nil { // a subset of a valid set is valid
		panic(err)
	}
	return out, s.Len() - out.Len()
}

// Resolve returns the id that id ends up as after every merge.
func (s *Set) Resolve(id string) string {
	if s == nil {
		return id
	}
	for {
		next, ok := s.into[id]
		if !ok {
			return id
		}
		id = next
	}
}

// MergedInto returns the merge decisions whose entity ends up as id
// (directly or through other merges), in file order.
func (s *Set) MergedInto(id string) []Decision {
	var out []Decision
	for _, d := range s.Decisions() {
		if d.Action == Merge && s.Resolve(d.Other) == id {
			out = append(out, d)
		}
	}
	return out
}

// Rejected reports whether the entity id is rejected, under its own id or
// the id it is merged into.
func (s *Set) Rejected(id string) bool {
	return s != nil && (s.rejected[id] || s.rejected[s.Resolve(id)])
}

// RelationRejected reports whether the relation typ from -> to (ids as
// extracted) is rejected, by its ids as extracted or after merges.
func (s *Set) RelationRejected(typ, from, to string) bool {
	return s != nil && (s.rels[relKey(typ, from, to)] || s.rels[relKey(typ, s.Resolve(from), s.Resolve(to))])
}

// Apply returns r with the decisions applied: merged entities' records
// carry the id they were merged into (graph.Build then merges them),
// aliases are added to the records of their entity, rejected entities
// are dropped with the relations and counts that involve them, and
// rejected relations are dropped. Relations that a merge turns into a
// relation of an entity with itself are dropped. r is not modified.
func (s *Set) Apply(r extract.DocResult) extract.DocResult {
	if s.Len() == 0 {
		return r
	}
	out := extract.DocResult{Doc: r.Doc}
	for _, e := range r.Entities {
		if s.Rejected(e.ID) {
			continue
		}
		e.ID = s.Resolve(e.ID)
		if extra := s.aliases[e.ID]; len(extra) > 0 {
			e.Aliases = append(slices.Clone(e.Aliases), extra...)
		}
		out.Entities = append(out.Entities, e)
	}
	for _, rel := range r.Relations {
		if s.Rejected(rel.From) || s.Rejected(rel.To) || s.RelationRejected(rel.Type, rel.From, rel.To) {
			continue
		}
		rel.From, rel.To = s.Resolve(rel.From), s.Resolve(rel.To)
		if rel.From == rel.To {
			continue
		}
		if extract.Symmetric(rel.Type) && rel.To < rel.From {
			rel.From, rel.To = rel.To, rel.From
		}
		out.Relations = append(out.Relations, rel)
	}
	for _, q := range r.Quantities {
		if s.Rejected(q.Subject) || (q.Of != "" && s.Rejected(q.Of)) {
			continue
		}
		q.Subject = s.Resolve(q.Subject)
		if q.Of != "" {
			q.Of = s.Resolve(q.Of)
		}
		out.Quantities = append(out.Quantities, q)
	}
	return out
}
