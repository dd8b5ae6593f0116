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
				"Les délégations se sont rencontrées les 13 et 14 décembre 2021 à Hanoï.\n" +
				"La 3e Conférence de coopération décentralisée Vietnam-France s'est tenue le 14 décembre à Hanoï.\n",
			conf, "2021-12-14", 2021},
		{"en: the explicit date wins",
			"Vietnam and France\n" +
				"The 3rd Vietnam-France Decentralised Cooperation Conference opened in Hue on 12 April 2019.\n",
			conf, "2019-04-12", 2019},
		{"the event's name gives the year",
			"Hanoi and Seoul\n" +
				"On the sidelines of the World Cities Summit 2016, the two mayors met on 10 July.\n",
			"event:summit-cities-world-2016", "2016-07-10", 0},
		{"relative days need the article's date",
			"Vietnam and France\n" +
				"The two countries held talks in March 2019.\n" +
				"The 3rd Vietnam-France Decentralised Cooperation Conference opened in Hue on Monday.\n",
			conf, "", 2019},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := runText(t, tt.text)
			if d.ctxYear != tt.ctxYear {
				t.Errorf("ctxYear = %d, want %d", d.ctxYear, tt.ctxYear)
			}
			b := d.ents[tt.event]
			if b == nil {
				t.Fatalf("no event %s; events: %v", tt.event, eventIDs(d))
			}
			if got, _ := b.e.Props["date"].(string); got != tt.want && !(tt.want == "" && len(got) == 4) {
				t.Errorf("date = %q, want %q", got, tt.want)
			}
		})
	}
}

func eventIDs(d *docState) []string {
	var ids []string
	for _, id := range d.order {
		if d.ents[id].e.Type == Event {
			ids = append(ids, id)
		}
	}
	return ids
}
