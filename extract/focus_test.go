package extract

import (
	"reflect"
	"testing"
)

// runText runs the whole extraction of text and returns its state, for
// tests of document-level decisions.
func runText(t *testing.T, text string) *related {
	t.Helper()
	return testExtractor(t).run(Document{ID: "t", Text: text}, new(docBufs))
}

func TestFocusEvents(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"headline event first",
			" date 2024-05-02 The 3rd Vietnam-France Decentralised Cooperation Conference opens in Nantes\n" +
				"Delegates from both countries arrived on Monday.\n" +
				"The talks cover water and transport.\n" +
				"They recalled the 2nd Vietnam-France Decentralised Cooperation Conference, held in 2022, and the 2nd Vietnam-France Decentralised Cooperation Conference's results.\n",
			[]string{"event:3-conference-fr-vn-cooperation-decentralised"}},
		{"lead event when the headline names none",
			" date 2024-05-02 Mayors gather in Lyon\n" +
				"Le Sommet mondial des villes 2024 s'est ouvert jeudi à Lyon.\n" +
				"Plus tard, les maires ont visité la ville.\n",
			[]string{"event:summit-cities-world-2024"}},
		{"a recalled event mentioned once is not the focus",
			" date 2024-05-02 Hue and Blois sign an agreement\n" +
				"The two cities signed a cooperation agreement on Tuesday.\n" +
				"It covers schools, water and transport.\n" +
				"The mayors first met at the Sommet mondial des villes 2016 in Singapore.\n",
			nil},
		{"a caption that ends on its credit names no focus",
			" date 2024-05-02 Hue and Blois sign an agreement\n" +
				"Mayors at the Asia-Europe Mayors Forum 2023 in Hue. VNA/VNS Photo\n" +
				"The two cities signed a cooperation agreement on Tuesday.\n",
			nil},
		{"most mentioned event without headline or lead",
			"Hue and Blois\n" +
				"The two cities have worked together for years.\n" +
				"Their mayors talked about schools.\n" +
				"Then they spoke of trade.\n" +
				"The Asia-Europe Mayors Forum 2023 opened later. The forum closed on Friday.\n",
			[]string{"event:forum-asia-europe-mayors-2023"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := runText(t, tt.text)
			if got := d.focus; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("focus = %v, want %v", got, tt.want)
			}
		})
	}
}
