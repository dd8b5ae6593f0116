package gazetteer

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kg-dev/kg/extract/fold"
)

func mustDefault(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return g
}

func TestLookup(t *testing.T) {
	g := mustDefault(t)
	tests := []struct {
		name string // surface form
		want string // id of the best candidate
	}{
		// Vietnam, with and without diacritics, French and English spellings.
		{"Hanoi", "city:hanoi"},
		{"Hà Nội", "city:hanoi"},
		{"Ha Noi", "city:hanoi"},
		{"Hanoï", "city:hanoi"},
		{"Thành phố Hà Nội", "city:hanoi"},
		{"Hanoi City", "city:hanoi"},
		{"Da Nang", "city:da-nang"},
		{"Đà Nẵng", "city:da-nang"},
		{"Danang", "city:da-nang"},
		{"Ho Chi Minh City", "city:ho-chi-minh-city"},
		{"Hô Chi Minh-Ville", "city:ho-chi-minh-city"},
		{"Saigon", "city:ho-chi-minh-city"},
		{"TP.HCM", "city:ho-chi-minh-city"},
		// French exonyms that only the generator gives (GeoNames alternate
		// names that the French dictionary holds as proper nouns: tools/gazgen)
		{"Kiev", "city:kyiv"},
		{"Saint-Domingue", "city:santo-domingo"},
		{"Mascate", "city:muscat"},
		{"Tananarive", "city:antananarivo"},
		{"Hải Phòng", "city:haiphong"},
		{"Haiphong", "city:haiphong"},
		{"Cần Thơ", "city:can-tho"},
		{"Huế", "city:hue"},
		{"Hué", "city:hue"},
		{"Đà Lạt", "city:da-lat"},
		{"Hạ Long", "city:ha-long"},
		{"Hà Tĩnh", "city:ha-tinh"},
		{"Quảng Ninh", "city:quang-ninh"},
		{"Quang Ninh Province", "city:quang-ninh"},
		{"Tỉnh Quảng Ninh", "city:quang-ninh"},
		{"Thừa Thiên Huế", "city:thua-thien-hue"},
		{"Bà Rịa - Vũng Tàu", "city:ba-ria-vung-tau"},
		{"Hà Giang", "city:ha-giang"}, // merged into Tuyên Quang in 2025; kept
		{"Kiên Giang", "city:kien-giang"},
		{"Việt Nam", "country:vietnam"},
		{"Viet Nam", "country:vietnam"},
		{"Vietnam", "country:vietnam"},
		{"Viêt-Nam", "country:vietnam"},
		// France: cities, régions, départements.
		{"Toulouse", "city:toulouse"},
		{"Paris", "city:paris"},
		{"Île-de-France", "city:ile-de-france"},
		{"Ile de France", "city:ile-de-france"},
		{"Val-de-Marne", "city:val-de-marne"},
		{"Nouvelle-Aquitaine", "city:nouvelle-aquitaine"},
		{"Occitanie", "city:occitania"},
		{"Bretagne", "city:brittany"},
		{"Bouches-du-Rhône", "city:bouches-du-rhone"},
		{"France", "country:france"},
		{"République française", "country:france"},
		// Elsewhere: exonyms, countries in three languages, a city-state.
		{"Seoul", "city:seoul"},
		{"Séoul", "city:seoul"},
		{"Pékin", "city:beijing"},
		{"Moscou", "city:moscow"},
		{"Londres", "city:london"},
		{"Bruxelles", "city:brussels"},
		{"Cebu City", "city:cebu"},
		{"Cebu", "city:cebu"},
		{"Corée du Sud", "country:south-korea"},
		{"Republic of Korea", "country:south-korea"},
		{"Hàn Quốc", "country:south-korea"},
		{"South Korea", "country:south-korea"},
		{"Chine", "country:china"},
		{"Trung Quốc", "country:china"},
		{"United States", "country:united-states"},
		{"États-Unis", "country:united-states"},
		{"Singapore", "country:singapore"},
		{"Singapour", "country:singapore"},
		{"Mexico", "country:mexico"},          // the country before its capital
		{"Vienne", "city:vienna"},             // the capital before the département and commune
		{"Washington", "city:washington-d-c"}, // the capital before the state
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := g.Lookup(fold.Key(tt.name))
			if len(got) == 0 {
				t.Fatalf("Lookup(%q) got nothing, want %s", tt.name, tt.want)
			}
			if got[0].ID != tt.want {
				t.Errorf("Lookup(%q)[0] got %s, want %s", tt.name, got[0].ID, tt.want)
			}
			if p := g.LookupName(tt.name); len(p) == 0 || p[0] != got[0] {
				t.Errorf("LookupName(%q) differs from Lookup(fold.Key)", tt.name)
			}
		})
	}
}

