package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/kg-dev/kg/extract/fold"
)

// inputs is everything gazgen reads.
type inputs struct {
	homonym   func(name string) bool // minorHomonym's test; nil: none
	cities    []geoCity
	countries []wcCountry
	i18n      map[string]map[string]any // lang → iso2 → name or []name
	subs      []isoSub
	subFR     map[string]string // ISO 3166-2 English name → French name
}

type wcName struct {
	Common   string `json:"common"`
	Official string `json:"official"`
}

type wcCountry struct {
	Name struct {
		Common   string            `json:"common"`
		Official string            `json:"official"`
		Native   map[string]wcName `json:"native"`
	} `json:"name"`
	CCA2         string                       `json:"cca2"`
	CCA3         string                       `json:"cca3"`
	Independent  bool                         `json:"independent"`
	AltSpellings []string                     `json:"altSpellings"`
	Translations map[string]wcName            `json:"translations"`
	Demonyms     map[string]map[string]string `json:"demonyms"`
}

type isoSub struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Type   string `json:"type"`
	Parent string `json:"parent"`
}

type country struct {
	ID, ISO2, Name       string
	Aliases, Demonyms    []string
	CityState, Territory bool
}

func (c *country) flags() []string {
	var f []string
	if c.CityState {
		f = append(f, "citystate")
	}
	if c.Territory {
		f = append(f, "territory")
	}
	return f
}

type place struct {
	ID, Name, Country, Kind string
	Pop                     int64
	Capital                 bool
	Aliases                 []string
	geoID                   int64
	feature                 string
	key                     string // folded key of the name without administrative words
}

// countryNames overrides world-countries' common English names.
var countryNames = map[string]string{
	"CZ": "Czech Republic",
	"TR": "Turkey",
	"MK": "North Macedonia",
}

// cityStates are countries that are one city.
var cityStates = map[string]bool{"SG": true, "MC": true, "VA": true, "HK": true, "MO": true}

// focus are countries whose cities matter more to kg's domain (Vietnam's
// neighbours and main partners): their cities are kept from 50,000
// inhabitants instead of 100,000.
var focus = map[string]bool{
	"KR": true, "JP": true, "CN": true, "LA": true, "KH": true, "TH": true, "MM": true,
	"MY": true, "SG": true, "ID": true, "PH": true, "BN": true, "TL": true,
}

// frenchOverseas are French overseas departments listed as countries by
// ISO 3166-1; their communes are kept like those of metropolitan France.
var frenchOverseas = map[string]bool{"RE": true, "GP": true, "MQ": true, "GF": true, "YT": true}

// subCountries are countries whose first-level ISO 3166-2 subdivisions
// are kept (all of them for Vietnam and France; the provinces of the
// Netherlands, keepSub).
var subCountries = map[string]bool{
	"KR": true, "JP": true, "CN": true, "LA": true, "KH": true, "TH": true, "MM": true, "MY": true,
	"ID": true, "PH": true, "BN": true, "TL": true, "US": true, "CA": true, "AU": true, "DE": true, "NL": true,
	"IT": true, "ES": true, "BE": true, "CH": true, "GB": true, "IN": true, "CU": true,
}

