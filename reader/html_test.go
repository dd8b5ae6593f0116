package reader

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestExtractHTML extracts the saved news pages in testdata/html and
// compares the result with the .golden file next to each page.
func TestExtractHTML(t *testing.T) {
	tests := []struct {
		page   string
		keep   []string // must be in Text
		drop   []string // menus, related and most-read lists, comments, footers: must not be
		prefix string   // Text starts with the title
	}{
		{
			page: "en_danang_nantes.html",
			keep: []string{
				"ĐÀ NẴNG — The central city of Đà Nẵng and the French city of Nantes on Thursday signed", // the lead, outside the article body
				"Lê Quang Vinh", "light rail line along the Hàn River", "about 120 delegates from 15 Vietnamese provinces",
			},
			drop: []string{"Politics & Laws", "Most read", "Heatwave grips", "Related news", "Huế and Blois mark 25 years",
				"Hà Nội, Toulouse sign water", "Be the first to comment", "All rights reserved", "Subscribe", "Newsletter",
				"We use cookies", "E-paper", "Advertisement", "dataLayer"},
			prefix: "Đà Nẵng and Nantes renew twin-city pact, eye green transport\n\nĐÀ NẴNG — ",
		},
		{
			page: "fr_hue_blois.html", // windows-1252 with numeric entities for Vietnamese letters
			keep: []string{
				"La ville de Huế et la ville française de Blois ont célébré le 27 septembre le 25e anniversaire",
				"Phan Văn Exemple", "« Ces vingt-cinq années", "pour la période 2023-2026",
			},
			drop: []string{"Accueil", "Culture - Sports", "Articles liés", "Dà Nang et Nantes renouvellent", "Les plus lus",
				"typhon Saola", "Aucun commentaire", "Mentions légales", "Tous droits réservés", "Publicité", "Abonnez-vous", "_paq"},
			prefix: "Huế et Blois célèbrent 25 ans de coopération décentralisée\n\nLa ville de Huế",
		},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			path := filepath.Join("testdata", "html", tt.page)
			page, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, warns, err := extractHTML(page)
			if err != nil || len(warns) > 0 {
				t.Fatalf("got error %v and warnings %v, want neither", err, warns)
			}
			for _, s := range tt.keep {
				if !strings.Contains(doc.Text, s) {
					t.Errorf("text: got no %q, want it kept", s)
				}
			}
			for _, s := range tt.drop {
				if strings.Contains(doc.Text, s) {
					t.Errorf("text: got %q, want it dropped", s)
				}
			}
			if !strings.HasPrefix(doc.Text, tt.prefix) {
				t.Errorf("text: got %.100q..., want it to start with %q", doc.Text, tt.prefix)
			}
			got := fmt.Sprintf("title: %s\ndate: %s\nlang: %s\nurl: %s\n---\n%s\n", doc.Title, doc.Date, doc.Lang, doc.URL, doc.Text)
			golden := strings.TrimSuffix(path, ".html") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("got:\n%s\nwant (%s):\n%s", got, golden, want)
			}
		})
	}
}

func TestExtractHTMLOddPages(t *testing.T) {
	tests := []struct {
		name, page string
		text, lang string // "" is not checked
		err        string
	}{
		{name: "empty", page: "", err: "no text: no article text found in the page"},
		{name: "empty body", page: "<html><head><title>Nothing</title></head><body> </body></html>", err: "no text"},
		{name: "not HTML at all", page: "Hanoi and Paris signed an agreement.", text: "Hanoi and Paris signed an agreement."},
		{name: "unclosed tags", page: "<html lang=vi><body><div><p>Hà Nội và Paris<p>ký kết", text: "Hà Nội và Paris", lang: "vi"},
		{name: "UTF-16 page", page: utf16Bytes("<html lang='fr'><body><p>Hanoï et Paris.</p></body></html>", false), text: "Hanoï et Paris.", lang: "fr"},
		{name: "UTF-8 BOM", page: "\ufeff<html><body><article><p>Huế et Blois.</p></article></body></html>", text: "Huế et Blois."},
		{name: "not UTF-8: read as windows-1252", page: "<html><body><p>Hu\xe9 et Blois.</p></body></html>", text: "Hué et Blois."},
		{name: "NUL", page: "<html><body><p>Huế\x00Blois</p></body></html>", text: "Huế"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, _, err := extractHTML([]byte(tt.page))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error: got %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error: got %v, want nil", err)
			}
			if !strings.Contains(doc.Text, tt.text) {
				t.Errorf("text: got %q, want it to contain %q", doc.Text, tt.text)
			}
			if tt.lang != "" && doc.Lang != tt.lang {
				t.Errorf("lang: got %q, want %q", doc.Lang, tt.lang)
			}
			if !utf8.ValidString(doc.Text) || strings.ContainsRune(doc.Text, 0) {
				t.Errorf("text: got %q, want valid UTF-8 without NUL", doc.Text)
			}
		})
	}
}

