package eval

import (
	"strings"
	"testing"

	"github.com/kg-dev/kg/extract"
)

func ent(id, typ, name string, aliases ...string) extract.Entity {
	return extract.Entity{ID: id, Type: typ, Name: name, Aliases: aliases}
}

func rel(typ, from, to string) extract.Relation {
	return extract.Relation{Type: typ, From: from, To: to}
}

// counts is the part of a Report the rule tests look at.
type counts struct {
	ETP, EFP, Dup, RTP, RFP, Other, QTP, QFP, DatesOK, MentionsOK int
}

func countsOf(r Report) counts {
	return counts{r.Entities.TP, r.Entities.FP, r.Duplicates, r.Relations.TP, r.Relations.FP, r.OtherTypes,
		r.Quantities.TP, r.Quantities.FP, r.DatesOK, r.MentionsOK}
}

const ruleGold = `{
  "entities": [
    {"id": "alpha_opt", "types": ["City"], "name": "Alpha", "optional": true},
    {"id": "alpha", "types": ["City"], "name": "Alpha", "aliases": ["Alfa"], "docs": ["d1", "d2"]},
    {"id": "beta", "types": ["Country", "Organization"], "name": "Beta", "aliases": ["Bêta"]},
    {"id": "gamma", "types": ["*"], "name": "Gamma", "optional": true},
    {"id": "fest", "types": ["Event"], "name": "Festival", "pattern": "\\bfest(ival)?\\b", "date": "2020-05"},
    {"id": "cebu", "types": ["City"], "name": "Cebu", "optional": true}
  ],
  "relations": [
    {"type": "PARTNER_OF", "from": "alpha", "to": "beta"},
    {"type": "LOCATED_IN", "from": "alpha", "to": "beta", "optional": true},
    {"type": "LOCATED_IN", "from": "alpha", "to": ["beta", "gamma"]},
    {"type": "HELD_IN", "from": "fest", "to": "alpha"}
  ],
  "quantities": [
    {"subject": "fest", "count": 10, "units": ["cities"], "of": "beta"},
    {"subject": "fest", "count": 5, "units": ["delegates"], "of": null}
  ]
}`

