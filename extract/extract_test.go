package extract

import (
	"strings"
	"sync"
	"testing"
)

var (
	testXOnce sync.Once
	testX     *Extractor
	testXErr  error
)

func testExtractor(t *testing.T) *Extractor {
	t.Helper()
	testXOnce.Do(func() { testX, testXErr = New() })
	if testXErr != nil {
		t.Fatal(testXErr)
	}
	return testX
}

func extractText(t *testing.T, text string) DocResult {
	t.Helper()
	return testExtractor(t).Extract(Document{ID: "t", Text: text})
}

// checkEntities extracts text and checks that every id of want is among
// its entities and no id of not is.
func checkEntities(t *testing.T, text string, want, not []string) {
	t.Helper()
	r := extractText(t, text)
	var got []string
	for _, e := range r.Entities {
		got = append(got, e.ID)
	}
	for _, id := range want {
		if !hasEntity(r, id) {
			t.Errorf("got %v, want %s among them", got, id)
		}
	}
	for _, id := range not {
		if hasEntity(r, id) {
			t.Errorf("got %v, want no %s", got, id)
		}
	}
}

func hasEntity(r DocResult, id string) bool {
	for _, e := range r.Entities {
		if e.ID == id {
			return true
		}
	}
	return false
}

func hasRelation(r DocResult, typ, from, to string) bool {
	for _, x := range r.Relations {
		if x.Type == typ && ((x.From == from && x.To == to) || (Symmetric(typ) && x.From == to && x.To == from)) {
			return true
		}
	}
	return false
}

// TestEntities checks each recogniser on sentences written for the domain,
// in both languages; want lists ids that must be found, not those that must not.
func TestEntities(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"places in any spelling", "Delegates from HÀ NỘI, Hanoï and Đà Nẵng met in Danang.", []string{"city:hanoi", "city:da-nang"}, nil},
		{"demonyms", "Les localités sud-coréennes et vietnamiennes ont signé.", []string{"country:south-korea", "country:vietnam"}, nil},
		{"english demonym", "More than 40 French localities joined.", []string{"country:france"}, nil},
		{"vietnamese name with a title", "Deputy Prime Minister Trần Hồng Hà visited Lyon.", []string{"person:tran-hong-ha", "city:lyon"}, nil},
		{"vietnamese name without diacritics", "Le vice-président du Comité populaire de Hai Phong, Le Anh Quan, a reçu la délégation.", []string{"person:le-anh-quan", "org:haiphong-peoples-committee"}, nil},
		{"hyphenated french name", "La maire adjointe de Bordeaux, Marie-Claude Noël, a signé l'accord.", []string{"person:marie-claude-noel"}, nil},
		{"name then role", "Anne Hidalgo, the Mayor of Paris, welcomed the delegation.", []string{"person:anne-hidalgo"}, nil},
		{"korean name", "Busan Mayor Park Heong-joon met the delegation.", []string{"person:park-heong-joon"}, nil},
		{"bridge named after a person", "Le pont Nguyen Van Troi a été rénové.", nil, []string{"person:nguyen-van-troi"}},
		{"street named after a person", "The office is on Le Thanh Ton Street in Hanoi.", nil, []string{"person:le-thanh-ton"}},
		{"people's committee EN/FR one node", "The Hue People's Committee met. Le Comité populaire de Huế a répondu.", []string{"org:hue-peoples-committee"}, nil},
		{"party committee", "Secretary of the Can Tho Party Committee Nguyen Van Hieu spoke.", []string{"org:can-tho-party-committee", "person:nguyen-van-hieu"}, nil},
		{"known body by acronym", "The AFD and the CUF support the projects.", []string{"org:french-development-agency", "org:cites-unies-france"}, nil},
		{"un is not the UN", "Il a signé un accord avec un partenaire.", nil, []string{"org:united-nations"}},
		{"event with ordinal", "The 5th Vietnam-France Decentralised Cooperation Conference opened in Hue.", []string{"event:5-conference-fr-vn-cooperation-decentralised"}, nil},
		{"french event same id", "Les 5es Assises de la coopération décentralisée franco-vietnamienne se sont ouvertes à Hue.", []string{"event:5-conference-fr-vn-cooperation-decentralised"}, nil},
		{"summit with year", "Le Sommet mondial des villes 2018 s'est tenu à Singapour.", []string{"event:summit-cities-world-2018", "country:singapore"}, nil},
		{"a meeting is not an event", "Ils ont tenu une réunion avec les entreprises.", nil, []string{"event:meeting"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkEntities(t, tt.text, tt.want, tt.not)
		})
	}
}