func TestLookupMiss(t *testing.T) {
	g := mustDefault(t)
	for _, k := range []string{"", "notaplaceatall", "the"} {
		if got := g.Lookup(k); len(got) != 0 {
			t.Errorf("Lookup(%q) got %s, want nothing", k, got[0].ID)
		}
	}
}

func TestRequiredPlaces(t *testing.T) {
	g := mustDefault(t)
	tests := []struct {
		id, name, typ, country, kind string
		capital, cityState           bool
		aliases                      []string
	}{
		{"country:vietnam", "Vietnam", TypeCountry, "VN", KindCountry, false, false, []string{"Việt Nam", "Viet Nam"}},
		{"country:south-korea", "South Korea", TypeCountry, "KR", KindCountry, false, false, []string{"Corée du Sud", "Hàn Quốc", "Republic of Korea"}},
		{"country:france", "France", TypeCountry, "FR", KindCountry, false, false, nil},
		{"country:united-states", "United States", TypeCountry, "US", KindCountry, false, false, nil},
		{"country:china", "China", TypeCountry, "CN", KindCountry, false, false, nil},
		{"country:singapore", "Singapore", TypeCountry, "SG", KindCountry, false, true, []string{"Singapour"}},
		{"city:hanoi", "Hanoi", TypeCity, "VN", KindMunicipality, true, false, []string{"Hà Nội", "Ha Noi", "Hanoï"}},
		{"city:da-nang", "Da Nang", TypeCity, "VN", KindMunicipality, false, false, []string{"Đà Nẵng", "Danang"}},
		{"city:ho-chi-minh-city", "Ho Chi Minh City", TypeCity, "VN", KindMunicipality, false, false, []string{"Hồ Chí Minh"}},
		{"city:hue", "Hue", TypeCity, "VN", KindMunicipality, false, false, []string{"Huế"}},
		{"city:seoul", "Seoul", TypeCity, "KR", KindMunicipality, true, false, []string{"Séoul"}},
		{"city:toulouse", "Toulouse", TypeCity, "FR", KindCity, false, false, nil},
		{"city:quang-ninh", "Quang Ninh", TypeCity, "VN", KindProvince, false, false, []string{"Quảng Ninh"}},
		{"city:val-de-marne", "Val-de-Marne", TypeCity, "FR", KindDepartment, false, false, nil},
		{"city:ile-de-france", "Île-de-France", TypeCity, "FR", KindRegion, false, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			p := g.ByID(tt.id)
			if p == nil {
				t.Fatalf("ByID(%q) got nil", tt.id)
			}
			if p.Name != tt.name || p.Type != tt.typ || p.Country != tt.country || p.Kind != tt.kind ||
				p.Capital != tt.capital || p.CityState != tt.cityState {
				t.Errorf("got %+v, want name %q type %s country %s kind %s capital %v citystate %v",
					*p, tt.name, tt.typ, tt.country, tt.kind, tt.capital, tt.cityState)
			}
			for _, a := range tt.aliases {
				if !slices.Contains(p.Aliases, a) {
					t.Errorf("aliases got %q, want %q among them", p.Aliases, a)
				}
			}
		})
	}
}