// subNames overrides the English names of subdivisions whose ISO 3166-2
// name is not the usual English one; the ISO name stays an alias.
var subNames = map[string]string{
	"BE-WAL": "Wallonia", "BE-VLG": "Flanders", "BE-BRU": "Brussels-Capital Region",
	"ES-AN": "Andalusia", "ES-AR": "Aragon", "ES-AS": "Asturias", "ES-CT": "Catalonia",
	"ES-CN": "Canary Islands", "ES-IB": "Balearic Islands", "ES-GA": "Galicia",
	"ES-MD": "Community of Madrid", "ES-PV": "Basque Country", "ES-VC": "Valencian Community",
	"ES-CL": "Castile and León", "ES-CM": "Castilla-La Mancha", "ES-NC": "Navarre",
	"ES-MC": "Region of Murcia", "ES-RI": "La Rioja",
	"DE-BY": "Bavaria", "DE-NW": "North Rhine-Westphalia", "DE-NI": "Lower Saxony", "DE-HE": "Hesse",
	"DE-SN": "Saxony", "DE-TH": "Thuringia", "DE-RP": "Rhineland-Palatinate", "DE-ST": "Saxony-Anhalt",
	"DE-MV": "Mecklenburg-Western Pomerania",
	"IT-21": "Piedmont", "IT-25": "Lombardy", "IT-52": "Tuscany", "IT-82": "Sicily", "IT-88": "Sardinia",
	"IT-75": "Apulia", "IT-23": "Aosta Valley", "IT-32": "Trentino-South Tyrol",
	"GB-WLS": "Wales", "GB-ENG": "England", "GB-SCT": "Scotland", "GB-NIR": "Northern Ireland",
	"TH-10": "Bangkok", "CN-NM": "Inner Mongolia", "CN-XZ": "Tibet", "CN-XJ": "Xinjiang",
	"FR-BRE": "Brittany", "FR-NOR": "Normandy", "FR-20R": "Corsica", "FR-GES": "Grand Est",
	"FR-PAC": "Provence-Alpes-Côte d'Azur", "FR-PDL": "Pays de la Loire", "FR-HDF": "Hauts-de-France",
	"FR-CVL": "Centre-Val de Loire", "FR-OCC": "Occitania", "FR-BFC": "Bourgogne-Franche-Comté",
	"KH-12": "Phnom Penh", "KH-17": "Siem Reap", "KH-2": "Battambang", "KH-18": "Sihanoukville",
	"LA-VT": "Vientiane Prefecture", "LA-LP": "Luang Prabang",
	"NL-FR": "Friesland", "NL-NB": "North Brabant", "NL-NH": "North Holland", "NL-ZH": "South Holland",
	// Lao and Cambodian provinces: the spellings of the countries' governments and of the press
	// (ISO 3166-2 romanises by the UN system: "Oudômxai", "Svaay Rieng")
	"LA-AT": "Attapeu", "LA-BK": "Bokeo", "LA-BL": "Bolikhamxay", "LA-HO": "Houaphanh",
	"LA-KH": "Khammouane", "LA-LM": "Luang Namtha", "LA-OU": "Oudomxay", "LA-PH": "Phongsaly",
	"LA-SV": "Savannakhet", "LA-XA": "Xayaboury", "LA-XE": "Sekong",
	"LA-XI": "Xiengkhouang", "LA-XS": "Xaysomboun",
	"KH-1": "Banteay Meanchey", "KH-3": "Kampong Cham", "KH-5": "Kampong Speu", "KH-6": "Kampong Thom",
	"KH-8": "Kandal", "KH-9": "Koh Kong", "KH-10": "Kratie", "KH-11": "Mondulkiri", "KH-14": "Prey Veng",
	"KH-15": "Pursat", "KH-16": "Ratanakiri", "KH-19": "Stung Treng", "KH-20": "Svay Rieng",
	"KH-21": "Takeo", "KH-22": "Oddar Meanchey", "KH-23": "Kep",
	"ID-JK": "Jakarta", "ID-YO": "Yogyakarta",
	"VN-26": "Thua Thien Hue", "VN-43": "Ba Ria-Vung Tau", "CU-03": "Havana",
}

