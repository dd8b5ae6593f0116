package extract

import "testing"

// TestKnownOrgFunctionWord checks that a one-word name of a well-known body
// that is also a function word of the article's language ("Un", "Who") is
// the word, not the body, unless it is written in capitals, while the
// acronym and the full name still are the body.
func TestKnownOrgFunctionWord(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"french indefinite article is not the UN",
			"Un accord a été signé entre les deux villes pour les écoles et les hôpitaux.", nil,
			[]string{"org:united-nations"}},
		{"french indefinite article before a place is not the UN",
			"Un accord avec la ville de Lyon est prévu pour les écoles et les musées de la région.", nil,
			[]string{"org:united-nations"}},
		{"french acronym in capitals is the UN",
			"Le représentant de l'ONU a signé un accord avec les villes pour les écoles.",
			[]string{"org:united-nations"}, nil},
		{"french acronym UN in capitals is the UN",
			"Un représentant de l'UN a rencontré les élus de la ville pour les écoles.",
			[]string{"org:united-nations"}, nil},
		{"english interrogative is not the WHO",
			"Who will pay for the new hospital was the question at the meeting in the city.", nil,
			[]string{"org:world-health-organization"}},
		{"english acronym in capitals is the WHO",
			"The WHO sent experts to the city, and the UN said that it would help.",
			[]string{"org:world-health-organization", "org:united-nations"}, nil},
		{"english full name is the UN",
			"The United Nations opened an office in the city for the schools.",
			[]string{"org:united-nations"}, nil},
		{"french full name is the UN",
			"Les Nations unies ont ouvert un bureau dans la ville pour les écoles.",
			[]string{"org:united-nations"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkEntities(t, tt.text, tt.want, tt.not)
		})
	}
}