func TestPartialMentions(t *testing.T) {
	r := extractText(t, "Chairman of the Hanoi People's Committee Tran Sy Thanh received Mayor Kim Dong-yeon. Thanh said Hanoi values the partnership. Kim agreed.")
	counts := map[string]int{}
	for _, e := range r.Entities {
		counts[e.ID] = len(e.Mentions)
	}
	if counts["person:tran-sy-thanh"] != 2 {
		t.Errorf("got %d mentions of Tran Sy Thanh, want 2 (full name and 'Thanh')", counts["person:tran-sy-thanh"])
	}
	if counts["person:kim-dong-yeon"] != 2 {
		t.Errorf("got %d mentions of Kim Dong-yeon, want 2", counts["person:kim-dong-yeon"])
	}
}

func TestRelations(t *testing.T) {
	tests := []struct {
		name, text     string
		typ, from, to  string
		prop, propWant string
	}{
		{"twinning since an anniversary", " date 2019-05-02 \nLyon et Hô Chi Minh-Ville célèbrent le 20e anniversaire de leur jumelage.", PartnerOf, "city:ho-chi-minh-city", "city:lyon", "since", "1999"},
		{"sister cities", "Hanoi and Bangkok became sister cities in 2004.", PartnerOf, "city:bangkok", "city:hanoi", "since", "2004"},
		{"strategic partnership", " date 2023-09-11 \nVietnam and the United States upgraded their ties to a comprehensive strategic partnership.", PartnerOf, "country:united-states", "country:vietnam", "kind", "comprehensive strategic partnership"},
		{"met", "Le président du Comité populaire de Hanoi, Tran Sy Thanh, a reçu le maire de Séoul, Oh Se-hoon.", Met, "person:oh-se-hoon", "person:tran-sy-thanh", "", ""},
		{"role of a mayor", "Le maire de Toulouse, Jean-Luc Moudenc, a signé.", HoldsRole, "person:jean-luc-moudenc", "city:toulouse", "title", "Mayor"},
		{"national role inferred", "Prime Minister Pham Minh Chinh spoke.", HoldsRole, "person:pham-minh-chinh", "country:vietnam", "title", "Prime Minister"},
		{"held in", "The 3rd Vietnam-France Forum on Sustainable Cities was held in Da Nang.", HeldIn, "event:3-forum-fr-vn-cities-sustainable", "city:da-nang", "", ""},
		{"located in", "Officials from Rennes attended.", LocatedIn, "city:rennes", "country:france", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := extractText(t, tt.text)
			var found *Relation
			for i, x := range r.Relations {
				if x.Type == tt.typ && ((x.From == tt.from && x.To == tt.to) || (Symmetric(tt.typ) && x.From == tt.to && x.To == tt.from)) {
					found = &r.Relations[i]
				}
			}
			if found == nil {
				t.Fatalf("got relations %+v, want %s %s -> %s", r.Relations, tt.typ, tt.from, tt.to)
			}
			if tt.prop != "" {
				if got := strings.TrimSpace(strings.Trim(strings.ReplaceAll(fmtAny(found.Props[tt.prop]), "\n", ""), "\"")); got != tt.propWant {
					t.Errorf("got %s=%q, want %q", tt.prop, got, tt.propWant)
				}
			}
			if len(found.Evidence) == 0 || found.Evidence[0].Text == "" {
				t.Errorf("got no evidence sentence")
			}
		})
	}
}

