package explore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
)

// Relation is one relation of a profile's entity: the link, the entity at
// its other end, whether the profile's entity is its source, and its date
// (see LinkDate).
type Relation struct {
	graph.Link
	Other    graph.Entity `json:"other"`
	Outgoing bool         `json:"outgoing"`
	Date     string       `json:"date,omitempty"`
}

// Profile is everything the store holds about one entity. More counts,
// by Group, the relations left out by ProfileOptions.Relations.
type Profile struct {
	Entity        graph.Entity       `json:"entity"`
	Names         []string           `json:"names"`
	Country       string             `json:"country,omitempty"`
	Relations     []Relation         `json:"relations"`
	More          map[string]int     `json:"more_relations,omitempty"`
	Articles      []graph.ArticleRef `json:"articles"`
	ArticlesTotal int                `json:"articles_total"`
}

// Group is the group of a profile's relations r is listed in: its type
// and, for a type with a direction, "out" when the profile's entity is
// its source or "in" ("PARTICIPATED_IN out", "PARTNER_OF").
func Group(r Relation) string {
	switch {
	case extract.Symmetric(r.Type):
		return r.Type
	case r.Outgoing:
		return r.Type + " out"
	}
	return r.Type + " in"
}

// Period keeps dates from Since to Until (inclusive, as prefixes:
// "2023" until "2023" keeps 2023-12-31); empty ends are open.
type Period struct{ Since, Until string }

// Contains reports whether date is in p; an empty date is only in an
// open period.
func (p Period) Contains(date string) bool {
	if p.Since == "" && p.Until == "" {
		return true
	}
	if date == "" {
		return false
	}
	if p.Since != "" && date < p.Since && !hasPrefix(p.Since, date) {
		return false
	}
	if p.Until != "" && date > p.Until && !hasPrefix(date, p.Until) {
		return false
	}
	return true
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// Open reports whether p filters nothing.
func (p Period) Open() bool { return p.Since == "" && p.Until == "" }

// ProfileOptions bound a profile: at most Articles articles and
// Relations relations per Group (0: all), those of Period.
type ProfileOptions struct {
	Articles, Relations int
	Period              Period
}

// LoadProfile reads e's profile: relations ordered by type, date and the
// other end's name (the first o.Relations of each group); the first
// articles (at most o.Articles) by date. With a period, dated relations
// and articles outside it are left out (undated relations stay: they
// hold whenever). From a graph.LinkLister it reads the evidence and the
// other ends of the relations it keeps only.
func LoadProfile(ctx context.Context, x graph.Explorer, ix *Index, e graph.Entity, o ProfileOptions) (Profile, error) {
	pr := Profile{Entity: e, Names: ix.Names(e.ID), Country: ix.Country(e)}
	p := o.Period
	lister, narrow := x.(graph.LinkLister)
	var ends []graph.LinkEnd
	if narrow {
		var err error
		if ends, err = lister.LinksOf(ctx, e.ID); err != nil {
			return pr, err
		}
	} else {
		links, err := x.Links(ctx, []string{e.ID})
		if err != nil {
			return pr, err
		}
		others := []string{e.ID}
		for _, l := range links {
			others = append(others, l.Other(e.ID))
		}
		if err := ix.Load(ctx, others); err != nil {
			return pr, err
		}
		for _, l := range links {
			other, _ := ix.Entity(l.Other(e.ID))
			ends = append(ends, graph.LinkEnd{Link: l, Other: other})
		}
	}
	if ix.CountryID(e) == "" {
		links := make([]graph.Link, len(ends))
		for i, l := range ends {
			links[i] = l.Link
		}
		ix.Locate(links)
	}
	for _, l := range ends {
		if !ix.Has(l.Other.ID) {
			continue
		}
		r := Relation{Link: l.Link, Other: l.Other, Outgoing: l.From == e.ID, Date: LinkDate(l.Link, l.Other)}
		if r.Date != "" && !p.Contains(r.Date) {
			continue
		}
		pr.Relations = append(pr.Relations, r)
	}
	slices.SortFunc(pr.Relations, func(a, b Relation) int { // keys are unique
		return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.Date, b.Date),
			cmp.Compare(a.Other.Name, b.Other.Name), cmp.Compare(a.Key, b.Key))
	})
	if o.Relations > 0 {
		kept, n := pr.Relations[:0], map[string]int{}
		for _, r := range pr.Relations {
			g := Group(r)
			if n[g]++; n[g] <= o.Relations {
				kept = append(kept, r)
			} else {
				if pr.More == nil {
					pr.More = map[string]int{}
				}
				pr.More[g]++
			}
		}
		pr.Relations = kept
	}
	if narrow { // the kept relations' evidence and other ends
		keys, others := make([]string, len(pr.Relations)), []string{e.ID}
		for i, r := range pr.Relations {
			keys[i] = r.Key
			others = append(others, r.Other.ID)
		}
		links, err := lister.LinksByKey(ctx, keys)
		if err != nil {
			return pr, err
		}
		if err := ix.Load(ctx, others); err != nil {
			return pr, err
		}
		byKey := make(map[string]graph.Link, len(links))
		for _, l := range links {
			byKey[l.Key] = l
		}
		for i := range pr.Relations {
			r := &pr.Relations[i]
			r.Link = byKey[r.Key]
			r.Other, _ = ix.Entity(r.Other.ID)
		}
	}
	if le, ok := ix.Entity(e.ID); ok {
		pr.Country = ix.Country(le)
	}
	limit := o.Articles
	if !p.Open() {
		limit = 0 // filter all, then cut
	}
	arts, total, err := x.ArticlesMentioning(ctx, e.ID, limit)
	if err != nil {
		return pr, err
	}
	if !p.Open() {
		kept := arts[:0]
		for _, a := range arts {
			if p.Contains(a.Date) {
				kept = append(kept, a)
			}
		}
		arts, total = kept, len(kept)
		if o.Articles > 0 && len(arts) > o.Articles {
			arts = arts[:o.Articles]
		}
	}
	pr.Articles, pr.ArticlesTotal = arts, total
	return pr, nil
}

