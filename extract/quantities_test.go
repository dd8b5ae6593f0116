package extract

import (
	"sort"
	"strings"
	"testing"
)

// TestCounts checks counts of participants on paragraphs written for
// them, in English and French: each belongs to the event with its unit,
// its country and whether it is approximate; counts of something else do
// not.
func TestCounts(t *testing.T) {
	const conf = "event:3-conference-fr-vn-cooperation-decentralised"
	const forum = "event:forum-asia-europe-mayors-2024"
	tests := []struct {
		name, text string
		want       []string // "subject count unit of approx", sorted
	}{
		{"fr localités françaises", " date 2024-05-16 Hué\n" +
			"La 3e Conférence de coopération décentralisée Vietnam-France a réuni 50 localités françaises à Hué.\n",
			[]string{conf + " 50 localities country:france false"}},
		{"en over 70 Japanese localities", " date 2024-05-16 Hue\n" +
			"The Asia-Europe Mayors Forum 2024 gathered over 70 Japanese localities in Hue.\n",
			[]string{forum + " 70 localities country:japan true"}},
		{"en a delegation's size, of the country it comes from", " date 2024-05-16 Hue\n" +
			"The Asia-Europe Mayors Forum 2024 opened on Monday. Participants include a 25-member delegation from Busan, South Korea.\n",
			[]string{forum + " 25 members country:south-korea false"}},
		{"fr a delegation's size after its place", " date 2024-05-16 Hué\n" +
			"La 3e Conférence de coopération décentralisée Vietnam-France s'est ouverte lundi. La délégation de Nantes, forte de 12 membres, y a participé.\n",
			[]string{conf + " 12 members country:france false"}},
		{"fr près de 300 délégués", " date 2024-05-16 Hué\n" +
			"La 3e Conférence de coopération décentralisée Vietnam-France a rassemblé près de 300 délégués.\n",
			[]string{conf + " 300 delegates  true"}},
		{"en more than 100 delegates from the UK", " date 2024-05-16 Hue\n" +
			"More than 90 delegates from Italy attended the Asia-Europe Mayors Forum 2024.\n",
			[]string{forum + " 90 delegates country:italy true"}},
		{"en delegates representing a country", " date 2024-05-16 Hue\n" +
			"The Asia-Europe Mayors Forum 2024 opened with over 80 delegates representing Germany's businesses taking part.\n",
			[]string{forum + " 80 delegates country:germany true"}},
		{"en hundreds of businesses", " date 2024-05-16 Hue\n" +
			"Hundreds of businesses joined the Asia-Europe Mayors Forum 2024.\n",
			[]string{forum + " 200 businesses  true"}},
		{"fr 32 projets", " date 2024-05-16 Hué\n" +
			"32 projets ont été signés pendant la 3e Conférence de coopération décentralisée Vietnam-France.\n",
			[]string{conf + " 32 projects  false"}},
		{"fr villes et provinces vietnamiennes", " date 2024-05-16 Hué\n" +
			"La 3e Conférence de coopération décentralisée Vietnam-France a attiré 6 villes et provinces vietnamiennes.\n",
			[]string{conf + " 6 localities country:vietnam false"}},
		{"fr a count in the event's paragraph", " date 2024-05-16 Hué\n" +
			"La 3e Conférence de coopération décentralisée Vietnam-France s'est ouverte à Hué. La délégation française comprenait 85 participants. Une trentaine de collectivités y étaient représentées.\n",
			[]string{conf + " 30 localities  true", conf + " 85 participants country:france false"}},
		{"en the article's event when the sentence names none", " date 2024-05-16 The 3rd Vietnam-France Decentralised Cooperation Conference opens in Hue\n" +
			"Mayors of both countries meet in the city.\n\n" +
			"About 40 French localities took part.\n",
			[]string{conf + " 40 localities country:france true"}},
		{"en people who attended", " date 2024-05-16 Hue\n" +
			"Nearly 450 people attended the Asia-Europe Mayors Forum 2024 in Hue.\n",
			[]string{forum + " 450 participants  true"}},
		// Counts of something else.
		{"en population, money, years, hectares, percent", " date 2024-05-16 Hue\n" +
			"The Asia-Europe Mayors Forum 2024 opened in Hue, a city of 650,000 people, with a budget of 2 million euros, 30 years after the first meeting, on 500 hectares, with 20 percent more visitors.\n",
			nil},
		{"fr population, argent, années, hectares, pourcentage", " date 2024-05-16 Hué\n" +
			"La 3e Conférence de coopération décentralisée Vietnam-France s'est ouverte à Hué, ville de 650 000 habitants, avec 2 millions d'euros, 30 ans après la première rencontre, sur 500 hectares et 20 % de participants en plus.\n",
			nil},
		{"a reference is no count", " date 2024-05-16 Hue\n" +
			"The two cities and the three provinces attended the Asia-Europe Mayors Forum 2024.\n",
			nil},
		{"what a country has, said at the event", " date 2024-05-16 Hue\n" +
			"The Asia-Europe Mayors Forum 2024 opened in Hue.\n\n" +
			"Speaking at the forum, the minister said Vietnam now has 63 provinces and cities.\n",
			nil},
		{"fr ce que compte une région", " date 2024-05-16 Hué\n" +
			"Lors de la 3e Conférence de coopération décentralisée Vietnam-France, le maire a rappelé que la région compte 12 villes jumelées.\n",
			nil},
		{"no event, no count", " date 2024-05-16 Hue\n" +
			"The province has 30 localities and 12 cities.\n",
			nil},
		{"quoted speech about the state of things", " date 2024-05-16 The 3rd Vietnam-France Decentralised Cooperation Conference opens in Hue\n" +
			"Mayors of both countries meet in the city.\n\n" +
			"“Up to now, 38 French localities have taken part in this mechanism,” the minister said.\n",
			nil},
		{"en outcomes of the event named by reference", " date 2024-05-16 Hue\n" +
			"The 3rd Vietnam-France Decentralised Cooperation Conference opened in Hue on Monday.\n" +
			"In all, 14 cooperation agreements were signed at the conference.\n",
			[]string{conf + " 14 agreements  false"}},
		{"fr outcomes of the event named by reference", " date 2024-05-16 Hué\n" +
			"La 3e Conférence de coopération décentralisée Vietnam-France s'est ouverte lundi à Hué.\n" +
			"Au total, 9 accords de coopération ont été signés lors de la conférence.\n",
			[]string{conf + " 9 agreements  false"}},
		{"en an outcome sentence counts outcomes only", " date 2024-05-16 Hue\n" +
			"The 3rd Vietnam-France Decentralised Cooperation Conference opened in Hue on Monday.\n" +
			"During the conference, 14 agreements were signed by 30 cities.\n",
			[]string{conf + " 14 agreements  false"}},
		{"en what a speaker recalls is no outcome", " date 2024-05-16 Hue\n" +
			"The 3rd Vietnam-France Decentralised Cooperation Conference opened in Hue on Monday.\n" +
			"During the conference, the governor said 14 agreements were signed with France in ten years.\n",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testExtractor(t).Extract(Document{ID: "t", Text: tt.text})
			var got []string
			for _, q := range r.Quantities {
				got = append(got, q.Subject+" "+fmtAny(q.Count)+" "+q.Unit+" "+q.Of+" "+fmtAny(q.Approx))
			}
			sort.Strings(got)
			if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("quantities\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
