package explore

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kg-dev/kg/graph"
)

// A small invented graph: two cities in one country, a partner abroad, a
// person holding a role, an event.
var testEntities = []graph.Entity{
	{ID: "city:lumen", Label: "City", Name: "Lumen", Aliases: []string{"Lumène"}},
	{ID: "city:lumen-bay", Label: "City", Name: "Lumen Bay"},
	{ID: "city:orvel", Label: "City", Name: "Orvel"},
	{ID: "country:arcadia", Label: "Country", Name: "Arcadia"},
	{ID: "country:borealis", Label: "Country", Name: "Borealis"},
	{ID: "event:fair-2024", Label: "Event", Name: "Lumen Fair 2024", Props: map[string]any{"date": "2024-06-01"}},
	{ID: "org:lumen-council", Label: "Organization", Name: "Lumen City Council", Props: map[string]any{"place": "city:lumen"}},
	{ID: "person:ana-vo", Label: "Person", Name: "Ana Vo Thi"},
	{ID: "person:lumen", Label: "Person", Name: "Lumene"}, // folds like the city's alias
}

var testISO = map[string]string{
	"city:lumen": "AR", "city:lumen-bay": "AR", "city:orvel": "BO",
	"country:arcadia": "AR", "country:borealis": "BO",
}

func testIndex() *Index {
	return NewIndex(testEntities, map[string][]string{"city:lumen": {"Old Lumen Town", "LMN"}}, testISO)
}

