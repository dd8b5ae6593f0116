package extract

import (
	"slices"
	"testing"
)

// resolvedOf runs the stages up to resolve on text.
func resolvedOf(t *testing.T, text string) *resolved {
	t.Helper()
	return resolve(decidePlaces(candidatesOf(t, Document{ID: "t", Text: text, Date: "2025-01-10"})))
}

// TestResolve drives the resolution stage alone on candidates: homonyms
// with the article's countries in view, partial names, acronyms bound to
// their expansion, the article's focus event.
func TestResolve(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // entity ids that must be decided
		notWant    []string // ids that must not
		counts     map[string]int
		focus      []string
	}{
		{"en: a homonym in the country the article names",
			"Laval and Normandy\nThe mayor of Laval welcomed a delegation from Caen, in France, on Monday.\n",
			[]string{"city:laval-fr", "city:caen"}, []string{"city:laval"}, nil, nil},
		{"fr: the same name in Quebec",
			"Laval et Montréal\nLe maire de Laval, au Québec, a reçu une délégation de Montréal lundi.\n",
			[]string{"city:laval", "city:montreal"}, []string{"city:laval-fr"}, nil, nil},
		{"en: a partial name is the article's full name",
			"Hue and Blois strengthen ties\nMayor Jean Dupont of Blois met Chairman Nguyen Van Thanh in Hue. Dupont said the two cities would work together.\n",
			[]string{"person:jean-dupont", "person:nguyen-van-thanh", "city:hue", "city:blois"}, []string{"person:dupont"},
			map[string]int{"person:jean-dupont": 2}, nil},
		{"fr: an acronym bound to its expansion is one body",
			"Le financement du projet\nL'Agence française de développement (AFD) financera le projet de la ville de Cantho. L'AFD a déjà aidé la province.\n",
			[]string{"org:french-development-agency", "city:can-tho"}, []string{"org:afd"},
			map[string]int{"org:french-development-agency": 3}, nil},
		{"en: the headline's event is the focus",
			"The 5th Asia-Europe Mayors Forum opens in Hanoi\nThe 5th Asia-Europe Mayors Forum opened in Hanoi on Tuesday. The forum gathered 300 delegates.\n",
			[]string{"event:5-forum-asia-europe-mayors", "city:hanoi"}, nil,
			map[string]int{"event:5-forum-asia-europe-mayors": 3}, []string{"event:5-forum-asia-europe-mayors"}},
		{"en: a meeting without a name is no event",
			"Talks in Hanoi\nThe two mayors had a meeting in Hanoi on Tuesday.\n",
			[]string{"city:hanoi"}, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := resolvedOf(t, tt.text)
			for _, id := range tt.want {
				if r.ents[id] == nil {
					t.Errorf("no %s; got %v", id, r.order)
				}
			}
			for _, id := range tt.notWant {
				if r.ents[id] != nil {
					t.Errorf("unwanted %s", id)
				}
			}
			for id, n := range tt.counts {
				if b := r.ents[id]; b == nil || b.count != n {
					t.Errorf("%s: want %d mentions", id, n)
				}
			}
			if !slices.Equal(r.focus, tt.focus) {
				t.Errorf("focus %v, want %v", r.focus, tt.focus)
			}
			// every mention is of a decided entity and covers its tokens
			for _, m := range r.ments {
				if r.ents[m.id] == nil || m.i >= m.j {
					t.Errorf("mention %+v of no entity", m)
				}
			}
		})
	}
}