// cityNames gives the usual English name of cities that GeoNames names
// in their own language ("DE|Köln" → Cologne); the GeoNames name stays an
// alias.
var cityNames = map[string]string{
	"DE|Köln": "Cologne", "DE|Nürnberg": "Nuremberg", "DE|Frankfurt am Main": "Frankfurt",
	"SE|Göteborg": "Gothenburg", "DK|Århus": "Aarhus", "BE|Antwerpen": "Antwerp", "BE|Gent": "Ghent",
	"BE|Liège": "Liège", "ES|Sevilla": "Seville", "ES|A Coruña": "A Coruña", "IT|Venezia": "Venice",
	"IT|Firenze": "Florence", "IT|Milano": "Milan", "IT|Napoli": "Naples", "IT|Torino": "Turin",
	"IT|Genova": "Genoa", "PH|Cebu City": "Cebu", "BE|Brugge": "Bruges", "PA|Panamá": "Panama City", "RU|Rostov-na-Donu": "Rostov-on-Don",
	"RU|Nizhniy Novgorod": "Nizhny Novgorod", "RU|Tol’yatti": "Tolyatti", "MN|Ulan Bator": "Ulaanbaatar",
	"MM|Nay Pyi Taw": "Naypyidaw", "GR|Thessaloníki": "Thessaloniki", "CH|Genève": "Geneva",
	"CH|Zürich": "Zurich", "PL|Kraków": "Krakow", "PL|Wrocław": "Wroclaw", "PL|Łódź": "Lodz",
	"UA|Kyiv": "Kyiv", "CN|Ürümqi": "Urumqi", "CN|Xi’an": "Xi'an",
}

// cityKinds overrides the kind of a place by id: Huế became a
// centrally-run municipality in 2025 (replacing Thừa Thiên Huế province).
var cityKinds = map[string]string{"city:hue": "municipality"}

// prefixes and suffixes are administrative words stripped to get the
// bare name of a place; the full form stays an alias.
var prefixes = []string{
	"thành phố ", "tp. ", "tp ", "tỉnh ", "thị xã ", "thị trấn ", "huyện ", "quận ",
	"city of ", "ville de ", "municipality of ",
}

var suffixes = []string{
	" city", " province", " prefecture", " municipality",
	" sar", " shi", " sheng", " uygur zizhiqu", " zhuangzu zizhiqu", " huizu zizhiqu", " zizhiqu",
	"-teukbyeolsi", "-gwangyeoksi", "-teukbyeoljachido", "-teukbyeoljachisi", "-do", "-si", "-gun",
	"-ken", "-fu", "-to",
}

// stripAdmin returns name without administrative prefixes and suffixes
// ("Thành phố Hà Nội" → "Hà Nội", "Quang Ninh Province" → "Quang Ninh",
// "Seoul-teukbyeolsi" → "Seoul"), or name itself.
func stripAdmin(name string) string {
	if _, ok := districtNumber(name); ok {
		return name
	}
	for changed := true; changed; {
		changed = false
		low := strings.ToLower(name)
		for _, p := range prefixes {
			if strings.HasPrefix(low, p) && len(name) > len(p)+2 {
				name, changed = strings.TrimSpace(name[len(p):]), true
				break
			}
		}
		low = strings.ToLower(name)
		for _, s := range suffixes {
			if strings.HasSuffix(low, s) && len(name) > len(s)+2 {
				name, changed = strings.TrimSpace(name[:len(name)-len(s)]), true
				break
			}
		}
	}
	return name
}

// vnNumbers are the Vietnamese number words naming urban districts
// ("Quận Một" is District 1 of Ho Chi Minh City).
var vnNumbers = map[string]int{
	"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
	"mười": 10, "mười một": 11, "mười hai": 12,
}

// districtNumber returns N for "Quận <number word>".
func districtNumber(name string) (int, bool) {
	low := strings.ToLower(name)
	if !strings.HasPrefix(low, "quận ") {
		return 0, false
	}
	n, ok := vnNumbers[strings.TrimPrefix(low, "quận ")]
	return n, ok
}

// ascii removes diacritics keeping case: "Đà Nẵng" → "Da Nang".
func ascii(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteByte('d')
		case r == 'Đ':
			b.WriteByte('D')
		default:
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// latin reports whether every letter of s is Latin, so the name is of use
// in English and French text.
func latin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return fold.Key(s) != ""
}

// aliasSet collects aliases in insertion order without duplicates or the
// canonical name.
type aliasSet struct {
	name string
	seen map[string]bool
	list []string
}

