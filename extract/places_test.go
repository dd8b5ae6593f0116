package extract

import (
	"testing"
	"unicode/utf8"
)

// TestPlaces checks place reading on sentences written for the test, in
// English and French: homonyms chosen with the article in view, names
// that are parts of people's names, administrative units named with their
// type word. not lists ids that must not be found.
func TestPlaces(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"homonym: the better-known reading by default", "La ville de Laval accueille une délégation de Huế.",
			[]string{"city:laval"}, []string{"city:laval-fr", "country:france"}},
		{"homonym: the country the article names", "The town of Laval, on the Mayenne river, lies in western France.",
			[]string{"city:laval-fr", "country:france"}, []string{"city:laval"}},
		{"homonym: X, country", "The mayor of Córdoba, Spain, signed a charter with Huế.",
			[]string{"city:cordoba-es", "country:spain"}, []string{"city:cordoba", "country:argentina"}},
		{"homonym: X (country)", "Une délégation de Valencia (Espagne) est attendue à Đà Nẵng.",
			[]string{"city:valencia-es"}, []string{"city:valencia", "country:venezuela"}},
		{"homonym: a big city keeps its name", "Paris and Hanoi renewed their agreement; Vietnam and France were both represented.",
			[]string{"city:paris", "city:hanoi"}, nil},
		{"a French country name is the country", "La Chine et le Vietnam ont signé un accord de coopération.",
			[]string{"country:china", "country:vietnam"}, []string{"city:chi-ne"}},
		{"a district name inside a Vietnamese person's name", "Chairman Nguyễn Kim Sơn received the French delegation in Hanoi.",
			[]string{"city:hanoi"}, []string{"city:kim-son"}},
		{"the same without diacritics, in French", "Le président Tran Kim Son a reçu la délégation à Hanoï.",
			[]string{"city:hanoi"}, []string{"city:kim-son"}},
		{"a district name after an honorific is a given name", "Mr. Xuân Trường said the project in Ninh Binh would start soon.",
			[]string{"city:ninh-binh"}, []string{"city:xuan-truong"}},
		{"the same after a title", "Chairman Anh Sơn welcomed the guests from Lyon.",
			[]string{"city:lyon"}, []string{"city:anh-son"}},
		{"the district itself", "The delegation visited Kim Son district in Ninh Binh province.",
			[]string{"city:kim-son", "city:ninh-binh"}, nil},
		{"Spanish surnames that are also cities", "The deputy Aurelio Córdoba Toledo met officials of Hà Nội.",
			[]string{"city:hanoi"}, []string{"city:cordoba", "city:cordoba-es", "city:toledo", "city:toledo-es", "city:toledo-ph"}},
		{"a surname that is a city of a country the article does not name", "Cuba's envoy Aurelio Toledo said Havana and Hanoi would sign.",
			[]string{"city:havana", "city:hanoi"}, []string{"city:toledo", "city:toledo-es", "city:toledo-ph"}},
		{"a city after a modifier is a place", "Officials from Greater Manchester visited Hanoi.",
			[]string{"city:hanoi"}, nil},
		{"an event named after its city", "Vietnam hosts it: visitors flocked to Expo Danang in June.",
			[]string{"city:da-nang"}, nil},
		{"a surname that is a city of a country named only by that name", "Cuba's envoy Ernesto Rodríguez met officials of Hà Nội.",
			[]string{"city:hanoi"}, []string{"city:rodriguez", "country:philippines"}},
		{"an ambiguous name coordinated with a place", "Nancy and Hanoi signed a new cooperation agreement.",
			[]string{"city:nancy"}, nil},
		{"an ambiguous name alone is no place", "Nancy signed the agreement.",
			nil, []string{"city:nancy"}},
		{"a provincial city the populated places lack", "The delegation visited Đồng Xoài City, then Phonsavan in Laos.",
			[]string{"city:dong-xoai", "city:phonsavan", "country:laos"}, nil},
		{"the same in French", "La délégation s'est rendue à Dong Xoai, puis à Sam Neua, au Laos.",
			[]string{"city:dong-xoai", "city:sam-neua", "country:laos"}, nil},
		{"a French département after its article (fr)", "Le projet associe le conseil départemental de la Vienne et la ville de Poitiers.",
			[]string{"city:vienne-fr", "city:poitiers"}, []string{"city:vienna", "country:austria"}},
		{"the same name without an article is the capital (fr)", "Le maire de Hué s'est rendu à Vienne, en Autriche.",
			[]string{"city:vienna", "country:austria"}, []string{"city:vienne-fr"}},
		{"a compass point after an article is no département (fr)", "Les provinces du Nord du Vietnam et celles du Nord-Ouest accueillent des délégations de Lyon.",
			[]string{"city:lyon"}, []string{"city:nord"}},
		{"a city named like a person of the article, with its type word", "Vice Governor Hashimoto Kenji met Hung; Hung thanked Hashimoto, then the delegation visited Hashimoto city in Japan.",
			[]string{"city:hashimoto"}, nil},
		{"Belgian provinces and provincial capitals (fr)", "La province de Hainaut, la ville de Mons et Louvain ont signé avec Hué.",
			[]string{"city:hainaut", "city:mons", "city:leuven"}, nil},
		{"Belgian provinces and provincial capitals (en)", "The Province of Namur, Hasselt and Ostend signed with Hue.",
			[]string{"city:province-of-namur", "city:hasselt", "city:ostend"}, nil},
		{"a currency is no country", "Investors from Lyon put in US$1.1 billion and S$20 million in Hanoi.",
			[]string{"city:lyon", "city:hanoi"}, []string{"country:united-states", "country:singapore"}},
		{"the same in French", "Lyon a investi 5 millions de US$ à Hanoï.",
			[]string{"city:lyon", "city:hanoi"}, []string{"country:united-states"}},
		{"the country before a spaced dollar sign is still the country", "The US $ 5 million grant went to Hanoi, the US embassy said.",
			[]string{"city:hanoi", "country:united-states"}, nil},
		{"a place before a body is still a place", "The Lyon Metropolitan Council and the Hanoi People's Committee signed.",
			[]string{"city:lyon", "city:hanoi"}, nil},
		{"a ward named with its type word", "Officials of Tây Hồ Ward welcomed the visitors from Rennes.",
			[]string{"city:tay-ho-ward", "city:rennes"}, []string{"city:tay-ho"}},
		{"an unknown Vietnamese ward", "Les habitants du phường Tràng Tiền ont accueilli la délégation.",
			[]string{"city:trang-tien-ward"}, nil},
		{"two wards before a plural type word", "Tràng Tiền and Hàng Bạc wards will host the festival.",
			[]string{"city:trang-tien-ward", "city:hang-bac-ward"}, nil},
		{"a known district named with its type word", "Le district de Cầu Giấy a signé avec une commune française.",
			[]string{"city:cau-giay"}, []string{"city:cau-giay-district"}},
		{"a city after the Vietnamese abbreviation TP.", "Les dirigeants de TP. Huế et de TP Cần Thơ ont signé.",
			[]string{"city:hue", "city:can-tho"}, nil},
		{"a known province named with its type word", "Ninh Binh Province sent a delegation.",
			[]string{"city:ninh-binh"}, []string{"city:ninh-binh-province"}},
		{"départements whose names are words, with their type word", "Le département du Nord et le département de la Somme coopèrent avec la province de Bac Ninh.",
			[]string{"city:nord", "city:somme", "city:bac-ninh"}, nil},
		{"the same in English", "The Var Department signed with Hue.",
			[]string{"city:var", "city:hue"}, nil},
		{"a word that names a département is a word without its type word", "Il a joué la Manche et le Lot pour rien.",
			nil, []string{"city:manche", "city:lot"}},
		{"a former French region", "La région Midi-Pyrénées et la Picardie ont financé le projet.",
			[]string{"city:midi-pyrenees", "city:picardy", "country:france"}, nil},
		{"a current region is not two former ones", "Auvergne-Rhône-Alpes signed with Nord-Pas-de-Calais in 2012.",
			[]string{"city:auvergne-rhone-alpes", "city:nord-pas-de-calais"}, []string{"city:auvergne", "city:rhone-alpes", "city:rhone"}},
		{"a first name that is a former region", "Lorraine Dupont spoke for the association.",
			nil, []string{"city:lorraine"}},
		{"a province under its usual English name", "Officials from Svay Rieng and Champassak provinces met.",
			[]string{"city:svay-rieng", "city:champasak"}, nil},
		{"GeoNames spelling variants", "Flights link HCMC and Pusan.",
			[]string{"city:ho-chi-minh-city", "city:busan"}, nil},
		{"french contracted article", "La délégation de Hué est venue au Havre, puis a visité le circuit du Mans.",
			[]string{"city:le-havre", "city:le-mans"}, nil},
		{"a contracted article before a name known without it", "La délégation de Hué est venue au Vietnam et au Laos.",
			[]string{"country:vietnam", "country:laos"}, nil},
		{"an unknown borough anchored by its city", "Hanoi and Munich's Schwabing District signed a memorandum; Schwabing Mayor Anna Weber attended.",
			[]string{"city:schwabing", "city:munich"}, []string{"city:schwabing-district"}},
		{"an unknown region anchored by its country", "A delegation from the Tohoku region of Japan visited Huế.",
			[]string{"city:tohoku", "country:japan"}, nil},
		{"an article opens no place name", "The Tohoku region of Japan sent a delegation.",
			[]string{"city:tohoku"}, []string{"city:the-tohoku"}},
		{"unknown districts after a known city", "Aid reached the city of Holguín and the districts of Gibara and Banes.",
			[]string{"city:gibara", "city:banes"}, nil},
		{"a French article: unknown districts", "Le projet couvre la ville de Lyon et les communes de Pierre-Bénite et d'Oullins.",
			[]string{"city:lyon"}, nil},
		{"Vietnam's regions are geographic", "Vietnam's Mekong Delta region and the Central Highlands region of Vietnam grow coffee.",
			[]string{"country:vietnam"}, []string{"city:mekong-delta", "city:central-highlands"}},
		{"an unknown town with its country in brackets", "A delegation from Montbrison (France) and officials of Hội An met.",
			[]string{"city:montbrison", "country:france"}, nil},
		{"the same in French", "Le maire s'est rendu à Kitakata (Japon) en mai.",
			[]string{"city:kitakata", "country:japan"}, nil},
		{"a person with a country in brackets is no place", "Delegates met with Ambassador John Carter (UK) and with Nguyễn Văn Nam (Vietnam) in Hanoi.",
			[]string{"city:hanoi"}, []string{"city:john-carter", "city:nguyen-van-nam", "city:carter"}},
		{"no anchor, no place", "The districts of Alpha and Beta were named in the report.",
			nil, []string{"city:alpha", "city:beta"}},
		{"a title is not a place name", "The Mayor of the Tohoku region of Japan spoke.",
			[]string{"city:tohoku"}, []string{"city:mayor"}},
		{"a country's short form ends the text", "Delegates came from UK",
			[]string{"country:united-kingdom"}, nil},
		{"a unit word ends the text", "They visited Tây Hồ Ward",
			[]string{"city:tay-ho-ward"}, nil},
		{"not a unit: a person called Ward", "Mr Ward said the Rodríguez Ward plan was ready.",
			nil, []string{"city:rodriguez-ward", "city:mr-ward"}},
		{"a foreign place that opens a Vietnamese name", "Visitors toured the Trang An Landscape Complex in Ninh Binh.",
			[]string{"city:ninh-binh"}, []string{"city:trang"}},
		{"the same place with its unit word", "The delegation visited Trang province in Thailand.",
			[]string{"city:trang"}, nil},
		{"Dutch provinces, English exonyms", "Delegations from Zeeland, North Brabant and Noord-Holland met officials of Hanover, Brunswick and Liège.",
			[]string{"city:zeeland", "city:north-brabant", "city:north-holland", "city:hannover", "city:braunschweig", "city:liege"}, nil},
		{"an unknown Vietnamese district (en)", "Officials of Kim Dinh District and of District 1 welcomed the visitors.",
			[]string{"city:kim-dinh-district", "city:district-1"}, []string{"city:kim-dinh-district-1"}},
		{"an unknown Vietnamese district after its French type word", "Le district de Kim Đình a reçu la délégation de Lyon.",
			[]string{"city:kim-dinh-district", "city:lyon"}, nil},
		{"an article before a French type word names no district", "Le district de Tây Hồ et le quartier de Kim Liên ont reçu la délégation.",
			[]string{"city:tay-ho", "city:kim-lien-ward"}, []string{"city:le-district"}},
		{"not Vietnamese: the name goes on", "Le district de La Palma a reçu la délégation de Hué.",
			[]string{"city:hue"}, []string{"city:la-district"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := extractText(t, tt.text)
			for _, id := range tt.want {
				if !hasEntity(r, id) {
					t.Errorf("missing %s in %v", id, entityIDs(r))
				}
			}
			for _, id := range tt.not {
				if hasEntity(r, id) {
					t.Errorf("unexpected %s in %v", id, entityIDs(r))
				}
			}
		})
	}
}

