package extract

import "testing"

func TestHeaderDate(t *testing.T) {
	tests := []struct{ text, want string }{
		{" date 2024-05-16 Mayors meet in Hue\nThe mayors met.", "2024-05-16"},
		{" date 16/05/2024 Les maires se réunissent à Hué\nLes maires se sont réunis.", "2024-05-16"},
		{" date 16.05.2024 Les maires\nTexte.", "2024-05-16"},
		{" date 05/2024 Les maires\nTexte.", "2024-05"},
		{" date 2023 Mayors meet\nText.", "2023"},
		{" date 31/04/2024 Mayors meet\nText.", ""},
		{"Mayors meet in 2019\nThe mayors met in 2019.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := extractText(t, tt.text).Doc.Date; got != tt.want {
				t.Errorf("Doc.Date = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestUndatedArticle checks that an article without a date does not take
// a year from its text as its date, and that a day and month without a
// year are placed by a full date the text gives or by the year in the
// event's name.
func TestUndatedArticle(t *testing.T) {
	const conf = "event:3-conference-fr-vn-cooperation-decentralised"
	tests := []struct {
		name, text, event, want string
		ctxYear                 int
	}{
		{"a year elsewhere in the text is no date",
			"Hue and Blois, partners since 2004\n" +
				"The 3rd Vietnam-France Decentralised Cooperation Conference was held in Hue on 12 April.\n",
			conf, "", 0},
		{"fr: a full date earlier places the day",
			"Coopération Vietnam-France\n" +
				"Les délégations se sont retrouvées les 7 et 8 novembre 2019 à Lyon.\n" +
				"La 3e Conférence de coopération décentralisée Vietnam-France s'est tenue le 8 novembre à Lyon.\n",
			conf, "2019-11-08", 2019},
		{"en: the explicit date wins",
			"Vietnam and France\n" +
				"The 3rd Vietnam-France Decentralised Cooperation Conference opened in Hue on 12 April 2019.\n",
			conf, "2019-04-12", 2019},
		{"the event's name gives the year",
			"Hanoi and Seoul\n" +
				"On the sidelines of the World Cities Summit 2016, the two mayors met on 10 July.\n",
			"event:summit-cities-world-2016", "2016-07-10", 2016},
		{"relative days need the article's date",
			"Vietnam and France\n" +
				"The two countries held talks in March 2019.\n" +
				"The 3rd Vietnam-France Decentralised Cooperation Conference opened in Hue on Monday.\n",
			conf, "", 2019},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := runText(t, tt.text)
			if d.year != tt.ctxYear {
				t.Errorf("year = %d, want %d", d.year, tt.ctxYear)
			}
			if d.ents[tt.event] == nil {
				t.Fatalf("no event %s; events: %v", tt.event, eventIDs(d))
			}
			if got := d.eventDate(tt.event); got != tt.want && !(tt.want == "" && len(got) == 4) {
				t.Errorf("date = %q, want %q", got, tt.want)
			}
		})
	}
}

func eventIDs(d *related) []string {
	var ids []string
	for _, id := range d.order {
		if d.ents[id].e.Type == Event {
			ids = append(ids, id)
		}
	}
	return ids
}

// TestEventDates checks the event's date read from the text against the
// article's date, and from the article's date when the text gives none.
func TestEventDates(t *testing.T) {
	const conf = "event:3-conference-fr-vn-cooperation-decentralised"
	const forum = "event:forum-asia-europe-mayors-2024"
	tests := []struct {
		name, text string
		want       map[string]string // event id -> date ("" none)
	}{
		{"en on Monday", " date 2024-05-16 Delegates meet in Hue\n" +
			"The 3rd Vietnam-France Decentralised Cooperation Conference opened in Hue on Monday.\n",
			map[string]string{conf: "2024-05-13"}},
		{"en a season and a year", " date 2024-11-15 Forum\n" +
			"Delegates agreed that the 4th Vietnam-Japan Local Forum will be held in Sakai in autumn 2026.\n",
			map[string]string{"event:4-forum-jp-vn-local": "2026"}},
		{"fr une saison et une année", " date 2024-11-15 Forum\n" +
			"Le 4e Forum local Vietnam-Japon se tiendra à Sakai au printemps 2027.\n",
			map[string]string{"event:4-forum-jp-vn-local": "2027"}},
		{"fr le 12 avril", " date 2024-05-02 Les délégués à Hué\n" +
			"La 3e Conférence de coopération décentralisée Vietnam-France s'est tenue le 12 avril à Hué.\n",
			map[string]string{conf: "2024-04-12"}},
		{"en range", " date 2024-05-02 Delegates meet in Hue\n" +
			"The 3rd Vietnam-France Decentralised Cooperation Conference took place in Hue from 12 to 14 April.\n",
			map[string]string{conf: "2024-04-12"}},
		{"fr du au", " date 2024-05-02 Les délégués à Hué\n" +
			"La 3e Conférence de coopération décentralisée Vietnam-France s'est déroulée du 12 au 14 avril à Hué.\n",
			map[string]string{conf: "2024-04-12"}},
		{"fr les et", " date 2024-05-02 Les délégués à Hué\n" +
			"La 3e Conférence de coopération décentralisée Vietnam-France a eu lieu les 8 et 9 avril à Hué.\n",
			map[string]string{conf: "2024-04-08"}},
		{"fr hier", " date 2024-05-02 Les délégués à Hué\n" +
			"La 3e Conférence de coopération décentralisée Vietnam-France s'est ouverte hier à Hué.\n",
			map[string]string{conf: "2024-05-01"}},
		{"en last week", " date 2024-05-16 Delegates met in Hue\n" +
			"The 3rd Vietnam-France Decentralised Cooperation Conference was held in Hue last week.\n",
			map[string]string{conf: "2024-05"}},
		{"en early next month", " date 2024-05-16 Hue prepares\n" +
			"The 3rd Vietnam-France Decentralised Cooperation Conference will be held in Hue early next month.\n",
			map[string]string{conf: "2024-06"}},
		{"coordinated events share the date", " date 2024-05-16 Mayors meet in Hue\n" +
			"On May 14, the 3rd Vietnam-France Decentralised Cooperation Conference and the Asia-Europe Mayors Forum 2024 took place in Hue.\n",
			map[string]string{conf: "2024-05-14", forum: "2024-05-14"}},
		{"each event its own date", " date 2024-05-16 Mayors meet in Hue\n" +
			"The Asia-Europe Mayors Forum 2024 opened on May 14, after the 3rd Vietnam-France Decentralised Cooperation Conference held on 2 April.\n",
			map[string]string{forum: "2024-05-14", conf: "2024-04-02"}},
		{"fr a visit's date is not the event's", " date 2024-05 Hanoï et Hué\n" +
			"Venue pour la 3e Conférence de coopération décentralisée Vietnam-France et pour une visite de travail à Hué du 20 au 22 mai, la délégation a rencontré le maire.\n",
			map[string]string{conf: ""}},
		{"fr the next edition's date is not the event's", " date 2015-02-25 Ouverture de la 3e Conférence de coopération décentralisée Vietnam-France à Hué\n" +
			"La 3e Conférence de coopération décentralisée Vietnam-France s'est ouverte à Hué.\n" +
			"La prochaine édition de la conférence se tiendra à Lyon en 2016.\n",
			map[string]string{conf: "2015-02"}},
		{"en the event of an undated sentence", " date 2024-05-16 Mayors gather in Hue\n" +
			"The 3rd Vietnam-France Decentralised Cooperation Conference brought mayors to Hue.\n" +
			"It was held on May 14 at the city's theatre.\n",
			map[string]string{conf: "2024-05-14"}},
		{"en reported now: the article's date", " date 2024-05-16 The 3rd Vietnam-France Decentralised Cooperation Conference opens in Hue\n" +
			"Mayors from both countries attend.\n",
			map[string]string{conf: "2024-05-16"}},
		{"fr reported done: the article's month", " date 2024-05-16 La 3e Conférence de coopération décentralisée Vietnam-France à Hué\n" +
			"Les maires des deux pays ont participé à la conférence.\n",
			map[string]string{conf: "2024-05"}},
		{"fr reported coming: no date", " date 2024-05-16 Hué accueillera la 3e Conférence de coopération décentralisée Vietnam-France\n" +
			"La conférence se tiendra à Hué.\n",
			map[string]string{conf: ""}},
		{"en a day wins over a year said with held", " date 2024-05-16 Mayors meet in Hue\n" +
			"The 3rd Vietnam-France Decentralised Cooperation Conference opened on 14 May in Hue.\n" +
			"The conference is held in 2024 for the first time in the city.\n",
			map[string]string{conf: "2024-05-14"}},
		{"en the name's year wins", " date 2024-05-16 Mayors look back\n" +
			"The Asia-Europe Mayors Forum 2024 was prepared on 3 October 2023.\n",
			map[string]string{forum: "2024"}},
		{"en coming: the next October", " date 2024-04-09 Hue prepares\n" +
			"The 3rd Vietnam-France Decentralised Cooperation Conference is scheduled to take place in Hue in October.\n",
			map[string]string{conf: "2024-10"}},
		{"fr coming: the next 6 mars", " date 2024-04-09 Hué se prépare\n" +
			"La 3e Conférence de coopération décentralisée Vietnam-France se tiendra le 6 mars à Hué.\n",
			map[string]string{conf: "2025-03-06"}},
		{"en done as planned: the past March", " date 2024-04-09 Mayors met in Hue\n" +
			"The 3rd Vietnam-France Decentralised Cooperation Conference was held in Hue on March 6, as planned.\n",
			map[string]string{conf: "2024-03-06"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := runText(t, tt.text)
			for id, want := range tt.want {
				if d.ents[id] == nil {
					t.Fatalf("no event %s; events: %v", id, eventIDs(d))
				}
				if got := d.eventDate(id); got != want {
					t.Errorf("%s: date = %q, want %q", id, got, want)
				}
			}
		})
	}
}

// TestRedatedEvents: an unnumbered event whose names give no year takes
// the year of its date into its id and name, not the article's, so that
// the articles of both years make one node; an event whose name gives
// its year keeps it.
func TestRedatedEvents(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  string // the event id there must be, and the one there must not
		wantName   string
	}{
		{"fr a fair of next year", " date 2026-10-14 Lyon et Hué\n" +
			"Le maire a invité les entreprises lyonnaises au Salon international de Hué, prévu en mars 2027.\n",
			"event:fair-hue-international-2027", "event:fair-hue-international-2026", "Hue International Fair 2027"},
		{"en a festival of last year", " date 2026-02-03 Hue looks back\n" +
			"The Hue Lotus Festival was held in the city in November 2025 with 40 delegations.\n",
			"event:festival-hue-lotus-2025", "event:festival-hue-lotus-2026", ""},
		{"en the name's year stays", " date 2026-02-03 Mayors look back\n" +
			"The Asia-Europe Mayors Forum 2026 was prepared in November 2025.\n",
			"event:forum-asia-europe-mayors-2026", "event:forum-asia-europe-mayors-2025", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := runText(t, tt.text)
			b := d.ents[tt.want]
			if b == nil {
				t.Fatalf("no event %s; events: %v", tt.want, eventIDs(d))
			}
			if d.ents[tt.not] != nil {
				t.Errorf("event %s is there too", tt.not)
			}
			if tt.wantName != "" && b.e.Name != tt.wantName {
				t.Errorf("name %q, want %q", b.e.Name, tt.wantName)
			}
			for _, m := range d.ments {
				if m.id == tt.not {
					t.Errorf("a mention still names %s", tt.not)
				}
			}
		})
	}
}
