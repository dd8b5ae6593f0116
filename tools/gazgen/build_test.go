package main

import (
	"encoding/binary"
	"slices"
	"testing"
)

func TestStripAdmin(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Thành phố Hà Nội", "Hà Nội"},
		{"Thành Phố Uông Bí", "Uông Bí"},
		{"Tỉnh Quảng Ninh", "Quảng Ninh"},
		{"Thị Trấn Yên Minh", "Yên Minh"},
		{"Thị Xã Phú Mỹ", "Phú Mỹ"},
		{"Hanoi City", "Hanoi"},
		{"Quang Ninh Province", "Quang Ninh"},
		{"Ho Chi Minh City", "Ho Chi Minh"},
		{"Seoul-teukbyeolsi", "Seoul"},
		{"Gyeonggi-do", "Gyeonggi"},
		{"Bucheon-si", "Bucheon"},
		{"Beijing Shi", "Beijing"},
		{"Guangxi Zhuangzu Zizhiqu", "Guangxi"},
		{"City of Balikpapan", "Balikpapan"},
		{"Quận Một", "Quận Một"}, // District 1, not "Một"
		{"Quận Bình Thạnh", "Bình Thạnh"},
		{"Paris", "Paris"},
		{"Sejong", "Sejong"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := stripAdmin(tt.in); got != tt.want {
				t.Errorf("stripAdmin(%q) got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestASCII(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đà Nẵng", "Da Nang"},
		{"Hà Nội", "Ha Noi"},
		{"Île-de-France", "Ile-de-France"},
		{"Thừa Thiên-Huế", "Thua Thien-Hue"},
		{"Toulouse", "Toulouse"},
	}
	for _, tt := range tests {
		if got := ascii(tt.in); got != tt.want {
			t.Errorf("ascii(%q) got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestISOName(t *testing.T) {
	tests := []struct {
		in, name string
		extra    []string
	}{
		{"Catalunya [Cataluña]", "Catalunya", []string{"Cataluña"}},
		{"Wales [Cymru GB-CYM]", "Wales", []string{"Cymru"}},
		{"Asturias, Principado de", "Asturias", []string{"Principado de Asturias"}},
		{"wallonne, Région", "Région wallonne", nil},
		{"Guyane (française)", "Guyane", []string{"Guyane (française)"}},
		{"Quảng Ninh", "Quảng Ninh", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			name, extra := isoName(tt.in)
			if name != tt.name || !slices.Equal(extra, tt.extra) {
				t.Errorf("isoName(%q) got %q %q, want %q %q", tt.in, name, extra, tt.name, tt.extra)
			}
		})
	}
}

func TestKeep(t *testing.T) {
	tests := []struct {
		c    geoCity
		want bool
	}{
		{geoCity{Country: "VN", FeatureCode: "PPLA2"}, true},
		{geoCity{Country: "FR", FeatureCode: "PPL", Population: 15000}, true},
		{geoCity{Country: "FR", FeatureCode: "PPL", Population: 14999}, false},
		{geoCity{Country: "FR", FeatureCode: "PPLA2", Population: 8000}, true}, // a préfecture
		{geoCity{Country: "KR", FeatureCode: "PPL", Population: 49999}, false},
		{geoCity{Country: "DE", FeatureCode: "PPL", Population: 90000}, false},
		{geoCity{Country: "DE", FeatureCode: "PPL", Population: 100000}, true},
		{geoCity{Country: "IT", FeatureCode: "PPLA2", Population: 50000}, true}, // a provincial capital
		{geoCity{Country: "IT", FeatureCode: "PPLA2", Population: 49999}, false},
		{geoCity{Country: "JP", FeatureCode: "PPL", Population: 50000}, true},
		{geoCity{Country: "DE", FeatureCode: "PPL", Population: 200000}, true},
		{geoCity{Country: "CH", FeatureCode: "PPLA", Population: 50000}, true},
		{geoCity{Country: "TV", FeatureCode: "PPLC", Population: 6000}, true},
		{geoCity{Country: "US", FeatureCode: "PPLX", Population: 900000}, false},
		{geoCity{Country: "VN", FeatureCode: "PPLH"}, false},
	}
	for _, tt := range tests {
		if got := keep(tt.c); got != tt.want {
			t.Errorf("keep(%+v) got %v, want %v", tt.c, got, tt.want)
		}
	}
}

func TestKeepSub(t *testing.T) {
	tests := []struct {
		s    isoSub
		want bool
	}{
		{isoSub{Code: "NL-ZE", Name: "Zeeland", Type: "Province"}, true},
		{isoSub{Code: "NL-AW", Name: "Aruba", Type: "Country"}, false}, // a country of ISO 3166-1
		{isoSub{Code: "NL-BQ1", Name: "Bonaire", Type: "Special municipality"}, false},
		{isoSub{Code: "ES-CT", Name: "Catalunya", Type: "Autonomous community"}, true},
		{isoSub{Code: "ES-B", Name: "Barcelona", Type: "Province", Parent: "CT"}, false},
		{isoSub{Code: "DE-BY", Name: "Bayern", Type: "Land"}, true},
		{isoSub{Code: "PL-14", Name: "Mazowieckie", Type: "Voivodship"}, false}, // not a country whose subdivisions are kept
	}
	for _, tt := range tests {
		if got := keepSub(tt.s); got != tt.want {
			t.Errorf("keepSub(%+v) got %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestSubKind(t *testing.T) {
	tests := map[string]string{
		"Province": "province", "Municipality": "municipality", "Metropolitan department": "department",
		"Metropolitan region": "region", "Special city": "municipality", "Land": "region", "State": "province",
		"Autonomous community": "region", "Prefecture": "province", "District": "municipality",
	}
	for in, want := range tests {
		if got := subKind(in); got != want {
			t.Errorf("subKind(%q) got %q, want %q", in, got, want)
		}
	}
}

func TestMergeAndIDs(t *testing.T) {
	cities := []*place{
		{Name: "Hanoi", Country: "VN", Kind: "city", Pop: 1000, feature: "PPLC", key: "hanoi", geoID: 1},
		{Name: "Paris", Country: "FR", Kind: "city", Pop: 2000, feature: "PPLC", key: "paris", geoID: 2},
		{Name: "Paris", Country: "US", Kind: "city", Pop: 20, feature: "PPL", key: "paris", geoID: 3},
		{Name: "Vienne", Country: "FR", Kind: "city", Pop: 30, feature: "PPL", key: "vienne", geoID: 4},
	}
	subs := []*place{
		{Name: "Ha Noi", Country: "VN", Kind: "municipality", key: "hanoi", Aliases: []string{"Hà Nội"}},
		{Name: "Paris", Country: "FR", Kind: "department", key: "paris"},
		{Name: "Vienne", Country: "FR", Kind: "department", key: "vienne"}, // not the seat: kept apart
	}
	ps := mergePlaces(cities, subs)
	assignIDs(ps)
	var got []string
	for _, p := range ps {
		got = append(got, p.ID+"/"+p.Kind)
	}
	slices.Sort(got)
	want := []string{"city:hanoi/municipality", "city:paris-us/city", "city:paris/city", "city:vienne-fr/department", "city:vienne/city"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if !slices.Equal(cities[0].Aliases, []string{"Ha Noi", "Hà Nội"}) {
		t.Errorf("merged aliases got %q, want [Ha Noi Hà Nội]", cities[0].Aliases)
	}
}

func TestCommonWords(t *testing.T) {
	ps := []*place{
		{Name: "Orange", Pop: 30000},
		{Name: "Rennes", Pop: 30000},         // plural of "renne"
		{Name: "Nice", Pop: 340000},          // big: listed by hand
		{Name: "Sens", Pop: 26000},           // "sens" is not a plural here
		{Name: "Saint-Étienne", Pop: 170000}, // several words
		{Name: "Toulouse", Pop: 400000},      // not a word
		{Name: "Ur", Pop: 1000, Aliases: []string{"Orne"}},
	}
	lists := []map[string]bool{
		{"orange": true, "nice": true},
		{"renne": true, "rennes": true, "sens": true, "orne": true},
	}
	got := commonWords(ps, lists)
	want := []string{"orange", "orne", "sens"}
	if !slices.Equal(got, want) {
		t.Errorf("commonWords got %q, want %q", got, want)
	}
}

func appendVarint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }

func appendString(b []byte, tag int, s string) []byte {
	b = appendVarint(b, uint64(tag<<3|2))
	b = appendVarint(b, uint64(len(s)))
	return append(b, s...)
}

// varintKey is the protobuf key of a varint field (wire type 0).
func varintKey(field uint64) uint64 { return field << 3 }

func TestDecodeCities(t *testing.T) {
	var rec []byte
	rec = appendVarint(rec, varintKey(1))
	rec = appendVarint(rec, 2*1581130) // zigzag of 1581130
	rec = appendString(rec, 2, "Hanoi")
	rec = appendString(rec, 3, "VN")
	rec = appendString(rec, 7, "PPLC")
	rec = appendString(rec, 8, "44")
	rec = appendVarint(rec, varintKey(9))
	rec = appendVarint(rec, 1431270)
	rec = appendVarint(rec, varintKey(10))
	rec = appendVarint(rec, 3) // longitude delta, ignored
	var file []byte
	for range 2 {
		file = appendVarint(file, uint64(len(rec)))
		file = append(file, rec...)
	}
	got, err := decodeCities(file)
	if err != nil {
		t.Fatalf("decodeCities: %v", err)
	}
	want := geoCity{ID: 1581130, Name: "Hanoi", Country: "VN", FeatureCode: "PPLC", AdminCode: "44", Population: 1431270}
	if len(got) != 2 || got[0] != want || got[1] != want {
		t.Errorf("got %+v, want two of %+v", got, want)
	}
	if _, err := decodeCities(file[:len(file)-3]); err == nil {
		t.Errorf("decodeCities of a truncated file got no error, want one")
	}
}

func TestParseMO(t *testing.T) {
	pairs := [][2]string{{"Brittany", "Bretagne"}, {"Hà Nội", "Hanoï"}}
	// Header, then the two string tables, then the strings.
	const hdr = 28
	b := make([]byte, hdr+16*len(pairs))
	le := binary.LittleEndian
	le.PutUint32(b[0:], 0x950412de)
	le.PutUint32(b[8:], uint32(len(pairs)))
	le.PutUint32(b[12:], hdr)
	le.PutUint32(b[16:], uint32(hdr+8*len(pairs)))
	for i, p := range pairs {
		for j, s := range p {
			off := hdr + 8*len(pairs)*j + 8*i
			le.PutUint32(b[off:], uint32(len(s)))
			le.PutUint32(b[off+4:], uint32(len(b)))
			b = append(b, s...)
			b = append(b, 0)
		}
	}
	got, err := parseMO(b)
	if err != nil {
		t.Fatalf("parseMO: %v", err)
	}
	if len(got) != 2 || got["Brittany"] != "Bretagne" || got["Hà Nội"] != "Hanoï" {
		t.Errorf("parseMO got %v, want Brittany→Bretagne, Hà Nội→Hanoï", got)
	}
	if _, err := parseMO([]byte("not a catalogue, but long enough to read")); err == nil {
		t.Errorf("parseMO of garbage got no error, want one")
	}
}

func TestMinorHomonym(t *testing.T) {
	lists := []map[string]bool{{"delta": true}}
	names := map[string]bool{"kobayashi": true}
	properNouns["garcia"] = true
	defer delete(properNouns, "garcia")
	is := func(n string) bool { return homonym(n, lists, names) }
	tests := []struct {
		c    geoCity
		want bool
	}{
		{geoCity{Name: "Delta", Country: "CA", FeatureCode: "PPL", Population: 100000}, true},
		{geoCity{Name: "García", Country: "MX", FeatureCode: "PPLA2", Population: 93000}, true},
		{geoCity{Name: "Kobayashi", Country: "JP", FeatureCode: "PPL", Population: 60000}, true},
		{geoCity{Name: "Delta", Country: "CA", FeatureCode: "PPL", Population: 250000}, false},  // big enough to be meant
		{geoCity{Name: "Delta", Country: "CA", FeatureCode: "PPLA", Population: 100000}, false}, // a capital
		{geoCity{Name: "Delta", Country: "FR", FeatureCode: "PPL", Population: 100000}, false},  // French: read in context
		{geoCity{Name: "Sherbrooke", Country: "CA", FeatureCode: "PPL", Population: 130000}, false},
	}
	for _, tt := range tests {
		if got := minorHomonym(tt.c, is); got != tt.want {
			t.Errorf("minorHomonym(%+v) got %v, want %v", tt.c, got, tt.want)
		}
	}
	if minorHomonym(tests[0].c, nil) {
		t.Error("minorHomonym with no test must keep every place")
	}
}