func TestResolve(t *testing.T) {
	ix := testIndex()
	tests := []struct {
		name string
		want []string
	}{
		{"Lumen", []string{"city:lumen"}},
		{"  LUMEN ", []string{"city:lumen"}},
		{"city:lumen-bay", []string{"city:lumen-bay"}},
		{"old lumen town", []string{"city:lumen"}}, // an alternate name
		{"Lumène", []string{"city:lumen", "person:lumen"}},
		{"Lume", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range ix.Resolve(tt.name) {
			got = append(got, e.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Resolve(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSearch(t *testing.T) {
	ix := testIndex()
	tests := []struct {
		text string
		opts SearchOptions
		want string // id:match, best first
	}{
		{"lumen", SearchOptions{}, "city:lumen:exact city:lumen-bay:prefix org:lumen-council:prefix person:lumen:prefix event:fair-2024:prefix"},
		{"bay lum", SearchOptions{}, "city:lumen-bay:token"},
		{"vo ana", SearchOptions{}, "person:ana-vo:token"},
		{"council", SearchOptions{}, "org:lumen-council:part"},
		{"council lumen", SearchOptions{}, "org:lumen-council:token"},
		{"ouncil", SearchOptions{}, "org:lumen-council:part"},
		{"lumne", SearchOptions{Types: []string{"city"}}, "city:lumen:fuzzy"},
		{"orevl", SearchOptions{}, "city:orvel:fuzzy"},
		{"lumen", SearchOptions{Country: "borealis"}, ""},
		{"o", SearchOptions{Country: "BO"}, "city:orvel:prefix country:borealis:part"},
		{"lumen", SearchOptions{Country: "country:arcadia", Types: []string{"organization"}}, "org:lumen-council:prefix"},
		{"zzz", SearchOptions{}, ""},
		{"", SearchOptions{}, ""},
	}
	for _, tt := range tests {
		var got []string
		for _, h := range ix.Search(tt.text, tt.opts) {
			got = append(got, h.Entity.ID+":"+h.Match)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("Search(%q, %+v):\n got %s\nwant %s", tt.text, tt.opts, g, tt.want)
		}
	}
	// Mentions break ties within a kind.
	hits := ix.Search("lumen", SearchOptions{})
	for i := range hits {
		if hits[i].Entity.ID == "person:lumen" {
			hits[i].Mentions = 9
		}
	}
	Rank(hits)
	if hits[0].Entity.ID != "city:lumen" || hits[1].Entity.ID != "person:lumen" {
		t.Errorf("ranked by mentions within prefix: %v, %v", hits[0].Entity.ID, hits[1].Entity.ID)
	}
	if c := ix.Country(testEntities[6]); c != "Arcadia" {
		t.Errorf("an organisation's country through its place: %q", c)
	}
}

func TestParseDateAndPeriod(t *testing.T) {
	for _, ok := range []string{"2024", "2024-02", "2024-02-29", "2023-12-31"} {
		if _, err := ParseDate(ok); err != nil {
			t.Errorf("ParseDate(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "24", "2024-13", "2023-02-29", "2024-04-31", "2024/01/01", "yesterday", "2024-1-1"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q): no error", bad)
		}
	}
	p := Period{Since: "2023-06", Until: "2024"}
	for date, want := range map[string]bool{
		"2023-06-01": true, "2023-05-31": false, "2023": true, "2024-12-31": true, "2025": false, "": false,
	} {
		if got := p.Contains(date); got != want {
			t.Errorf("%+v.Contains(%q) = %v", p, date, got)
		}
	}
	if !(Period{}).Contains("") {
		t.Error("an open period holds undated things")
	}
}

// fakeExplorer answers from a list of links.
type fakeExplorer struct {
	links []graph.Link
	calls int
	loads int
}

func (f *fakeExplorer) Entities(context.Context) ([]graph.Entity, error) { return testEntities, nil }

func (f *fakeExplorer) EntityKeys(context.Context) ([]graph.EntityKey, error) {
	var out []graph.EntityKey
	for _, e := range testEntities {
		for _, k := range graph.Keys(e.Name, e.Aliases) {
			out = append(out, graph.EntityKey{ID: e.ID, Label: e.Label, Key: k})
		}
	}
	graph.SortEntityKeys(out)
	return out, nil
}

func (f *fakeExplorer) EntitiesByID(_ context.Context, ids []string) ([]graph.Entity, error) {
	f.loads++
	var out []graph.Entity
	for _, e := range testEntities {
		if slices.Contains(ids, e.ID) {
			out = append(out, e)
		}
	}
	return out, nil
}

func (f *fakeExplorer) Neighbours(_ context.Context, ids []string) (map[string][]string, error) {
	f.calls++
	out := map[string][]string{}
	for _, l := range f.links {
		for _, id := range ids {
			if l.From == id || l.To == id {
				out[id] = append(out[id], l.Other(id))
			}
		}
	}
	for k := range out {
		slices.Sort(out[k])
		out[k] = slices.Compact(out[k])
	}
	return out, nil
}

func (f *fakeExplorer) Links(_ context.Context, ids []string) ([]graph.Link, error) {
	var out []graph.Link
	for _, l := range f.links {
		if slices.Contains(ids, l.From) || slices.Contains(ids, l.To) {
			out = append(out, l)
		}
	}
	return out, nil
}

func (f *fakeExplorer) MentionCounts(context.Context, []string) (map[string]int, error) {
	return map[string]int{}, nil
}

func (f *fakeExplorer) ArticlesMentioning(_ context.Context, id string, _ int) ([]graph.ArticleRef, int, error) {
	a := []graph.ArticleRef{{ID: "a2", Date: "2024-06-02", Title: "Fair"}, {ID: "a1", Date: "2023-01-05", Title: "Old"}, {ID: "a0"}}
	graph.SortArticles(a)
	return a, len(a), nil
}

func link(typ, from, to string, props map[string]any) graph.Link {
	return graph.Link{Key: typ + "|" + from + "|" + to, Type: typ, From: from, To: to, Props: props, Articles: 1,
		Evidence: []graph.Evidence{{Article: "a1", Sentence: from + " " + typ + " " + to + "."}}}
}

var testLinks = []graph.Link{
	link("LOCATED_IN", "city:lumen", "country:arcadia", nil),
	link("LOCATED_IN", "city:lumen-bay", "country:arcadia", nil),
	link("LOCATED_IN", "city:orvel", "country:borealis", nil),
	link("PARTNER_OF", "city:lumen", "city:orvel", map[string]any{"since": int64(1999)}),
	link("HOLDS_ROLE", "person:ana-vo", "org:lumen-council", map[string]any{"title": "Mayor", "as_of": "2024-06-01"}),
	link("PARTICIPATED_IN", "person:ana-vo", "event:fair-2024", nil),
	link("HELD_IN", "event:fair-2024", "city:lumen", nil),
}

func TestWhy(t *testing.T) {
	ix := testIndex()
	x := &fakeExplorer{links: testLinks}
	ctx := context.Background()
	show := func(ps []Path) string {
		var out []string
		for _, p := range ps {
			var ids []string
			for _, n := range p.Nodes {
				ids = append(ids, n.ID)
			}
			if len(p.Links) != len(p.Nodes)-1 {
				t.Errorf("%d links for %d nodes", len(p.Links), len(p.Nodes))
			}
			out = append(out, strings.Join(ids, ">"))
		}
		return strings.Join(out, " | ")
	}
	tests := []struct {
		a, b  string
		depth int
		want  string
	}{
		{"city:lumen", "city:orvel", 4, "city:lumen>city:orvel"},
		{"city:lumen-bay", "city:orvel", 4, "city:lumen-bay>country:arcadia>city:lumen>city:orvel"},
		{"city:lumen-bay", "city:orvel", 2, ""},
		{"person:ana-vo", "city:lumen", 4, "person:ana-vo>event:fair-2024>city:lumen"},
		{"person:lumen", "city:lumen", 4, ""}, // no relations
	}
	for _, tt := range tests {
		ps, err := Why(ctx, x, ix, tt.a, tt.b, tt.depth, 3)
		if err != nil {
			t.Fatal(err)
		}
		if got := show(ps); got != tt.want {
			t.Errorf("Why(%s, %s, %d) = %s, want %s", tt.a, tt.b, tt.depth, got, tt.want)
		}
	}
	// Two shortest paths of the same length, in id order.
	x.links = append(slices.Clone(testLinks), link("MET", "person:ana-vo", "city:lumen-bay", nil))
	ps, _ := Why(ctx, x, ix, "person:ana-vo", "country:arcadia", 4, 3)
	if got := show(ps); got != "person:ana-vo>city:lumen-bay>country:arcadia" {
		t.Errorf("shortest: %s", got)
	}
	ps, _ = Why(ctx, x, ix, "event:fair-2024", "city:lumen-bay", 4, 3)
	if got := show(ps); got != "event:fair-2024>person:ana-vo>city:lumen-bay" {
		t.Errorf("through the new relation: %s", got)
	}
	x.links = append(x.links, link("MET", "person:ana-vo", "city:lumen", nil))
	ps, _ = Why(ctx, x, ix, "person:ana-vo", "country:arcadia", 4, 3)
	if got := show(ps); got != "person:ana-vo>city:lumen>country:arcadia | person:ana-vo>city:lumen-bay>country:arcadia" {
		t.Errorf("two shortest, in id order: %s", got)
	}
	ps, _ = Why(ctx, x, ix, "person:ana-vo", "country:arcadia", 4, 1)
	if len(ps) != 1 {
		t.Errorf("maxPaths 1: %d paths", len(ps))
	}
}

func TestProfileAndTimeline(t *testing.T) {
	ix := testIndex()
	x := &fakeExplorer{links: testLinks}
	lumen, _ := ix.Entity("city:lumen")
	pr, err := LoadProfile(context.Background(), x, ix, lumen, ProfileOptions{Articles: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range pr.Relations {
		got = append(got, r.Type+":"+r.Other.ID+":"+r.Date)
	}
	want := []string{"HELD_IN:event:fair-2024:2024-06-01", "LOCATED_IN:country:arcadia:", "PARTNER_OF:city:orvel:1999"}
	if !slices.Equal(got, want) {
		t.Errorf("relations %v, want %v", got, want)
	}
	if pr.Country != "Arcadia" || pr.ArticlesTotal != 3 || pr.Articles[2].ID != "a0" {
		t.Errorf("profile: %+v", pr)
	}
	var tl []string
	for _, e := range Timeline(pr) {
		tl = append(tl, e.Date+":"+e.Kind)
	}
	if w := []string{"1999:PARTNER_OF", "2023-01-05:article", "2024-06-01:HELD_IN", "2024-06-02:article"}; !slices.Equal(tl, w) {
		t.Errorf("timeline %v, want %v", tl, w)
	}
	pr, _ = LoadProfile(context.Background(), x, ix, lumen, ProfileOptions{Articles: 10, Period: Period{Since: "2024"}})
	if len(pr.Relations) != 2 || pr.ArticlesTotal != 1 {
		t.Errorf("since 2024: %d relations (want HELD_IN and the undated LOCATED_IN), %d articles", len(pr.Relations), pr.ArticlesTotal)
	}
}

// A lazy index (keys only, details loaded on demand) finds what the full
// one finds, and Load fetches each entity once.
func TestLazyIndex(t *testing.T) {
	x := &fakeExplorer{links: testLinks}
	ctx := context.Background()
	keys, _ := x.EntityKeys(ctx)
	alt := map[string][]string{"city:lumen": {"Old Lumen Town", "LMN"}}
	lazy := NewLazyIndex(keys, alt, testISO, x.EntitiesByID)
	full := testIndex()
	for _, q := range []string{"lumen", "bay lum", "lumne", "ouncil", "old lumen town", "o", "zzz"} {
		var a, b []string
		for _, h := range full.Search(q, SearchOptions{}) {
			a = append(a, h.Entity.ID+":"+h.Match)
		}
		hits := lazy.Search(q, SearchOptions{})
		var ids []string
		for _, h := range hits {
			ids = append(ids, h.Entity.ID)
		}
		if err := lazy.Load(ctx, ids); err != nil {
			t.Fatal(err)
		}
		for i := range hits {
			hits[i].Entity, _ = lazy.Entity(hits[i].Entity.ID)
		}
		Rank(hits)
		for _, h := range hits {
			b = append(b, h.Entity.ID+":"+h.Match)
		}
		if !slices.Equal(a, b) {
			t.Errorf("Search(%q): lazy %v, full %v", q, b, a)
		}
	}
	if got := lazy.Resolve("Lumène"); len(got) != 2 {
		t.Errorf("Resolve on keys: %v", got)
	}
	lazy = NewLazyIndex(keys, alt, testISO, x.EntitiesByID)
	if e, _ := lazy.Entity("org:lumen-council"); e.Name != "" {
		t.Errorf("loaded before Load: %+v", e)
	}
	if err := lazy.Load(ctx, []string{"org:lumen-council"}); err != nil {
		t.Fatal(err)
	}
	e, _ := lazy.Entity("org:lumen-council")
	if e.Name != "Lumen City Council" || lazy.Country(e) != "Arcadia" || lazy.Spelling("city:lumen", "oldlumentown") != "Old Lumen Town" {
		t.Errorf("after Load: %+v, country %q", e, lazy.Country(e))
	}
	n := x.loads
	lazy.Load(ctx, []string{"org:lumen-council"})
	if x.loads != n {
		t.Error("Load fetched an entity twice")
	}
	pr, err := LoadProfile(ctx, x, lazy, e, ProfileOptions{Articles: 10})
	if err != nil || len(pr.Relations) != 1 || pr.Relations[0].Other.Name != "Ana Vo Thi" {
		t.Errorf("profile on a lazy index: %+v %v", pr.Relations, err)
	}
}

// listerExplorer is fakeExplorer with graph.LinkLister's reads, from the
// same links; it counts the relations whose evidence it returns.
type listerExplorer struct {
	*fakeExplorer
	evidence int
}

func (f *listerExplorer) LinksOf(ctx context.Context, id string) ([]graph.LinkEnd, error) {
	links, _ := f.Links(ctx, []string{id})
	var out []graph.LinkEnd
	for _, l := range links {
		l.Evidence = nil
		ents, _ := f.EntitiesByID(ctx, []string{l.Other(id)})
		o := graph.Entity{ID: l.Other(id)}
		if len(ents) == 1 {
			o = graph.Entity{ID: ents[0].ID, Label: ents[0].Label, Name: ents[0].Name}
			if d, ok := ents[0].Props["date"]; ok && o.Label == "Event" {
				o.Props = map[string]any{"date": d}
			}
		}
		out = append(out, graph.LinkEnd{Link: l, Other: o})
	}
	slices.Reverse(out) // any order
	return out, nil
}

func (f *listerExplorer) LinksByKey(_ context.Context, keys []string) ([]graph.Link, error) {
	var out []graph.Link
	for _, l := range f.links {
		if slices.Contains(keys, l.Key) {
			out = append(out, l)
		}
	}
	f.evidence += len(out)
	return out, nil
}

func (f *listerExplorer) LinksBetween(_ context.Context, pairs [][2]string) ([]graph.Link, error) {
	var out []graph.Link
	for _, l := range f.links {
		if slices.Contains(pairs, [2]string{l.From, l.To}) || slices.Contains(pairs, [2]string{l.To, l.From}) {
			out = append(out, l)
		}
	}
	f.evidence += len(out)
	return out, nil
}

// TestProfileLimits: at most Relations relations per group (a type, and
// its direction unless symmetric), the rest counted in More; a
// graph.LinkLister gives the same profile and path, reading the evidence
// of the relations kept only.
func TestProfileLimits(t *testing.T) {
	ctx := context.Background()
	links := slices.Clone(testLinks)
	for _, o := range []string{"person:ana-vo", "org:lumen-council", "city:orvel", "city:lumen-bay"} {
		links = append(links, link("MET", min(o, "city:lumen"), max(o, "city:lumen"), nil))
	}
	x := &fakeExplorer{links: links}
	lumen, _ := testIndex().Entity("city:lumen")
	all, err := LoadProfile(ctx, x, testIndex(), lumen, ProfileOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cut, err := LoadProfile(ctx, x, testIndex(), lumen, ProfileOptions{Relations: 2})
	if err != nil {
		t.Fatal(err)
	}
	var want []Relation
	n := map[string]int{}
	for _, r := range all.Relations {
		if n[Group(r)]++; n[Group(r)] <= 2 {
			want = append(want, r)
		}
	}
	if !reflect.DeepEqual(cut.Relations, want) || !maps.Equal(cut.More, map[string]int{"MET": 2}) {
		t.Errorf("2 per group: %d relations, more %v; want %d, more MET: 2", len(cut.Relations), cut.More, len(want))
	}
	if all.More != nil {
		t.Errorf("no limit: more %v", all.More)
	}
	for _, o := range []ProfileOptions{{}, {Relations: 2}, {Relations: 1, Period: Period{Since: "2024"}}} {
		plain, _ := LoadProfile(ctx, x, testIndex(), lumen, o)
		lx := &listerExplorer{fakeExplorer: &fakeExplorer{links: links}}
		keys, _ := lx.EntityKeys(ctx)
		got, err := LoadProfile(ctx, lx, NewLazyIndex(keys, nil, testISO, lx.EntitiesByID), lumen, o)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Relations, plain.Relations) || !maps.Equal(got.More, plain.More) {
			t.Errorf("%+v: from a LinkLister %+v, want %+v", o, got.Relations, plain.Relations)
		}
		if lx.evidence != len(plain.Relations) {
			t.Errorf("%+v: evidence of %d relations read, want %d", o, lx.evidence, len(plain.Relations))
		}
	}
	if g := (Relation{Link: graph.Link{Type: "HELD_IN"}, Outgoing: true}); Group(g) != "HELD_IN out" {
		t.Errorf("Group = %q", Group(g))
	}
	lx := &listerExplorer{fakeExplorer: &fakeExplorer{links: links}}
	a, _ := Why(ctx, x, testIndex(), "person:ana-vo", "country:arcadia", 4, 3)
	b, _ := Why(ctx, lx, testIndex(), "person:ana-vo", "country:arcadia", 4, 3)
	if len(a) == 0 || !reflect.DeepEqual(a, b) {
		t.Errorf("Why from a LinkLister: %+v, want %+v", b, a)
	}
}

// TestSearchLimit: a search with a limit gives the first hits of the same
// search without one.
func TestSearchLimit(t *testing.T) {
	ix := testIndex()
	for _, q := range []string{"lumen", "l", "o", "a", "lumne", "arcadia", "zzz"} {
		all := ix.Search(q, SearchOptions{})
		for _, n := range []int{1, 2, 3, 5, 100} {
			got := ix.Search(q, SearchOptions{Limit: n})
			want := all[:min(n, len(all))]
			if !reflect.DeepEqual(got, want) && len(want) > 0 {
				t.Errorf("Search(%q, limit %d) = %v, want %v", q, n, got, want)
			}
		}
	}
}
