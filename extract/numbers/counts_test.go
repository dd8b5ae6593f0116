package numbers

import (
	"math"
	"os"
	"path/filepath"
	"sync"

	"github.com/kg-dev/kg/extract/dates"
	"strconv"
	"strings"
	"testing"
)

var (
	testWordsOnce sync.Once
	testWords     *Words
	testWordsErr  error
)

// words loads the repository's data files from disk, as Default loads
// their embedded copy.
func words(tb testing.TB) *Words {
	tb.Helper()
	testWordsOnce.Do(func() {
		fsys := os.DirFS(filepath.Join("..", "data"))
		d, err := dates.Load(fsys)
		if err != nil {
			testWordsErr = err
			return
		}
		testWords, testWordsErr = Load(fsys, d)
	})
	if testWordsErr != nil {
		tb.Fatalf("Load: %v", testWordsErr)
	}
	return testWords
}

// renderCounts writes each span as "modifier |number=value", with "|"
// marking NumStart when a modifier precedes it and "~" for Approx.
func renderCounts(text string, spans []Count) []string {
	var out []string
	for _, s := range spans {
		var b strings.Builder
		if s.Start < s.NumStart {
			b.WriteString(text[s.Start:s.NumStart])
			b.WriteString("|")
		}
		b.WriteString(text[s.NumStart:s.End])
		b.WriteString("=")
		b.WriteString(strconv.FormatFloat(s.Value, 'f', -1, 64))
		if s.Approx {
			b.WriteString("~")
		}
		out = append(out, b.String())
	}
	return out
}

