package extract

import (
	"strings"
	"testing"
)

// personIDs lists the Person ids of a result.
func personIDs(r DocResult) []string {
	var out []string
	for _, e := range r.Entities {
		if e.Type == Person {
			out = append(out, e.ID)
		}
	}
	return out
}

// TestPeople checks who becomes a person, in both languages: people named
// after a title (the title is not part of the name), and capitalised runs
// that are not names.
func TestPeople(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"title before the name is not the name", "The British Prime Minister's Trade Envoy Jane Holloway opened the seminar.",
			[]string{"person:jane-holloway"}, []string{"person:trade-envoy-jane-holloway", "person:envoy-jane-holloway"}},
		{"Lê opens a Vietnamese name before a title in apposition (en)", "Addressing the forum, Le Minh Khoa, Chairman of the Hue People's Committee, spoke.",
			[]string{"person:le-minh-khoa"}, []string{"person:minh-khoa"}},
		{"Lê opens a Vietnamese name before a title in apposition (fr)", "La délégation a été reçue par Lê Minh Khoa, président du Comité populaire de Hué.",
			[]string{"person:le-minh-khoa"}, []string{"person:minh-khoa"}},
		{"place and title before the name", "Quebec Premier Marie Tremblay met the delegation.", []string{"person:marie-tremblay"}, []string{"person:quebec-premier-marie-tremblay"}},
		{"title then a single name, then the name alone", "Busan Mayor Park Jin-ho arrived. Mayor Park said the talks went well.", []string{"person:park-jin-ho"}, []string{"person:mayor-park"}},
		{"bodies and agreements are not people", "The Cooperation Treaty was signed before the Central Committee and the Public Administration Office.", nil,
			[]string{"person:cooperation-treaty", "person:central-committee", "person:public-administration-office"}},
		{"the next titled person does not take the previous one's title", "During talks with Rosa Blanco Pérez, First Secretary of the Communist Party of Cuba in Matanzas, and Governor Luis Torres Díaz, they agreed on a plan.",
			[]string{"person:rosa-blanco-perez", "person:luis-torres-diaz"}, nil},
		{"a one-word name after an honorific is the full name's", "L'ambassadeur du Japon, Ito Naoki, est arrivé. Selon M. Ito, la coopération progresse.", []string{"person:ito-naoki"}, []string{"person:ito"}},
		{"a name run into the next word is the full name's", "President Truong Van Tam received the mayor. President Tamnoted that the talks went well.", []string{"person:truong-van-tam"},
			[]string{"person:tamnoted"}},
		{"squares are not people", "They laid a wreath at Ba Đình Square and visited Hoàn Kiếm Lake.", nil, []string{"person:ba-dinh-square", "person:hoan-kiem-lake"}},
		{"the next line is not the name of a title ending a line", " date 2024-01-02 Deputy PM receives Japanese Ambassador\nHÀ NỘI — Deputy Prime Minister Trần Văn Hòa received him.",
			[]string{"person:tran-van-hoa"}, nil},
		{"a vietnamese family name that is also a word, after a title", "Party General Secretary Tô Hùng, National Assembly Chairman Trần Văn Bình and others attended in Hà Nội.",
			[]string{"person:to-hung", "person:tran-van-binh"}, nil},
		{"a title-case headline names no one", " date 2024-01-02 Hue Vows To Boost Heritage Tourism With Kyoto Partner\nThe Annual Report was released.", nil,
			[]string{"person:hue-vows", "person:annual-report"}},
		{"a vietnamese family name alone names no one", "Selon M. Nguyen, la coopération progresse. Mayor Petrov agreed.", []string{"person:petrov"}, []string{"person:nguyen"}},
		{"titles alone are not people", "The Secretary General and the Vice Chairman attended the Trans-Pacific Partnership talks.", nil,
			[]string{"person:secretary-general", "person:vice-chairman", "person:trans-pacific-partnership"}},
		{"command words are not people", "'); MATCH (n) DETACH DELETE n //", nil, []string{"person:detach-delete", "person:match"}},
		{"a particle inside a surname", "Le ministre Jean-Yves Le Drian a reçu M. Vincent Le Bihan.",
			[]string{"person:jean-yves-le-drian", "person:vincent-le-bihan"}, []string{"person:jean-yves", "person:vincent"}},
		{"two titled people with their offices after their names", "Chairman Pham Van Huy of Hue and Mayor Anne Leroy of Blois attended the forum.",
			[]string{"person:pham-van-huy", "person:anne-leroy"}, []string{"person:mayor-anne-leroy"}},
		{"a lower-case particle inside a surname", "Le président Charles de Gaulle a reçu Mme Anne Leroy.",
			[]string{"person:charles-de-gaulle"}, []string{"person:charles"}},
		{"a particle before a place is no surname", "Le maire Martin de Lyon a reçu Mme Anne Leroy.", nil, []string{"person:martin-de-lyon"}},
		{"two lower-case particles inside a surname", "Mayor Pieter van der Berg and Governor Juan de la Cruz welcomed Hendrik de Vos.",
			[]string{"person:pieter-van-der-berg", "person:juan-de-la-cruz", "person:hendrik-de-vos"}, []string{"person:pieter", "person:juan", "person:hendrik"}},
		{"a particle before a place with an article is no surname", "Le maire Martin de La Rochelle a reçu Mme Anne Leroy.", []string{"city:la-rochelle"}, []string{"person:martin-de-la-rochelle"}},
		{"an article after a place opens no surname", "Paris Le Monde a publié un article sur Hué.", nil, []string{"person:paris-le-monde"}},
		{"sites are not people", "Visitors toured the My Son Landscape Complex and the Hoi An Heritage Site.", nil,
			[]string{"person:landscape-complex", "person:son-landscape-complex", "person:hoi-an-heritage-site", "person:heritage-site"}},
		{"wards are not people", "The project covers Tay Ho Ward and Ba Dinh District.", nil, []string{"person:tay-ho-ward", "person:ba-dinh-district"}},
		{"a name after a place-type word names a thing", "Les élèves de l'école Nguyen Van Troi ont visité la rue Tran Hung Dao.", nil, []string{"person:nguyen-van-troi", "person:tran-hung-dao"}},
		{"vietnamese name with syllables of a district", "Chairman Trần Xuân Trường welcomed the guests.", []string{"person:tran-xuan-truong"}, []string{"person:tran-xuan", "city:xuan-truong"}},
		{"honorifics before a name", "Deputy Prime Minister and Minister of Tourism Samdech Techo Chan Sokha opened the meeting.", []string{"person:chan-sokha"}, []string{"person:samdech-techo-chan-sokha"}},
		{"name at the end of a body's name", "Head of the Department of External Relations of the Party Central Committee Lucia Herrera Soto welcomed them.", []string{"person:lucia-herrera-soto"}, nil},
		{"french: ambassador with a demonym", "L'ambassadeur vietnamien en Italie, Nguyễn Văn Minh, a ouvert le forum.", []string{"person:nguyen-van-minh"}, nil},
		{"french: an extraordinary ambassador is not a person", "M. Trần Văn Hải, Ambassadeur Extraordinaire et Plénipotentiaire du Vietnam, a pris la parole.", []string{"person:tran-van-hai"}, []string{"person:extraordinaire"}},
		{"run-together sentences", "The agreement was signed in 2019.The mayor of Lyon, Marie Dupont, welcomed it.", []string{"person:marie-dupont"}, []string{"person:the"}},
		{"run-together words", "He met Da Nang Party CommitteeSecretary Nguyễn Văn Bình and PhamVan Dong.", []string{"person:nguyen-van-binh"}, []string{"person:committeesecretary-nguyen-van-binh"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkEntities(t, tt.text, tt.want, tt.not)
		})
	}
}

