package curate

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Decision
		err  string // part of the error, "" for none
	}{
		{name: "empty", in: "", want: nil},
		{name: "comments and blanks", in: "# a\n\n   \n#\tb\n", want: nil},
		{name: "every action", in: Header +
			"merge\tcity:a\tcity:b\tBee Town\n" +
			"merge\tcity:a\tcity:c\n" +
			"alias\tcity:a\tAy\n" +
			"reject\tperson:x\n" +
			"reject\tPARTNER_OF\tcity:a\tcity:d\r\n",
			want: []Decision{
				{Action: Merge, ID: "city:a", Other: "city:b", Name: "Bee Town"},
				{Action: Merge, ID: "city:a", Other: "city:c"},
				{Action: Alias, ID: "city:a", Name: "Ay"},
				{Action: RejectEntity, ID: "person:x"},
				{Action: RejectRelation, Type: "PARTNER_OF", ID: "city:a", Other: "city:d"},
			}},
		{name: "duplicates kept once", in: "reject\tperson:x\nreject\tperson:x\n", want: []Decision{{Action: RejectEntity, ID: "person:x"}}},
		{name: "unknown action", in: "join\ta\tb\n", err: `line 1: unknown action "join"`},
		{name: "merge one id", in: "# c\nmerge\ta\n", err: "line 2: merge takes 2 or 3 fields after it, not 1"},
		{name: "alias too many", in: "alias\ta\tb\tc\n", err: "alias takes 2 fields"},
		{name: "reject two", in: "reject\ta\tb\n", err: "reject takes 1 or 3 fields"},
		{name: "empty field", in: "alias\ta\t\n", err: "field 3 is empty"},
		{name: "bad relation type", in: "reject\tFRIEND_OF\ta\tb\n", err: `"FRIEND_OF" is not a relation type`},
		{name: "merge into itself", in: "merge\ta\ta\n", err: "merge of a into itself"},
		{name: "merged twice", in: "merge\ta\tc\nmerge\tb\tc\n", err: "c is merged into both a and b"},
		{name: "loop", in: "merge\ta\tb\nmerge\tb\ta\n", err: "merges loop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse(strings.NewReader(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, ErrSyntax) {
					t.Fatalf("Parse error = %v, want one containing %q wrapping ErrSyntax", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Decisions(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse = %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestWriteParse(t *testing.T) {
	ds := []Decision{
		{Action: Merge, ID: "city:a", Other: "city:b", Name: "Bê"},
		{Action: Alias, ID: "city:a", Name: "A town"},
		{Action: RejectEntity, ID: "person:x"},
		{Action: RejectRelation, Type: "MET", ID: "person:y", Other: "person:z"},
	}
	s, err := New(ds)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, s); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "# kg curation decisions") {
		t.Errorf("file starts %q, want the header", b.String()[:20])
	}
	back, err := Parse(&b)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.Decisions(); !reflect.DeepEqual(got, ds) {
		t.Errorf("Parse(Write) = %#v, want %#v", got, ds)
	}

	path := filepath.Join(t.TempDir(), FileName)
	empty, err := Load(path)
	if err != nil || empty.Len() != 0 {
		t.Fatalf("Load of a missing file = %v, %v; want no decision", empty, err)
	}
	if err := Save(path, s); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := loaded.Decisions(); !reflect.DeepEqual(got, ds) {
		t.Errorf("Load(Save) = %#v, want %#v", got, ds)
	}
}

func TestNewRejectsLineBreaks(t *testing.T) {
	if _, err := New([]Decision{{Action: Alias, ID: "city:a", Name: "two\nlines"}}); !errors.Is(err, ErrSyntax) {
		t.Errorf("New with a line break in a name: %v, want ErrSyntax", err)
	}
}

// doc is one article about two towns that twin, a mayor who visits one,
// and a count.
func doc() extract.DocResult {
	ev := func(s string) []extract.Evidence {
		return []extract.Evidence{{Text: s, Start: len(s), End: 2 * len(s)}}
	}
	return extract.DocResult{
		Doc: extract.DocumentInfo{ID: "art1"},
		Entities: []extract.Entity{
			{ID: "city:northtown", Type: "City", Name: "Northtown", Mentions: []extract.Mention{{Start: 0, End: 9}}},
			{ID: "city:north-town", Type: "City", Name: "North Town", Mentions: []extract.Mention{{Start: 40, End: 50}}},
			{ID: "city:southport", Type: "City", Name: "Southport", Mentions: []extract.Mention{{Start: 20, End: 29}}},
			{ID: "person:ada-marsh", Type: "Person", Name: "Ada Marsh", Mentions: []extract.Mention{{Start: 60, End: 69}}},
			{ID: "event:fair", Type: "Event", Name: "Spring Fair", Mentions: []extract.Mention{{Start: 80, End: 91}}},
		},
		Relations: []extract.Relation{
			{Type: "PARTNER_OF", From: "city:northtown", To: "city:southport", Evidence: ev("Northtown twinned with Southport.")},
			{Type: "PARTNER_OF", From: "city:north-town", To: "city:southport", Evidence: ev("North Town and Southport signed.")},
			{Type: "PARTNER_OF", From: "city:north-town", To: "city:northtown", Evidence: ev("North Town, or Northtown.")},
			{Type: "PARTICIPATED_IN", From: "person:ada-marsh", To: "event:fair", Evidence: ev("Ada Marsh opened the Spring Fair.")},
			{Type: "HELD_IN", From: "event:fair", To: "city:southport", Evidence: ev("The Spring Fair took place in Southport.")},
		},
		Quantities: []extract.Quantity{
			{Subject: "event:fair", Count: 30, Unit: "stalls"},
			{Subject: "city:north-town", Count: 2, Unit: "schools"},
		},
	}
}

func TestApply(t *testing.T) {
	type want struct {
		entities  []string // ids, in order
		relations []string // TYPE from to
		quants    []string // subject
		aliases   map[string][]string
	}
	tests := []struct {
		name string
		ds   []Decision
		want want
	}{
		{name: "nothing", want: want{
			entities:  []string{"city:northtown", "city:north-town", "city:southport", "person:ada-marsh", "event:fair"},
			relations: []string{"PARTNER_OF city:northtown city:southport", "PARTNER_OF city:north-town city:southport", "PARTNER_OF city:north-town city:northtown", "PARTICIPATED_IN person:ada-marsh event:fair", "HELD_IN event:fair city:southport"},
			quants:    []string{"event:fair", "city:north-town"},
		}},
		{name: "merge", ds: []Decision{{Action: Merge, ID: "city:northtown", Other: "city:north-town"}}, want: want{
			entities:  []string{"city:northtown", "city:northtown", "city:southport", "person:ada-marsh", "event:fair"},
			relations: []string{"PARTNER_OF city:northtown city:southport", "PARTNER_OF city:northtown city:southport", "PARTICIPATED_IN person:ada-marsh event:fair", "HELD_IN event:fair city:southport"},
			quants:    []string{"event:fair", "city:northtown"},
		}},
		{name: "merge through another", ds: []Decision{
			{Action: Merge, ID: "city:north-town", Other: "city:northtown"},
			{Action: Merge, ID: "city:southport", Other: "city:north-town"},
		}, want: want{
			entities:  []string{"city:southport", "city:southport", "city:southport", "person:ada-marsh", "event:fair"},
			relations: []string{"PARTICIPATED_IN person:ada-marsh event:fair", "HELD_IN event:fair city:southport"},
			quants:    []string{"event:fair", "city:southport"},
		}},
		{name: "alias", ds: []Decision{{Action: Alias, ID: "city:southport", Name: "S-Port"}, {Action: Alias, ID: "city:southport", Name: "Port du Sud"}}, want: want{
			entities:  []string{"city:northtown", "city:north-town", "city:southport", "person:ada-marsh", "event:fair"},
			relations: []string{"PARTNER_OF city:northtown city:southport", "PARTNER_OF city:north-town city:southport", "PARTNER_OF city:north-town city:northtown", "PARTICIPATED_IN person:ada-marsh event:fair", "HELD_IN event:fair city:southport"},
			quants:    []string{"event:fair", "city:north-town"},
			aliases:   map[string][]string{"city:southport": {"S-Port", "Port du Sud"}},
		}},
		{name: "alias of a merged id goes to the kept one", ds: []Decision{{Action: Merge, ID: "city:northtown", Other: "city:north-town"}, {Action: Alias, ID: "city:northtown", Name: "N"}}, want: want{
			entities:  []string{"city:northtown", "city:northtown", "city:southport", "person:ada-marsh", "event:fair"},
			relations: []string{"PARTNER_OF city:northtown city:southport", "PARTNER_OF city:northtown city:southport", "PARTICIPATED_IN person:ada-marsh event:fair", "HELD_IN event:fair city:southport"},
			quants:    []string{"event:fair", "city:northtown"},
			aliases:   map[string][]string{"city:northtown": {"N"}},
		}},
		{name: "reject entity", ds: []Decision{{Action: RejectEntity, ID: "event:fair"}}, want: want{
			entities:  []string{"city:northtown", "city:north-town", "city:southport", "person:ada-marsh"},
			relations: []string{"PARTNER_OF city:northtown city:southport", "PARTNER_OF city:north-town city:southport", "PARTNER_OF city:north-town city:northtown"},
			quants:    []string{"city:north-town"},
		}},
		{name: "reject the kept id of a merge", ds: []Decision{{Action: Merge, ID: "city:northtown", Other: "city:north-town"}, {Action: RejectEntity, ID: "city:northtown"}}, want: want{
			entities:  []string{"city:southport", "person:ada-marsh", "event:fair"},
			relations: []string{"PARTICIPATED_IN person:ada-marsh event:fair", "HELD_IN event:fair city:southport"},
			quants:    []string{"event:fair"},
		}},
		{name: "reject a symmetric relation given the other way", ds: []Decision{{Action: RejectRelation, Type: "PARTNER_OF", ID: "city:southport", Other: "city:northtown"}}, want: want{
			entities:  []string{"city:northtown", "city:north-town", "city:southport", "person:ada-marsh", "event:fair"},
			relations: []string{"PARTNER_OF city:north-town city:southport", "PARTNER_OF city:north-town city:northtown", "PARTICIPATED_IN person:ada-marsh event:fair", "HELD_IN event:fair city:southport"},
			quants:    []string{"event:fair", "city:north-town"},
		}},
		{name: "reject a directed relation only its way", ds: []Decision{{Action: RejectRelation, Type: "HELD_IN", ID: "city:southport", Other: "event:fair"}}, want: want{
			entities:  []string{"city:northtown", "city:north-town", "city:southport", "person:ada-marsh", "event:fair"},
			relations: []string{"PARTNER_OF city:northtown city:southport", "PARTNER_OF city:north-town city:southport", "PARTNER_OF city:north-town city:northtown", "PARTICIPATED_IN person:ada-marsh event:fair", "HELD_IN event:fair city:southport"},
			quants:    []string{"event:fair", "city:north-town"},
		}},
		{name: "reject a relation by its merged ids", ds: []Decision{{Action: Merge, ID: "city:northtown", Other: "city:north-town"}, {Action: RejectRelation, Type: "PARTNER_OF", ID: "city:northtown", Other: "city:southport"}}, want: want{
			entities:  []string{"city:northtown", "city:northtown", "city:southport", "person:ada-marsh", "event:fair"},
			relations: []string{"PARTICIPATED_IN person:ada-marsh event:fair", "HELD_IN event:fair city:southport"},
			quants:    []string{"event:fair", "city:northtown"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(tt.ds)
			if err != nil {
				t.Fatal(err)
			}
			in := doc()
			before := doc()
			got := s.Apply(in)
			if !reflect.DeepEqual(in, before) {
				t.Errorf("Apply modified its argument")
			}
			var ents, rels, qs []string
			aliases := map[string][]string{}
			for _, e := range got.Entities {
				ents = append(ents, e.ID)
				if len(e.Aliases) > 0 {
					aliases[e.ID] = e.Aliases
				}
			}
			for _, r := range got.Relations {
				rels = append(rels, r.Type+" "+r.From+" "+r.To)
			}
			for _, q := range got.Quantities {
				qs = append(qs, q.Subject)
			}
			if tt.want.aliases == nil {
				tt.want.aliases = map[string][]string{}
			}
			if !slices.Equal(ents, tt.want.entities) {
				t.Errorf("entities = %v, want %v", ents, tt.want.entities)
			}
			if !slices.Equal(rels, tt.want.relations) {
				t.Errorf("relations = %v, want %v", rels, tt.want.relations)
			}
			if !slices.Equal(qs, tt.want.quants) {
				t.Errorf("quantities = %v, want %v", qs, tt.want.quants)
			}
			if !reflect.DeepEqual(aliases, tt.want.aliases) {
				t.Errorf("aliases = %v, want %v", aliases, tt.want.aliases)
			}
		})
	}
}

// TestApplyBuild checks what a store receives: one node for a merge with
// both spellings and both articles' mentions, the relations of both on it.
func TestApplyBuild(t *testing.T) {
	s, err := New([]Decision{{Action: Merge, ID: "city:northtown", Other: "city:north-town"}, {Action: Alias, ID: "city:southport", Name: "S-Port"}})
	if err != nil {
		t.Fatal(err)
	}
	b := graph.Build(s.Apply(doc()))
	if len(b.Skipped) != 0 {
		t.Errorf("Skipped = %v, want none", b.Skipped)
	}
	var ids []string
	for _, n := range b.Nodes {
		ids = append(ids, n.ID)
		switch n.ID {
		case "city:northtown":
			names := append([]string{n.Name}, n.Aliases...)
			slices.Sort(names)
			if !slices.Equal(names, []string{"North Town", "Northtown"}) {
				t.Errorf("merged node names = %v, want North Town and Northtown", names)
			}
		case "city:southport":
			if !slices.Contains(n.Aliases, "S-Port") {
				t.Errorf("southport aliases = %v, want S-Port among them", n.Aliases)
			}
		}
	}
	if want := []string{"city:northtown", "city:southport", "event:fair", "person:ada-marsh"}; !slices.Equal(ids, want) {
		t.Errorf("nodes = %v, want %v", ids, want)
	}
	for _, m := range b.Mentions {
		if m.Node == "city:northtown" && m.Count != 2 {
			t.Errorf("merged node mentions = %d, want 2", m.Count)
		}
	}
	var partner []graph.EdgeRow
	for _, e := range b.Edges {
		if e.Type == "PARTNER_OF" {
			partner = append(partner, e)
		}
	}
	if len(partner) != 1 || len(partner[0].Evidence) != 2 {
		t.Fatalf("PARTNER_OF edges = %+v, want one with the two sentences", partner)
	}
}
