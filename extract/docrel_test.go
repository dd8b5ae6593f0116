package extract

import (
	"slices"
	"testing"
)

type relWant struct{ typ, from, to string }

// TestDocumentRelations checks the relations found with the article in
// view, on paragraphs written for the domain in both languages: want must
// be found, not must not.
func TestDocumentRelations(t *testing.T) {
	const forum = "event:4-forum-jp-vn-cooperation-local"
	tests := []struct {
		name, text string
		want, not  []relWant
	}{
		{"participants of the article's event without its name (en)",
			" date 2024-03-11 The 4th Vietnam-Japan Local Cooperation Forum opens in Hue\n" +
				"The 4th Vietnam-Japan Local Cooperation Forum opened in Hue on Monday.\n" +
				"Deputy Prime Minister Tran Van Minh and Governor Sato Kenji attended.\n" +
				"Delegations from Hanoi, Da Nang and Osaka took part.\n",
			[]relWant{{ParticipatedIn, "person:tran-van-minh", forum}, {ParticipatedIn, "city:hanoi", forum}, {ParticipatedIn, "city:da-nang", forum},
				{ParticipatedIn, "city:osaka", forum}, {HeldIn, forum, "city:hue"}, {ParticipatedIn, "country:vietnam", forum}, {ParticipatedIn, "country:japan", forum}},
			[]relWant{{ParticipatedIn, "city:hue", forum}}},
		{"a dateline is no participant (en)",
			" date 2024-03-11 The 4th Vietnam-Japan Local Cooperation Forum opens in Hue\n" +
				"Hanoi (VNA) – The 4th Vietnam-Japan Local Cooperation Forum opened on Monday, drawing delegates from Osaka and Hue.\n",
			[]relWant{{ParticipatedIn, "city:osaka", forum}},
			[]relWant{{ParticipatedIn, "city:hanoi", forum}, {ParticipatedIn, "org:vietnam-news-agency", forum}}},
		{"an apposition to the venue is no participant (en)",
			" date 2024-03-11 The 4th Vietnam-Japan Local Cooperation Forum opens in Hoi An\n" +
				"The 4th Vietnam-Japan Local Cooperation Forum opened in Hoi An city, the central province of Quang Nam, drawing delegates from Osaka.\n",
			[]relWant{{ParticipatedIn, "city:osaka", forum}, {HeldIn, forum, "city:hoi-an"}},
			[]relWant{{ParticipatedIn, "city:quang-nam", forum}}},
		{"a partner named with a participant is no participant (fr)",
			" date 2019-06-02 Forum\n" +
				"Le Forum mondial des villes 2019 s'est ouvert à Tunis.\n" +
				"Les délégués de Lyon ont pris part au forum, où la ville a signé un accord de jumelage avec Sousse.\n",
			[]relWant{{ParticipatedIn, "city:lyon", "event:forum-cities-world-2019"}},
			[]relWant{{ParticipatedIn, "city:sousse", "event:forum-cities-world-2019"}}},
		{"participants listed after étaient présents (fr)",
			" date 2024-03-11 Le 4e Forum de coopération locale Vietnam-Japon s'ouvre à Hué\n" +
				"Le 4e Forum de coopération locale Vietnam-Japon s'est ouvert lundi à Hué.\n" +
				"Étaient présents le vice-Premier ministre Tran Van Minh et des représentants des villes de Hanoï et d'Osaka.\n",
			[]relWant{{ParticipatedIn, "person:tran-van-minh", forum}, {ParticipatedIn, "city:hanoi", forum}, {ParticipatedIn, "city:osaka", forum}, {HeldIn, forum, "city:hue"}},
			nil},
		{"the sides' delegations listed without the event's name (en)",
			" date 2024-03-11 The 4th Vietnam-Japan Local Cooperation Forum opens in Hue\n" +
				"The 4th Vietnam-Japan Local Cooperation Forum opened in Hue on Monday.\n" +
				"The Japanese side included delegations from Osaka, Kobe and Sendai cities, while the Vietnamese side had representatives from Da Nang.\n",
			[]relWant{{ParticipatedIn, "city:osaka", forum}, {ParticipatedIn, "city:kobe", forum}, {ParticipatedIn, "city:sendai", forum}, {ParticipatedIn, "city:da-nang", forum}},
			nil},
		{"the sides' delegations listed without the event's name (fr)",
			" date 2024-03-11 Le 4e Forum de coopération locale Vietnam-Japon s'ouvre à Hué\n" +
				"Le 4e Forum de coopération locale Vietnam-Japon s'est ouvert lundi à Hué.\n" +
				"La partie vietnamienne comptait des délégations des provinces de Quang Nam, Dong Nai et Ben Tre.\n",
			[]relWant{{ParticipatedIn, "city:quang-nam", forum}, {ParticipatedIn, "city:dong-nai", forum}, {ParticipatedIn, "city:ben-tre", forum}},
			nil},
		{"a generic reference is the article's event (fr)",
			" date 2024-06-02 Le Festival des cultures de Hué 2024 commence\n" +
				"Le Festival des cultures de Hué 2024 a commencé samedi.\n" +
				"Les organisateurs ont remercié les artistes.\n" +
				"La manifestation s'est tenue dans la ville de Hué.\n",
			[]relWant{{HeldIn, "event:festival-hue-culture-2024", "city:hue"}},
			nil},
		{"hosts listed after co-organised by (en)",
			" date 2024-03-11 Hue hosts a forum\n" +
				"The 4th Vietnam-Japan Local Cooperation Forum opened on Monday.\n" +
				"Co-hosted by the Hanoi People's Committee and the city of Osaka, the forum drew 300 delegates.\n",
			[]relWant{{HostedBy, forum, "org:hanoi-peoples-committee"}, {HostedBy, forum, "city:osaka"}},
			[]relWant{{ParticipatedIn, "city:osaka", forum}}},
		{"hosts listed after organisées conjointement par (fr)",
			" date 2024-03-11 Rencontres à Lyon\n" +
				"Les 3es Rencontres de la coopération décentralisée franco-vietnamienne se sont tenues à Lyon.\n" +
				"Organisées conjointement par la ville de Lyon et la province de Quang Nam, elles ont réuni 400 participants.\n",
			[]relWant{{HostedBy, "event:3-meeting-fr-vn-cooperation-decentralised", "city:lyon"}, {HostedBy, "event:3-meeting-fr-vn-cooperation-decentralised", "city:quang-nam"},
				{HeldIn, "event:3-meeting-fr-vn-cooperation-decentralised", "city:lyon"}},
			[]relWant{{ParticipatedIn, "city:quang-nam", "event:3-meeting-fr-vn-cooperation-decentralised"}}},
		{"a person in another event's paragraph does not take part in the article's event",
			" date 2024-03-11 The 4th Vietnam-Japan Local Cooperation Forum opens in Hue\n" +
				"The 4th Vietnam-Japan Local Cooperation Forum opened in Hue on Monday.\n" +
				"Governor Sato Kenji attended the forum.\n\n" +
				"In 2019 the Asia-Pacific Cities Summit 2019 was held in Brisbane. Mayor Anne Leroy spoke there.\n",
			[]relWant{{ParticipatedIn, "person:sato-kenji", forum}},
			[]relWant{{ParticipatedIn, "person:anne-leroy", forum}}},
		{"who speaks now does not speak at an event held months before",
			" date 2024-08-30 Hue reviews the forum\n" +
				"The 4th Vietnam-Japan Local Cooperation Forum was held in Hue in March 2024.\n" +
				"The 4th Vietnam-Japan Local Cooperation Forum brought many investors.\n" +
				"On Thursday, Chairman Le Van Binh said the city would follow up on its results.\n",
			nil,
			[]relWant{{ParticipatedIn, "person:le-van-binh", forum}}},
		{"who speaks now does not speak at an event months ahead (fr)",
			" date 2024-03-02 Hué prépare le forum\n" +
				"Le 4e Forum de coopération locale Vietnam-Japon se tiendra à Hué en juin 2024.\n" +
				"Le 4e Forum de coopération locale Vietnam-Japon accueillera des investisseurs.\n" +
				"Le président Le Van Binh a déclaré que la ville était prête.\n",
			[]relWant{{HeldIn, forum, "city:hue"}},
			[]relWant{{ParticipatedIn, "person:le-van-binh", forum}}},
		{"the place after took place, past the date (en)",
			" date 2024-03-11 Forum\n" +
				"The 4th Vietnam-Japan Local Cooperation Forum took place on March 10 in the central city of Da Nang.\n",
			[]relWant{{HeldIn, forum, "city:da-nang"}}, nil},
		{"a venue after a compound adjective (en)",
			" date 2024-11-15 Festival\nThe 3rd Hue Festival opened in the south-central city of Nha Trang on November 14.\n",
			[]relWant{{HeldIn, "event:3-festival-hue", "city:nha-trang"}}, nil},
		{"a venue after an adjective (fr)",
			" date 2024-11-15 Festival\nLe 3e Festival de Hué s'est ouvert le 14 novembre dans la ville côtière de Nha Trang.\n",
			[]relWant{{HeldIn, "event:3-festival-hue", "city:nha-trang"}}, nil},
		{"where a gathering met for the event it was held (en)",
			" date 2024-05-06 Forum\nMayors of 20 cities gathered in the central city of Hue on May 5 for the 3rd Asia-Europe Mayors Forum.\nAmong the French participants were Mayor Anne Leroy of Blois and Deputy Mayor Paul Girard.\n",
			[]relWant{{HeldIn, "event:3-forum-asia-europe-mayors", "city:hue"}, {ParticipatedIn, "person:anne-leroy", "event:3-forum-asia-europe-mayors"}, {ParticipatedIn, "person:paul-girard", "event:3-forum-asia-europe-mayors"}}, nil},
		{"where a gathering met for the event it was held (fr)",
			" date 2024-05-06 Forum\nLes maires de 20 villes se sont réunis à Hué le 5 mai pour le 3e Forum des maires Asie-Europe.\nParmi les participants figuraient Mme Anne Leroy, maire de Blois, et M. Paul Girard.\n",
			[]relWant{{HeldIn, "event:3-forum-asie-europe-mayors", "city:hue"}, {ParticipatedIn, "person:anne-leroy", "event:3-forum-asie-europe-mayors"}, {ParticipatedIn, "person:paul-girard", "event:3-forum-asie-europe-mayors"}}, nil},
		{"a festival named after its locality is held there (en)",
			" date 2024-03-25 Festival\nThe 2nd Da Nang International Kite Festival opened on Monday with artists from ten countries.\n",
			[]relWant{{HeldIn, "event:2-festival-da-nang-international-kite", "city:da-nang"}}, nil},
		{"a festival named after its locality is held there (fr)",
			" date 2025-03-02 Festival\nLe 2e Festival du patrimoine minier de Liège s'ouvrira en novembre.\n",
			[]relWant{{HeldIn, "event:2-festival-liege-heritage-mining", "city:liege"}}, nil},
		{"a festival named after a locality and held elsewhere is not held there",
			" date 2024-03-25 Festival\nThe 2nd Da Nang International Kite Festival opened in Paris on Monday.\n",
			[]relWant{{HeldIn, "event:2-festival-da-nang-international-kite", "city:paris"}}, []relWant{{HeldIn, "event:2-festival-da-nang-international-kite", "city:da-nang"}}},
		{"the places of a list of participants take part (en)",
			" date 2024-03-25 Festival\nThe 2nd Hue International Kite Festival opened on Monday.\nForeign participants include a 20-member delegation from Busan, South Korea; artisans from Bandung, Indonesia; and kite clubs from Xiamen.\n",
			[]relWant{{ParticipatedIn, "city:busan", "event:2-festival-hue-international-kite"}, {ParticipatedIn, "city:bandung", "event:2-festival-hue-international-kite"}, {ParticipatedIn, "city:xiamen", "event:2-festival-hue-international-kite"}}, nil},
		{"the places of a list of participants take part (fr)",
			" date 2024-03-25 Festival\nLe 2e Festival international du cerf-volant de Hué s'est ouvert lundi.\nParmi les participants figuraient une délégation de Busan, des artisans de Bandung et des clubs de Xiamen.\n",
			[]relWant{{ParticipatedIn, "city:busan", "event:2-festival-hue-international-kite"}, {ParticipatedIn, "city:xiamen", "event:2-festival-hue-international-kite"}}, nil},
		{"a venue before the occasion of an event (en)",
			" date 2024-07-12 Visit\nThe memorandum is expected to be signed in Perth in June on the occasion of the 3rd Western Trade Week.\n",
			[]relWant{{HeldIn, "event:3-week-trade-western", "city:perth"}}, nil},
		{"a venue before the occasion of an event (fr)",
			" date 2024-06-10 Exposition\nL'exposition sera présentée à Nantes du 14 au 28 septembre, lors du 3e Festival de la gastronomie.\n",
			[]relWant{{HeldIn, "event:3-festival-food", "city:nantes"}}, nil},
		{"a demonym before the occasion of an event is no venue (fr)",
			" date 2024-06-10 Cinéma\nUne semaine du cinéma sera organisée dans la ville tchèque en marge du 3e Festival du film de Brno.\n",
			nil, []relWant{{HeldIn, "event:3-festival-brno-film", "country:czech-republic"}}},
		{"a gathering in another clause is not the event's venue",
			" date 2024-05-06 Forum\nMayors of 20 cities gathered in Hue on May 5 and praised plans for the 3rd Asia-Europe Mayors Forum next year in Seoul.\n",
			[]relWant{{HeldIn, "event:3-forum-asia-europe-mayors", "city:seoul"}}, []relWant{{HeldIn, "event:3-forum-asia-europe-mayors", "city:hue"}}},
		{"the two localities an event is named after take part in it (fr)",
			" date 2024-05-06 Semaine\nLa Semaine de l'amitié Da Nang - Nantes s'est ouverte lundi à Nantes.\n",
			[]relWant{{ParticipatedIn, "city:da-nang", "event:week-da-nang-nantes-friendship-2024"}, {ParticipatedIn, "city:nantes", "event:week-da-nang-nantes-friendship-2024"}}, nil},
		{"the two localities that hold a conference take part in it (en)",
			" date 2024-05-06 Review\nThe province of Quang Tri and Laos's Savannakhet province reviewed their cooperation at a conference held in Dong Ha city on May 5.\n",
			[]relWant{{ParticipatedIn, "city:quang-tri", "event:conference-quang-tri-savannakhet-dong-ha-2024"}, {ParticipatedIn, "city:savannakhet", "event:conference-quang-tri-savannakhet-dong-ha-2024"}, {HeldIn, "event:conference-quang-tri-savannakhet-dong-ha-2024", "city:dong-ha"}},
			[]relWant{{ParticipatedIn, "city:dong-ha", "event:conference-quang-tri-savannakhet-dong-ha-2024"}}},
		{"a meeting the delegation held is not the event (fr)",
			" date 2024-03-11 Le 4e Forum de coopération locale Vietnam-Japon s'ouvre à Hué\n" +
				"Lors de sa participation au 4e Forum de coopération locale Vietnam-Japon, le maire de Nantes, Paul Girard, a rencontré le gouverneur Sato Kenji.\n",
			[]relWant{{ParticipatedIn, "person:paul-girard", forum}},
			[]relWant{{ParticipatedIn, "person:sato-kenji", forum}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := extractText(t, tt.text)
			for _, w := range tt.want {
				if !hasRelation(r, w.typ, w.from, w.to) {
					t.Errorf("missing %s %s -> %s\ngot %v", w.typ, w.from, w.to, r.Relations)
				}
			}
			for _, w := range tt.not {
				if hasRelation(r, w.typ, w.from, w.to) {
					t.Errorf("unexpected %s %s -> %s", w.typ, w.from, w.to)
				}
			}
		})
	}
}