func (a *aliasSet) add(names ...string) {
	if a.seen == nil {
		a.seen = map[string]bool{a.name: true}
	}
	for _, n := range names {
		n = strings.Join(strings.Fields(strings.NewReplacer("|", " ", "\t", " ").Replace(n)), " ")
		if n == "" || a.seen[n] || !latin(n) {
			continue
		}
		a.seen[n] = true
		a.list = append(a.list, n)
	}
}

// withVariants adds n, its bare form and their forms without diacritics.
func (a *aliasSet) withVariants(n string) {
	bare := stripAdmin(n)
	a.add(n, bare, ascii(n), ascii(bare))
}

func build(in inputs) ([]*country, []*place, error) {
	countries, err := buildCountries(in)
	if err != nil {
		return nil, nil, err
	}
	known := map[string]bool{}
	countryKeys := map[string]bool{}
	for _, c := range countries {
		known[c.ISO2] = true
		countryKeys[fold.Key(c.Name)] = true
		for _, a := range c.Aliases {
			countryKeys[fold.Key(a)] = true
		}
	}
	cities := selectCities(in.cities, known, in.homonym)
	// A city-state is one Country entry: its city's names become the
	// country's aliases.
	for _, c := range countries {
		if !c.CityState {
			continue
		}
		as := aliasSet{name: c.Name}
		as.add(c.Aliases...)
		keys := map[string]bool{fold.Key(c.Name): true}
		for _, a := range c.Aliases {
			keys[fold.Key(a)] = true
		}
		cities = slices.DeleteFunc(cities, func(p *place) bool {
			if p.Country != c.ISO2 || !keys[p.key] && !keys[fold.Key(p.Name)] {
				return false
			}
			as.add(p.Name)
			as.add(p.Aliases...)
			return true
		})
		c.Aliases = as.list
	}
	subs := buildSubdivisions(in, known, countryKeys)
	places := mergePlaces(cities, subs)
	assignIDs(places)
	for _, p := range places {
		if k, ok := cityKinds[p.ID]; ok {
			p.Kind = k
		}
	}
	slices.SortFunc(places, func(a, b *place) int { return cmp.Compare(a.ID, b.ID) })
	for i := 1; i < len(places); i++ {
		if places[i].ID == places[i-1].ID {
			return nil, nil, fmt.Errorf("duplicate place id %s", places[i].ID)
		}
	}
	return countries, places, nil
}