func TestCounts(t *testing.T) {
	tests := []struct {
		name string
		lang string
		text string
		want []string
	}{
		// English digits.
		{"en seed sentence", "en", "gathering nearly 1,000 delegates from 50 localities in Vietnam and 12 from France",
			[]string{"nearly |1,000=1000~", "50=50", "12=12"}},
		{"en more than", "en", "there have been more than 38 French localities at all levels and 18 provinces",
			[]string{"more than |38=38~", "18=18"}},
		{"en up to now is no modifier", "en", "Up to now, 240 projects were signed.", []string{"240=240"}},
		{"en millions with comma groups", "en", "a budget of 1,000,000 euros", []string{"1,000,000=1000000"}},
		{"en decimal with scale", "en", "2.5 million people", []string{"2.5 million=2500000"}},
		{"en comma groups before scale", "en", "1,500 million dong", []string{"1,500 million=1500000000"}},
		{"en group and decimal", "en", "1,234.5 tonnes", []string{"1,234.5=1234.5"}},
		{"en dot thousands", "en", "1.000 delegates", []string{"1.000=1000"}},
		{"en no-break space groups", "en", "1\u00a0000 delegates and 2\u202f500 guests", []string{"1\u00a0000=1000", "2\u202f500=2500"}},
		{"en hyphen adjective", "en", "a 50-member delegation", []string{"50=50"}},
		{"en year is returned", "en", "Since 2004, more topics", []string{"2004=2004"}},
		{"en modifiers", "en", "about 300, around 40, approximately 100, some 200, roughly 60, over 10, up to 500, at least 20, close to 70, almost 90",
			[]string{"about |300=300~", "around |40=40~", "approximately |100=100~", "some |200=200~", "roughly |60=60~",
				"over |10=10~", "up to |500=500~", "at least |20=20~", "close to |70=70~", "almost |90=90~"}},
		{"en ordinals are skipped", "en", "the 12th Conference marks the 50th anniversary and the 1st, 2nd and 3rd editions", nil},
		{"en glued numbers are skipped", "en", "after the COVID-19 pandemic an A320 landed at 10:30 on 14/04/2023 for 2016-2020", nil},
		{"en dates are skipped", "en", "on August 29, 2023 and on 29 August 2023, in April 2023, Aug. 14", nil},
		{"en date ranges are skipped", "en", "on October 14-15, 2019, between 10 and 12 November, from Jan 1 to March 31, 2024", nil},
		{"en unresolved dates are skipped", "en", "on 31 April and February 30 and 29 August", nil},
		{"en percentages are skipped", "en", "10% and 20 % and 30 percent and 40 per cent", nil},
		{"en money is skipped", "en", "$5 million and US$3 and 5€", nil},
		// English words.
		{"en word numbers", "en", "four topics for the two countries and twenty-two cities",
			[]string{"four=4", "two=2", "twenty-two=22"}},
		{"en compound words", "en", "one hundred and fifty delegates, two thousand people, twenty two mayors",
			[]string{"one hundred and fifty=150", "two thousand=2000", "twenty two=22"}},
		{"en article numbers", "en", "a dozen mayors, a hundred guests and a thousand visitors",
			[]string{"a dozen=12", "a hundred=100", "a thousand=1000"}},
		{"en collectives", "en", "dozens of companies, hundreds of delegates, thousands of visitors, tens of thousands of people",
			[]string{"dozens=24~", "hundreds=200~", "thousands=2000~", "tens of thousands=20000~"}},
		{"en several and few", "en", "several hundred businesses and a few thousand residents",
			[]string{"several hundred=200~", "a few thousand=2000~"}},
		{"en one is no count", "en", "one delegation met one mayor", nil},
		{"en ordinal words are skipped", "en", "the twenty-first century and the twenty first edition", nil},
		{"en plural without of", "en", "in their hundreds", nil},
		{"en two dozen", "en", "two dozen projects", []string{"two dozen=24"}},
		{"en modifier before words", "en", "more than two hundred delegates", []string{"more than |two hundred=200~"}},
		{"en hyphenated noun", "en", "a two-day visit", []string{"two=2"}},
		// French digits.
		{"fr seed sentence", "fr", "ont rassemblé près de 1.000 délégués de 50 localités du Vietnam et 12 villes de France.",
			[]string{"près de |1.000=1000~", "50=50", "12=12"}},
		{"fr organisations", "fr", "A cette occasion, 36 organisations et 21 personnes", []string{"36=36", "21=21"}},
		{"fr decimal millions", "fr", "2,5 millions d'euros et 3 milliards de dongs", []string{"2,5 millions=2500000", "3 milliards=3000000000"}},
		{"fr comma groups before scale are decimal", "fr", "1,250 millions", []string{"1,250 millions=1250000"}},
		{"fr space groups", "fr", "les 12 000 habitants et 1 000 000 d'euros", []string{"12 000=12000", "1 000 000=1000000"}},
		{"fr dot groups", "fr", "1.000.000 de personnes", []string{"1.000.000=1000000"}},
		{"fr ordinals are skipped", "fr", "la 12e Conférence, le 50e anniversaire, les 12es rencontres, le XIIe siècle, la 14ᵉ édition, la 1re fois, le 2ème jour", nil},
		{"fr dates are skipped", "fr", "le 29 août 2023, le 1er mai, en avril 2023, le 14 décembre", nil},
		{"fr date ranges are skipped", "fr", "les 14 et 15 octobre 2019, du 28 février au 2 mars 2024", nil},
		{"fr percent", "fr", "10 % des voix et dix pour cent", nil},
		{"fr modifiers", "fr", "environ 300, presque 40, quelque 200, plus de 38, au moins 20, jusqu'à 500, jusqu’à 600, autour de 70, approximativement 100, pas moins de 15, moins de 9",
			[]string{"environ |300=300~", "presque |40=40~", "quelque |200=200~", "plus de |38=38~", "au moins |20=20~",
				"jusqu'à |500=500~", "jusqu’à |600=600~", "autour de |70=70~", "approximativement |100=100~", "pas moins de |15=15~", "moins de |9=9~"}},
		// French words.
		{"fr compound words", "fr", "vingt-deux villes, soixante-dix délégués, quatre-vingts maires, quatre-vingt-dix-neuf projets",
			[]string{"vingt-deux=22", "soixante-dix=70", "quatre-vingts=80", "quatre-vingt-dix-neuf=99"}},
		{"fr hundreds and thousands", "fr", "deux cents personnes, trois mille visiteurs, cent cinquante élus",
			[]string{"deux cents=200", "trois mille=3000", "cent cinquante=150"}},
		{"fr et un", "fr", "vingt et un pays, soixante et onze villes, trente et une régions",
			[]string{"vingt et un=21", "soixante et onze=71", "trente et une=31"}},
		{"fr long compound", "fr", "mille neuf cent quatre-vingt-dix-neuf et deux mille vingt-trois",
			[]string{"mille neuf cent quatre-vingt-dix-neuf=1999", "deux mille vingt-trois=2023"}},
		{"fr teens", "fr", "dix-sept provinces, seize villes, soixante-treize projets",
			[]string{"dix-sept=17", "seize=16", "soixante-treize=73"}},
		{"fr collectives", "fr", "une douzaine de maires, une dizaine de villes, une vingtaine de pays, une trentaine de projets",
			[]string{"une douzaine=12", "une dizaine=10~", "une vingtaine=20~", "une trentaine=30~"}},
		{"fr more collectives", "fr", "une quarantaine, une cinquantaine, une soixantaine, une centaine et un millier",
			[]string{"une quarantaine=40~", "une cinquantaine=50~", "une soixantaine=60~", "une centaine=100~", "un millier=1000~"}},
		{"fr plural collectives", "fr", "des centaines de délégués, des milliers d'habitants, des dizaines de milliers de visiteurs",
			[]string{"des centaines=200~", "des milliers=2000~", "des dizaines de milliers=20000~"}},
		{"fr plural collectives with modifiers", "fr", "plusieurs centaines de personnes et quelques milliers de touristes",
			[]string{"plusieurs centaines=200~", "quelques |milliers=2000~"}},
		{"fr elided modifier", "fr", "plus d'un millier de participants et près d’une centaine de projets",
			[]string{"plus d'|un millier=1000~", "près d’|une centaine=100~"}},
		{"fr un and une are no counts", "fr", "un maire et une ville ont signé un accord", nil},
		{"fr ordinal words are skipped", "fr", "le vingt et unième siècle et la vingt-deuxième édition", nil},
		{"fr premiers is not joined", "fr", "les deux premiers jours", []string{"deux=2"}},
		{"fr a cent is not english", "", "il a cent ans", []string{"cent=100"}},
		{"fr des alone", "fr", "des villes et des centaines", nil},
		// Mixed.
		{"both languages", "", "50 localités et twenty cities, vingt villes", []string{"50=50", "twenty=20", "vingt=20"}},
		{"empty", "en", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := renderCounts(tt.text, words(t).Counts(tt.text, tt.lang))
			if strings.Join(got, " ; ") != strings.Join(tt.want, " ; ") {
				t.Errorf("Counts(%q, %q)\n got %q\nwant %q", tt.text, tt.lang, got, tt.want)
			}
		})
	}
}

