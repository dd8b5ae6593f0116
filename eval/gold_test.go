package eval

import (
	"strings"
	"testing"
)

func TestLoadGoldErrors(t *testing.T) {
	tests := []struct {
		name, gold, want string
	}{
		{"not json", `{"entities": [`, "reading gold"},
		{"empty id", `{"entities": [{"types": ["City"], "name": "X"}]}`, "empty id"},
		{"duplicate id", `{"entities": [{"id": "x", "types": ["City"], "name": "X"}, {"id": "x", "types": ["City"], "name": "Y"}]}`, "duplicate id"},
		{"no types", `{"entities": [{"id": "x", "name": "X"}]}`, "no types"},
		{"bad pattern", `{"entities": [{"id": "e", "types": ["Event"], "name": "E", "pattern": "a(?=b"}]}`, "pattern"},
		{"open repetition", `{"entities": [{"id": "e", "types": ["Event"], "name": "E", "pattern": "a{,3}"}]}`, "{0,n}"},
		{"relation without to", `{"relations": [{"type": "MET", "from": "a"}]}`, "needs a type, from and to"},
		{"relation endpoint type", `{"relations": [{"type": "MET", "from": "a", "to": 3}]}`, "reading gold"},
		{"empty endpoint", `{"relations": [{"type": "MET", "from": ["a", ""], "to": "b"}]}`, "empty endpoint"},
		{"quantity count", `{"quantities": [{"subject": "s", "count": "many", "units": ["x"]}]}`, "invalid number"},
		{"quantity count range", `{"quantities": [{"subject": "s", "count": 1e400, "units": ["x"]}]}`, "count \"1e400\""},
		{"quantity units", `{"quantities": [{"subject": "s", "count": 1, "units": []}]}`, "no units"},
		{"quantity of", `{"quantities": [{"subject": "s", "count": 1, "units": ["x"], "of": ""}]}`, "use null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadGold(strings.NewReader(tt.gold))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestLoadGold(t *testing.T) {
	g, err := LoadGold(strings.NewReader(`{
	  "entities": [{"id": "e", "types": ["Event"], "name": "E", "pattern": "\\bwcs\\b"},
	               {"id": "c", "types": ["City"], "name": "Hà Nội", "aliases": ["Hanoi City"]}],
	  "relations": [{"type": "HELD_IN", "from": "e", "to": ["c", "x"]}],
	  "quantities": [{"subject": "e", "count": 1e3, "units": ["delegates"], "of": null}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if g.Entities[0].re == nil || !g.Entities[0].re.MatchString("the wcs 2016") {
		t.Errorf("got pattern %v, want one matching %q", g.Entities[0].re, "the wcs 2016")
	}
	if got := len(g.Entities[1].keys); got != 2 || !g.Entities[1].keys["hanoi"] || !g.Entities[1].keys["hanoicity"] {
		t.Errorf("got keys %v, want hanoi and hanoicity", g.Entities[1].keys)
	}
	if got, want := g.Relations[0].To.String(), "['c', 'x']"; got != want {
		t.Errorf("got to %s, want %s", got, want)
	}
	if got, want := g.Relations[0].From.String(), "e"; got != want {
		t.Errorf("got from %s, want %s", got, want)
	}
	if q := g.Quantities[0]; q.count != 1000 || q.Of != nil || pyNumber(string(q.Count)) != "1000.0" {
		t.Errorf("got quantity count %v (%s), of %v; want 1000 (1000.0), nil", q.count, q.Count, q.Of)
	}
}