func i18nNames(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func buildCountries(in inputs) ([]*country, error) {
	var out []*country
	demonymOwners := map[string][]*country{}
	for _, wc := range in.countries {
		if len(wc.CCA2) != 2 {
			return nil, fmt.Errorf("country %q: bad cca2 %q", wc.Name.Common, wc.CCA2)
		}
		c := &country{ISO2: wc.CCA2, Name: wc.Name.Common, CityState: cityStates[wc.CCA2], Territory: !wc.Independent}
		if n, ok := countryNames[c.ISO2]; ok {
			c.Name = n
		}
		c.ID = "country:" + fold.Slug(c.Name)
		as := aliasSet{name: c.Name}
		as.add(wc.Name.Common, wc.Name.Official)
		for _, lang := range slices.Sorted(mapsKeys(wc.Name.Native)) {
			as.add(wc.Name.Native[lang].Common, wc.Name.Native[lang].Official)
		}
		for _, alt := range wc.AltSpellings {
			if alt == wc.CCA2 || alt == wc.CCA3 || len([]rune(alt)) < 3 {
				continue
			}
			as.add(alt)
		}
		if t, ok := wc.Translations["fra"]; ok {
			as.add(t.Common, t.Official)
		}
		for _, lang := range []string{"en", "fr", "vi"} {
			for _, n := range i18nNames(in.i18n[lang][wc.CCA2]) {
				if len([]rune(n)) < 3 {
					continue
				}
				as.add(n)
			}
		}
		for _, a := range slices.Clone(as.list) {
			as.add(ascii(a))
		}
		as.add(ascii(c.Name))
		c.Aliases = as.list

		var dem []string
		if d, ok := wc.Demonyms["eng"]; ok {
			dem = append(dem, d["m"], d["f"])
		}
		if d, ok := wc.Demonyms["fra"]; ok {
			for _, g := range []string{"m", "f"} {
				w := strings.ToLower(d[g])
				if w == "" {
					continue
				}
				pl := w + "s"
				if strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") {
					pl = w
				}
				dem = append(dem, w, pl)
			}
		}
		ds := aliasSet{name: ""}
		ds.add(dem...)
		c.Demonyms = ds.list
		for _, d := range c.Demonyms {
			k := fold.Key(d)
			if !slices.Contains(demonymOwners[k], c) {
				demonymOwners[k] = append(demonymOwners[k], c)
			}
		}
		out = append(out, c)
	}
	// A demonym spelt like a country name is dropped (French
	// "philippines" is the Philippines, not a demonym).
	names := map[string]bool{}
	for _, c := range out {
		names[fold.Key(c.Name)] = true
		for _, a := range c.Aliases {
			names[fold.Key(a)] = true
		}
	}
	for _, c := range out {
		c.Demonyms = slices.DeleteFunc(c.Demonyms, func(d string) bool { return names[fold.Key(d)] })
	}
	// A demonym shared by several countries names none of them, unless
	// exactly one of them is independent ("American": United States, not
	// American Samoa).
	for _, c := range out {
		c.Demonyms = slices.DeleteFunc(c.Demonyms, func(d string) bool {
			owners := demonymOwners[fold.Key(d)]
			if len(owners) == 1 {
				return false
			}
			indep := 0
			for _, o := range owners {
				if !o.Territory {
					indep++
				}
			}
			return c.Territory || indep != 1
		})
	}
	slices.SortFunc(out, func(a, b *country) int { return cmp.Compare(a.ID, b.ID) })
	for i := 1; i < len(out); i++ {
		if out[i].ID == out[i-1].ID {
			return nil, fmt.Errorf("duplicate country id %s", out[i].ID)
		}
	}
	return out, nil
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// keepAlso are smaller cities often named in international news.
var keepAlso = map[string]bool{
	"BE|Brugge": true, "TH|Pattaya": true, "GB|Oxford": true, "GB|Cambridge": true, "DE|Heidelberg": true,
	"CH|Davos": true,
}

// keep reports whether a GeoNames locality is within kg's scope: every
// Vietnamese locality; French communes from 15,000 inhabitants and every
// préfecture; cities of Vietnam's neighbours and partners from 50,000;
// elsewhere cities from 100,000, capitals of countries, from 40,000 those
// of first-level subdivisions and from 50,000 those of second-level ones.
// selectCities then leaves out the smaller of these that are named like
// a common word or a person (minorHomonym).
func keep(c geoCity) bool {
	switch c.FeatureCode {
	case "PPLH", "PPLQ", "PPLW", "PPLCH":
		return false
	}
	switch {
	case c.Country == "VN":
		return true
	case c.FeatureCode == "PPLX":
		return false
	case c.FeatureCode == "PPLC" || keepAlso[c.Country+"|"+c.Name]:
		return true
	case c.FeatureCode == "PPLA" && c.Population >= 40000:
		return true // capitals of provinces, states, regions: Geneva, Venice, Pakse
	case c.Country == "FR" || frenchOverseas[c.Country]:
		return c.Population >= 15000 || c.FeatureCode == "PPLA" || c.FeatureCode == "PPLA2"
	case c.FeatureCode == "PPLA2" && c.Population >= 50000:
		return true // capitals of second-level units (Italian provinces, German districts): Arezzo
	case focus[c.Country]:
		return c.Population >= 50000
	}
	return c.Population >= 100000
}

func selectCities(all []geoCity, known map[string]bool, isHomonym func(string) bool) []*place {
	var out []*place
	for _, c := range all {
		if !keep(c) || !known[c.Country] || minorHomonym(c, isHomonym) {
			continue
		}
		if c.Country == "VN" {
			// GeoNames sometimes writes Đ as the Icelandic Ð.
			c.Name = strings.NewReplacer("Ð", "Đ", "ð", "đ").Replace(c.Name)
		}
		bare := stripAdmin(c.Name)
		name := bare
		if c.Country == "VN" {
			name = ascii(bare)
		}
		if c.Country != "VN" && strings.HasSuffix(c.Name, " City") {
			name = c.Name // Quezon City, Guatemala City
		}
		if n, ok := cityNames[c.Country+"|"+c.Name]; ok {
			name = n
		}
		if c.Name == "Ho Chi Minh City" {
			name = c.Name
		}
		var extra []string
		if n, ok := districtNumber(c.Name); ok {
			name = fmt.Sprintf("District %d", n)
			extra = []string{fmt.Sprintf("Quận %d", n), c.Name}
		}
		p := &place{Name: name, Country: c.Country, Kind: "city", Pop: c.Population,
			Capital: c.FeatureCode == "PPLC", geoID: c.ID, feature: c.FeatureCode, key: fold.Key(bare)}
		as := aliasSet{name: name}
		for _, e := range extra {
			as.withVariants(e)
		}
		as.withVariants(c.Name) // AltName holds alternate country codes, not names
		p.Aliases = as.list
		out = append(out, p)
	}
	return out
}

func subKind(t string) string {
	l := strings.ToLower(t)
	switch {
	case strings.Contains(l, "department"):
		return "department"
	case strings.Contains(l, "municipality") || strings.Contains(l, "city") || strings.Contains(l, "capital") ||
		strings.Contains(l, "metropolitan administration") || l == "district":
		return "municipality"
	case strings.Contains(l, "region") || strings.Contains(l, "community") || strings.Contains(l, "collectivity") ||
		l == "land" || l == "country":
		return "region"
	}
	return "province"
}

// keepSub reports whether an ISO 3166-2 subdivision is within scope.
func keepSub(s isoSub) bool {
	cc := s.Code[:2]
	switch cc {
	case "VN":
		return true
	case "FR":
		return !strings.HasPrefix(s.Type, "Overseas") && s.Type != "Dependency"
	case "PH":
		return s.Type == "Province"
	case "ID":
		return s.Type != "Geographical unit"
	case "GB":
		return s.Type == "Country"
	case "IT":
		return s.Parent == "" && strings.Contains(strings.ToLower(s.Type), "region")
	case "ES":
		return s.Type == "Autonomous community"
	case "NL":
		return s.Type == "Province" // not Aruba, Curaçao, Sint Maarten (countries of ISO 3166-1) nor Bonaire, Saba, Sint Eustatius
	}
	return subCountries[cc] && s.Parent == ""
}

// isoName cleans an ISO 3166-2 name: "Catalunya [Cataluña]" gives the
// name "Catalunya" and the alias "Cataluña"; "Asturias, Principado de"
// gives "Asturias" and "Principado de Asturias".
func isoName(n string) (string, []string) {
	var extra []string
	if i := strings.Index(n, " ["); i > 0 && strings.HasSuffix(n, "]") {
		in := n[i+2 : len(n)-1]
		if f := strings.Fields(in); len(f) > 0 && !strings.Contains(f[len(f)-1], "-") {
			extra = append(extra, in)
		} else if len(f) > 1 {
			extra = append(extra, strings.Join(f[:len(f)-1], " "))
		}
		n = n[:i]
	}
	if i := strings.Index(n, " ("); i > 0 && strings.HasSuffix(n, ")") {
		extra = append(extra, n)
		n = n[:i]
	}
	if i := strings.Index(n, ", "); i > 0 {
		extra = append(extra, n[i+2:]+" "+n[:i])
		if r := []rune(n); unicode.IsLower(r[0]) {
			return extra[len(extra)-1], extra[:len(extra)-1]
		}
		n = n[:i]
	}
	return n, extra
}

func buildSubdivisions(in inputs, known, countryKeys map[string]bool) []*place {
	var out []*place
	for _, s := range in.subs {
		if len(s.Code) < 4 || !known[s.Code[:2]] || !keepSub(s) {
			continue
		}
		cc := s.Code[:2]
		base, extra := isoName(s.Name)
		bare := stripAdmin(base)
		name := bare
		if cc == "VN" {
			name = ascii(bare)
		}
		key := fold.Key(bare)
		if n, ok := subNames[s.Code]; ok {
			name = n
			key = fold.Key(stripAdmin(n))
		}
		if countryKeys[fold.Key(name)] || countryKeys[fold.Key(bare)] {
			continue // Taiwan, Hong Kong, Macao: countries in ISO 3166-1
		}
		p := &place{Name: name, Country: cc, Kind: subKind(s.Type), key: key}
		as := aliasSet{name: name}
		as.withVariants(s.Name)
		as.withVariants(base)
		for _, e := range extra {
			as.withVariants(e)
		}
		if fr, ok := in.subFR[s.Name]; ok {
			fb, fe := isoName(fr)
			as.withVariants(fr)
			as.withVariants(fb)
			for _, e := range fe {
				as.withVariants(e)
			}
		}
		as.add(ascii(name))
		if cc == "VN" {
			// The administrative forms Vietnamese and English news use.
			vi := stripAdmin(base)
			if p.Kind == "municipality" {
				as.add("Thành phố "+vi, "Thanh pho "+ascii(vi), name+" City")
			} else {
				as.add("Tỉnh "+vi, "Tinh "+ascii(vi), name+" Province", "province de "+name)
			}
		}
		p.Aliases = as.list
		out = append(out, p)
	}
	return out
}

// mergePlaces merges a subdivision into the city of the same name in the
// same country when the city is its seat (or, in Vietnam, whenever the
// names match): Hà Nội municipality and Hanoi, Paris département and
// Paris, Seoul-teukbyeolsi and Seoul are one place each.
func mergePlaces(cities, subs []*place) []*place {
	byKey := map[string][]*place{}
	for _, c := range cities {
		k := c.Country + "|" + c.key
		byKey[k] = append(byKey[k], c)
	}
	out := slices.Clone(cities)
	for _, s := range subs {
		var best *place
		for _, c := range byKey[s.Country+"|"+s.key] {
			seat := c.feature == "PPLC" || c.feature == "PPLA" || c.feature == "PPLA2"
			if !seat && s.Country != "VN" {
				continue
			}
			if best == nil || c.Pop > best.Pop {
				best = c
			}
		}
		if best == nil {
			out = append(out, s)
			continue
		}
		as := aliasSet{name: best.Name}
		as.add(best.Aliases...)
		if s.Name != best.Name {
			as.add(s.Name)
		}
		as.add(s.Aliases...)
		best.Aliases = as.list
		if best.Kind == "city" {
			switch {
			case s.Kind == "municipality":
				best.Kind = "municipality"
			case s.Country == "VN":
				best.Kind = "province"
			}
		}
	}
	return out
}

// assignIDs gives each place "city:<slug>" from its name; when names
// collide the most populous keeps the bare slug and the others get the
// country code, then their kind, then a number.
func assignIDs(ps []*place) {
	groups := map[string][]*place{}
	for _, p := range ps {
		s := fold.Slug(p.Name)
		groups[s] = append(groups[s], p)
	}
	taken := map[string]bool{}
	for _, slug := range slices.Sorted(mapsKeys(groups)) {
		g := groups[slug]
		slices.SortFunc(g, func(a, b *place) int {
			if c := cmp.Compare(b.Pop, a.Pop); c != 0 {
				return c
			}
			if c := cmp.Compare(prefRank(a.Country), prefRank(b.Country)); c != 0 {
				return c
			}
			if c := cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)); c != 0 {
				return c
			}
			if c := cmp.Compare(a.geoID, b.geoID); c != 0 {
				return c
			}
			return cmp.Compare(a.key, b.key)
		})
		for i, p := range g {
			cands := []string{"city:" + slug}
			if i > 0 {
				cc := strings.ToLower(p.Country)
				cands = []string{"city:" + slug + "-" + cc, "city:" + slug + "-" + cc + "-" + p.Kind}
			}
			id := ""
			for _, c := range cands {
				if !taken[c] {
					id = c
					break
				}
			}
			for n := 2; id == ""; n++ {
				if c := fmt.Sprintf("%s-%d", cands[len(cands)-1], n); !taken[c] {
					id = c
				}
			}
			taken[id] = true
			p.ID = id
		}
	}
}