func TestScoreRules(t *testing.T) {
	g, err := LoadGold(strings.NewReader(ruleGold))
	if err != nil {
		t.Fatal(err)
	}
	base := []extract.Entity{ent("c:a", "City", "Alpha"), ent("k:b", "Country", "Beta"), ent("e:f", "Event", "Fest 2020")}
	tests := []struct {
		name string
		pred extract.Result
		want counts
	}{
		{"nothing", extract.Result{}, counts{}},
		{"required before optional", extract.Result{Entities: []extract.Entity{ent("c:a", "City", "Alpha")}},
			counts{ETP: 1}},
		{"second node takes the optional candidate", extract.Result{Entities: []extract.Entity{
			ent("c:a", "City", "Alpha"), ent("c:a2", "City", "ALPHA")}}, counts{ETP: 1}},
		{"third node is a duplicate", extract.Result{Entities: []extract.Entity{
			ent("c:a", "City", "Alpha"), ent("c:a2", "City", "ALPHA"), ent("c:a3", "City", "Al-pha")}}, counts{ETP: 1, Dup: 1}},
		{"duplicate of an optional entity is ignored", extract.Result{Entities: []extract.Entity{
			ent("c:c", "City", "Cebu"), ent("c:c2", "City", "Cébu")}}, counts{}},
		{"name wins over aliases", extract.Result{Entities: []extract.Entity{
			ent("k:b", "Country", "Beta", "Alfa")}}, counts{ETP: 1}},
		{"first alias that matches", extract.Result{Entities: []extract.Entity{
			ent("c:z", "City", "Zeta", "Nowhere", "Alfa")}}, counts{ETP: 1}},
		{"wrong type", extract.Result{Entities: []extract.Entity{
			ent("p:a", "Person", "Alpha"), ent("c:b", "City", "Beta")}}, counts{EFP: 2}},
		{"second accepted type and any type", extract.Result{Entities: []extract.Entity{
			ent("o:b", "Organization", "Bêta"), ent("x:g", "Mountain", "Gamma")}}, counts{ETP: 1}},
		{"event by pattern, not by name", extract.Result{Entities: []extract.Entity{
			ent("e:f", "Event", "Summer fest"), ent("e:f2", "Event", "Festivals")}}, counts{ETP: 1, EFP: 1}},
		{"symmetric relation reversed", extract.Result{Entities: base, Relations: []extract.Relation{
			rel("PARTNER_OF", "k:b", "c:a")}}, counts{ETP: 3, RTP: 1}},
		{"directed relation reversed", extract.Result{Entities: base, Relations: []extract.Relation{
			rel("HELD_IN", "c:a", "e:f")}}, counts{ETP: 3, RFP: 1}},
		{"required credited before optional, repeats are free", extract.Result{Entities: base, Relations: []extract.Relation{
			rel("LOCATED_IN", "c:a", "k:b"), rel("LOCATED_IN", "c:a", "k:b"), rel("LOCATED_IN", "c:a", "k:b")}},
			counts{ETP: 3, RTP: 1}},
		{"unknown endpoint", extract.Result{Entities: base, Relations: []extract.Relation{
			rel("HELD_IN", "e:f", "c:nowhere")}}, counts{ETP: 3, RFP: 1}},
		{"types not in the gold are ignored", extract.Result{Entities: base, Relations: []extract.Relation{
			rel("MET", "c:a", "k:b"), rel("partner_of", "c:a", "k:b")}}, counts{ETP: 3, Other: 2}},
		{"quantities", extract.Result{Entities: base, Quantities: []extract.Quantity{
			{Subject: "e:f", Count: 10, Unit: "City", Of: "k:b"},
			{Subject: "e:f", Count: 5, Unit: "Delegate", Of: "c:a"},
			{Subject: "e:f", Count: 10, Unit: "cities"},
			{Subject: "e:f", Count: 10.5, Unit: "cities", Of: "k:b"},
			{Subject: "c:a", Count: 5, Unit: "delegates"},
		}}, counts{ETP: 3, QTP: 1, QFP: 4}},
		{"dates and mentions", extract.Result{
			Documents: []extract.DocumentInfo{{ID: "x", Path: "in/d1.txt"}, {ID: "d2", Path: "elsewhere/d9.txt"}},
			Entities: []extract.Entity{
				{ID: "c:a", Type: "City", Name: "Alpha", Mentions: []extract.Mention{{Doc: "x"}, {Doc: "d2"}}},
				{ID: "e:f", Type: "Event", Name: "fest", Props: map[string]any{"date": "2020-05-03"}},
			}}, counts{ETP: 2, DatesOK: 1, MentionsOK: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := countsOf(Score(g, tt.pred)); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestPRF(t *testing.T) {
	tests := []struct {
		tp, fp, gold int
		p, r, f      float64
	}{
		{0, 0, 0, 0, 0, 0},
		{0, 3, 2, 0, 0, 0},
		{2, 0, 2, 1, 1, 1},
		{1, 1, 4, 0.5, 0.25, 2 * 0.5 * 0.25 / 0.75},
	}
	for _, tt := range tests {
		p, r, f := prf(tt.tp, tt.fp, tt.gold)
		if p != tt.p || r != tt.r || f != tt.f {
			t.Errorf("prf(%d, %d, %d) = %v, %v, %v; want %v, %v, %v", tt.tp, tt.fp, tt.gold, p, r, f, tt.p, tt.r, tt.f)
		}
	}
}

func TestUnitOK(t *testing.T) {
	tests := []struct {
		unit  string
		units []string
		want  bool
	}{
		{"cities", []string{"cities"}, true},
		{"Cities", []string{"cities"}, true},
		{"city", []string{"cities"}, false},
		{"delegate", []string{"delegates"}, true},
		{"délégués", []string{"delegues"}, true},
		{"localitiess", []string{"localities"}, true},
		{"bu", []string{"bus"}, true},
		{"", []string{"s"}, true},
		{"", []string{"delegates"}, false},
		{"plenary-session", []string{"plenary session"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.unit, func(t *testing.T) {
			if got := unitOK(tt.unit, tt.units); got != tt.want {
				t.Errorf("unitOK(%q, %q) = %v, want %v", tt.unit, tt.units, got, tt.want)
			}
		})
	}
}

func TestDateOK(t *testing.T) {
	tests := []struct {
		pred, gold string
		want       bool
	}{
		{"2023-04-14", "2023-04", true},
		{"2023-04", "2023-04-14", true},
		{"2023", "2023-04", false},
		{"2023-4", "2023-04", false},
		{"2023-04", "2023-04", true},
		{"2023-05", "2023-04-14", false},
		{"", "2023", false},
		{"2023-04-14T10:00", "2023-04-14", true},
	}
	for _, tt := range tests {
		t.Run(tt.pred+"~"+tt.gold, func(t *testing.T) {
			if got := dateOK(tt.pred, tt.gold); got != tt.want {
				t.Errorf("dateOK(%q, %q) = %v, want %v", tt.pred, tt.gold, got, tt.want)
			}
		})
	}
}

func TestDocKey(t *testing.T) {
	tests := []struct {
		doc  extract.DocumentInfo
		want string
	}{
		{extract.DocumentInfo{ID: "x", Path: "seeds/003_28b1.txt"}, "003_28b1"},
		{extract.DocumentInfo{ID: "x", Path: `C:\news\a.b.html`}, "a.b"},
		{extract.DocumentInfo{ID: "003_28b1", Path: ""}, "003_28b1"},
		{extract.DocumentInfo{ID: "x", Path: "dir.v2/file"}, "file"},
		{extract.DocumentInfo{ID: "x", Path: "dir/.hidden"}, ""},
		{extract.DocumentInfo{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := docKey(tt.doc); got != tt.want {
				t.Errorf("docKey(%+v) = %q, want %q", tt.doc, got, tt.want)
			}
		})
	}
}

func TestWriteText(t *testing.T) {
	g, err := LoadGold(strings.NewReader(ruleGold))
	if err != nil {
		t.Fatal(err)
	}
	rep := Score(g, extract.Result{Entities: []extract.Entity{ent("c:a", "City", "Alpha"), ent("x:z", "Événement", "Zeta")}})
	var b strings.Builder
	if err := rep.WriteText(&b, false); err != nil {
		t.Fatal(err)
	}
	want := "entities   P=0.500 R=0.333 F1=0.400  (tp=1 fp=1 dup=0 gold=3)\n" +
		"  by type: City 1/1, Country 0/1, Event 0/1\n" +
		"relations  P=0.000 R=0.000 F1=0.000  (tp=0 fp=0 gold=3 other-types=0)\n" +
		"quantities P=0.000 R=0.000 F1=0.000  (tp=0 fp=0 gold=2)\n" +
		"event dates 0/1   doc mentions 0/2\n" +
		"overall F1=0.133 (entities 0.400, relations 0.000, quantities 0.000)\n"
	sameText(t, "WriteText", b.String(), want)
	b.Reset()
	if err := rep.WriteText(&b, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\n-- false-positive entities:\n   Événement    Zeta\n") {
		t.Errorf("got verbose output\n%s\nwant the false positive padded to 12 characters", b.String())
	}
	wantJSON := `{"entity_f1": 0.4, "entity_p": 0.5, "entity_r": 0.3333333333333333, "dup": 0, ` +
		`"relation_f1": 0.0, "relation_p": 0.0, "relation_r": 0.0, "quantity_f1": 0.0, "dates_ok": 0, "dates": 1, ` +
		`"mentions_ok": 0, "mentions": 2, "overall": 0.13333333333333333}`
	if got := string(rep.JSON()); got != wantJSON {
		t.Errorf("JSON() = %s, want %s", got, wantJSON)
	}
}