// TestExtractHTMLFurniture checks that what surrounds an article's text
// inside the page's <article> or main column is dropped, whatever the
// site calls it: Readability and dropFurniture find it differently.
func TestExtractHTMLFurniture(t *testing.T) {
	const lead = "The central city of Da Nang and the French city of Nantes on Thursday signed"
	tests := []struct {
		name    string
		article string   // placed around articleBody inside <article>
		keep    []string // besides articleBody
		drop    []string
	}{
		{
			name: "related list with a class",
			article: articleBody + `<section class="related-news"><h3>Related news</h3><ul>
				<li><a href="/1">Huế and Blois mark 25 years of cooperation</a></li><li><a href="/2">Hanoi, Toulouse sign water deal</a></li></ul></section>`,
			drop: []string{"Related news", "Huế and Blois", "Toulouse"},
		},
		{
			name: "related list without a class",
			article: articleBody + `<h3>Read more</h3><ul>
				<li><a href="/1">Huế and Blois mark 25 years of cooperation</a></li><li><a href="/2">Hanoi, Toulouse sign water deal</a></li><li><a href="/3">Lyon mayors meet</a></li></ul>`,
			drop: []string{"Read more", "Huế and Blois", "Toulouse", "Lyon mayors"},
		},
		{
			name:    "French byline and signature",
			article: `<div class="infos">Publié le 28/09/2023 à 09h30 · Par Thu Hà · <a href="#c">Réagir</a></div>` + articleBody + `<div class="auteur">Thu Hà/CVN</div>`,
			drop:    []string{"Publié le", "Thu Hà", "Réagir"},
		},
		{
			name:    "English byline and date line",
			article: `<p class="byline">By Minh Anh</p><p class="article-date">March 14, 2024 - 16:05</p>` + articleBody,
			drop:    []string{"Minh Anh", "16:05"},
		},
		{
			name:    "share buttons and tags",
			article: articleBody + `<div class="share">Share: Facebook Twitter Email</div><div class="tags">Tags: <a href="/t/1">Da Nang</a> <a href="/t/2">France</a></div>`,
			drop:    []string{"Facebook", "Tags:"},
		},
		{
			name:    "comments",
			article: articleBody + `<section id="comments"><h3>Comments (2)</h3><p>Nguyen: Great news for the city, I hope the tram comes soon and works well for everyone.</p><p>Paul: Nantes trams are excellent, Da Nang will love them.</p></section>`,
			drop:    []string{"Comments (2)", "Great news", "Nantes trams are excellent"},
		},
		{
			name:    "a wrapper with a furniture class is kept",
			article: `<div class="entry-meta">` + articleBody + `</div>`,
		},
		{
			name:    "a list with a link or two is kept",
			article: articleBody + `<ul><li>Trams: <a href="/t">Nantes network</a> since 1985, now three lines.</li><li>Buses: rapid transit on dedicated lanes.</li></ul>`,
			keep:    []string{"Trams: Nantes network since 1985", "Buses: rapid transit"},
		},
		{
			name:    "navigation, cookie banner and footer inside the article",
			article: `<nav><a href="/">Home</a> <a href="/politics">Politics</a></nav><div class="cookie-notice">We use cookies to improve your experience on this site.</div>` + articleBody + `<footer>© Viet Daily News. All rights reserved.</footer>`,
			drop:    []string{"Politics", "We use cookies", "All rights reserved"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html lang="en"><head><title>Da Nang and Nantes renew pact</title></head><body>
				<header><a href="/">Viet Daily</a></header><main><article>` + tt.article + `</article></main>
				<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/4">Heatwave grips the north</a></li></ul></aside></body></html>`
			doc, _, err := extractHTML([]byte(page))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range append(tt.keep, lead, "first light rail line", "scholarships for 40 students") {
				if !strings.Contains(doc.Text, s) {
					t.Errorf("text: got no %q, want it kept", s)
				}
			}
			for _, s := range append(tt.drop, "Most read", "Heatwave") {
				if strings.Contains(doc.Text, s) {
					t.Errorf("text: got %q, want it dropped", s)
				}
			}
			if t.Failed() {
				t.Logf("text:\n%s", doc.Text)
			}
		})
	}
}