// TestUnitsLocatedIn checks that units read with their type word are
// located in their country.
func TestUnitsLocatedIn(t *testing.T) {
	r := extractText(t, "A delegation of Tây Hồ Ward and of xã Hòa Tiến visited Lyon.")
	for _, id := range []string{"city:tay-ho-ward", "city:hoa-tien-commune"} {
		if !hasRelation(r, LocatedIn, id, "country:vietnam") {
			t.Errorf("missing %s LOCATED_IN country:vietnam in %+v", id, r.Relations)
		}
	}
	if !hasRelation(r, LocatedIn, "city:lyon", "country:france") {
		t.Errorf("missing Lyon LOCATED_IN France")
	}
	r = extractText(t, "Hanoi and Munich's Schwabing District signed a memorandum.")
	if !hasRelation(r, LocatedIn, "city:schwabing", "country:germany") {
		t.Errorf("missing Schwabing LOCATED_IN Germany in %+v", r.Relations)
	}
	// the demonym of the unit word, not the place named before it
	r = extractText(t, "The partnership between the Vietnamese province of Ca Mau and the Norwegian county of Vestfjordland began in 2016.")
	if !hasRelation(r, LocatedIn, "city:vestfjordland", "country:norway") || hasRelation(r, LocatedIn, "city:vestfjordland", "country:vietnam") {
		t.Errorf("want Vestfjordland LOCATED_IN Norway only, got %+v", r.Relations)
	}
}

func entityIDs(r DocResult) []string {
	var ids []string
	for _, e := range r.Entities {
		ids = append(ids, e.ID)
	}
	return ids
}

// BenchmarkNew measures building an Extractor: loading the embedded
// gazetteer and cue lists and indexing every place name.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(WithNER(false)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPlacesTruncated extracts every prefix of a text full of the place
// patterns (unit words, anchors, brackets, possessives), so that a pattern
// cut short by the end of the text reads no token past it.
func TestPlacesTruncated(t *testing.T) {
	const text = "Officials of Tây Hồ Ward, phường Tràng Tiền and Tràng Tiền and Hàng Bạc wards met Berlin's " +
		"Schwabing District, the Tohoku region of Japan, the city of Lyon and the districts of Gibara and " +
		"Banes, a delegation from Montbrison (France), UK's envoy, the UK, Nancy and Hanoi, Laval (France), " +
		"Córdoba, Spain, Chairman Anh Sơn, le département du Nord, Ninh Binh Province"
	x := testExtractor(t)
	for n := range len(text) + 1 {
		if n < len(text) && !utf8.RuneStart(text[n]) {
			continue
		}
		x.Extract(Document{ID: "t", Text: text[:n]})
	}
}
