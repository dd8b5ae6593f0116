package dates

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	dps "github.com/markusmobius/go-dateparser"
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
	testWordsOnce.Do(func() { testWords, testWordsErr = Load(os.DirFS("../data")) })
	if testWordsErr != nil {
		tb.Fatalf("Load: %v", testWordsErr)
	}
	return testWords
}

func renderDates(text string, spans []Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, text[s.Start:s.End]+"="+s.Value)
	}
	return out
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		o    Options
		want []string
	}{
		// French, from the seed articles and beyond.
		{"fr day month from ref month", "a organisé le 29 août une réunion",
			Options{Lang: "fr", Ref: "2023-08"}, []string{"29 août=2023-08-29"}},
		{"fr avril dernier", "s'est tenue avec succès en avril dernier, marquant",
			Options{Lang: "fr", Ref: "2023-08"}, []string{"avril dernier=2023-04"}},
		{"fr le 14 décembre", "ont déclaré le 14 décembre les représentants",
			Options{Lang: "fr", Ref: "2021-12"}, []string{"14 décembre=2021-12-14"}},
		{"fr le 10 juillet", "a rencontré le 10 juillet à Singapour le maire de Séoul",
			Options{Lang: "fr", Ref: "2016-07"}, []string{"10 juillet=2016-07-10"}},
		{"fr full date", "le 29 août 2023 et le 1er mai 2024", Options{Lang: "fr"},
			[]string{"29 août 2023=2023-08-29", "1er mai 2024=2024-05-01"}},
		{"fr 1er mai from ref", "le 1er mai", Options{Lang: "fr", Ref: "2023-04-14"}, []string{"1er mai=2023-05-01"}},
		{"fr superscript 1er", "le 1ᵉʳ mai 2023", Options{Lang: "fr"}, []string{"1ᵉʳ mai 2023=2023-05-01"}},
		{"fr month year", "en avril 2023 et en septembre 2024", Options{Lang: "fr"},
			[]string{"avril 2023=2023-04", "septembre 2024=2024-09"}},
		{"fr août prochain", "en août prochain", Options{Lang: "fr", Ref: "2023-08-30"}, []string{"août prochain=2024-08"}},
		{"fr septembre prochain", "en septembre prochain", Options{Lang: "fr", Ref: "2023-08-30"}, []string{"septembre prochain=2023-09"}},
		{"fr day dernier", "le 14 décembre dernier", Options{Lang: "fr", Ref: "2021-12-20"}, []string{"14 décembre dernier=2021-12-14"}},
		{"fr day dernier last year", "le 24 décembre dernier", Options{Lang: "fr", Ref: "2021-12-20"}, []string{"24 décembre dernier=2020-12-24"}},
		{"fr day prochain", "le 15 septembre prochain", Options{Lang: "fr", Ref: "2023-09-20"}, []string{"15 septembre prochain=2024-09-15"}},
		{"fr year words", "en avril de l'année dernière et en mai de cette année, juin de l’an prochain",
			Options{Lang: "fr", Ref: "2023-08"},
			[]string{"avril de l'année dernière=2022-04", "mai de cette année=2023-05", "juin de l’an prochain=2024-06"}},
		{"fr abbreviations", "le 3 janv. 2024, en févr. 2024, le 24 déc. Puis", Options{Lang: "fr", Ref: "2023-12"},
			[]string{"3 janv. 2024=2024-01-03", "févr. 2024=2024-02", "24 déc=2023-12-24"}},
		{"fr no accents and capitals", "aout 2023, fevrier 2024, DÉCEMBRE 2023, le 5 Mars 2022", Options{Lang: "fr"},
			[]string{"aout 2023=2023-08", "fevrier 2024=2024-02", "DÉCEMBRE 2023=2023-12", "5 Mars 2022=2022-03-05"}},
		{"fr sept is seven", "les sept villes et le 7 sept. 2023", Options{Lang: "fr"}, []string{"7 sept. 2023=2023-09-07"}},
		{"fr weekday", "vendredi, le maire a déclaré", Options{Lang: "fr", Ref: "2023-04-14"}, []string{"vendredi=2023-04-14"}},
		{"fr ce vendredi", "ce vendredi", Options{Lang: "fr", Ref: "2023-04-12"}, []string{"ce vendredi=2023-04-07"}},
		{"fr vendredi dernier", "vendredi dernier", Options{Lang: "fr", Ref: "2023-04-14"}, []string{"vendredi dernier=2023-04-07"}},
		{"fr vendredi prochain", "vendredi prochain", Options{Lang: "fr", Ref: "2023-04-14"}, []string{"vendredi prochain=2023-04-21"}},
		{"fr weekday before date", "vendredi 29 août", Options{Lang: "fr", Ref: "2023-09-02"}, []string{"29 août=2023-08-29"}},
		{"fr weekday and day", "a déclaré mardi 14 que", Options{Lang: "fr", Ref: "2023-11-20"}, []string{"mardi 14=2023-11-14"}},
		{"fr weekday and day previous month", "lundi 30", Options{Lang: "fr", Ref: "2023-11-02"}, []string{"lundi 30=2023-10-30"}},
		{"en weekday and day next month", "on Friday 1st", Options{Lang: "en", Ref: "2023-11-28"}, []string{"Friday 1st=2023-12-01"}},
		{"weekday and day that never match", "mardi 15", Options{Lang: "fr", Ref: "2023-11-20"}, nil},
		{"weekday and day without ref month", "mardi 14", Options{Lang: "fr", Ref: "2023"}, nil},
		{"fr chaque vendredi", "chaque vendredi", Options{Lang: "fr", Ref: "2023-04-14"}, nil},
		{"fr bare month after cue", "mi-avril, fin juin, au mois d'août, d'ici décembre, depuis janvier",
			Options{Lang: "fr", Ref: "2023-08"},
			[]string{"avril=2023-04", "juin=2023-06", "août=2023-08", "décembre=2023-12", "janvier=2024-01"}},
		{"fr bare month without cue", "avril est un mois", Options{Lang: "fr", Ref: "2023-08"}, nil},
		{"fr ordinals are no days", "la 12e Conférence, le 50e anniversaire", Options{Lang: "fr", Ref: "2023-08"}, nil},
		// English.
		{"en on August 29", "hosted a meeting on August 29 to review", Options{Lang: "en", Ref: "2023-08-30"},
			[]string{"August 29=2023-08-29"}},
		{"en in April 2023", "successfully in April 2023, marking", Options{Lang: "en", Ref: "2023-08-30"},
			[]string{"April 2023=2023-04"}},
		{"en April 14 header", "VIETNAM, April 14 -", Options{Lang: "en", Ref: "2023-04-14"}, []string{"April 14=2023-04-14"}},
		{"en on Friday is Ref", "in Hà Nội on Friday.", Options{Lang: "en", Ref: "2023-04-14"}, []string{"Friday=2023-04-14"}},
		{"en full dates", "August 29, 2023 and 29 August 2023 and Sept. 3, 2019 and the 29th of August 2023", Options{Lang: "en"},
			[]string{"August 29, 2023=2023-08-29", "29 August 2023=2023-08-29", "Sept. 3, 2019=2019-09-03", "29th of August 2023=2023-08-29"}},
		{"en capitals", "AUGUST 29, 2023 and august 2023", Options{Lang: "en"}, []string{"AUGUST 29, 2023=2023-08-29", "august 2023=2023-08"}},
		{"en abbreviation", "on Aug. 29 and Dec 1st", Options{Lang: "en", Ref: "2023-08-30"},
			[]string{"Aug. 29=2023-08-29", "Dec 1st=2023-12-01"}},
		{"en last and next month", "last April and next August", Options{Lang: "en", Ref: "2023-08-30"},
			[]string{"last April=2023-04", "next August=2024-08"}},
		{"en last month same month", "last August", Options{Lang: "en", Ref: "2023-08-30"}, []string{"last August=2022-08"}},
		{"en year words", "in April last year and August this year", Options{Lang: "en", Ref: "2023-08-30"},
			[]string{"April last year=2022-04", "August this year=2023-08"}},
		{"en weekdays", "last Friday, next Friday and on Monday", Options{Lang: "en", Ref: "2023-04-14"},
			[]string{"last Friday=2023-04-07", "next Friday=2023-04-21", "Monday=2023-04-10"}},
		{"en weekday before date", "Friday, August 29, 2023", Options{Lang: "en", Ref: "2023-09-02"}, []string{"August 29, 2023=2023-08-29"}},
		{"en every Friday", "every Friday", Options{Lang: "en", Ref: "2023-04-14"}, nil},
		{"en weekday needs full ref", "on Friday", Options{Lang: "en", Ref: "2023-04"}, nil},
		{"en may and march", "it may be that they march on", Options{Lang: "en", Ref: "2023-08-30"}, nil},
		{"en In March", "In March, the city", Options{Lang: "en", Ref: "2023-08-30"}, []string{"March=2023-03"}},
		{"en early May", "in early May and mid-June", Options{Lang: "en", Ref: "2023-08-30"}, []string{"May=2023-05", "June=2023-06"}},
		{"en ordinals are no days", "the 12th Conference and the 50th anniversary", Options{Lang: "en", Ref: "2023-08-30"}, nil},
		// Year resolution and boundaries.
		{"december 14 in december", "December 14", Options{Lang: "en", Ref: "2021-12"}, []string{"December 14=2021-12-14"}},
		{"december 30 in january", "December 30", Options{Lang: "en", Ref: "2024-01-02"}, []string{"December 30=2023-12-30"}},
		{"le 30 décembre in january", "le 30 décembre", Options{Lang: "fr", Ref: "2024-01-02"}, []string{"30 décembre=2023-12-30"}},
		{"january 5 in december", "January 5", Options{Lang: "en", Ref: "2023-12-28"}, []string{"January 5=2024-01-05"}},
		{"six months before", "February 10", Options{Lang: "en", Ref: "2023-08-30"}, []string{"February 10=2023-02-10"}},
		{"five months after", "January 10", Options{Lang: "en", Ref: "2023-08-30"}, []string{"January 10=2024-01-10"}},
		{"décembre dernier in january", "en décembre dernier", Options{Lang: "fr", Ref: "2024-01-10"}, []string{"décembre dernier=2023-12"}},
		{"janvier prochain in december", "en janvier prochain", Options{Lang: "fr", Ref: "2023-12"}, []string{"janvier prochain=2024-01"}},
		{"weekday across year", "on Friday", Options{Lang: "en", Ref: "2024-01-02"}, []string{"Friday=2023-12-29"}},
		{"ref year only", "le 29 août", Options{Lang: "fr", Ref: "2023"}, []string{"29 août=2023-08-29"}},
		{"window puts october before april", "in October", Options{Lang: "en", Ref: "2023-04-09"}, []string{"October=2022-10"}},
		{"ahead: the next october", "in October", Options{Lang: "en", Ref: "2023-04-09", Ahead: true}, []string{"October=2023-10"}},
		{"ahead: the next 6 mars", "le 6 mars", Options{Lang: "fr", Ref: "2023-04-09", Ahead: true}, []string{"6 mars=2024-03-06"}},
		{"ahead: later this month", "on April 20 and April 2", Options{Lang: "en", Ref: "2023-04-09", Ahead: true}, []string{"April 20=2023-04-20", "April 2=2024-04-02"}},
		{"ahead: the same month without a day", "en avril", Options{Lang: "fr", Ref: "2023-04-09", Ahead: true}, []string{"avril=2023-04"}},
		{"ahead keeps a given year", "on 6 March 2023", Options{Lang: "en", Ref: "2023-04-09", Ahead: true}, []string{"6 March 2023=2023-03-06"}},
		{"ahead keeps past forms", "en mars dernier", Options{Lang: "fr", Ref: "2023-04-09", Ahead: true}, []string{"mars dernier=2023-03"}},
		{"ahead needs a ref month", "le 6 mars", Options{Lang: "fr", Ref: "2023", Ahead: true}, []string{"6 mars=2023-03-06"}},
		{"anchor year", "le 29 août", Options{Lang: "fr", Anchor: "2019"}, []string{"29 août=2019-08-29"}},
		{"anchor month window", "le 14 décembre et le 3 janvier", Options{Lang: "fr", Anchor: "2021-12-13"},
			[]string{"14 décembre=2021-12-14", "3 janvier=2022-01-03"}},
		{"anchor is no ref for relative forms", "vendredi dernier et avril dernier, last week", Options{Lang: "fr", Anchor: "2021-12-13"}, nil},
		{"ref wins over anchor", "le 29 août", Options{Lang: "fr", Ref: "2023-08", Anchor: "2019"}, []string{"29 août=2023-08-29"}},
		{"no year source", "le 29 août", Options{Lang: "fr"}, nil},
		{"relative needs ref month", "avril dernier", Options{Lang: "fr", Ref: "2023"}, nil},
		{"invalid ref is ignored", "le 29 août", Options{Lang: "fr", Ref: "2023-13", Anchor: "2020"}, []string{"29 août=2020-08-29"}},
		// Leap years and invalid dates.
		{"feb 29 leap", "29 février 2024 and February 29, 2000", Options{}, []string{"29 février 2024=2024-02-29", "February 29, 2000=2000-02-29"}},
		{"feb 29 non leap", "29 février 2023 and February 29, 1900", Options{}, nil},
		{"feb 29 from ref", "February 29", Options{Lang: "en", Ref: "2024-03-01"}, []string{"February 29=2024-02-29"}},
		{"feb 29 from non leap ref", "February 29", Options{Lang: "en", Ref: "2023-03-01"}, nil},
		{"invalid days", "31 avril 2023, February 30, le 31 juin, 32 mai 2023, 0 mai 2023, 00 June", Options{Ref: "2023-08"}, nil},
		{"invalid day does not leave a month", "31 avril 2023", Options{Lang: "fr"}, nil},
		// Ranges.
		{"fr day range", "les 14 et 15 octobre 2019, du 14 au 16 octobre, 14-15 octobre 2019, 14–15 octobre, jusqu'au 3 décembre",
			Options{Lang: "fr", Ref: "2019-10-20"},
			[]string{"14 et 15 octobre 2019=2019-10-14", "14 au 16 octobre=2019-10-14", "14-15 octobre 2019=2019-10-14", "14–15 octobre=2019-10-14", "3 décembre=2019-12-03"}},
		{"fr cross month range", "du 28 février au 2 mars 2024 puis du 28 décembre au 3 janvier 2024", Options{Lang: "fr"},
			[]string{"28 février au 2 mars 2024=2024-02-28", "28 décembre au 3 janvier 2024=2023-12-28"}},
		{"en ranges", "on October 14-15, 2019 and from Jan 1 to March 31, 2024 and between 10 and 12 November",
			Options{Lang: "en", Ref: "2023-12-01"},
			[]string{"October 14-15, 2019=2019-10-14", "Jan 1 to March 31, 2024=2024-01-01", "10 and 12 November=2023-11-10"}},
		{"range without year joins nothing", "August 29 and September 2", Options{Lang: "en", Ref: "2023-08-30"},
			[]string{"August 29=2023-08-29", "September 2=2023-09-02"}},
		{"counts are no range", "50 localités et 12 villes en mai 2023", Options{Lang: "fr"}, []string{"mai 2023=2023-05"}},
		{"bare month after until", "from April until June", Options{Lang: "en", Ref: "2023-08-30"},
			[]string{"April=2023-04", "June=2023-06"}},
		// Numeric dates.
		{"iso", "published 2023-04-14.", Options{}, []string{"2023-04-14=2023-04-14"}},
		{"day first", "le 14/04/2023 et le 03/04/2023 et 5.6.2023", Options{Lang: "fr"},
			[]string{"14/04/2023=2023-04-14", "03/04/2023=2023-04-03", "5.6.2023=2023-06-05"}},
		{"month first when unambiguous", "04/14/2023", Options{Lang: "en"}, []string{"04/14/2023=2023-04-14"}},
		{"invalid numeric", "31/04/2023, 13/13/2023, 2023-02-29, 2023-13-01", Options{}, nil},
		{"numbers in other shapes", "1/2/3, 10:30, 12/2023, 1.000.000, 2016-2020", Options{Ref: "2023-08"}, nil},
		{"empty", "", Options{Ref: "2023-08-30"}, nil},
		// Days, weeks, months and years relative to Ref (2024-05-16 is a Thursday).
		{"en yesterday today tomorrow", "Yesterday the mayors met; today they sign; tomorrow they leave.",
			Options{Lang: "en", Ref: "2024-05-16"}, []string{"Yesterday=2024-05-15", "today=2024-05-16", "tomorrow=2024-05-17"}},
		{"fr hier aujourd'hui demain", "hier à Hanoï, aujourd’hui à Hué et demain à Da Nang",
			Options{Lang: "fr", Ref: "2024-05-16"}, []string{"hier=2024-05-15", "aujourd’hui=2024-05-16", "demain=2024-05-17"}},
		{"days need a full ref", "yesterday and hier", Options{Ref: "2024-05"}, nil},
		{"en last and next week", "the conference last week and the forum next week",
			Options{Lang: "en", Ref: "2024-05-16"}, []string{"last week=2024-05", "next week=2024-05"}},
		{"a week is in its Thursday's month", "the delegation came last week",
			Options{Lang: "en", Ref: "2024-05-06"}, []string{"last week=2024-05"}},
		{"a week across months", "la délégation est venue la semaine dernière",
			Options{Lang: "fr", Ref: "2024-05-03"}, []string{"semaine dernière=2024-04"}},
		{"en months", "early next month, later this month and last month",
			Options{Lang: "en", Ref: "2024-12-16"}, []string{"next month=2025-01", "this month=2024-12", "last month=2024-11"}},
		{"fr months", "début du mois prochain, ce mois-ci et le mois dernier",
			Options{Lang: "fr", Ref: "2024-01-16"}, []string{"mois prochain=2024-02", "ce mois=2024-01", "mois dernier=2023-12"}},
		{"years", "last year, this year, next year; l'an dernier, cette année, l'année prochaine",
			Options{Ref: "2024-05"}, []string{"last year=2023", "this year=2024", "next year=2025", "an dernier=2023", "cette année=2024", "année prochaine=2025"}},
		{"units alone are no dates", "a week of talks, the month of May... every year, la semaine de la Francophonie, un an",
			Options{Ref: "2024-05-16"}, []string{"May=2024-05"}},
		{"relative units need a ref", "last week, next month, this year", Options{Anchor: "2024-05-16"}, nil},
		// Bare years after a preposition.
		{"en in year", "The conference was held in 2021 and will return during 2025.", Options{Lang: "en"},
			[]string{"2021=2021", "2025=2025"}},
		{"fr en year", "organisée en 2019, courant 2020, fin 2021", Options{Lang: "fr"}, []string{"2019=2019", "2020=2020", "2021=2021"}},
		{"en early and late year", "held in early 2022 and late 2023", Options{Lang: "en"}, []string{"2022=2022", "2023=2023"}},
		{"years that are no dates", "since 2004, in 2021-2025, in 2,000 homes, in 20245, the 2024 forum, en 2019/2020", Options{Lang: "en"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := renderDates(tt.text, words(t).Find(tt.text, tt.o))
			if strings.Join(got, " ; ") != strings.Join(tt.want, " ; ") {
				t.Errorf("Find(%q, %+v)\n got %q\nwant %q", tt.text, tt.o, got, tt.want)
			}
		})
	}
}