func prefRank(cc string) int {
	switch cc {
	case "VN":
		return 0
	case "FR":
		return 1
	}
	return 2
}

func kindRank(k string) int {
	switch k {
	case "city":
		return 0
	case "municipality":
		return 1
	}
	return 2
}

// wordSet returns the lowercase words of a word list (one word a line);
// capitalised entries are proper names and are skipped.
func wordSet(text string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Split(text, "\n") {
		w = strings.TrimSpace(w)
		if w != "" && w == strings.ToLower(w) && !strings.Contains(w, "'") {
			m[w] = true
		}
	}
	return m
}

// commonWords returns the one-word names and aliases of places of fewer
// than 200,000 inhabitants (capitals excepted) that are words of a word
// list but not merely the plural of another word ("orange", "sens", not
// "rennes", the plural of "renne"), lowercased and sorted. Big cities
// whose name is also a word ("Nice", "Reading") are listed by hand in
// ambiguous.txt: there the place is usually meant.
func commonWords(ps []*place, lists []map[string]bool) []string {
	found := map[string]bool{}
	for _, p := range ps {
		if p.Pop >= 200000 || p.Capital {
			continue
		}
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			w := strings.ToLower(n)
			if strings.ContainsAny(w, " -") || len(fold.Key(w)) <= 3 {
				continue
			}
			for _, l := range lists {
				if !l[w] {
					continue
				}
				if (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x")) && l[w[:len(w)-1]] {
					continue
				}
				found[w] = true
			}
		}
	}
	return slices.Sorted(mapsKeys(found))
}

