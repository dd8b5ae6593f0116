package extract

import (
	"fmt"
	"strings"
	"testing"
)

// TestRelate drives the relation stage alone on resolved mentions.
func TestRelate(t *testing.T) {
	type rel struct{ typ, from, to string }
	tests := []struct {
		name, text string
		want       []rel
		notWant    []rel
		counts     map[string]float64 // subject|unit -> count
	}{
		{"en: a meeting, its place, a count of the focus event",
			"The 5th Asia-Europe Mayors Forum opens in Hanoi\nThe 5th Asia-Europe Mayors Forum opened in Hanoi on Tuesday. The forum gathered 300 delegates.\n",
			[]rel{{HeldIn, "event:5-forum-asia-europe-mayors", "city:hanoi"}, {LocatedIn, "city:hanoi", "country:vietnam"}}, nil,
			map[string]float64{"event:5-forum-asia-europe-mayors|delegates": 300}},
		{"en: people who met",
			"Hue and Blois strengthen ties\nMayor Jean Dupont of Blois met Chairman Nguyen Van Thanh in Hue.\n",
			[]rel{{Met, "person:jean-dupont", "person:nguyen-van-thanh"}}, nil, nil},
		{"en: people named together did not thereby meet",
			"Hue and Blois\nMayor Jean Dupont of Blois and Chairman Nguyen Van Thanh were both in Hue last year.\n",
			nil, []rel{{Met, "person:jean-dupont", "person:nguyen-van-thanh"}}, nil},
		{"fr: twin cities since a year",
			"Deux villes jumelles\nLa ville de Blois et la ville de Hué sont jumelées depuis 2006.\n",
			[]rel{{PartnerOf, "city:blois", "city:hue"}}, nil, nil},
		{"fr: no partnership without a cue",
			"Deux villes\nLa ville de Blois et la ville de Hué ont chacune un musée.\n",
			nil, []rel{{PartnerOf, "city:blois", "city:hue"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := relate(resolvedOf(t, tt.text))
			has := func(r rel) bool {
				for _, x := range d.rels {
					if x.Type == r.typ && x.From == r.from && x.To == r.to {
						return true
					}
				}
				return false
			}
			for _, r := range tt.want {
				if !has(r) {
					t.Errorf("missing %v; got %v", r, d.rels)
				}
			}
			for _, r := range tt.notWant {
				if has(r) {
					t.Errorf("unwanted %v", r)
				}
			}
			for k, n := range tt.counts {
				found := false
				for _, q := range d.qs {
					if q.Subject+"|"+q.Unit == k && q.Count == n {
						found = true
					}
				}
				if !found {
					t.Errorf("no count %s = %v; got %v", k, n, d.qs)
				}
			}
			// every relation's evidence is a sentence of the article
			for _, r := range d.rels {
				ev := r.Evidence[0]
				if tt.text[ev.Start:ev.End] != ev.Text {
					t.Errorf("%v: evidence offsets do not give its text", r)
				}
			}
		})
	}
}

// TestRelateLeavesResolved checks that relate adds its own output (event
// dates, the countries relations need) and changes nothing resolve
// decided: the entities, their properties and order, the mentions.
func TestRelateLeavesResolved(t *testing.T) {
	texts := []string{
		" date 2024-05-16 Hue hosts the conference\nThe 3rd Vietnam-France Decentralised Cooperation Conference opened in Hue on Monday. The conference gathered 300 delegates from 20 countries.\n",
		" date 2023-04-02 Deux villes\nLe maire de Blois a signé un accord avec Hué le 3 mars 2023, lors des Assises de la coopération franco-vietnamienne.\n",
	}
	snapshot := func(r *resolved) string {
		var b strings.Builder
		for _, id := range r.order {
			e := r.ents[id]
			fmt.Fprintf(&b, "%s %v %d %d\n", id, e.e.Props, len(e.e.Mentions), e.count)
		}
		fmt.Fprintf(&b, "%d ments %v cover\n", len(r.ments), r.cover)
		return b.String()
	}
	for _, text := range texts {
		r := resolvedOf(t, text)
		before := snapshot(r)
		d := relate(r)
		if after := snapshot(r); after != before {
			t.Errorf("relate changed resolve's output:\nbefore %s\nafter  %s", before, after)
		}
		if len(d.evDates) == 0 {
			t.Errorf("relate dated no event (test sentences need one)")
		}
		res := d.result()
		for id, v := range d.evDates {
			for _, e := range res.Entities {
				if e.ID == id && e.Props["date"] != v {
					t.Errorf("%s: result date %v, relate decided %q", id, e.Props["date"], v)
				}
			}
		}
	}
}
