package reader

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func parsePage(t *testing.T, page string) *html.Node {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// TestPageDate checks where a page's publication date is looked for, in
// which order, and how it is normalised.
func TestPageDate(t *testing.T) {
	tests := []struct {
		name, head, body string
		want             string
	}{
		{name: "article:published_time", head: `<meta property="article:published_time" content="2024-03-14T16:05:00+07:00">`, want: "2024-03-14"},
		{name: "the day as written, not in UTC", head: `<meta property="article:published_time" content="2024-03-14T00:30:00+07:00">`, want: "2024-03-14"},
		{name: "meta date", head: `<meta name="date" content="2023-09-28">`, want: "2023-09-28"},
		{name: "meta pubdate without separators", head: `<meta name="pubdate" content="20230928">`, want: "2023-09-28"},
		{name: "meta publishdate in English", head: `<meta name="publishdate" content="September 28, 2023">`, want: "2023-09-28"},
		{name: "meta DC.date.issued, any case", head: `<meta name="DC.date.issued" content="2023-09-28T09:30:00Z">`, want: "2023-09-28"},
		{name: "meta dc.date RFC 1123", head: `<meta name="dc.date" content="Thu, 28 Sep 2023 09:30:00 +0700">`, want: "2023-09-28"},
		{name: "itemprop meta", body: `<article><meta itemprop="datePublished" content="2022-01-05"><p>x</p></article>`, want: "2022-01-05"},
		{name: "itemprop time", body: `<article><time itemprop="datePublished" datetime="2022-01-05T08:00">5 Jan</time></article>`, want: "2022-01-05"},
		{name: "itemprop time without datetime", body: `<span><time itemprop="datePublished">2022-01-05</time></span>`, want: "2022-01-05"},
		{name: "JSON-LD", head: `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-07-01T10:00:00+02:00"}</script>`, want: "2021-07-01"},
		{name: "JSON-LD @graph", head: `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"S"},{"@type":"NewsArticle","datePublished":"2021-07-01"}]}</script>`, want: "2021-07-01"},
		{name: "JSON-LD list", head: `<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"Article","datePublished":"2021-07"}]</script>`, want: "2021-07"},
		{name: "JSON-LD broken, then time in article", head: `<script type="application/ld+json">{"datePublished": </script>`, body: `<article><time datetime="2020-02-29">29/02</time></article>`, want: "2020-02-29"},
		{name: "time in article", body: `<article><p>x</p><time datetime="2020">2020</time></article>`, want: "2020"},
		{name: "time outside article is not the date", body: `<header><time datetime="2024-11-24">today</time></header><article><p>x</p></article>`, want: ""},
		{
			name: "article:published_time before the others",
			head: `<meta name="date" content="2001-01-01"><meta property="article:published_time" content="2024-03-14">` +
				`<script type="application/ld+json">{"datePublished":"2002-02-02"}</script>`,
			body: `<article><time datetime="2003-03-03">x</time></article>`,
			want: "2024-03-14",
		},
		{name: "meta before JSON-LD", head: `<script type="application/ld+json">{"datePublished":"2002-02-02"}</script><meta name="pubdate" content="2001-01-01">`, want: "2001-01-01"},
		{name: "JSON-LD before time", head: `<script type="application/ld+json">{"datePublished":"2002-02-02"}</script>`, body: `<article><time datetime="2003-03-03">x</time></article>`, want: "2002-02-02"},
		{name: "an unreadable date gives way to the next", head: `<meta property="article:published_time" content="hier"><meta name="date" content="2001-01-01">`, want: "2001-01-01"},
		{name: "day/month or month/day: refused", head: `<meta name="date" content="03/04/2024">`, want: ""},
		{name: "day/month and month/day agree", head: `<meta name="date" content="04/04/2024 10:00">`, want: "2024-04-04"},
		{name: "day after 12 read either way", head: `<meta name="date" content="28/09/2023">`, want: "2023-09-28"},
		{name: "impossible month", head: `<meta name="date" content="2023-13-01">`, want: ""},
		{name: "five-digit year", head: `<meta name="date" content="Sep 28, 12023">`, want: ""},
		{name: "no date", head: `<title>t</title>`, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := parsePage(t, "<html><head>"+tt.head+"</head><body>"+tt.body+"</body></html>")
			if got := pageInfo(root).date(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTrimSiteName(t *testing.T) {
	tests := []struct{ title, site, want string }{
		{"Hanoi and Lyon sign a pact - Viet Daily News", "Viet Daily News", "Hanoi and Lyon sign a pact"},
		{"Huế et Blois | Le Courrier", "Le Courrier", "Huế et Blois"},
		{"Huế et Blois – Le Courrier", "le courrier", "Huế et Blois"},
		{"Le Courrier | Huế et Blois", "Le Courrier", "Huế et Blois"},
		{"Le Courrier", "Le Courrier", "Le Courrier"},
		{"Hanoi - Paris flights resume", "Paris flights resume x", "Hanoi - Paris flights resume"},
		{"Hanoi - Paris flights resume", "Paris flights resume", "Hanoi"},
		{"News from Le Courrier", "Le Courrier", "News from Le Courrier"},
		{"Hanoi and Lyon - Viet Daily News", "", "Hanoi and Lyon - Viet Daily News"},
	}
	for _, tt := range tests {
		if got := trimSiteName(tt.title, tt.site); got != tt.want {
			t.Errorf("trimSiteName(%q, %q): got %q, want %q", tt.title, tt.site, got, tt.want)
		}
	}
}

// articleBody is enough text for Readability to take it as an article.
const articleBody = `<p>The central city of Da Nang and the French city of Nantes on Thursday signed a new three-year cooperation programme focusing on public transport, urban greenery and vocational training.</p>
<p>Under the agreement, Nantes will share its experience in running tram and bus rapid transit lines with Da Nang, which is preparing a feasibility study for its first light rail line.</p>
<p>The partnership, first established in 2019, has already brought a pilot programme for sorting household waste and scholarships for 40 students at vocational schools.</p>`

// TestExtractHTMLMetadata checks the title, URL and language read from a
// page's head, through extractHTML.
func TestExtractHTMLMetadata(t *testing.T) {
	tests := []struct {
		name, html, head string
		title, url, lang string
	}{
		{
			name:  "og:title and canonical link",
			head:  `<title>Other - Site</title><meta property="og:title" content="Da Nang and Nantes renew pact"><link rel="canonical" href="https://a.example/1"><meta property="og:url" content="https://a.example/2">`,
			title: "Da Nang and Nantes renew pact", url: "https://a.example/1",
		},
		{
			name:  "og:title with the site name",
			head:  `<meta property="og:title" content="Da Nang and Nantes renew pact | Viet Daily"><meta property="og:site_name" content="Viet Daily">`,
			title: "Da Nang and Nantes renew pact",
		},
		{
			name:  "<title> without og:title, site name cut",
			head:  `<title>Da Nang and Nantes renew twin-city pact - Viet Daily News</title><meta property="og:url" content="https://a.example/2">`,
			title: "Da Nang and Nantes renew twin-city pact", url: "https://a.example/2",
		},
		{
			name:  "JSON-LD headline and publisher",
			head:  `<title>Da Nang, Nantes - Viet Daily</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Da Nang and Nantes renew pact","publisher":{"@type":"Organization","name":"Viet Daily"}}</script>`,
			title: "Da Nang and Nantes renew pact",
		},
		{name: "<html lang> first", html: `lang="fr-FR"`, head: `<meta property="og:locale" content="en_US">`, lang: "fr"},
		{name: "Content-Language", head: `<meta http-equiv="Content-Language" content="vi">`, lang: "vi"},
		{name: "og:locale", head: `<meta property="og:locale" content="fr_FR">`, lang: "fr"},
		{name: "no language: left to detection", lang: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html " + tt.html + "><head>" + tt.head + "</head><body><article>" + articleBody + "</article></body></html>"
			doc, _, err := extractHTML([]byte(page))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != tt.title || doc.URL != tt.url || doc.Lang != tt.lang {
				t.Errorf("got title %q, url %q, lang %q, want %q, %q, %q", doc.Title, doc.URL, doc.Lang, tt.title, tt.url, tt.lang)
			}
			if tt.title != "" && !strings.HasPrefix(doc.Text, tt.title+"\n\n") {
				t.Errorf("text: got %.80q..., want it to start with the title", doc.Text)
			}
		})
	}
}