// TestPartnerships checks partnership sentences in both languages,
// enumerations, pairs and the cases that state no partnership.
func TestPartnerships(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []relWant
		kind       string
	}{
		{"a list after with (en)", "Hanoi has signed partnership agreements with Seoul, Busan and Incheon.",
			[]relWant{{PartnerOf, "city:hanoi", "city:seoul"}, {PartnerOf, "city:hanoi", "city:busan"}, {PartnerOf, "city:hanoi", "city:incheon"}}, nil, "agreement"},
		{"a list after avec (fr)", "Depuis 2005, Lyon est jumelée avec Hué, Séoul et Kyoto.",
			[]relWant{{PartnerOf, "city:lyon", "city:hue"}, {PartnerOf, "city:lyon", "city:seoul"}, {PartnerOf, "city:lyon", "city:kyoto"}}, nil, "twinning"},
		{"pairs after entre (fr)", "Citons les projets de coopération entre Lyon et Hué, Nantes et Da Nang, Toulouse et Hanoï.",
			[]relWant{{PartnerOf, "city:hue", "city:lyon"}, {PartnerOf, "city:da-nang", "city:nantes"}, {PartnerOf, "city:hanoi", "city:toulouse"}},
			[]relWant{{PartnerOf, "city:hue", "city:nantes"}}, ""},
		{"cooperation between two localities (en)", "Cooperation between Can Tho and the Canadian province of Quebec keeps growing.",
			[]relWant{{PartnerOf, "city:can-tho", "city:quebec"}}, nil, "cooperation"},
		{"countries joined by a dash (en)", "The leaders praised the Vietnam-Laos friendship.",
			[]relWant{{PartnerOf, "country:laos", "country:vietnam"}}, nil, "friendship"},
		{"a planned partnership is no partnership (en)", "Hue and Blois will sign a twinning agreement next year.",
			nil, []relWant{{PartnerOf, "city:blois", "city:hue"}}, ""},
		{"a planned partnership is no partnership (fr)", "Nantes et Da Nang envisagent de signer un accord de jumelage.",
			nil, []relWant{{PartnerOf, "city:da-nang", "city:nantes"}}, ""},
		{"a partnership that goes on is one", "Hanoi will continue its twinning with Blois.",
			[]relWant{{PartnerOf, "city:blois", "city:hanoi"}}, nil, "twinning"},
		{"a list after including (en)", "Incheon has sister-city relations with 20 cities worldwide, including Tianjin, Honolulu and Kobe.",
			[]relWant{{PartnerOf, "city:incheon", "city:tianjin"}, {PartnerOf, "city:honolulu", "city:incheon"}, {PartnerOf, "city:incheon", "city:kobe"}}, nil, "twinning"},
		{"strengthening ties is no plan (fr)", "La ville de Lyon souhaite renforcer ses liens avec les provinces de Thua Thien-Hue et de Lam Dong.",
			[]relWant{{PartnerOf, "city:lyon", "city:thua-thien-hue"}, {PartnerOf, "city:lam-dong", "city:lyon"}}, nil, ""},
		{"a district and its city are not partners", "Les échanges avec l'arrondissement jumelé de Cau Giay (Hanoï) ont repris à Lyon.",
			nil, []relWant{{PartnerOf, "city:cau-giay", "city:hanoi"}}, ""},
		{"a unit the gazetteer lacks, its country from the article (en)", "Can Tho and the Norwegian county of Vestfold signed a cooperation agreement in 2019.",
			[]relWant{{PartnerOf, "city:can-tho", "city:vestfold"}}, nil, "agreement"},
		{"a Vietnamese unit the gazetteer lacks (fr)", "Le district de Kim Đình a signé un accord de coopération avec Montreuil en 2018.",
			[]relWant{{PartnerOf, "city:kim-dinh-district", "city:montreuil"}}, nil, "agreement"},
		{"the province a definite noun stands for (en)", "A delegation of Hung Yen province visited Japan. During the visit, the province and Tochigi prefecture signed a friendship and cooperation agreement.",
			[]relWant{{PartnerOf, "city:hung-yen", "city:tochigi"}}, nil, "agreement"},
		{"the province a definite noun stands for, after a dateline (fr)", "Tokyo (VNA) - Une délégation de la province de Hung Yen a visité le Japon, au cours de laquelle la province et la préfecture de Tochigi ont signé un protocole d'amitié et de coopération.",
			[]relWant{{PartnerOf, "city:hung-yen", "city:tochigi"}}, []relWant{{PartnerOf, "city:tochigi", "city:tokyo"}, {PartnerOf, "city:hung-yen", "city:tokyo"}}, "agreement"},
		{"a list after dont, after the cue (fr)", "Rouen compte déjà six villes jumelles, dont Norwich (Royaume-Uni) et Hanovre (Allemagne).",
			[]relWant{{PartnerOf, "city:norwich", "city:rouen"}, {PartnerOf, "city:hannover", "city:rouen"}}, []relWant{{PartnerOf, "city:hannover", "city:norwich"}}, "twinning"},
		{"a place that says where the one before lies is no party (fr)", "La province de Thai Nguyen et la ville canadienne de Sherbrooke, au Québec, ont signé un accord de coopération.",
			[]relWant{{PartnerOf, "city:sherbrooke", "city:thai-nguyen"}}, []relWant{{PartnerOf, "city:quebec", "city:thai-nguyen"}}, "agreement"},
		{"the place of a dateline is no party", "Hanoi (VNA) - Can Tho and Grenoble signed a cooperation agreement.",
			[]relWant{{PartnerOf, "city:can-tho", "city:grenoble"}}, []relWant{{PartnerOf, "city:grenoble", "city:hanoi"}}, "agreement"},
		{"a capital in apposition says where the partner lies (en)", "Da Nang has been twinned with Pakse, the capital of Champasak province, and with Vientiane since 2005.",
			[]relWant{{PartnerOf, "city:da-nang", "city:pakse"}, {PartnerOf, "city:da-nang", "city:vientiane"}}, []relWant{{PartnerOf, "city:champasak", "city:da-nang"}}, "twinning"},
		{"a capital in apposition says where the partner lies (fr)", "Đà Nẵng est jumelée avec Pakse, la capitale de la province de Champassak, depuis 2005.",
			[]relWant{{PartnerOf, "city:da-nang", "city:pakse"}}, []relWant{{PartnerOf, "city:champasak", "city:da-nang"}}, "twinning"},
		{"a chef-lieu in apposition says where the partner lies (fr)", "Đà Nẵng est jumelée avec Pakse, chef-lieu de la province de Champassak, depuis 2005.",
			[]relWant{{PartnerOf, "city:da-nang", "city:pakse"}}, []relWant{{PartnerOf, "city:champasak", "city:da-nang"}}, "twinning"},
		{"a second agreement with another partner (en)", "Can Tho signed a twinning agreement with Tainan, then a memorandum of understanding on tourism with Udon Thani province.",
			[]relWant{{PartnerOf, "city:can-tho", "city:tainan"}, {PartnerOf, "city:can-tho", "city:udon-thani"}}, []relWant{{PartnerOf, "city:udon-thani", "city:tainan"}}, ""},
		{"a second agreement with another partner (fr)", "Cần Thơ a signé un accord de jumelage avec Tainan et un protocole d'accord sur le tourisme avec la province de Udon Thani.",
			[]relWant{{PartnerOf, "city:can-tho", "city:tainan"}, {PartnerOf, "city:can-tho", "city:udon-thani"}}, []relWant{{PartnerOf, "city:udon-thani", "city:tainan"}}, ""},
		{"no second partner without a second cue", "Can Tho signed a twinning agreement with Tainan, and trade with Udon Thani province grew.",
			[]relWant{{PartnerOf, "city:can-tho", "city:tainan"}}, []relWant{{PartnerOf, "city:can-tho", "city:udon-thani"}}, ""},
		{"a list after namely (en)", "Quang Tri maintains cooperation with three Lao provinces, namely Savannakhet, Salavan and Sekong.",
			[]relWant{{PartnerOf, "city:quang-tri", "city:savannakhet"}, {PartnerOf, "city:quang-tri", "city:salavan"}, {PartnerOf, "city:quang-tri", "city:sekong"}}, nil, "cooperation"},
		{"a list after à savoir (fr)", "Quảng Trị entretient des liens de coopération avec trois provinces laotiennes, à savoir Savannakhet, Salavan et Sekong.",
			[]relWant{{PartnerOf, "city:quang-tri", "city:savannakhet"}, {PartnerOf, "city:quang-tri", "city:salavan"}, {PartnerOf, "city:quang-tri", "city:sekong"}}, nil, ""},
		{"an ambiguous name the article reads as a place elsewhere (en)", "Delegates arrived in Nice on Monday. Nice signed a cooperation agreement with Hue the next day.",
			[]relWant{{PartnerOf, "city:hue", "city:nice"}}, nil, "agreement"},
		{"an ambiguous name the article reads as a place elsewhere (fr)", "La délégation est arrivée à Nice lundi. Nice a signé un accord de coopération avec Hué le lendemain.",
			[]relWant{{PartnerOf, "city:hue", "city:nice"}}, nil, "agreement"},
		{"the same name in a person's name stays a name", "Delegates arrived in Nancy on Monday. Ms Nancy Durand signed a cooperation agreement with Hue.",
			nil, []relWant{{PartnerOf, "city:hue", "city:nancy"}}, ""},
		{"a country's possessive says where each partner lies (en)", "Last year, Can Tho signed a cooperation charter with France's Gironde department and with Japan's Kochi Prefecture.",
			[]relWant{{PartnerOf, "city:can-tho", "city:gironde"}, {PartnerOf, "city:can-tho", "city:kochi"}}, nil, ""},
		{"a demonym says where each partner lies (fr)", "Can Tho a signé une charte de coopération avec le département français de la Gironde et la préfecture japonaise de Kochi.",
			[]relWant{{PartnerOf, "city:can-tho", "city:gironde"}, {PartnerOf, "city:can-tho", "city:kochi"}}, nil, ""},
		{"the province a definite noun stands for, before with (en)", "Quang Tri province received a Korean delegation on Monday. According to the foreign affairs department, the province has established partnerships with eleven localities, including South Korea's Gyeonggi Province.",
			[]relWant{{PartnerOf, "city:gyeonggi", "city:quang-tri"}}, nil, ""},
		{"the province a definite noun stands for, before avec (fr)", "La province de Quang Tri a reçu une délégation coréenne lundi. Selon le service des affaires étrangères, la province a noué des relations avec onze collectivités, dont la province sud-coréenne de Gyeonggi.",
			[]relWant{{PartnerOf, "city:gyeonggi", "city:quang-tri"}}, nil, ""},
		{"a second between in the list of agreements (en)", "Three cooperation agreements were signed at the forum: a memorandum between Hue City and Kyoto on tourism, and an agreement between Da Nang City and Sakai City on waste treatment.",
			[]relWant{{PartnerOf, "city:hue", "city:kyoto"}, {PartnerOf, "city:da-nang", "city:sakai"}}, []relWant{{PartnerOf, "city:da-nang", "city:kyoto"}}, ""},
		{"a second entre in the list of agreements (fr)", "Trois accords de coopération ont été signés : un protocole entre la ville de Hué et Kyoto sur le tourisme, et un accord entre Da Nang et Sakai sur les déchets.",
			[]relWant{{PartnerOf, "city:hue", "city:kyoto"}, {PartnerOf, "city:da-nang", "city:sakai"}}, []relWant{{PartnerOf, "city:da-nang", "city:kyoto"}}, ""},
		{"the city a definite noun stands for is the one just named, a body's (fr)", "Une délégation de Grenoble est arrivée lundi. Selon le directeur du Service des affaires étrangères de Da Lat, la ville a déjà noué des relations avec la ville américaine de Seattle et avec la ville sud-coréenne de Busan.",
			[]relWant{{PartnerOf, "city:da-lat", "city:seattle"}, {PartnerOf, "city:busan", "city:da-lat"}}, []relWant{{PartnerOf, "city:grenoble", "city:seattle"}, {PartnerOf, "city:busan", "city:seattle"}}, ""},
		{"the city a definite noun stands for is the one just named, a body's (en)", "A delegation from Grenoble arrived on Monday. According to the director of the Da Lat Department of Foreign Affairs, the city has established partnerships with Seattle and with South Korea's Busan.",
			[]relWant{{PartnerOf, "city:da-lat", "city:seattle"}, {PartnerOf, "city:busan", "city:da-lat"}}, []relWant{{PartnerOf, "city:grenoble", "city:seattle"}, {PartnerOf, "city:busan", "city:seattle"}}, ""},
		{"a place noun with an adjective is no reference (fr)", "Une délégation de Bochum est arrivée lundi. Le directeur du Service des affaires étrangères de Da Lat a appelé les partenaires allemands à investir dans la ville intelligente.",
			nil, []relWant{{PartnerOf, "city:bochum", "city:da-lat"}}, ""},
		{"two localities coordinated before a tie (en)", "The governor recalled that Kagawa and Hue set up friendly relations in 2016.",
			[]relWant{{PartnerOf, "city:hue", "city:kagawa"}}, nil, "friendship"},
		{"two localities coordinated before a tie (fr)", "Le gouverneur a rappelé que Kagawa et la ville de Hué ont noué des relations d'amitié en 2016.",
			[]relWant{{PartnerOf, "city:hue", "city:kagawa"}}, nil, "friendship"},
		{"two localities not coordinated are no partners of a tie", "Officials of Hue, then of Lyon, discussed economic relations with Vientiane.",
			nil, []relWant{{PartnerOf, "city:hue", "city:lyon"}}, ""},
		{"two units of one country are not partners", "The Dutch province of Friesland and the Dutch province of Drenthe signed a cooperation agreement.",
			nil, []relWant{{PartnerOf, "city:drenthe", "city:friesland"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := extractText(t, tt.text)
			for _, w := range tt.want {
				if !hasRelation(r, w.typ, w.from, w.to) {
					t.Errorf("missing %s %s -> %s\ngot %v", w.typ, w.from, w.to, r.Relations)
				}
			}
			for _, w := range tt.not {
				if hasRelation(r, w.typ, w.from, w.to) {
					t.Errorf("unexpected %s %s -> %s", w.typ, w.from, w.to)
				}
			}
			if tt.kind == "" {
				return
			}
			for _, x := range r.Relations {
				if x.Type == PartnerOf && x.Props["kind"] != tt.kind {
					t.Errorf("%s -> %s: kind %v, want %s", x.From, x.To, x.Props["kind"], tt.kind)
				}
			}
		})
	}
}

