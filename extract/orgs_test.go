package extract

import "testing"

// TestOrganisations checks organisation names built on heads, in both
// languages, acronyms bound to their expansion, and runs that name no
// one body.
func TestOrganisations(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"a noun coordinated inside a French name, and its acronym", "Des représentants de l'Association française du Conseil des communes et régions d'Europe (AFCCRE) étaient présents. L'AFCCRE a signé.",
			[]string{"org:association-francaise-du-conseil-des-communes-et-regions-deurope"}, []string{"org:association-francaise-du-conseil-des-communes"}},
		{"a French university hospital in lower case", "Le centre hospitalier universitaire de Nantes a formé des médecins de Hué.",
			[]string{"org:centre-hospitalier-universitaire-de-nantes"}, nil},
		{"a French département named as a territory is the place", "Des représentants du département de l'Hérault et de la ville de Sète étaient présents.",
			[]string{"city:herault", "city:sete"}, []string{"org:departement-de-lherault", "org:departement-de-lherault-et-de-la-ville-de-sete"}},
		{"english party name with a possessive", "Delegates of the Mongolian People's Party arrived.", []string{"org:mongolian-peoples-party"}, nil},
		{"english department", "The Department of Foreign Affairs hosted the talks.", []string{"org:department-of-foreign-affairs"}, nil},
		{"embassy named by its countries, EN", "The Thai Embassy in the UK and the Embassy of Thailand in the UK co-hosted it.",
			[]string{"org:embassy-of-thailand-in-the-united-kingdom"}, []string{"org:thai-embassy-in-the-uk"}},
		{"embassy named by its countries, FR = EN", "L'ambassade de Thaïlande au Royaume-Uni a organisé la soirée.",
			[]string{"org:embassy-of-thailand-in-the-united-kingdom"}, nil},
		{"a body's name ends before a person's", "Head of the International Department of the Party Central Committee Lucia Herrera Soto spoke.",
			[]string{"org:international-department-of-the-party-central-committee", "person:lucia-herrera-soto"}, nil},
		{"two bodies joined by and the", "The Finance Committee and the Audit Commission met.", nil,
			[]string{"org:finance-committee-and-the-audit-commission"}},
		{"two bodies joined by and", "The Hue Heritage Centre and Vietnam Airlines will cooperate.", []string{"org:hue-heritage-centre", "org:vietnam-airlines"}, nil},
		{"and inside one name", "The Institute of Culture and Fine Arts opened.", []string{"org:institute-of-culture-and-fine-arts"}, nil},
		{"generic words only", "The Central Committee and the Joint Commission met.", nil, []string{"org:central-committee", "org:joint-commission"}},
		{"french lower-case council of a département", "Le conseil départemental du Morbihan et le conseil régional de Bretagne ont voté.",
			[]string{"org:morbihan-departmental-council", "org:brittany-regional-council"}, nil},
		{"french ministry in lower case", "Le ministère de l'Europe et des Affaires étrangères soutient le projet.",
			[]string{"org:french-ministry-for-europe-and-foreign-affairs"}, nil},
		{"french name with adjectives and complements", "L'Agence régionale pour l'innovation et le développement durable a signé.",
			[]string{"org:agence-regionale-pour-linnovation"}, nil},
		{"french name ends at a verb", "L'Association des amis du Laos sont venus.", []string{"org:association-des-amis-du-laos"}, []string{"org:association-des-amis-du-laos-sont"}},
		{"french name ends at a verb after its place, whatever its ending", "La ville de Lyon et l'Université de Can Tho travaillent ensemble depuis 2019 dans la formation.",
			[]string{"org:universite-de-can-tho"}, []string{"org:universite-de-can-tho-travaillent"}},
		{"french name ends at a verb after its place (-aient)", "Depuis 2019, l'Université de Lyon et l'Université de Hue coopéraient dans la recherche médicale.",
			[]string{"org:universite-de-lyon", "org:universite-de-hue"}, []string{"org:universite-de-hue-cooperaient"}},
		{"french name ends at a verb after a hyphenated place pair", "L'Association d'amitié Laos-France soutient les écoles de la province.",
			nil, []string{"org:association-damitie-laos-france-soutient"}},
		{"french metropolitan bodies", "Nantes Métropole, la Métropole de Lyon et l'Eurométropole de Strasbourg ont signé un accord avec Hué.",
			[]string{"org:nantes-metropole", "org:metropole-de-lyon", "org:eurometropole-de-strasbourg"}, nil},
		{"a french name ends at its place before pour", "L'Eurométropole de Strasbourg pour la gestion des déchets a signé un accord avec Hué.",
			[]string{"org:eurometropole-de-strasbourg"}, []string{"org:eurometropole-de-strasbourg-pour-la-gestion-des-dechets"}},
		{"a french name ends before chargée", "La vice-présidente de la Métropole de Lyon chargée des relations internationales a signé un accord avec Hué.",
			[]string{"org:metropole-de-lyon"}, []string{"org:metropole-de-lyon-chargee-des-relations-internationales"}},
		{"a french name goes on with de after its place", "La coopération est ancienne. L'Association d'amitié France-Vietnam de Lyon a signé un accord avec la ville de Hué.",
			[]string{"org:association-damitie-france-vietnam-de-lyon"}, nil},
		{"french lower-case head needs a name", "L'organisation du Parti et l'association locale ont travaillé.", nil,
			[]string{"org:organisation-du-parti", "org:association-locale"}},
		{"acronym after its expansion", "La Fondation pour le patrimoine urbain (FPU) finance le projet. La FPU a signé.",
			[]string{"org:fondation-pour-le-patrimoine-urbain"}, []string{"org:fpu"}},
		{"acronym before its expansion", "ARDI (Agence Rhône-Danube Innovation) ouvre un bureau.", []string{"org:agence-rhone-danube-innovation"}, nil},
		{"local acronym wins over a well-known one", "The Asian Municipal Federation (AMF) met. The AMF agreed.", []string{"org:asian-municipal-federation"}, []string{"org:association-of-french-mayors"}},
		{"french expansion of a well-known acronym", "L'Agence coréenne de coopération internationale (KOICA) finance le projet.",
			[]string{"org:korea-international-cooperation-agency"}, []string{"org:agence-coreenne-de-cooperation-internationale"}},
		{"an agreement is not a body", "The Vietnam-Korea Free Trade Agreement (VKFTA) took effect.", nil,
			[]string{"org:vietnam-korea-free-trade-agreement"}},
		{"well-known body with a demonym after its head", "Le ministère vietnamien des Affaires étrangères a organisé la réunion à Hanoi.",
			[]string{"org:ministry-of-foreign-affairs"}, []string{"org:ministere-vietnamien-des-affaires-etrangeres"}},
		{"a bare national assembly is the one of the country named most", "Le président de l'Assemblée nationale a reçu à Hanoi la délégation, qui a visité le Vietnam et Da Nang.",
			[]string{"org:national-assembly-of-vietnam"}, []string{"org:french-national-assembly"}},
		{"the same words in an article about France", "À Paris, l'Assemblée nationale a voté la loi. La France et Lyon s'en félicitent.",
			[]string{"org:french-national-assembly"}, []string{"org:national-assembly-of-vietnam"}},
		{"a japanese prefecture is a place, not an office", "Governor of Kanagawa Prefecture Kuroiwa Yuji visited Hanoi.", nil, []string{"org:kanagawa-prefecture"}},
		{"a french name keeps a well-known body after pour", "La Commission nationale française pour l'UNESCO participe.", []string{"org:commission-nationale-francaise-pour-lunesco"}, nil},
		{"french: a noun after a prenominal adjective", "L'Association des maires de grandes villes de France a signé.", []string{"org:association-des-maires-de-grandes-villes-de-france"}, nil},
		{"french: directorates", "La Direction générale des collectivités locales a publié un guide.", []string{"org:direction-generale-des-collectivites-locales"}, nil},
		{"bare heads are not bodies", "The Government and the Party supported it. The Ministry said more. Le comité de pilotage se réunira.", nil,
			[]string{"org:government", "org:ministry", "org:comite-de-pilotage"}},
		{"the provincial committee is the main province's, not its city's", "Le Comité populaire de la province de Thua Thien-Hue a reçu la délégation à Hue. Hue et Hue accueillent. Le Comité populaire provincial a signé.",
			[]string{"org:thua-thien-hue-peoples-committee"}, []string{"org:hue-peoples-committee"}},
		{"a body's name does not take in an event", "The Organising Committee of the Hue Festival 2024 met.", []string{"event:festival-hue-2024"},
			[]string{"org:organising-committee-of-the-hue-festival-2024"}},
		{"an ambiguous city name before a capitalised local body's head", "The Hue City People's Committee welcomed the mayor of Lyon.",
			[]string{"org:hue-peoples-committee", "city:hue"}, []string{"org:hue-city-peoples-committee", "org:lyon-peoples-committee"}},
		{"a name's last word before the head is not the place", "The Ca Mau Provincial People's Committee met.", []string{"org:ca-mau-peoples-committee"}, []string{"org:mau-peoples-committee"}},
		{"a people's committee named without its place is never a French city's", "The municipal People's Committee welcomed the mayor of Lyon.",
			nil, []string{"org:lyon-peoples-committee"}},
		{"the same in French", "Le Comité populaire municipal a reçu le maire de Rennes.", nil, []string{"org:rennes-peoples-committee"}},
		{"provincial people's committee in lower case french", "Le comité populaire de la province de Ninh Binh a reçu la délégation.",
			[]string{"org:ninh-binh-peoples-committee"}, nil},
		{"people's committee of a described province", "The People's Committee of the northern province of Bac Ninh signed.", []string{"org:bac-ninh-peoples-committee"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkEntities(t, tt.text, tt.want, tt.not)
		})
	}
}
