package reader

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/go-shiori/go-readability"
	"github.com/kg-dev/kg/extract"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// readHTML reads a saved web page (see extractHTML).
func readHTML(r io.Reader, size, max int64, buf []byte) (extract.Document, []error, error) {
	src, hash, err := readAll(r, size, max, buf)
	if err != nil {
		return extract.Document{}, nil, err
	}
	doc, warns, err := extractHTML([]byte(src))
	doc.Hash = hash
	return doc, warns, err
}

// extractHTML extracts a news page's main text, title, date, language and
// canonical URL. The main text is found with go-readability, a Go port of
// Mozilla's Readability (Firefox Reader View), which drops menus,
// related-article lists, comments, footers and banners; the metadata is
// read from the page's <meta>, <link rel=canonical>, JSON-LD and <time>
// elements (pageInfo). The page's encoding comes from its byte order mark
// or <meta charset>, else UTF-8. Text is the extracted text laid out by
// articleText; offsets refer to it, not to the page. A page with no main
// text is ErrEmpty.
func extractHTML(page []byte) (doc extract.Document, warns []error, err error) {
	defer func() {
		// go-readability is large and not ours: never let a page it chokes
		// on bring kg down.
		if r := recover(); r != nil {
			doc, warns, err = extract.Document{}, nil, fmt.Errorf("extracting the page: go-readability panicked: %v", r)
		}
	}()
	enc, name, _ := charset.DetermineEncoding(page, "text/html")
	if name == "utf-8" {
		page = bytes.TrimPrefix(page, []byte("\xef\xbb\xbf"))
	} else {
		if page, err = enc.NewDecoder().Bytes(page); err != nil {
			return extract.Document{}, nil, fmt.Errorf("decoding %s: %w", name, err)
		}
	}
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return extract.Document{}, nil, fmt.Errorf("parsing HTML: %w", err)
	}
	info := pageInfo(root)
	lead := leadText(root)
	// Readability turns a <div> of inline text into a <p> without its
	// class, so the bylines and date lines it does not know are dropped
	// before.
	dropFurniture(root)
	art, err := readability.FromDocument(root, nil)
	if err != nil {
		return extract.Document{}, nil, fmt.Errorf("extracting the page: %w", err)
	}
	title := info.title(art.Title, art.SiteName)
	text := articleText(title, lead, art.Node)
	if blank(text) {
		return extract.Document{}, nil, fmt.Errorf("%w: no article text found in the page", ErrEmpty)
	}
	doc = extract.Document{
		Title: title,
		URL:   oneLine(cleanText(info.url())),
		Text:  text,
		Date:  info.date(),
		Lang:  info.lang(),
	}
	return doc, nil, nil
}

// articleText lays out an article as plain text, one block (heading,
// paragraph, list item, table row) per paragraph, separated by blank
// lines: the title first, then the lead when the extraction missed it,
// then the body. It is "" when there is neither lead nor body.
func articleText(title, lead string, body *html.Node) string {
	var blocks []string
	if body != nil {
		blocks = textBlocks(body)
	}
	if lead != "" && !strings.Contains(strings.Join(blocks, " "), lead) {
		blocks = append([]string{lead}, blocks...)
	}
	if len(blocks) > 0 && strings.EqualFold(blocks[0], title) {
		blocks = blocks[1:]
	}
	if len(blocks) == 0 {
		return ""
	}
	if title != "" {
		blocks = append([]string{title}, blocks...)
	}
	return cleanText(strings.Join(blocks, "\n\n"))
}

// blockTags are the elements that start a new block of text.
var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "li": true, "dl": true, "dt": true, "dd": true, "blockquote": true,
	"pre": true, "table": true, "tr": true, "br": true, "hr": true, "figure": true,
	"figcaption": true, "section": true, "article": true, "header": true, "footer": true,
}

// textBlocks returns the text of n's blocks, white space collapsed.
func textBlocks(n *html.Node) []string {
	var blocks []string
	var cur strings.Builder
	flush := func() {
		if s := oneLine(cur.String()); s != "" {
			blocks = append(blocks, s)
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		} else if n.Type == html.ElementNode && (n.Data == "td" || n.Data == "th") {
			cur.WriteString(" ")
		}
	}
	walk(n)
	flush()
	return blocks
}

// oneLine collapses runs of white space into single spaces and trims.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// metaClass matches the class or id of the blocks around an article's
// text that say who wrote it and when, tag it or offer to print it:
// Readability knows English bylines ("byline", "author") but keeps
// "<div class=infos>Publié le ... Par ...</div>" or "<div class=auteur>".
var metaClass = regexp.MustCompile(`(?i)(^|[\s_-])(byline|author|auteur|signature|dateline|date|time|timestamp|published|infos|meta|tags|keywords|breadcrumbs?|print|imprimer)($|[\s_-])`)