// TestProvinceLevelCitiesAreOnePlace checks that a Vietnamese
// municipality and its city are one node, not a city and a province.
func TestProvinceLevelCitiesAreOnePlace(t *testing.T) {
	g := mustDefault(t)
	for _, name := range []string{"Hà Nội", "Hồ Chí Minh City", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Huế", "Paris", "Seoul"} {
		t.Run(name, func(t *testing.T) {
			var ids []string
			for _, p := range g.LookupName(name) {
				if p.Type == TypeCity {
					ids = append(ids, p.ID)
				}
			}
			if len(ids) != 1 {
				t.Errorf("places named %q got %q, want one", name, ids)
			}
		})
	}
}

func TestSuccessor(t *testing.T) {
	g := mustDefault(t)
	tests := []struct{ id, want string }{
		{"city:quang-nam", "city:da-nang"},
		{"city:ha-giang", "city:tuyen-quang"},
		{"city:binh-duong", "city:ho-chi-minh-city"},
		{"city:thua-thien-hue", "city:hue"},
		{"city:hai-duong", "city:haiphong"},
		{"city:kien-giang", "city:an-giang"},
		{"city:da-nang", ""},
		{"city:quang-ninh", ""},
		{"city:rhone-alpes", "city:auvergne-rhone-alpes"},
		{"city:picardy", "city:hauts-de-france"},
		{"city:brittany", ""},
	}
	n := map[string]int{}
	for _, p := range g.Places() {
		if p.Successor != "" {
			n[p.Country]++
		}
	}
	if n["VN"] != 30 {
		t.Errorf("got %d Vietnamese places with a successor, want 30 (63 units merged into 34, Thừa Thiên Huế renamed)", n["VN"])
	}
	if n["FR"] != 16 {
		t.Errorf("got %d French places with a successor, want 16 (22 regions of 1982 into 13 in 2016: 16 gone)", n["FR"])
	}
	for _, tt := range tests {
		if got := g.ByID(tt.id).Successor; got != tt.want {
			t.Errorf("%s.Successor got %q, want %q", tt.id, got, tt.want)
		}
	}
}

func TestDemonym(t *testing.T) {
	g := mustDefault(t)
	tests := []struct{ surface, want string }{
		{"French", "country:france"},
		{"français", "country:france"},
		{"française", "country:france"},
		{"françaises", "country:france"},
		{"Vietnamese", "country:vietnam"},
		{"vietnamien", "country:vietnam"},
		{"vietnamienne", "country:vietnam"},
		{"vietnamiens", "country:vietnam"},
		{"vietnamiennes", "country:vietnam"},
		{"South Korean", "country:south-korea"},
		{"sud-coréen", "country:south-korea"},
		{"sud-coréenne", "country:south-korea"},
		{"sud-coréens", "country:south-korea"},
		{"sud-coréennes", "country:south-korea"},
		{"Korean", "country:south-korea"},
		{"coréenne", "country:south-korea"},
		{"American", "country:united-states"},
		{"Chinese", "country:china"},
		{"chinoise", "country:china"},
		{"Japanese", "country:japan"},
		{"laotien", "country:laos"},
		{"Singaporean", "country:singapore"},
		{"German", "country:germany"},
	}
	for _, tt := range tests {
		t.Run(tt.surface, func(t *testing.T) {
			p := g.Demonym(fold.Key(tt.surface))
			if p == nil {
				t.Fatalf("Demonym(%q) got nil, want %s", tt.surface, tt.want)
			}
			if p.ID != tt.want {
				t.Errorf("Demonym(%q) got %s, want %s", tt.surface, p.ID, tt.want)
			}
		})
	}
	if p := g.Demonym(fold.Key("Hanoian")); p != nil {
		t.Errorf("Demonym(hanoian) got %s, want nil", p.ID)
	}
	seen := 0
	g.DemonymNames(func(surface string, p *Place) {
		if g.Demonym(fold.Key(surface)) == nil {
			t.Errorf("DemonymNames gave %q for %s, but Demonym finds nothing", surface, p.ID)
		}
		seen++
	})
	if seen < 500 {
		t.Errorf("DemonymNames gave %d forms, want at least 500", seen)
	}
}