func TestParseNumeric(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"2023", "2023", true}, {"2023-04", "2023-04", true}, {"2023-04-14", "2023-04-14", true},
		{"2023/04/14", "2023-04-14", true}, {"2023.4.5", "2023-04-05", true}, {"2023-04-14T10:00:00Z", "2023-04-14", true},
		{"2023-04-14 10:00", "2023-04-14", true}, {" 16/05/2024 ", "2024-05-16", true}, {"16-05-2024", "2024-05-16", true},
		{"16.05.2024", "2024-05-16", true}, {"5/6/2024", "2024-06-05", true}, {"04/14/2023", "2023-04-14", true},
		{"05/2024", "2024-05", true}, {"29/02/2024", "2024-02-29", true},
		{"29/02/2023", "", false}, {"31/04/2024", "", false}, {"13/13/2024", "", false}, {"2023-13", "", false},
		{"2023-02-30", "", false}, {"16/05/24", "", false}, {"16/05-2024", "", false}, {"2023-04-", "", false},
		{"0/05/2024", "", false}, {"00/2024", "", false}, {"05-2024", "", false}, {"1/2/3/2024", "", false},
		{"12345", "", false}, {"", "", false}, {"mai 2024", "", false}, {"2024-05-16x", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseNumeric(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ParseNumeric(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParse(t *testing.T) {
	tests := []struct{ in, want string }{
		{"16/05/2024", "2024-05-16"}, {"2023", "2023"}, {"16 mai 2024", "2024-05-16"}, {"May 16, 2024", "2024-05-16"},
		{"Thursday, 16 May 2024 10:30 GMT+7", "2024-05-16"}, {"jeudi 16 mai 2024", "2024-05-16"}, {"avril 2023", "2023-04"},
		{"16 mai", ""}, {"hier", ""}, {"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := words(t).Parse(tt.in)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("Parse(%q) = %q, %v, want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestParseISO(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"2023", "2023", true}, {"2023-04", "2023-04", true}, {"2023-04-14", "2023-04-14", true},
		{" 2023-08 ", "2023-08", true}, {"2024-02-29", "2024-02-29", true},
		{"2023-02-29", "", false}, {"2023-13", "", false}, {"2023-00", "", false}, {"2023-04-31", "", false},
		{"2023-4-14", "", false}, {"23-04-14", "", false}, {"2023/04/14", "", false}, {"", "", false},
		{"abcd", "", false}, {"0999", "", false}, {"2023-04-14T10:00", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseISO(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ParseISO(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestFindAgreesWithDateparser checks every absolute day-month-year
// form Find reads against github.com/markusmobius/go-dateparser, a
// maintained port of Python's dateparser, over two years (one leap) and
// the days around each month's end, valid or not.
func TestFindAgreesWithDateparser(t *testing.T) {
	en := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	fr := []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	forms := []struct {
		lang   string
		format func(y, m, d int) string
	}{
		{"fr", func(y, m, d int) string { return fmt.Sprintf("%d %s %d", d, fr[m-1], y) }},
		{"en", func(y, m, d int) string { return fmt.Sprintf("%s %d, %d", en[m-1], d, y) }},
		{"en", func(y, m, d int) string { return fmt.Sprintf("%d %s %d", d, en[m-1], y) }},
	}
	p := &dps.Parser{}
	for _, y := range []int{2023, 2024} {
		for m := 1; m <= 12; m++ {
			for _, d := range []int{1, 15, 28, 29, 30, 31} {
				for _, form := range forms {
					s := form.format(y, m, d)
					cfg := &dps.Configuration{Languages: []string{form.lang}, StrictParsing: true}
					want := ""
					if dt, err := p.Parse(cfg, s); err == nil {
						want = dt.Time.Format("2006-01-02")
					}
					got := ""
					if spans := words(t).Find(s, Options{Lang: form.lang}); len(spans) == 1 && spans[0].Start == 0 && spans[0].End == len(s) {
						got = spans[0].Value
					}
					if got != want {
						t.Errorf("%q: got %q, want %q (go-dateparser)", s, got, want)
					}
				}
			}
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"le 29 août 2023, en avril dernier, vendredi prochain",
		"on August 29, 2023 and last April and next Friday",
		"14/04/2023 2023-04-14 04/14/2023 31/04/2023",
		"mi-avril, au mois d'août, de l’an prochain, 1ᵉʳ mai",
	} {
		f.Add(s, "fr", "2023-08-30", 0)
		f.Add(s, "en", "2023-08", 2019)
	}
	f.Fuzz(func(t *testing.T, text, lang, ref string, year int) {
		last := 0
		for _, s := range words(t).Find(text, Options{Lang: lang, Ref: ref, Anchor: strconv.Itoa(year)}) {
			if s.Start < last || s.Start >= s.End || s.End > len(text) {
				t.Fatalf("span %+v out of order or outside text of length %d (previous end %d)", s, len(text), last)
			}
			if v, ok := ParseISO(s.Value); !ok || v != s.Value {
				t.Fatalf("span %+v has an invalid value", s)
			}
			last = s.End
		}
	})
}

var (
	benchTextOnce sync.Once
	benchText     string
)

// benchNewsText returns about 100 KB of English and French news text: the
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

func BenchmarkFind(b *testing.B) {
	text := benchNewsText(b)
	o := Options{Lang: "", Ref: "2023-08-30"}
	w := words(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w.Find(text, o)
	}
}

// BenchmarkDateparserParse measures one go-dateparser Parse of a short
// span, the cost that keeps it out of Find (see doc.go).
func BenchmarkDateparserParse(b *testing.B) {
	p := &dps.Parser{}
	cfg := &dps.Configuration{Languages: []string{"fr"}, CurrentTime: time.Date(2023, 8, 30, 0, 0, 0, 0, time.UTC)}
	if _, err := p.Parse(cfg, "29 août 2023"); err != nil {
		b.Fatalf("Parse: %v", err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.Parse(cfg, "29 août 2023")
	}
}

func BenchmarkParse(b *testing.B) {
	w := words(b)
	in := []string{"2024-05-16", "16/05/2024", "16 mai 2024", "Thursday, May 16, 2024 10:30", "hier"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w.Parse(in[i%len(in)])
	}
}