func TestQuantities(t *testing.T) {
	text := "The 7th Vietnam-France Decentralised Cooperation Conference gathered nearly 1,000 delegates from 50 Vietnamese and 12 French localities."
	r := extractText(t, text)
	want := map[string]bool{"1000 delegates  true": false, "50 localities country:vietnam false": false, "12 localities country:france false": false}
	for _, q := range r.Quantities {
		k := fmtAny(q.Count) + " " + q.Unit + " " + q.Of + " " + fmtAny(q.Approx)
		if _, ok := want[k]; ok {
			want[k] = true
		} else {
			t.Errorf("got unexpected quantity %q", k)
		}
	}
	for k, ok := range want {
		if !ok {
			t.Errorf("got no quantity %q", k)
		}
	}
	fr := extractText(t, "Les 8es Assises de la coopération décentralisée franco-vietnamienne ont rassemblé une soixantaine de collectivités et plus de 1 500 délégués.")
	if len(fr.Quantities) != 2 {
		t.Errorf("got %+v, want 2 quantities (60 localities approx, 1500 delegates)", fr.Quantities)
	}
}

func TestOffsetsAreExact(t *testing.T) {
	text := "\ufeff date 2023-04-14 Titre\r\nHÀ NỘI — Le maire de Séoul, Park Won-soon, a rencontré à Hà Nội le président Nguyễn Đức Chung.\r\n"
	r := extractText(t, text)
	for _, e := range r.Entities {
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(text) || text[m.Start:m.End] != m.Text {
				t.Errorf("mention %q at [%d,%d) does not match the text", m.Text, m.Start, m.End)
			}
		}
	}
	for _, x := range r.Relations {
		for _, ev := range x.Evidence {
			if text[ev.Start:ev.End] != ev.Text {
				t.Errorf("evidence %q at [%d,%d) does not match the text", ev.Text, ev.Start, ev.End)
			}
		}
	}
}

func TestDocumentHeader(t *testing.T) {
	tests := []struct{ text, date, title, lang string }{
		{" date 2023-08-30 Hanoi works hard on external work\nThe People's Committee of Hanoi hosted a meeting on the city's external work and its partners abroad.", "2023-08-30", "Hanoi works hard on external work", "en"},
		{" date 2021-12 Le pont à Da Nang. Photo: VNA\n\nLes relations extérieures des localités ont contribué à affirmer la position du Vietnam sur la scène internationale.", "2021-12", "Le pont à Da Nang", "fr"},
		{"Hanoi et Séoul intensifient leur coopération\n\nLe président du Comité populaire de Hanoi a rencontré le maire de Séoul pour discuter de la coopération.", "", "Hanoi et Séoul intensifient leur coopération", "fr"},
	}
	for _, tt := range tests {
		r := extractText(t, tt.text)
		if r.Doc.Date != tt.date || r.Doc.Title != tt.title || r.Doc.Lang != tt.lang {
			t.Errorf("got date %q title %q lang %q, want %q %q %q", r.Doc.Date, r.Doc.Title, r.Doc.Lang, tt.date, tt.title, tt.lang)
		}
	}
}

func TestTeasersAndCaptionsAreNotFacts(t *testing.T) {
	text := "Lyon (VNA) - Le maire de Lyon a reçu une délégation. Photo: VNA\nLe maire de Lyon, Grégory Doucet, a reçu la délégation de Hue.\nVoir plus\nLe Premier ministre Pham Minh Chinh a reçu le maire de Paris, Anne Hidalgo.\n"
	r := extractText(t, text)
	for _, id := range []string{"person:pham-minh-chinh", "person:anne-hidalgo", "city:paris"} {
		if hasEntity(r, id) {
			t.Errorf("got %s from the related-article teaser, want nothing after 'Voir plus'", id)
		}
	}
	if !hasEntity(r, "person:gregory-doucet") {
		t.Errorf("got no Grégory Doucet from the article body")
	}
}

func fmtAny(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strings.TrimSuffix(strings.TrimRight(strings.TrimRight(ftoa(x), "0"), "."), ".")
	case bool:
		if x {
			return "true"
		}
		return "false"
	case int:
		return itoa(x)
	}
	return ""
}