// TestRoles checks the HOLDS_ROLE relations of titles before and after
// names, compound and coordinated titles, in both languages.
func TestRoles(t *testing.T) {
	tests := []struct {
		name, text, from string
		to               []string // any of these
		title            string   // a word the title contains
	}{
		{"place before the title", "Quebec Premier Marie Tremblay met the delegation.", "person:marie-tremblay", []string{"city:quebec"}, "Premier"},
		{"a title after the name, owned by a place in the possessive (en)", "The charter was signed in the presence of Daniel Pryce, Queensland's Assistant Minister for Tourism.", "person:daniel-pryce", []string{"city:queensland"}, "Assistant Minister"},
		{"a university's head (en)", "Professor Jane Smith, Vice-Chancellor of the University of Melbourne, welcomed the delegation.", "person:jane-smith", []string{"org:university-of-melbourne"}, "Vice-Chancellor"},
		{"a university's head (fr)", "La délégation a rencontré Jean Lambert, recteur de l'Université de Liège.", "person:jean-lambert", []string{"org:universite-de-liege"}, "Rector"},
		{"a Belgian provincial deputy (fr)", "Étaient présents Mme Claire Dubois, députée provinciale de Namur, et l'ambassadeur.", "person:claire-dubois", []string{"city:namur", "city:province-of-namur"}, "Provincial Deputy"},
		{"a local title after led by is the delegation's place's (en)", "Participants include a 25-member delegation from Busan, South Korea, led by Deputy Mayor Kim Jae-won.", "person:kim-jae-won", []string{"city:busan"}, "Deputy Mayor"},
		{"a local title after conduite par is the delegation's place's (fr)", "Une délégation de Nantes, conduite par l'adjointe au maire Claire Martin, est arrivée à Hué.", "person:claire-martin", []string{"city:nantes"}, "Deputy Mayor"},
		{"a local title after the name of the leader of a delegation (fr)", "Une délégation de Nantes, conduite par Mme Claire Martin, adjointe au maire chargée des relations internationales, est arrivée à Hué.", "person:claire-martin", []string{"city:nantes"}, "Deputy Mayor"},
		{"a local title after the name of the leader of a delegation (en)", "A delegation from Lyon, headed by Ms. Anne Roux, Deputy Mayor in charge of international relations, arrived in Hue.", "person:anne-roux", []string{"city:lyon"}, "Deputy Mayor"},
		{"a diplomat below the ambassador (en)", "Okada Ryo, Minister-Counsellor of the Japanese Embassy in Vietnam, said the talks went well.", "person:okada-ryo", []string{"org:embassy-of-japan-in-vietnam"}, "Minister-Counsellor"},
		{"a diplomat below the ambassador (fr)", "Le ministre-conseiller de l'ambassade du Japon au Vietnam, Sato Ken, a pris la parole.", "person:sato-ken", []string{"org:embassy-of-japan-in-vietnam"}, "Minister-Counsellor"},
		{"a deputy head of a university (en)", "Professor Jane Smith, Pro Vice-Chancellor of the University of Sydney, spoke.", "person:jane-smith", []string{"org:university-of-sydney"}, "Pro Vice-Chancellor"},
		{"a Belgian mayor (fr)", "Elle a été accueillie par la bourgmestre de Namur, Sophie Lambert.", "person:sophie-lambert", []string{"city:namur"}, "Mayor"},
		{"a Dutch mayor (en)", "The delegation was received by Burgomaster of Rotterdam Pieter Janssens.", "person:pieter-janssens", []string{"city:rotterdam"}, "Mayor"},
		{"a long hyphenated place before the title (en)", "Speaking at the forum, Saint-Laurent-du-Var Mayor Jean Moreau praised the projects.", "person:jean-moreau", []string{"city:saint-laurent-du-var"}, "Mayor"},
		{"a long hyphenated place in the title (fr)", "Le maire de Saint-Laurent-du-Var, Jean Moreau, a salué les projets.", "person:jean-moreau", []string{"city:saint-laurent-du-var"}, "Mayor"},
		{"a Chinese autonomous region (fr)", "La province de Cao Bang a reçu une délégation conduite par Liu Jianhua, secrétaire du Comité du Parti de la région autonome Zhuang du Guangxi.",
			"person:liu-jianhua", []string{"org:guangxi-party-committee"}, "Secretary"},
		{"its body (en)", "A delegation from Hung Yen province led by the Chairman of its People's Committee, Nguyen Duy Khoa, visited Tochigi.",
			"person:nguyen-duy-khoa", []string{"org:hung-yen-peoples-committee"}, "Chairman"},
		{"its body (fr)", "Une délégation de la province de Hung Yen conduite par le président de son Comité populaire, Nguyen Duy Khoa, a visité Tochigi.",
			"person:nguyen-duy-khoa", []string{"org:hung-yen-peoples-committee"}, "Chairman"},
		{"a title in the possessive is another's", "The UK Prime Minister's Trade Envoy Mark Garnier opened the seminar.", "person:mark-garnier", []string{"country:united-kingdom"}, "Envoy"},
		{"body before the title, run together", "He met Da Nang Party CommitteeSecretary Nguyễn Văn Bình.", "person:nguyen-van-binh", []string{"org:da-nang-party-committee"}, "Secretary"},
		{"demonym before the title", "Vietnamese Ambassador to Japan Lê Văn Hùng spoke.", "person:le-van-hung", []string{"country:vietnam"}, "Ambassador"},
		{"described place", "Chairman of the People's Committee of the northern province of Bac Ninh Nguyen Van Tuan spoke.", "person:nguyen-van-tuan",
			[]string{"org:bac-ninh-peoples-committee", "city:bac-ninh"}, "Chairman"},
		{"body named earlier in the sentence", "A delegation of the Can Tho Party Committee, led by Deputy Secretary Tran Van Lau, arrived.", "person:tran-van-lau",
			[]string{"org:can-tho-party-committee"}, "Secretary"},
		{"title after the name", "Marie Dupont, the Mayor of Nantes, welcomed them.", "person:marie-dupont", []string{"city:nantes"}, "Mayor"},
		{"place with its unit word, then the name", "Chairman of Quang Nam Province Nguyen Van Tam said the provinces would cooperate.", "person:nguyen-van-tam",
			[]string{"city:quang-nam"}, "Chairman"},
		{"foreign province with its unit word, then the name", "Vice Governor of Gyeonggi Province Park Ji-hoon signed the memorandum.", "person:park-ji-hoon",
			[]string{"city:gyeonggi"}, "Governor"},
		{"title, name, then the office", "Governor Tanaka Ichiro of Nara Prefecture visited Hue.", "person:tanaka-ichiro", []string{"city:nara"}, "Governor"},
		{"the second of two titled people, office after the name", "Chairman Pham Van Huy of Hue and Mayor Anne Leroy of Blois attended the forum.", "person:anne-leroy", []string{"city:blois"}, "Mayor"},
		{"its title: the place of the delegation before it", "A delegation from Japan's Nara prefecture led by its Governor Tanaka Ichiro visited Hue.", "person:tanaka-ichiro", []string{"city:nara"}, "Governor"},
		{"son titre : le lieu de la délégation", "La coopération est ancienne. Une délégation de la préfecture de Nara, conduite par son gouverneur Tanaka Ichiro, a visité Hué.", "person:tanaka-ichiro", []string{"city:nara"}, "Governor"},
		{"a country's place in the possessive", "Governor of Japan's Nara prefecture Tanaka Ichiro visited Hue on Monday.", "person:tanaka-ichiro", []string{"city:nara"}, "Governor"},
		{"the portfolio between the title and the name", "La vice-présidente de la Métropole de Lyon chargée des relations internationales, Claire Martin, a signé.", "person:claire-martin",
			[]string{"org:metropole-de-lyon"}, "Vice President"},
		{"district with its unit word, then the name", "Chairman of Cau Giay District Tran Van Lau welcomed them.", "person:tran-van-lau",
			[]string{"city:cau-giay"}, "Chairman"},
		{"french title after the name", "Marie Dupont, maire de Nantes, a reçu la délégation.", "person:marie-dupont", []string{"city:nantes"}, "Mayor"},
		{"coordinated titles, second role", "General Secretary of the Party and President of Laos Bounmy Vongsa attended.", "person:bounmy-vongsa", []string{"country:laos"}, "President"},
		{"coordinated titles after the name", "Khamsay Vongsa, Secretary of the Party Committee and Governor of Luang Prabang province, spoke.", "person:khamsay-vongsa",
			[]string{"city:luang-prabang"}, "Governor"},
		{"place, its type and its country in parentheses", "Chairman Nguyen Van Tuan received the Governor of Gyeonggi province of the Republic of Korea (RoK), Kim Young-rok, on Monday.",
			"person:kim-young-rok", []string{"city:gyeonggi"}, "Governor"},
		{"a sub-body after a party's acronym", "General Secretary of the Mongolian People's Party (MPP) Central Committee and President of Mongolia Batbayar Tsend spoke.",
			"person:batbayar-tsend", []string{"org:mongolian-peoples-party"}, "General Secretary"},
		{"apposition before the next titled person", "During talks with Rosa Blanco Pérez, First Secretary of the Communist Party of Cuba in Matanzas, and Governor Luis Torres Díaz, they agreed on a plan.",
			"person:rosa-blanco-perez", []string{"org:communist-party-of-cuba", "city:matanzas"}, "First Secretary"},
		{"french: membership is skipped, the office kept", "Nguyen Thi Lan, membre du Comité permanent, vice-présidente du Comité populaire de la province de Ninh Binh, a parlé.",
			"person:nguyen-thi-lan", []string{"org:ninh-binh-peoples-committee"}, "Vice"},
		{"french: a board member and a deputy mayor", "Mme Claire Martin, membre du conseil d'administration de Cités Unies France et adjointe au maire de Nantes, a parlé.",
			"person:claire-martin", []string{"city:nantes"}, "Deputy Mayor"},
		{"french: the regional council of the article's region", "La région Bretagne accueille la délégation. M. Paul Girard, Président du Conseil régional, a parlé.",
			"person:paul-girard", []string{"org:brittany-regional-council", "city:brittany"}, "President"},
		{"a body named by its level takes the place of the next title", "Chairman Le Van Nam met Khamsay Vongsa, Secretary of the provincial Party Committee and Governor of Luang Prabang province, in Hanoi.",
			"person:khamsay-vongsa", []string{"org:luang-prabang-party-committee"}, "Secretary"},
		{"french: a board member's body", "Mme Claire Martin, membre du conseil d'administration de Cités Unies France et adjointe au maire de Nantes, a parlé.",
			"person:claire-martin", []string{"org:cites-unies-france"}, "Board"},
		{"french: title of a body named by an acronym of its initials", "L'Association des villes pour l'amitié avec l'étranger a reçu M. Paul Girard. Mme Sophie Lenoir, présidente de l'AVAE, a parlé.",
			"person:sophie-lenoir", []string{"org:association-des-villes-pour-lamitie-avec-letranger"}, "President"},
		{"french: a department with a lower-case name", "Ensuite, le chef adjoint du Département de la coopération technique du ministère de l'Intérieur, Paul Girard, a parlé.",
			"person:paul-girard", []string{"org:departement-de-la-cooperation-technique", "org:departement-de-la-cooperation-technique-du-ministere-de-linterieur"}, "Deputy Head"},
		{"the name after a title ending a headline is not that title's", " date 2024-01-02 Deputy PM receives Japanese Ambassador\nHÀ NỘI — Deputy Prime Minister Trần Văn Hòa received him.",
			"person:tran-van-hoa", []string{"country:vietnam"}, "Deputy Prime Minister"},
		{"deputy before a compound title", "Deputy Foreign Minister Lê Văn Hùng spoke.", "person:le-van-hung", []string{"country:vietnam"}, "Deputy Minister of Foreign Affairs"},
		{"a national body of a country named by its places", "National Assembly Chairman Trần Thanh Mẫn visited Hà Nội and Đà Nẵng.", "person:tran-thanh-man",
			[]string{"org:national-assembly-of-vietnam"}, "Chairman"},
		{"french: complements that name nothing known before a place", "Il était aux côtés de M. Zhang Wei, Secrétaire général du PCC de la province du Yunnan, et des maires.",
			"person:zhang-wei", []string{"city:yunnan"}, "General Secretary"},
		{"french: the region a title names by its noun alone", "La région Occitanie a accueilli la délégation. La présidente de la région, Carole Martin, a parlé.",
			"person:carole-martin", []string{"city:occitania"}, "President"},
		{"french chain of titles", "Le gouverneur de la province cubaine de Matanzas et vice-président de l'Assemblée, Pedro Gómez Ruiz, a signé.", "person:pedro-gomez-ruiz",
			[]string{"city:matanzas"}, "Governor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := extractText(t, tt.text)
			for _, x := range r.Relations {
				if x.Type != HoldsRole || x.From != tt.from {
					continue
				}
				for _, to := range tt.to {
					if x.To == to && strings.Contains(fmtAny(x.Props["title"]), tt.title) {
						return
					}
				}
			}
			var got []string
			for _, x := range r.Relations {
				if x.Type == HoldsRole {
					got = append(got, x.From+" -> "+x.To+" "+fmtAny(x.Props["title"]))
				}
			}
			t.Errorf("got roles %v (people %v), want %s -> %v (%s)", got, personIDs(r), tt.from, tt.to, tt.title)
		})
	}
}