// TestEventIdentity checks that the names of one event get one id in one
// article and across languages, and that different editions do not.
func TestEventIdentity(t *testing.T) {
	ids := func(text string) map[string]bool {
		out := map[string]bool{}
		for _, e := range extractText(t, text).Entities {
			if e.Type == Event {
				out[e.ID] = true
			}
		}
		return out
	}
	en := ids(" date 2024-05-02 Mayors meet\nThe Asia-Pacific Mayors' Forum (APMF) opened in Hue. The APMF Forum closed on Friday. Delegates praised the APMF.\n")
	fr := ids(" date 2024-05-03 Les maires se réunissent\nLe Forum des maires d'Asie-Pacifique (APMF) s'est ouvert à Hué.\n")
	if len(en) != 1 || !en["event:apmf-2024"] || len(fr) != 1 || !fr["event:apmf-2024"] {
		t.Errorf("acronym event: en %v, fr %v, want one event:apmf-2024 each", en, fr)
	}
	meetEN := ids(" date 2016-10-30 Meetings\nThe 4th Franco-Chinese Decentralised Cooperation Meetings were held in Wuhan.\n")
	meetFR := ids(" date 2016-10-30 Rencontres\nLes 4es Rencontres de la coopération décentralisée franco-chinoise ont eu lieu à Wuhan.\n")
	if len(meetEN) != 1 || len(meetFR) != 1 || !meetEN["event:4-meeting-cn-fr-cooperation-decentralised"] || !meetFR["event:4-meeting-cn-fr-cooperation-decentralised"] {
		t.Errorf("one event in two languages: en %v, fr %v", meetEN, meetFR)
	}
	forumEN := ids(" date 2025-03-02 Forum\nThe Vietnam-Japan Local Cooperation Forum opened in Hue.\n")
	forumFR := ids(" date 2025-03-02 Forum\nLe Forum de coopération locale Japon-Vietnam s'est ouvert à Hué.\n")
	if len(forumEN) != 1 || !forumEN["event:forum-jp-vn-cooperation-local-2025"] || !forumFR["event:forum-jp-vn-cooperation-local-2025"] {
		t.Errorf("unnumbered event, countries in any order: en %v, fr %v", forumEN, forumFR)
	}
	sumEN := ids(" date 2023-07-08 Summit\nThe Francophone Cities Summit 2023 opened in Dakar.\n")
	sumFR := ids(" date 2023-07-08 Sommet\nLe Sommet des villes francophones 2023 s'est ouvert à Dakar.\n")
	if len(sumEN) != 1 || len(sumFR) != 1 || !sumEN["event:summit-cities-francophonie-2023"] || !sumFR["event:summit-cities-francophonie-2023"] {
		t.Errorf("adjective after a group: en %v, fr %v", sumEN, sumFR)
	}
	fairEN := ids(" date 2025-03-02 Fair\nThe Hue Industrial Fair will open in March.\n")
	fairFR := ids(" date 2025-03-02 Salon\nLe Salon de l'industrie de Hué s'ouvrira en mars.\n")
	if len(fairEN) != 1 || !fairEN["event:fair-hue-industry-2025"] || !fairFR["event:fair-hue-industry-2025"] {
		t.Errorf("a sector as topic, in two languages: en %v, fr %v", fairEN, fairFR)
	}
	minEN := ids(" date 2025-03-02 Festival\nThe Liège Mining Heritage Festival will open in November.\n")
	minFR := ids(" date 2025-03-02 Festival\nLe Festival du patrimoine minier de Liège s'ouvrira en novembre.\n")
	if want := "event:festival-liege-heritage-mining-2025"; len(minEN) != 1 || !minEN[want] || !minFR[want] {
		t.Errorf("a sector adjective after its noun, in two languages: en %v, fr %v, want %s", minEN, minFR, want)
	}
	// An ordinal and a type alone name no series: each is of its year.
	jcEN := ids(" date 2021-12-15 Joint Commission\nThe 11th session of the Joint Commission was held in Hanoi on 14 December.\n")
	jcFR := ids(" date 2021-12-16 Commission mixte\nLa 11e session de la Commission mixte s'est tenue à Hanoï.\n")
	jcOther := ids(" date 2019-05-10 Commission mixte\nLa 11e session de la Commission mixte s'est tenue à La Havane.\n")
	if !jcEN["event:11-joint-commission-2021"] || !jcFR["event:11-joint-commission-2021"] || !jcOther["event:11-joint-commission-2019"] {
		t.Errorf("an ordinal and a type alone: en %v, fr %v, another year %v", jcEN, jcFR, jcOther)
	}
	two := ids("The 3rd Vietnam-France Decentralised Cooperation Conference was held in 2022; the 4th Vietnam-France Decentralised Cooperation Conference opens today.")
	if len(two) != 2 {
		t.Errorf("two editions: got %v, want two events", two)
	}
	none := ids("The two cities will hold business conferences and a forum for young architects.")
	if len(none) != 0 {
		t.Errorf("descriptions: got %v, want no event", none)
	}
	described := ids(" date 2023-10-11 Ties\nA seminar linking Vietnam and Japan was held in the city of Osaka on May 21.\n")
	if !described["event:seminar-jp-vn-osaka-2023"] {
		t.Errorf("described event: got %v, want event:seminar-jp-vn-osaka-2023", described)
	}
	// A described event whose sentence opens on two localities of two
	// countries is theirs, in either language.
	subjEN := ids(" date 2024-05-06 Review\nThe province of Quang Tri and Laos's Savannakhet province reviewed their cooperation at a conference held in Dong Ha city on May 5.\n")
	subjFR := ids(" date 2024-05-06 Bilan\nLa province de Quang Tri et la province laotienne de Savannakhet ont fait le bilan de leur coopération lors d'une conférence qui s'est tenue à Dong Ha le 5 mai.\n")
	if want := "event:conference-quang-tri-savannakhet-dong-ha-2024"; !subjEN[want] || !subjFR[want] {
		t.Errorf("a described event of the sentence's two localities: en %v, fr %v, want %s", subjEN, subjFR, want)
	}
	twins := ids(" date 2024-05-06 Twins\nHanoi (VNA) – Can Tho and Grenoble became twin cities at a ceremony held in Can Tho on May 5.\n")
	if want := "event:ceremony-can-tho-grenoble-can-tho-2024"; !twins[want] {
		t.Errorf("the venue may be a party, the dateline is none: got %v, want %s", twins, want)
	}
	heldEN := ids(" date 2024-05-06 Conference\nThe province of Quang Tri on May 5 held an investment, trade and tourism promotion conference in Osaka city.\n")
	heldFR := ids(" date 2024-05-06 Conférence\nLa province de Quang Tri a organisé le 5 mai une conférence de promotion des investissements à Osaka.\n")
	if !heldEN["event:conference-investment-promotion-tourism-trade-osaka-2024"] || !heldFR["event:conference-investment-promotion-osaka-2024"] {
		t.Errorf("an event a subject held in a place, its topics listed: en %v, fr %v", heldEN, heldFR)
	}
	oneCountry := ids(" date 2024-05-06 Officials\nOfficials of Hue and Da Nang attended a conference held in Hanoi on May 5.\n")
	if !oneCountry["event:conference-hanoi-2024"] {
		t.Errorf("two localities of one country are no parties: got %v, want event:conference-hanoi-2024", oneCountry)
	}
}

