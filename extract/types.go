package extract

import (
	"encoding/json"
	"time"
)

// Entity types. The set is closed: graph labels are derived from it.
const (
	Person       = "Person"
	City         = "City"
	Country      = "Country"
	Organization = "Organization"
	Event        = "Event"
)

// EntityTypes lists every entity type in a stable order.
var EntityTypes = []string{Person, City, Country, Organization, Event}

// Relation types. The set is closed: graph relationship types are derived
// from it.
const (
	PartnerOf      = "PARTNER_OF"
	LocatedIn      = "LOCATED_IN"
	HeldIn         = "HELD_IN"
	HostedBy       = "HOSTED_BY"
	ParticipatedIn = "PARTICIPATED_IN"
	HoldsRole      = "HOLDS_ROLE"
	Met            = "MET"
)

// RelationTypes lists every relation type in a stable order.
var RelationTypes = []string{PartnerOf, LocatedIn, HeldIn, HostedBy, ParticipatedIn, HoldsRole, Met}

// Symmetric reports whether a relation type has no direction. Symmetric
// relations are stored with From < To.
func Symmetric(relType string) bool { return relType == PartnerOf || relType == Met }

// Document is one article as read from its source. Text is the content the
// offsets refer to; for plain UTF-8 files it is the file's bytes unchanged.
// Title, Date and Lang may be empty: Extract fills them from the text.
type Document struct {
	ID    string // file name without extension unless the source says otherwise
	Path  string
	Title string
	Date  string // ISO 8601 date or prefix ("2023", "2023-04", "2023-04-14")
	Lang  string // ISO 639-1 ("en", "fr", "vi")
	URL   string
	Text  string
	Hash  string // hex SHA-256 of the source bytes
	// Size and ModTime are the source file's as a stat gave them before
	// it was read (a text or HTML file; zero otherwise): a store records
	// them so that a later ingest can skip the unchanged file unread.
	Size    int64
	ModTime time.Time
}

// DocumentInfo is a document's metadata in results (everything but Text).
type DocumentInfo struct {
	ID    string `json:"id"`
	Path  string `json:"path"`
	Title string `json:"title"`
	Date  string `json:"date"`
	Lang  string `json:"lang"`
	URL   string `json:"url,omitempty"`
	Hash  string `json:"hash,omitempty"`
}

// Span is a byte range [Start, End) of a document's Text.
type Span struct {
	Doc   string `json:"doc"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Mention is where an entity is named: Text is Document.Text[Start:End].
type Mention = Span

// Evidence is the sentence that states a relation or quantity:
// Text is Document.Text[Start:End].
type Evidence = Span

// Entity is one real-world thing. ID is stable: derived from the type and
// the canonical name, so it never changes as more articles are read.
type Entity struct {
	ID       string         `json:"id"`
	Type     string         `json:"type"`
	Name     string         `json:"name"`
	Aliases  []string       `json:"aliases"`
	Props    map[string]any `json:"props"`
	Mentions []Mention      `json:"mentions"`
}

// Relation is a typed edge between two entity ids with the evidence that
// states it. Symmetric relations have From < To.
type Relation struct {
	Type     string         `json:"type"`
	From     string         `json:"from"`
	To       string         `json:"to"`
	Props    map[string]any `json:"props"`
	Evidence []Evidence     `json:"evidence"`
}

// Quantity is a count attached to an entity (usually an event):
// "50 Vietnamese localities" is {Count: 50, Unit: "localities", Of: "country:vietnam"}.
type Quantity struct {
	Subject  string     `json:"subject"`
	Count    float64    `json:"count"`
	Unit     string     `json:"unit"`
	Of       string     `json:"-"` // country id or ""
	Approx   bool       `json:"approx"`
	Evidence []Evidence `json:"evidence"`
}

// MarshalJSON writes Of as null when it is empty, as the contract requires.
func (q Quantity) MarshalJSON() ([]byte, error) {
	type plain Quantity
	var of *string
	if q.Of != "" {
		of = &q.Of
	}
	return json.Marshal(struct {
		plain
		Of *string `json:"of"`
	}{plain(q), of})
}

// UnmarshalJSON reads Of from null or a string.
func (q *Quantity) UnmarshalJSON(b []byte) error {
	type plain Quantity
	var v struct {
		plain
		Of *string `json:"of"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*q = Quantity(v.plain)
	if v.Of != nil {
		q.Of = *v.Of
	}
	return nil
}

// DocResult is what one article contributes. Ids are global.
type DocResult struct {
	Doc        DocumentInfo
	Entities   []Entity
	Relations  []Relation
	Quantities []Quantity
}

// Result is the merged extraction of many articles: the JSON contract of
// `kg extract --format json` (see ../shared/eval/FORMAT.md).
type Result struct {
	Documents  []DocumentInfo `json:"documents"`
	Entities   []Entity       `json:"entities"`
	Relations  []Relation     `json:"relations"`
	Quantities []Quantity     `json:"quantities"`
}