// LinkDate is the date a relation holds from or happened on: its date,
// as_of or since property, else the date of the event at its other end.
func LinkDate(l graph.Link, other graph.Entity) string {
	for _, k := range []string{"date", "as_of", "since"} {
		if d := dateString(l.Props[k]); d != "" {
			return d
		}
	}
	if other.Label == "Event" {
		return dateString(other.Props["date"])
	}
	return ""
}

func dateString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

// Event is one dated item of a timeline: an article mentioning the
// entity, or a relation with a date.
type Event struct {
	Date     string           `json:"date"`
	Kind     string           `json:"kind"` // "article" or the relation type
	What     string           `json:"what"` // the article's title, or the other end's name
	ID       string           `json:"id"`   // the article's or the other end's id
	Evidence []graph.Evidence `json:"evidence,omitempty"`
}

// Timeline lists pr's dated relations and articles by date (then kind,
// then what), within the profile's period.
func Timeline(pr Profile) []Event {
	var out []Event
	for _, r := range pr.Relations {
		if r.Date == "" {
			continue
		}
		out = append(out, Event{Date: r.Date, Kind: r.Type, What: r.Other.Name, ID: r.Other.ID, Evidence: r.Evidence})
	}
	for _, a := range pr.Articles {
		if a.Date == "" {
			continue
		}
		out = append(out, Event{Date: a.Date, Kind: "article", What: a.Title, ID: a.ID})
	}
	slices.SortStableFunc(out, func(a, b Event) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.What, b.What), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// ParseDate checks a --since/--until value: YYYY, YYYY-MM or YYYY-MM-DD.
func ParseDate(s string) (string, error) {
	ok := false
	switch len(s) {
	case 4:
		ok = digits(s)
	case 7:
		ok = digits(s[:4]) && s[4] == '-' && digits(s[5:]) && s[5:] >= "01" && s[5:] <= "12"
	case 10:
		ok = digits(s[:4]) && s[4] == '-' && digits(s[5:7]) && s[7] == '-' && digits(s[8:]) &&
			s[5:7] >= "01" && s[5:7] <= "12" && s[8:] >= "01" && s[8:] <= daysIn(s[:7])
	}
	if !ok {
		return "", fmt.Errorf("%q is not a date: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	return s, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func daysIn(ym string) string {
	y, _ := strconv.Atoi(ym[:4])
	switch ym[5:] {
	case "02":
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return "29"
		}
		return "28"
	case "04", "06", "09", "11":
		return "30"
	}
	return "31"
}
