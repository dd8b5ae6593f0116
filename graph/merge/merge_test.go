package merge

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
)

func facts() []EntityFact {
	return []EntityFact{
		{Name: "Hanoi", Mentions: 3, Props: map[string]any{"country": "vn"}},
		{Name: "Hà Nội", Aliases: []string{"Ha Noi"}, Mentions: 2, Props: map[string]any{"date": "2024"}},
		{Name: "Hà Nội", Mentions: 2, Props: map[string]any{"date": "2024-05"}},
		{Name: "Hanoi", Mentions: 0, Props: map[string]any{"date": "2024-06", "country": "fr"}},
		{Name: "Thủ đô", Mentions: 1, Props: map[string]any{"country": "vn", "since": int64(2006)}},
		{Name: "Hanoi", Mentions: 1, Props: map[string]any{"since": int64(999), "kind": []string{"a", "b"}}},
	}
}

func TestEntityRules(t *testing.T) {
	var s Entity
	for _, f := range facts() {
		s.Add(f)
	}
	name, aliases, props := s.Value()
	// Hanoi: 4 mentions against 4 for Hà Nội, but in 3 articles against 2.
	if name != "Hanoi" {
		t.Errorf("name = %q, want Hanoi", name)
	}
	if want := []string{"Ha Noi", "Hà Nội", "Thủ đô"}; !reflect.DeepEqual(aliases, want) {
		t.Errorf("aliases = %q, want %q", aliases, want)
	}
	want := map[string]any{"country": "vn", "date": "2024-05", "since": int64(999), "kind": []string{"a", "b"}}
	if !reflect.DeepEqual(props, want) {
		t.Errorf("props = %#v, want %#v", props, want)
	}
	// A spelling with more mentions wins over one in more articles.
	s.Add(EntityFact{Name: "Hà Nội", Mentions: 1})
	if name, _, _ := s.Value(); name != "Hà Nội" {
		t.Errorf("after one more mention: name = %q, want Hà Nội", name)
	}
}

func TestDatePrecisionThenConsensus(t *testing.T) {
	c := PropCounts{}
	for _, d := range []string{`"2024"`, `"2024"`, `"2024-05-13"`, `"2024-05-12"`, `"2024-05-12"`, `"2024-05"`} {
		c[d]++
	}
	if got := Prop("date", c); got != `"2024-05-12"` {
		t.Errorf("date = %s, want \"2024-05-12\"", got)
	}
	c = PropCounts{`"2024-05-13"`: 1, `"2024-05-12"`: 1}
	if got := Prop("date", c); got != `"2024-05-12"` {
		t.Errorf("tied date = %s, want the smallest", got)
	}
	if got := Prop("as_of", PropCounts{`"2023"`: 5, `"2025"`: 1}); got != `"2025"` {
		t.Errorf("as_of = %s, want the latest", got)
	}
	if got := Prop("since", PropCounts{"999": 1, "2006": 4}); got != "999" {
		t.Errorf("since = %s, want the earliest by value", got)
	}
	if got := Prop("kind", PropCounts{`"twin"`: 2, `"partnership"`: 2, `"aid"`: 1}); got != `"partnership"` {
		t.Errorf("kind = %s, want the smallest of the most given", got)
	}
}

// TestOrderIndependent adds the facts in many orders, with some added,
// removed and added again, and gets the same summary and value.
func TestOrderIndependent(t *testing.T) {
	fs := facts()
	var ref Entity
	for _, f := range fs {
		ref.Add(f)
	}
	refJSON, _ := json.Marshal(&ref)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		var s Entity
		order := rng.Perm(len(fs))
		extra := fs[rng.IntN(len(fs))]
		for i, j := range order {
			s.Add(fs[j])
			if i == 2 {
				s.Add(extra)
			}
		}
		s.Remove(extra)
		got, _ := json.Marshal(&s)
		if string(got) != string(refJSON) {
			t.Fatalf("order %v: summary\n%s\nwant\n%s", order, got, refJSON)
		}
		if !reflect.DeepEqual(s.Row("city:x", "City"), ref.Row("city:x", "City")) {
			t.Fatalf("order %v: rows differ", order)
		}
	}
	for _, f := range fs {
		ref.Remove(f)
	}
	if !ref.Empty() || len(ref.Names) != 0 || len(ref.Spelling) != 0 || len(ref.Props) != 0 {
		t.Errorf("after removing everything: %+v", ref)
	}
}

func TestRelationAndQuantity(t *testing.T) {
	var r Relation
	r.Add(map[string]any{"kind": "twin"})
	r.Add(map[string]any{"kind": "partnership", "since": int64(2006)})
	r.Add(map[string]any{"kind": "twin", "since": int64(1999)})
	if got := r.Value(); !reflect.DeepEqual(got, map[string]any{"kind": "twin", "since": int64(1999)}) {
		t.Errorf("relation props = %v", got)
	}
	r.Remove(map[string]any{"kind": "twin", "since": int64(1999)})
	if got := r.Value(); !reflect.DeepEqual(got, map[string]any{"kind": "partnership", "since": int64(2006)}) {
		t.Errorf("after a removal: relation props = %v", got)
	}

	var q Quantity
	q.Add("projects", true)
	q.Add("Projects", false)
	q.Add("Projects", true)
	if u, approx := q.Value(); u != "Projects" || approx {
		t.Errorf("quantity = %q approx=%v, want Projects, exact", u, approx)
	}
	q.Remove("Projects", false)
	if u, approx := q.Value(); u != "Projects" || !approx {
		t.Errorf("after a removal: quantity = %q approx=%v, want Projects (tie: smallest), approximate", u, approx)
	}
	q.Remove("Projects", true)
	q.Remove("projects", true)
	if !q.Empty() {
		t.Errorf("quantity not empty: %+v", q)
	}
}

// TestValueTextRoundTrip: the fast paths give encoding/json's text and
// read it back as graph.Props values.
func TestValueTextRoundTrip(t *testing.T) {
	for _, v := range []any{"Hà Nội", `say "hi"`, "tab\there", "a\\b", "\u2028", int64(-42), int64(2006), 1.5, true, []string{"a", "b"}, []int64{1, 2}} {
		text, ok := valueText(v)
		if !ok {
			t.Fatalf("valueText(%#v): not ok", v)
		}
		want, _ := json.Marshal(v)
		if text != string(want) {
			t.Errorf("valueText(%#v) = %s, want %s", v, text, want)
		}
		back, ok := decodeValue("k", text)
		if !ok || !reflect.DeepEqual(back, v) {
			t.Errorf("decodeValue(%s) = %#v, want %#v", text, back, v)
		}
	}
	if _, ok := valueText(""); ok {
		t.Errorf("an empty string counts")
	}
}
