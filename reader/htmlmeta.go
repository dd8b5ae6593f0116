package reader

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/araddon/dateparse"
	"golang.org/x/net/html"
)

// htmlInfo is what a page says about itself outside its main text: the
// places news sites put a title, a canonical URL, a publication date and a
// language.
type htmlInfo struct {
	htmlLang  string            // <html lang>
	pageTitle string            // <title>
	canonical string            // <link rel=canonical href>
	meta      map[string]string // <meta> name, property or http-equiv (lower case) → content; the first wins
	itemDates []string          // itemprop="datePublished": content or datetime
	jsonLD    []string          // <script type="application/ld+json"> bodies
	timeDates []string          // <time datetime> inside <article>
}

// pageInfo reads root's htmlInfo in one walk.
func pageInfo(root *html.Node) *htmlInfo {
	info := &htmlInfo{meta: map[string]string{}}
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode && n.Namespace == "" {
			switch n.Data {
			case "html":
				if info.htmlLang == "" {
					info.htmlLang = attr(n, "lang", "xml:lang")
				}
			case "title":
				if info.pageTitle == "" {
					info.pageTitle = oneLine(nodeText(n))
				}
			case "link":
				if info.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					info.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case "meta":
				content := strings.TrimSpace(attr(n, "content"))
				for _, key := range []string{"property", "name", "http-equiv"} {
					if k := strings.ToLower(strings.TrimSpace(attr(n, key))); k != "" && content != "" {
						if _, ok := info.meta[k]; !ok {
							info.meta[k] = content
						}
					}
				}
			case "script":
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
					info.jsonLD = append(info.jsonLD, nodeText(n))
				}
				return
			case "article":
				inArticle = true
			case "time":
				if inArticle {
					if s := attr(n, "datetime"); s != "" {
						info.timeDates = append(info.timeDates, s)
					}
				}
			}
			if hasToken(attr(n, "itemprop"), "datePublished") {
				s := attr(n, "content", "datetime")
				if s == "" && n.Data == "time" {
					s = nodeText(n)
				}
				if s != "" {
					info.itemDates = append(info.itemDates, s)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(root, false)
	return info
}

// title is the page's og:title, else fallback (go-readability's choice
// among JSON-LD, Dublin Core, Twitter and <title>, with <title>'s site
// part cut), with the site's name cut from either end.
func (info *htmlInfo) title(fallback, site string) string {
	t := oneLine(cleanText(info.meta["og:title"]))
	if t == "" {
		t = oneLine(cleanText(fallback))
	}
	for _, name := range []string{info.meta["og:site_name"], info.meta["application-name"], site} {
		t = trimSiteName(t, oneLine(name))
	}
	return t
}

// titleSeps are the separators between an article title and a site name.
var titleSeps = []string{" - ", " | ", " – ", " — ", " · ", " :: ", " : ", " » "}

// trimSiteName cuts "<sep> site" from the end of title, or "site <sep>"
// from its start, unless nothing would be left.
func trimSiteName(title, site string) string {
	if site == "" || strings.EqualFold(title, site) {
		return title
	}
	for _, sep := range titleSeps {
		if len(title) > len(sep)+len(site) {
			if end := len(title) - len(site); strings.EqualFold(title[end:], site) && strings.HasSuffix(title[:end], sep) {
				return strings.TrimSpace(title[:end-len(sep)])
			}
			if strings.EqualFold(title[:len(site)], site) && strings.HasPrefix(title[len(site):], sep) {
				return strings.TrimSpace(title[len(site)+len(sep):])
			}
		}
	}
	return title
}

// url is the page's canonical URL, else its og:url.
func (info *htmlInfo) url() string {
	if info.canonical != "" {
		return info.canonical
	}
	return info.meta["og:url"]
}

// lang is the page's declared language: <html lang>, else
// Content-Language, else og:locale. "" leaves it to detection from the text.
func (info *htmlInfo) lang() string {
	for _, s := range []string{info.htmlLang, info.meta["content-language"], info.meta["language"], info.meta["og:locale"]} {
		if l := normLang(s); l != "" {
			return l
		}
	}
	return ""
}

// dateMetas are the <meta> names news sites give the publication date, in
// the order date looks at them, after article:published_time.
var dateMetas = []string{"date", "pubdate", "publishdate", "dc.date", "dc.date.issued", "dcterms.issued", "dcterms.created"}

// date is the page's publication date as an ISO 8601 date or prefix, from
// the first of these that gives one: <meta property=article:published_time>,
// <meta name=date|pubdate|publishdate|dc.date|dc.date.issued|...>,
// itemprop=datePublished, JSON-LD datePublished, <time datetime> inside
// <article>. It is "" when none does.
func (info *htmlInfo) date() string {
	cands := []string{info.meta["article:published_time"]}
	for _, k := range dateMetas {
		cands = append(cands, info.meta[k])
	}
	cands = append(cands, info.itemDates...)
	for _, s := range info.jsonLD {
		cands = append(cands, jsonLDDate(s))
	}
	cands = append(cands, info.timeDates...)
	for _, s := range cands {
		if d := pageDate(s); d != "" {
			return d
		}
	}
	return ""
}

// jsonLDDate returns the first datePublished string in a JSON-LD block,
// looking through @graph and nested objects, or "".
func jsonLDDate(src string) string {
	src = strings.TrimSpace(src)
	src = strings.TrimSuffix(strings.TrimPrefix(src, "<![CDATA["), "]]>")
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return ""
	}
	var find func(v any, depth int) string
	find = func(v any, depth int) string {
		if depth > 8 {
			return ""
		}
		switch v := v.(type) {
		case map[string]any:
			if s, ok := v["datePublished"].(string); ok && strings.TrimSpace(s) != "" {
				return s
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
				if s := find(v[k], depth+1); s != "" {
					return s
				}
			}
		case []any:
			for _, e := range v {
				if s := find(e, depth+1); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return find(v, 0)
}

// pageDate turns a date found in a page into an ISO 8601 date or prefix,
// keeping the day as written (2024-03-14T01:00:00+07:00 is 2024-03-14),
// or "" when it is not understood. ISO dates and the common English
// layouts are read by normDate; the rest by dateparse, refusing numeric
// dates that read differently as day/month and as month/day.
func pageDate(s string) (d string) {
	s = oneLine(s)
	if s == "" || len(s) > 100 {
		return ""
	}
	if d = normDate(s); d != "" {
		return d
	}
	defer func() {
		if recover() != nil { // dateparse is not ours
			d = ""
		}
	}()
	t, err := dateparse.ParseStrict(s)
	if err == nil {
		return isoDay(t)
	}
	if !errors.Is(err, dateparse.ErrAmbiguousMMDD) {
		return ""
	}
	// 28/09/2023 can only be read one way; 03/04/2024 is refused.
	mdy, err1 := dateparse.ParseAny(s, dateparse.PreferMonthFirst(true), dateparse.RetryAmbiguousDateWithSwap(true))
	dmy, err2 := dateparse.ParseAny(s, dateparse.PreferMonthFirst(false), dateparse.RetryAmbiguousDateWithSwap(true))
	if err1 != nil || err2 != nil || isoDay(mdy) != isoDay(dmy) {
		return ""
	}
	return isoDay(dmy)
}

// isoDay is t's day in its own time zone, or "" when its year does not
// have four digits.
func isoDay(t time.Time) string {
	if y := t.Year(); y < 1000 || y > 9999 {
		return ""
	}
	return t.Format("2006-01-02")
}

// attr returns the value of n's first attribute named one of keys
// (case-insensitively, in the order of keys), or "".
func attr(n *html.Node, keys ...string) string {
	for _, k := range keys {
		for _, a := range n.Attr {
			if strings.EqualFold(a.Key, k) {
				return a.Val
			}
		}
	}
	return ""
}

// hasToken reports whether the space-separated list s has tok, ignoring case.
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// nodeText is the concatenated text of n's text nodes.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