// minorHomonym reports whether a GeoNames locality is a foreign one of
// under 200,000 inhabitants, not a capital (of a country or a first-level
// subdivision), named like a word of the English or French word lists,
// common or proper (the English list's proper nouns are mostly people's
// names: "Garcia", "Irving"), or like a given name or surname of kg's
// name lists ("Delta", "García", "Kobayashi" as towns): in articles about
// city diplomacy such a word is far more often the word or the person than
// that town, so selectCities leaves it out. Vietnamese and French
// localities are kept: their names are disambiguated in context.
func minorHomonym(c geoCity, isHomonym func(string) bool) bool {
	if isHomonym == nil || c.Country == "VN" || c.Country == "FR" || frenchOverseas[c.Country] {
		return false
	}
	if c.Population >= 200000 || c.FeatureCode == "PPLA" || c.FeatureCode == "PPLC" {
		return false
	}
	return isHomonym(c.Name)
}

// homonym reports whether name is a word of lists, a name of names or one
// of properNouns (all folded or lowercased as they are built).
func homonym(name string, lists []map[string]bool, names map[string]bool) bool {
	if names[fold.Key(name)] {
		return true
	}
	w := strings.ToLower(name)
	for _, l := range lists {
		if l[w] {
			return true
		}
	}
	return properNouns[fold.Key(name)]
}

// properNouns are the capitalised words of the English word list (Debian
// wamerican), folded; set by main before dropMinorHomonyms.
var properNouns = map[string]bool{}