func TestAmbiguous(t *testing.T) {
	g := mustDefault(t)
	tests := []struct {
		surface, id string
		want        bool
	}{
		{"Nice", "city:nice", true},
		{"Orange", "city:orange", true},
		{"Florence", "city:florence", true},
		{"Laval", "city:laval", true},
		{"Tours", "city:tours", true},
		{"Vinh", "city:vinh", true},
		{"Hue", "city:hue", true},
		{"Ho Chi Minh", "city:ho-chi-minh-city", true},
		{"Korea", "country:south-korea", true},
		{"U.S.", "country:united-states", true},
		{"Georgia", "country:georgia", true},
		{"Hanoi", "city:hanoi", false},
		{"Danang", "city:da-nang", false},
		{"Saigon", "city:ho-chi-minh-city", false},
		{"Paris", "city:paris", false},
		{"Toulouse", "city:toulouse", false},
		{"Đà Nẵng", "city:da-nang", false},
		{"USA", "country:united-states", false},
		{"Seoul", "city:seoul", false},
		{"Quảng Ninh", "city:quang-ninh", false},
	}
	for _, tt := range tests {
		t.Run(tt.surface, func(t *testing.T) {
			p := g.ByID(tt.id)
			if p == nil {
				t.Fatalf("ByID(%q) got nil", tt.id)
			}
			if got := g.AmbiguousName(tt.surface, p); got != tt.want {
				t.Errorf("AmbiguousName(%q, %s) got %v, want %v", tt.surface, tt.id, got, tt.want)
			}
		})
	}
	for id, want := range map[string]bool{"city:nice": true, "city:vinh": true, "city:hue": true, "city:hanoi": false, "country:vietnam": false} {
		if got := g.ByID(id).Ambiguous; got != want {
			t.Errorf("%s.Ambiguous got %v, want %v", id, got, want)
		}
	}
}

// TestIntegrity checks the whole embedded data: unique ids of the right
// shape, known countries, every surface form found again by Lookup.
func TestIntegrity(t *testing.T) {
	g := mustDefault(t)
	ps := g.Places()
	if len(ps) < 5000 {
		t.Fatalf("got %d places, want at least 5000", len(ps))
	}
	ids := map[string]bool{}
	for _, p := range ps {
		if ids[p.ID] {
			t.Errorf("duplicate id %s", p.ID)
		}
		ids[p.ID] = true
		switch p.Type {
		case TypeCountry:
			if !strings.HasPrefix(p.ID, "country:") || p.CountryID != "" || g.Country(p.Country) != p {
				t.Errorf("country %s: got id %s, CountryID %q, Country(%s) mismatch", p.Name, p.ID, p.CountryID, p.Country)
			}
		case TypeCity:
			c := g.ByID(p.CountryID)
			if !strings.HasPrefix(p.ID, "city:") || c == nil || c.Type != TypeCountry || c.Country != p.Country {
				t.Errorf("place %s: got CountryID %q for country %s, want an existing country", p.ID, p.CountryID, p.Country)
			}
		default:
			t.Errorf("place %s: got type %q", p.ID, p.Type)
		}
		if slug := strings.SplitN(p.ID, ":", 2)[1]; !strings.HasPrefix(slug, fold.Slug(p.Name)) {
			t.Errorf("place %s: id does not start with the slug of its name %q", p.ID, p.Name)
		}
	}
	names := 0
	g.Names(func(surface string, p *Place) {
		names++
		if !slices.Contains(g.Lookup(fold.Key(surface)), p) {
			t.Errorf("Names gave %q for %s, but Lookup does not find it", surface, p.ID)
		}
	})
	if names < 3*len(ps)/2 {
		t.Errorf("Names gave %d surfaces for %d places, want at least 1.5 times as many", names, len(ps))
	}
	if g.Country("vn") != g.ByID("country:vietnam") {
		t.Errorf("Country(vn) got %v, want country:vietnam", g.Country("vn"))
	}
}

