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
	n := addAlternates(places, countries, alt, lists, map[string]bool{})
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