func TestIsYearLike(t *testing.T) {
	tests := []struct {
		v    float64
		want bool
	}{
		{2016, true}, {1800, true}, {2100, true}, {1799, false}, {2101, false},
		{2016.5, false}, {50, false}, {1000, false}, {math.NaN(), false},
	}
	for _, tt := range tests {
		t.Run(strconv.FormatFloat(tt.v, 'g', -1, 64), func(t *testing.T) {
			if got := IsYearLike(tt.v); got != tt.want {
				t.Errorf("IsYearLike(%v) = %v, want %v", tt.v, got, tt.want)
			}
		})
	}
}

func TestOrdinal(t *testing.T) {
	tests := []struct {
		token string
		want  int
		ok    bool
	}{
		// Digits, English.
		{"12th", 12, true}, {"1st", 1, true}, {"2nd", 2, true}, {"3rd", 3, true}, {"21st", 21, true},
		{"22nd", 22, true}, {"23rd", 23, true}, {"11th", 11, true}, {"112th", 112, true}, {"50th", 50, true},
		{"12st", 0, false}, {"11st", 0, false}, {"3th", 0, false}, {"0th", 0, false},
		// Digits, French.
		{"12e", 12, true}, {"12è", 12, true}, {"12ème", 12, true}, {"12eme", 12, true}, {"12es", 12, true},
		{"12èmes", 12, true}, {"1er", 1, true}, {"1re", 1, true}, {"1ère", 1, true}, {"14ᵉ", 14, true},
		{"1ᵉʳ", 1, true}, {"2nde", 2, true}, {"2er", 0, false}, {"3re", 0, false},
		// Roman numerals.
		{"XIIe", 12, true}, {"XXIe", 21, true}, {"Ier", 1, true}, {"Ve", 5, true}, {"XIXe", 19, true},
		{"IIe", 2, true}, {"MMXXIe", 2021, true}, {"XIIème", 12, true},
		{"Le", 0, false}, {"Ce", 0, false}, {"De", 0, false}, {"Me", 0, false}, {"Cie", 0, false},
		{"IIIIe", 0, false}, {"XII", 0, false}, {"LE", 0, false}, {"Ie", 0, false},
		// English words.
		{"first", 1, true}, {"second", 2, true}, {"third", 3, true}, {"fifth", 5, true}, {"twelfth", 12, true},
		{"twentieth", 20, true}, {"twenty-first", 21, true}, {"twenty first", 21, true}, {"thirtieth", 30, true},
		{"fiftieth", 50, true}, {"ninety-ninth", 99, true}, {"one hundredth", 100, true}, {"hundredth", 100, true},
		{"First", 1, true}, {"twentyth", 0, false}, {"twenty", 0, false}, {"firsts", 0, false},
		// French words.
		{"premier", 1, true}, {"première", 1, true}, {"second", 2, true}, {"seconde", 2, true},
		{"deuxième", 2, true}, {"troisième", 3, true}, {"quatrième", 4, true}, {"cinquième", 5, true},
		{"neuvième", 9, true}, {"onzième", 11, true}, {"vingtième", 20, true}, {"vingt et unième", 21, true},
		{"vingt-et-unième", 21, true}, {"trente-deuxième", 32, true}, {"soixante-dixième", 70, true},
		{"quatre-vingt-dixième", 90, true}, {"centième", 100, true}, {"millième", 1000, true},
		{"Deuxième", 2, true}, {"deuxieme", 2, true}, {"vingt et premier", 0, false}, {"deux", 0, false},
		// Not ordinals.
		{"", 0, false}, {"12", 0, false}, {"e12", 0, false}, {"twelve", 0, false}, {"unième", 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.token, func(t *testing.T) {
			got, ok := words(t).Ordinal(tt.token)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Ordinal(%q) = %d, %v, want %d, %v", tt.token, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func FuzzCounts(f *testing.F) {
	for _, s := range []string{
		"près de 1.000 délégués de 50 localités",
		"nearly 1,000 delegates, twenty-two cities and one hundred and fifty mayors",
		"quatre-vingt-dix-neuf et des dizaines de milliers de visiteurs",
		"plus d'un millier, jusqu’à 2\u202f500",
		"1,2,3 and 4.5.6 and 7 000 000 000 000 000 000 000",
	} {
		f.Add(s, "fr")
		f.Add(s, "en")
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		last := 0
		for _, s := range words(t).Counts(text, lang) {
			if s.Start < last || s.Start > s.NumStart || s.NumStart >= s.End || s.End > len(text) {
				t.Fatalf("span %+v out of order or outside text of length %d (previous end %d)", s, len(text), last)
			}
			if math.IsNaN(s.Value) || s.Value < 0 {
				t.Fatalf("span %+v has value %v", s, s.Value)
			}
			last = s.End
		}
	})
}

func FuzzOrdinal(f *testing.F) {
	for _, s := range []string{"12th", "1ère", "XXIe", "vingt et unième", "twenty-first", "14ᵉ", "MMMCMXCIXe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, token string) {
		if v, ok := words(t).Ordinal(token); ok && v < 1 || !ok && v != 0 {
			t.Fatalf("Ordinal(%q) = %d, %v", token, v, ok)
		}
	})
}

func BenchmarkCounts(b *testing.B) {
	text := benchNewsText(b)
	w := words(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w.Counts(text, "")
	}
}

var (
	benchTextOnce sync.Once
	benchText     string
)

// benchNewsText returns about 100 KB (the same text as extract/dates' benchmark) of English and French news text: the
// seed articles of the repository and paraphrases of the same kind of
// reporting, repeated.
func benchNewsText(b *testing.B) string {
	benchTextOnce.Do(func() {
		var sb strings.Builder
		files, _ := filepath.Glob(filepath.Join("..", "..", "seeds", "*.txt"))
		for _, f := range files {
			if data, err := os.ReadFile(f); err == nil {
				sb.Write(data)
				sb.WriteString("\n\n")
			}
		}
		for _, s := range benchSentences {
			sb.WriteString(s)
			sb.WriteString(" ")
		}
		unit := sb.String()
		sb.Reset()
		for sb.Len() < 100_000 {
			sb.WriteString(unit)
			sb.WriteString("\n\n")
		}
		benchText = sb.String()
	})
	if len(benchText) < 100_000 {
		b.Fatalf("benchmark text has %d bytes, want at least 100000", len(benchText))
	}
	return benchText
}

var benchSentences = []string{
	"Hanoi (VNA) - Le Comité populaire municipal de Hanoi a organisé le 29 août une réunion pour faire le point de l'organisation de la 12e Conférence de coopération décentralisée Vietnam - France.",
	"La conférence s'est tenue en avril dernier et a rassemblé près de 1.000 délégués de 50 localités du Vietnam et 12 villes de France.",
	"Une vingtaine d'accords de coopération ont été signés, et plus d'un millier de visiteurs ont assisté au festival «Balade en France» vendredi dernier.",
	"The People's Committee of Hanoi hosted a meeting on August 29 to review the organisation of the 12th Vietnam-France decentralised cooperation conference, held successfully in April 2023.",
	"More than 38 French localities and 18 provinces and cities of Vietnam take part in the mechanism, with 240 projects worth some 2.5 million euros.",
	"Da Nang and the French city of Toulouse signed a memorandum on 14/04/2023, the twenty-second agreement since 2004; dozens of businesses and hundreds of students joined.",
	"Le président Nguyen Duc Chung a rencontré le 10 juillet à Singapour le maire de Séoul, à l'occasion du Sommet mondial des villes 2016, qui a accueilli environ 2 500 participants de quatre-vingt-dix pays.",
	"Next Friday the delegation of about 30 mayors will visit Huế, and in December the two cities will celebrate the 30th anniversary of their twinning, said the vice mayor on Tuesday.",
	"Les deux parties ont convenu d'organiser la 13e conférence en 2025 en France, avec une cinquantaine de collectivités et des centaines de chefs d'entreprise.",
}

func BenchmarkOrdinal(b *testing.B) {
	w := words(b)
	tokens := []string{"12th", "Conference", "XXIe", "vingt-et-unième", "the", "twenty-first", "Hanoi", "1ère"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w.Ordinal(tokens[i%len(tokens)])
	}
}