func TestTypesMatchExtract(t *testing.T) {
	// extract.City and extract.Country; extract imports this package.
	if TypeCity != "City" || TypeCountry != "Country" {
		t.Errorf("got %q, %q, want City, Country", TypeCity, TypeCountry)
	}
}

const (
	okCountries = "# comment\nVN\tVN\tVietnam\t\tViệt Nam\tVietnamese|vietnamien\n"
	okPlaces    = "city:hanoi\tHanoi\tVN\tmunicipality\t1000\tcapital\tHà Nội\n"
)

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

func TestLoadErrors(t *testing.T) {
	countries := "country:vietnam\tVN\tVietnam\t\tViệt Nam\tVietnamese\n"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"missing countries", map[string]string{PlacesFile: okPlaces}, "open gazetteer data: open countries.tsv: file does not exist"},
		{"country fields", map[string]string{CountriesFile: "country:vietnam\tVN\tVietnam\n", PlacesFile: ""},
			"countries.tsv:1: got 3 fields, want 6 (id, iso2, name, flags, aliases, demonyms)"},
		{"country id", map[string]string{CountriesFile: okCountries, PlacesFile: ""},
			`countries.tsv:2: id: got "VN", want country:<slug>`},
		{"country iso2", map[string]string{CountriesFile: "country:vietnam\tvn\tVietnam\t\t\t\n", PlacesFile: ""},
			`countries.tsv:1: iso2: got "vn", want two capital letters`},
		{"country flag", map[string]string{CountriesFile: "country:vietnam\tVN\tVietnam\tbig\t\t\n", PlacesFile: ""},
			`countries.tsv:1: flags: unknown flag "big"`},
		{"empty alias", map[string]string{CountriesFile: "country:vietnam\tVN\tVietnam\t\tViet||Nam\t\n", PlacesFile: ""},
			`countries.tsv:1: aliases: empty name in "Viet||Nam"`},
		{"place population", map[string]string{CountriesFile: countries, PlacesFile: "\ncity:hanoi\tHanoi\tVN\tcity\tmany\t\t\n"},
			`places.tsv:2: population: got "many", want a count`},
		{"place kind", map[string]string{CountriesFile: countries, PlacesFile: "city:hanoi\tHanoi\tVN\ttown\t1\t\t\n"},
			`places.tsv:1: kind: unknown kind "town"`},
		{"place space", map[string]string{CountriesFile: countries, PlacesFile: "city:hanoi\tHanoi \tVN\tcity\t1\t\t\n"},
			`places.tsv:1: name: leading or trailing space`},
		{"duplicate id", map[string]string{CountriesFile: countries, PlacesFile: okPlaces + okPlaces},
			`places.tsv:2: id: duplicate id city:hanoi`},
		{"unknown country", map[string]string{CountriesFile: countries, PlacesFile: "city:paris\tParis\tFR\tcity\t1\t\t\n"},
			`place city:paris: unknown country FR`},
		{"extra directive", map[string]string{CountriesFile: countries, PlacesFile: okPlaces, ExtraFile: "# x\nrename\tcity:hanoi\tHN\n"},
			`extra.tsv:2: directive: got "rename", want alias, demonym, successor or place`},
		{"extra unknown id", map[string]string{CountriesFile: countries, PlacesFile: okPlaces, ExtraFile: "alias\tcity:hue\tHuế\n"},
			`extra.tsv:1: id: unknown place city:hue`},
		{"extra demonym", map[string]string{CountriesFile: countries, PlacesFile: okPlaces, ExtraFile: "demonym\tFR\tFrench\n"},
			`extra.tsv:1: iso2: unknown country "FR"`},
		{"extra place", map[string]string{CountriesFile: countries, PlacesFile: okPlaces, ExtraFile: "place\tcity:hue\tHue\tVN\tcity\n"},
			`extra.tsv:1: got 5 fields, want 8 (directive, id, name, country, kind, population, flags, aliases)`},
		{"successor", map[string]string{CountriesFile: countries, PlacesFile: okPlaces, ExtraFile: "successor\tcity:hanoi\tcity:hanoi\n"},
			`extra.tsv:1: successor: unknown or same place city:hanoi`},
		{"ambiguous", map[string]string{CountriesFile: countries, PlacesFile: okPlaces, AmbiguousFile: "Nice\nSaint\tDenis\n"},
			`ambiguous.txt:2: got "Saint\tDenis", want one name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(mapFS(tt.files))
			if err == nil {
				t.Fatalf("Load got no error, want %q", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("Load error got %q, want %q", err.Error(), tt.want)
			}
		})
	}
	_, err := Load(mapFS(map[string]string{CountriesFile: countries, PlacesFile: "x\n"}))
	var pe *ParseError
	if !errors.As(err, &pe) || pe.File != PlacesFile || pe.Line != 1 {
		t.Errorf("Load error got %#v, want a *ParseError at places.tsv:1", err)
	}
	_, err = Load(mapFS(map[string]string{PlacesFile: ""}))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load error got %v, want fs.ErrNotExist", err)
	}
}

// TestLoadRanking checks candidate order on a small hand-built gazetteer.
func TestLoadRanking(t *testing.T) {
	files := map[string]string{
		CountriesFile: "country:georgia\tGE\tGeorgia\t\t\t\n" +
			"country:united-states\tUS\tUnited States\t\tUSA\tAmerican\n" +
			"country:france\tFR\tFrance\t\t\tFrench|française\n" +
			"country:vietnam\tVN\tVietnam\t\t\t\n" +
			"country:reunion\tRE\tRéunion\tterritory\tLa Réunion\t\n",
		PlacesFile: "city:georgia\tGeorgia\tUS\tprovince\t0\t\t\n" +
			"city:saint-denis\tSaint-Denis\tRE\tcity\t150000\t\t\n" +
			"city:saint-denis-fr\tSaint-Denis\tFR\tcity\t110000\t\t\n" +
			"city:tan-an\tTan An\tVN\tcity\t100000\t\t\n" +
			"city:tan-an-us\tTan An\tUS\tcity\t400000\t\t\n" +
			"city:capitol\tTan An Capital\tUS\tcity\t100\tcapital\tTan An\n",
		ExtraFile: "alias\tcity:tan-an\tTân An\n" +
			"demonym\tFR\tfrançais\n" +
			"place\tcity:hue\tHue\tVN\tmunicipality\t0\t\tHuế\n",
		AmbiguousFile: "# first names\nGeorgia\n",
	}
	g, err := Load(mapFS(files))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	tests := []struct {
		name string
		want []string
	}{
		{"Georgia", []string{"country:georgia", "city:georgia"}},              // country first
		{"Saint-Denis", []string{"city:saint-denis-fr", "city:saint-denis"}},  // French weighs five times
		{"Tân An", []string{"city:capitol", "city:tan-an", "city:tan-an-us"}}, // capital, then VN weight 500k > 400k
		{"Huế", []string{"city:hue"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range g.LookupName(tt.name) {
				got = append(got, p.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("LookupName(%q) got %q, want %q", tt.name, got, tt.want)
			}
		})
	}
	if p := g.Demonym("francais"); p == nil || p.ID != "country:france" {
		t.Errorf("Demonym(francais) got %v, want country:france", p)
	}
	if !g.ByID("country:georgia").Ambiguous || g.ByID("country:france").Ambiguous {
		t.Errorf("Ambiguous got georgia %v france %v, want true false", g.ByID("country:georgia").Ambiguous, g.ByID("country:france").Ambiguous)
	}
	if got := g.ByID("city:saint-denis").CountryID; got != "country:reunion" {
		t.Errorf("CountryID got %q, want country:reunion", got)
	}
}

func BenchmarkLoad(b *testing.B) {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Load(sub); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g := mustDefault(b)
	keys := []string{"hanoi", "danang", "paris", "vienne", "quangninh", "notaplace"}
	for b.Loop() {
		for _, k := range keys {
			g.Lookup(k)
		}
	}
}
