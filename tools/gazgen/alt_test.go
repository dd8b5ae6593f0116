package main

import (
	"slices"
	"testing"
)

func TestUsableAlternate(t *testing.T) {
	tests := []struct {
		name, country string
		want          bool
	}{
		{"Sài Gòn", "VN", true},
		{"HCMC", "VN", true},
		{"HAN", "VN", false},      // an airport code
		{"bei jing", "CN", false}, // a lowercase romanisation
		{"GJa Nang", "VN", false}, // GeoNames' ASCII Đ
		{"Ханой", "VN", false},
		{"Hočiminovo Mesto", "VN", false},                  // letters French and Vietnamese do not use
		{"Lapangan Terbang Blagnac Toulouse", "FR", false}, // too long outside Vietnam
		{"Thành phố Bắc Liêu", "VN", true},
		{"Paris 01", "FR", false},
	}
	for _, tt := range tests {
		if got := usableAlternate(tt.name, tt.country); got != tt.want {
			t.Errorf("usableAlternate(%q, %s) got %v, want %v", tt.name, tt.country, got, tt.want)
		}
	}
}

func TestAddAlternates(t *testing.T) {
	hcm := &place{ID: "city:ho-chi-minh-city", Name: "Ho Chi Minh City", Country: "VN", Pop: 3_000_000, geoID: 1}
	busan := &place{ID: "city:busan", Name: "Busan", Country: "KR", Pop: 3_000_000, geoID: 2}
	lyon := &place{ID: "city:lyon", Name: "Lyon", Country: "FR", Pop: 500_000, geoID: 3}
	small := &place{ID: "city:smallville", Name: "Smallville", Country: "US", Pop: 20_000, geoID: 4}
	other := &place{ID: "city:seoul", Name: "Seoul", Country: "KR", Pop: 9_000_000, Capital: true, geoID: 5}
	places := []*place{hcm, busan, lyon, small, other}
	countries := []*country{{ID: "country:france", ISO2: "FR", Name: "France"}}
	alt := map[int64][]string{
		1: {"HCMC", "TPHCM", "Ho Chi Minh Ville", "Gia Định", "SGN", "Ho-Chi-Minh-Stadt"},
		2: {"Pusan", "Busan-si", "Fusan", "Seoul"},                   // Seoul is another place's name
		3: {"Lion", "Lugdunum", "Lyons", "France", "Lyon Métropole"}, // a word, a former name, a short variant, a country
		4: {"Smallvile"},                                             // out of scope
	}
	lists := []map[string]bool{{"lion": true}}
	n := addAlternates(places, countries, alt, altFilter{lists: lists, names: map[string]bool{}})
	want := map[*place][]string{
		hcm:   {"HCMC", "TPHCM"}, // not the former name, nor names in other languages
		busan: {"Pusan", "Busan-si", "Fusan"},
		lyon:  {"Lyon Métropole"},
		small: nil,
		other: nil,
	}
	total := 0
	for p, w := range want {
		if !slices.Equal(p.Aliases, w) {
			t.Errorf("%s: got aliases %q, want %q", p.ID, p.Aliases, w)
		}
		total += len(w)
	}
	if n != total {
		t.Errorf("got %d added, want %d", n, total)
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"busan", "pusan", 1}, {"hanoi", "hanoi", 0}, {"kangnung", "gangneung", 2}, {"", "abc", 3}} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) got %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestAddAlternatesExonyms(t *testing.T) {
	// Made-up places and dictionary: the rule, not GeoNames' data.
	capital := &place{ID: "city:riverton", Name: "Riverton", Country: "XA", Pop: 5_000_000, Capital: true, geoID: 10}
	port := &place{ID: "city:saltmarsh", Name: "Saltmarsh", Country: "XB", Pop: 800_000, Capital: true, geoID: 11}
	places := []*place{capital, port}
	alt := map[int64][]string{
		// "Riviere" is the French dictionary's "Rivière" (kept, spelt so), "Flussstadt"
		// another language's name (not a variant, no proper noun: dropped), "Ashford"
		// a proper noun that names towns elsewhere (dropped)
		10: {"Riviere", "Flussstadt", "Ashford"},
		// "Salins" is a proper noun also naming one village far smaller: kept;
		// "Marais" is a common French word and a proper noun: kept
		11: {"Salins", "Marais", "Port-Sel"},
	}
	f := altFilter{
		lists:   []map[string]bool{{"marais": true}},
		names:   map[string]bool{},
		propers: map[string]string{"riviere": "Rivière", "ashford": "Ashford", "salins": "Salins", "marais": "Marais"},
		localities: localityKeys([]geoCity{
			{ID: 10, Name: "Riverton", Population: 5_000_000},
			{ID: 20, Name: "Ashford", Population: 70_000},
			{ID: 21, Name: "Ashford", Population: 3_000},
			{ID: 22, Name: "Salins-les-Bains", Population: 2_500}, // "Salins" too, but small
		}),
	}
	addAlternates(places, nil, alt, f)
	if want := []string{"Rivière"}; !slices.Equal(capital.Aliases, want) {
		t.Errorf("capital: got aliases %q, want %q", capital.Aliases, want)
	}
	if want := []string{"Salins", "Marais"}; !slices.Equal(port.Aliases, want) {
		t.Errorf("port: got aliases %q, want %q", port.Aliases, want)
	}
	// a proper noun naming a town of 1 % of the place's size or more is dropped
	f.localities = localityKeys([]geoCity{{ID: 23, Name: "Salins", Population: 8_000}})
	port.Aliases = nil
	addAlternates([]*place{port}, nil, alt, f)
	if want := []string{"Marais"}; !slices.Equal(port.Aliases, want) {
		t.Errorf("port, Salins elsewhere: got aliases %q, want %q", port.Aliases, want)
	}
}

func TestProperEntry(t *testing.T) {
	for _, tt := range []struct {
		line, want string
		ok         bool
	}{
		{"Pékin/L'D'Q' po:npr is:epi is:inv", "Pékin", true},
		{"Jean/L'D'Q' po:prn is:mas is:inv", "", false}, // a first name
		{"Dupont/L'D'Q' po:patr is:mas", "", false},     // a surname
		{"pékin/S. po:nom is:mas", "", false},           // the common noun
		{"Rongcheng po:npr is:epi is:inv", "Rongcheng", true},
		{"Peking/SM", "Peking", true}, // an untagged dictionary: capitalised entries
		{"peking", "", false},
		{"", "", false},
	} {
		got, ok := properEntry(tt.line)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("properEntry(%q) got %q, %v, want %q, %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}