// dropFurniture removes from a page the elements that are page furniture:
// <nav>, <aside>, <footer>, <menu> and <dialog>; lists of links ("Read
// more", which Readability keeps as it keeps any list), with the heading
// just before them; and the elements whose class or id marks them as
// furniture (skipClass) or article metadata (metaClass). An element that
// holds half of the page's text or more stays: its class is a site's name
// for the article or a wrapper around it.
func dropFurniture(root *html.Node) {
	total, _ := textLen(root)
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type != html.ElementNode {
				c = next
				continue
			}
			if links := isLinkList(c); links || furnitureTags[c.Data] || isFurniture(c) {
				if l, _ := textLen(c); 2*l < total {
					if h := prevElement(c); links && h != nil && headingTags[h.Data] {
						if l, _ := textLen(h); l < 80 {
							n.RemoveChild(h)
						}
					}
					n.RemoveChild(c)
					c = next
					continue
				}
			}
			walk(c)
			c = next
		}
	}
	walk(root)
}

var (
	furnitureTags = map[string]bool{"nav": true, "aside": true, "footer": true, "menu": true, "dialog": true}
	headingTags   = map[string]bool{"h2": true, "h3": true, "h4": true, "h5": true, "h6": true}
)

// isLinkList reports whether n is a list of two items or more whose text
// is almost all links.
func isLinkList(n *html.Node) bool {
	if n.Data != "ul" && n.Data != "ol" {
		return false
	}
	items := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == "li" {
			items++
		}
	}
	all, inLinks := textLen(n)
	return items >= 2 && all > 0 && 10*inLinks >= 9*all
}

// prevElement is the element before n among its siblings, or nil.
func prevElement(n *html.Node) *html.Node {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		if p.Type == html.ElementNode {
			return p
		}
	}
	return nil
}

// textLen is the number of non-space bytes of n's text outside scripts
// and styles, and how many of them are inside links.
func textLen(n *html.Node) (all, inLinks int) {
	switch {
	case n.Type == html.TextNode:
		l := 0
		for i := 0; i < len(n.Data); i++ {
			if c := n.Data[i]; c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
				l++
			}
		}
		return l, 0
	case n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "noscript" || n.Data == "template"):
		return 0, 0
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		a, l := textLen(c)
		all += a
		inLinks += l
	}
	if n.Type == html.ElementNode && n.Data == "a" {
		inLinks = all
	}
	return all, inLinks
}

// isFurniture reports whether n's class or id marks it as page furniture
// or article metadata.
func isFurniture(n *html.Node) bool {
	for _, a := range n.Attr {
		if (a.Key == "class" || a.Key == "id") && (skipClass.MatchString(a.Val) || metaClass.MatchString(a.Val)) {
			return true
		}
	}
	return false
}

// leadClass matches the class or id of a news page's lead paragraph
// ("sapo" in Vietnamese newsrooms, "chapo" in French ones), which content
// extractors tend to drop because it sits outside the article body.
var leadClass = regexp.MustCompile(`(?i)(^|[\s_-])(sapo|chapo|chapeau|standfirst|lead|leadtext|lede|dek|intro|article-summary|summary)($|[\s_-])`)

// skipTags and skipClass mark page furniture, never an article's lead.
var (
	skipTags  = map[string]bool{"nav": true, "aside": true, "footer": true, "header": true, "form": true, "script": true, "style": true, "li": true}
	skipClass = regexp.MustCompile(`(?i)related|lies|liés|most|popular|sidebar|comment|teaser|widget|menu|cookie|newsletter|promo|share|partage`)
)

// leadText returns the text of the first element whose class or id marks
// it as the article's lead, if it is long enough to be one, or "".
func leadText(root *html.Node) string {
	var found string
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			if skipTags[n.Data] {
				return false
			}
			for _, a := range n.Attr {
				if (a.Key == "class" || a.Key == "id") && skipClass.MatchString(a.Val) {
					return false
				}
			}
			for _, a := range n.Attr {
				if (a.Key == "class" || a.Key == "id") && leadClass.MatchString(a.Val) {
					if s := oneLine(strings.Join(textBlocks(n), " ")); len(s) >= 40 {
						found = s
						return true
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(root)
	return cleanText(found)
}

// cleanText makes extracted text valid UTF-8 without NULs.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\ufffd")
	return strings.ReplaceAll(s, "\x00", " ")
}