// TestRunTogether checks the repair of text as outlets publish it.
func TestRunTogether(t *testing.T) {
	s := "It began in 2019.The mayor came. Mr.Smith too. TP.HCM and U.S. stay."
	sents := splitSentences(s, 0, len(s), testExtractor(t).words.abbrev)
	if len(sents) != 4 {
		t.Errorf("got %d sentences %v, want 4 (2019.The split; Mr.Smith, TP.HCM and U.S. kept)", len(sents), sents)
	}
	x := testExtractor(t)
	d := &prepared{x: x}
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"CommitteeSecretary", []string{"Committee", "Secretary"}},
		{"theSeoul", []string{"the", "Seoul"}},
		{"McDonald", []string{"McDonald"}},
		{"iPhone", []string{"iPhone"}},
		{"VnExpress", []string{"VnExpress"}},
	} {
		toks := d.splitRunTogether(tokenize(tc.in, 0, len(tc.in), 0, nil))
		var got []string
		for _, t := range toks {
			got = append(got, t.text)
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s: got %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestNoOfficeFromTheVenue: a place after the name that is not "of X" is
// where the person was, not their office.
func TestNoOfficeFromTheVenue(t *testing.T) {
	r := extractText(t, " date 2024-05-16 Talks\nThe director held talks with Mayor Anne Leroy in Hanoi on Monday.\n")
	for _, rel := range r.Relations {
		if rel.Type == HoldsRole && rel.From == "person:anne-leroy" && rel.To == "city:hanoi" {
			t.Errorf("the venue taken as the office: %v", rel)
		}
	}
}
