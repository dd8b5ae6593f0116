package reader

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/kg-dev/kg/extract"
	"github.com/markusmobius/go-trafilatura"
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
// canonical URL with go-trafilatura, dropping menus, related-article lists,
// comments and footers. The page's encoding comes from its byte order
// mark or <meta charset>, else UTF-8. Text is the extracted text laid out
// by articleText; offsets refer to it, not to the page. A page with no
// main text is ErrEmpty.
func extractHTML(page []byte) (doc extract.Document, warns []error, err error) {
	defer func() {
		// go-trafilatura is large and not ours: never let a page it chokes
		// on bring kg down.
		if r := recover(); r != nil {
			doc, warns, err = extract.Document{}, nil, fmt.Errorf("extracting the page: go-trafilatura panicked: %v", r)
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
	cfg := trafilatura.DefaultConfig()
	cfg.MinOutputSize = 0 // an empty page is reported as ErrEmpty below
	cfg.MinOutputCommentSize = 0
	res, err := trafilatura.ExtractDocument(root, trafilatura.Options{
		Config:          cfg,
		EnableFallback:  true,
		ExcludeComments: true,
	})
	if err != nil {
		return extract.Document{}, nil, fmt.Errorf("extracting the page: %w", err)
	}
	title := oneLine(cleanText(res.Metadata.Title))
	text := articleText(title, leadText(root), res.ContentNode)
	if blank(text) {
		return extract.Document{}, nil, fmt.Errorf("%w: no article text found in the page", ErrEmpty)
	}
	doc = extract.Document{
		Title: title,
		URL:   oneLine(cleanText(res.Metadata.URL)),
		Text:  text,
	}
	if !res.Metadata.Date.IsZero() {
		doc.Date = res.Metadata.Date.Format("2006-01-02")
	}
	// The page's declared language beats trafilatura's guess from the text.
	if doc.Lang = normLang(pageLang(root)); doc.Lang == "" {
		doc.Lang = normLang(res.Metadata.Language)
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
		// go-trafilatura's rescue of very short pages repeats paragraphs.
		blocks = slices.Compact(textBlocks(body))
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

// pageLang returns the lang attribute of the <html> element, or "".
func pageLang(root *html.Node) string {
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.Data == "html" {
			for _, a := range n.Attr {
				if a.Key == "lang" || a.Key == "xml:lang" {
					return a.Val
				}
			}
		}
	}
	return ""
}