// TestMeetings checks who met whom, in both languages.
func TestMeetings(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []relWant
	}{
		{"a sentence that opens on the meeting (en)",
			"At a meeting with Mayor Anne Leroy on Monday, Chairman Le Van Binh said the two cities would work together.",
			[]relWant{{Met, "person:anne-leroy", "person:le-van-binh"}}, nil},
		{"a Lao person goes by the given name, which comes first (en)",
			"Governor of Champasak province Bounmy Sisouk visited Hue. Chairman Tran Van Hung held talks with Bounmy on tourism.",
			[]relWant{{Met, "person:bounmy-sisouk", "person:tran-van-hung"}}, nil},
		{"a Thai person goes by the given name, which comes first (fr)",
			"Le gouverneur de la province thaïlandaise d'Udon Thani, Somsak Chaiyaphum, s'est rendu à Hué. Le président Tran Van Hung a reçu Somsak dans l'après-midi.",
			[]relWant{{Met, "person:somsak-chaiyaphum", "person:tran-van-hung"}}, nil},
		{"a Japanese family name alone after with is the person, not a city (en)",
			"Vice Governor of Wakayama Prefecture Hashimoto Kenji arrived in Hanoi on Monday. Chairman Tran Van Hung held talks with Hashimoto on trade, then the delegation visited Hashimoto city.",
			[]relWant{{Met, "person:hashimoto-kenji", "person:tran-van-hung"}}, nil},
		{"a Japanese family name alone after avec is the person, not a city (fr)",
			"Le vice-gouverneur de la préfecture de Wakayama, Hashimoto Kenji, est arrivé à Hanoï lundi. Le président Tran Van Hung a eu des entretiens avec Hashimoto sur le commerce.",
			[]relWant{{Met, "person:hashimoto-kenji", "person:tran-van-hung"}}, nil},
		{"a family name that is a prefecture, after a title, is the person (en)",
			"Nagano Takeshi, Vice Governor of Nara Prefecture, spoke at the forum. On the sidelines, Chairman Tran Minh Quan held talks with Vice Governor Nagano on training.",
			[]relWant{{Met, "person:nagano-takeshi", "person:tran-minh-quan"}}, nil},
		{"a family name that is a prefecture, after a title, is the person (fr)",
			"Nagano Takeshi, vice-gouverneur de la préfecture de Nara, a pris la parole. Le président Tran Minh Quan a reçu le vice-gouverneur Nagano dans l'après-midi.",
			[]relWant{{Met, "person:nagano-takeshi", "person:tran-minh-quan"}}, nil},
		{"one subject, two people met (fr)",
			"Le président Le Van Binh a rendu une visite de courtoisie à Paul Girard et rencontré le gouverneur Sato Kenji.",
			[]relWant{{Met, "person:le-van-binh", "person:paul-girard"}, {Met, "person:le-van-binh", "person:sato-kenji"}},
			[]relWant{{Met, "person:paul-girard", "person:sato-kenji"}}},
		{"a reception for a delegation meets its leader (en)",
			"A delegation of the Hue People's Committee, led by Vice Chairman Le Van Binh, visited Blois.\n" +
				"At a reception for the Hue delegation, Mayor Anne Leroy praised the projects.\n",
			[]relWant{{Met, "person:anne-leroy", "person:le-van-binh"}}, nil},
		{"the delegation meets whom it calls on: its leader did (en)",
			"A delegation of the Hue People's Committee, led by Vice Chairman Le Van Binh, visited Blois. On Tuesday, the delegation paid a courtesy call on Mayor Anne Leroy.",
			[]relWant{{Met, "person:anne-leroy", "person:le-van-binh"}}, nil},
		{"the delegation meets whom it calls on: its leader did (fr)",
			"Une délégation du Comité populaire de Hué, conduite par le vice-président Le Van Binh, a visité Blois. Mardi, la délégation a été reçue par la maire Anne Leroy.",
			[]relWant{{Met, "person:anne-leroy", "person:le-van-binh"}}, nil},
		{"people who received a delegation did not meet each other (fr)",
			"La délégation de Hué a été reçue par M. Paul Girard, premier adjoint au maire, et Mme Claire Martin, vice-présidente de la métropole.",
			nil, []relWant{{Met, "person:claire-martin", "person:paul-girard"}}},
		{"two people joined by and held talks (en)",
			"Chairman Le Van Binh and Mayor Anne Leroy held talks in Hue on Monday.",
			[]relWant{{Met, "person:anne-leroy", "person:le-van-binh"}}, nil},
		{"two people joined by et se sont entretenus (fr)",
			"La coopération est ancienne. M. Le Van Binh et Mme Anne Leroy se sont entretenus lundi à Hué.",
			[]relWant{{Met, "person:anne-leroy", "person:le-van-binh"}}, nil},
		{"two people who held talks with a third did not meet each other",
			"Chairman Le Van Binh and Mayor Anne Leroy held talks with Governor Sato Kenji in Hue.",
			[]relWant{{Met, "person:anne-leroy", "person:sato-kenji"}}, []relWant{{Met, "person:anne-leroy", "person:le-van-binh"}}},
		{"two people who met a third did not meet each other",
			"Chairman Le Van Binh and Mayor Anne Leroy met Governor Sato Kenji in Hue.",
			nil, []relWant{{Met, "person:anne-leroy", "person:le-van-binh"}}},
		{"people in one sentence without a meeting did not meet",
			"Chairman Le Van Binh and Mayor Anne Leroy spoke at the forum.",
			nil, []relWant{{Met, "person:anne-leroy", "person:le-van-binh"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := extractText(t, tt.text)
			for _, w := range tt.want {
				if !hasRelation(r, w.typ, w.from, w.to) {
					t.Errorf("missing %s %s -> %s\ngot %v", w.typ, w.from, w.to, r.Relations)
				}
			}
			for _, w := range tt.not {
				if hasRelation(r, w.typ, w.from, w.to) {
					t.Errorf("unexpected %s %s -> %s", w.typ, w.from, w.to)
				}
			}
		})
	}
}

// TestPartnershipSince checks when a partnership began.
func TestPartnershipSince(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{" date 2023-05-16 Ties\nHai Phong and Incheon celebrated the 30th anniversary of their sister-city relationship, established in 1993.\n", 1993},
		{" date 2023-05-16 Ties\nHai Phong and Incheon celebrated the 30th anniversary of their sister-city relationship.\n", 1993},
		{" date 2023-05-16 Liens\nLa province de Lam Dong est jumelée depuis 2010 avec la ville de Sherbrooke.\n", 2010},
		// two anniversaries: the one next to the partnership's cue counts
		{" date 2024-05-16 Ties\nIn 2019 Hue and Blois celebrated the 5th anniversary of their school exchange and the 10th anniversary of their twinning agreement.\n", 2009},
	}
	for _, tt := range tests {
		r := extractText(t, tt.text)
		got := 0
		for _, x := range r.Relations {
			if x.Type == PartnerOf {
				got, _ = x.Props["since"].(int)
			}
		}
		if got != tt.want {
			t.Errorf("%q: since %d, want %d", tt.text, got, tt.want)
		}
	}
}

// TestMergeEditions checks that an article naming a numbered event without
// its number joins the edition of that year, and only that one.
func TestMergeEditions(t *testing.T) {
	x := testExtractor(t)
	a := x.Extract(Document{ID: "a", Text: " date 2023-04-15 Conference\nThe 12th Vietnam-France Decentralised Cooperation Conference opened in Hanoi on April 14, 2023.\n"})
	b := x.Extract(Document{ID: "b", Text: " date 2023-04-20 Hue\nDelegates from Hue attended the Vietnam-France decentralised cooperation conference in Hanoi last week.\n"})
	c := x.Extract(Document{ID: "c", Text: " date 2025-06-01 Nantes\nThe Vietnam-France decentralised cooperation conference opened in Nantes.\n"})
	m := Merge([]DocResult{a, b, c})
	var ids []string
	for _, e := range m.Entities {
		if e.Type == Event {
			ids = append(ids, e.ID)
		}
	}
	want := []string{"event:12-conference-fr-vn-cooperation-decentralised", "event:conference-fr-vn-cooperation-decentralised-2025"}
	if !slices.Equal(ids, want) {
		t.Errorf("events %v, want %v", ids, want)
	}
	found := false
	for _, r := range m.Relations {
		found = found || (r.Type == ParticipatedIn && r.From == "city:hue" && r.To == want[0])
	}
	if !found {
		t.Errorf("Hue does not take part in %s: %v", want[0], m.Relations)
	}
}

// TestCountsOfTheEvent checks that the counts of the article's event
// attach to it and a count of something else does not.
func TestCountsOfTheEvent(t *testing.T) {
	r := extractText(t, " date 2024-03-11 The 4th Vietnam-Japan Local Cooperation Forum opens in Hue\n"+
		"The 4th Vietnam-Japan Local Cooperation Forum opened in Hue on Monday.\n"+
		"More than 300 delegates from 40 Japanese localities attended.\n"+
		"Hue now has 120 hotels and 3 million visitors a year.\n")
	const forum = "event:4-forum-jp-vn-cooperation-local"
	got := map[string]float64{}
	for _, q := range r.Quantities {
		if q.Subject == forum {
			got[q.Unit] = q.Count
		}
	}
	if got["delegates"] != 300 {
		t.Errorf("delegates of the forum: got %v, want 300 (all: %v)", got["delegates"], r.Quantities)
	}
	for _, q := range r.Quantities {
		if q.Count == 120 || q.Count == 3e6 {
			t.Errorf("a count of something else is the event's: %+v", q)
		}
	}
}
