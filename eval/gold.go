package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/dlclark/regexp2"
	"strconv"
	"strings"
)

// Gold is a gold file: the entities, relations and quantities an ideal
// extraction of a corpus would contain (see shared/eval/FORMAT.md and
// GUIDELINES.md).
type Gold struct {
	Entities   []GoldEntity   `json:"entities"`
	Relations  []GoldRelation `json:"relations"`
	Quantities []GoldQuantity `json:"quantities"`
}

// GoldEntity is one real-world thing of the gold. Types lists every
// accepted type ("*" accepts any); the first is the one reported. Events
// have a Pattern instead of relying on Name and Aliases.
type GoldEntity struct {
	ID       string   `json:"id"`
	Types    []string `json:"types"`
	Name     string   `json:"name"`
	Aliases  []string `json:"aliases"`
	Pattern  string   `json:"pattern"`
	Date     string   `json:"date"`
	Docs     []string `json:"docs"`
	Optional bool     `json:"optional"`

	keys map[string]bool
	re   *pattern
}

// GoldRelation is one relation of the gold. From and To may list
// alternatives, any one of which matches.
type GoldRelation struct {
	Type     string       `json:"type"`
	From     Alternatives `json:"from"`
	To       Alternatives `json:"to"`
	Title    string       `json:"title"`
	Docs     []string     `json:"docs"`
	Optional bool         `json:"optional"`
}

// GoldQuantity is one count of the gold. Units are the accepted unit
// words; Of is the gold id of the country the counted things belong to, or
// nil when any (or none) is accepted.
type GoldQuantity struct {
	Subject  string      `json:"subject"`
	Count    json.Number `json:"count"`
	Units    []string    `json:"units"`
	Of       *string     `json:"of"`
	Docs     []string    `json:"docs"`
	Optional bool        `json:"optional"`

	count float64
}

// Alternatives is a relation endpoint in the gold: one id, or a list of
// ids any one of which matches.
type Alternatives struct {
	IDs  []string
	List bool // written as a JSON list
}

// UnmarshalJSON reads a string or a list of strings.
func (a *Alternatives) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		a.List = true
		return json.Unmarshal(b, &a.IDs)
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("want an id or a list of ids: %w", err)
	}
	a.IDs, a.List = []string{s}, false
	return nil
}

// MarshalJSON writes the form that was read.
func (a Alternatives) MarshalJSON() ([]byte, error) {
	if a.List {
		return json.Marshal(a.IDs)
	}
	if len(a.IDs) == 0 {
		return []byte(`""`), nil
	}
	return json.Marshal(a.IDs[0])
}

func (a Alternatives) has(id string) bool {
	for _, x := range a.IDs {
		if x == id {
			return true
		}
	}
	return false
}

// String formats a as score.py prints it: the id, or Python's repr of the
// list.
func (a Alternatives) String() string {
	if !a.List {
		if len(a.IDs) == 0 {
			return ""
		}
		return a.IDs[0]
	}
	parts := make([]string, len(a.IDs))
	for i, id := range a.IDs {
		parts[i] = pyStrRepr(id)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// LoadGold reads and checks a gold file, compiling the event patterns.
func LoadGold(r io.Reader) (*Gold, error) {
	var g Gold
	dec := json.NewDecoder(r)
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("reading gold: %w", err)
	}
	if err := g.prepare(); err != nil {
		return nil, fmt.Errorf("checking gold: %w", err)
	}
	return &g, nil
}

func (g *Gold) prepare() error {
	var errs []error
	ids := map[string]bool{}
	for i := range g.Entities {
		e := &g.Entities[i]
		if e.ID == "" {
			errs = append(errs, fmt.Errorf("entity %d (%q): empty id", i, e.Name))
			continue
		}
		if ids[e.ID] {
			errs = append(errs, fmt.Errorf("entity %s: duplicate id", e.ID))
		}
		ids[e.ID] = true
		if len(e.Types) == 0 {
			errs = append(errs, fmt.Errorf("entity %s: no types", e.ID))
		}
		e.keys = map[string]bool{key(e.Name): true}
		for _, a := range e.Aliases {
			e.keys[key(a)] = true
		}
		if e.Pattern != "" {
			re, err := compilePattern(e.Pattern)
			if err != nil {
				errs = append(errs, fmt.Errorf("entity %s: %w", e.ID, err))
				continue
			}
			e.re = re
		}
	}
	for i, r := range g.Relations {
		if r.Type == "" || len(r.From.IDs) == 0 || len(r.To.IDs) == 0 {
			errs = append(errs, fmt.Errorf("relation %d: needs a type, from and to", i))
		}
		for _, id := range append(append([]string{}, r.From.IDs...), r.To.IDs...) {
			if id == "" {
				errs = append(errs, fmt.Errorf("relation %d (%s): empty endpoint id", i, r.Type))
			}
		}
	}
	for i := range g.Quantities {
		q := &g.Quantities[i]
		if q.Subject == "" {
			errs = append(errs, fmt.Errorf("quantity %d: empty subject", i))
		}
		if len(q.Units) == 0 {
			errs = append(errs, fmt.Errorf("quantity %d (%s): no units", i, q.Subject))
		}
		if q.Of != nil && *q.Of == "" {
			errs = append(errs, fmt.Errorf("quantity %d (%s): empty of (use null)", i, q.Subject))
		}
		f, err := strconv.ParseFloat(string(q.Count), 64)
		if err != nil {
			errs = append(errs, fmt.Errorf("quantity %d (%s): count %q: %w", i, q.Subject, q.Count, err))
		}
		q.count = f
	}
	return errors.Join(errs...)
}

// pattern is a compiled gold pattern. Gold patterns are written for
// Python's re and use its lookarounds ((?=…), (?!…)), which RE2 lacks, so
// they are compiled with regexp2, a backtracking engine with the same
// syntax for everything gold uses; TestPatternsAgreeWithPython checks the
// two engines agree.
type pattern struct{ re *regexp2.Regexp }

// MatchString reports whether the pattern matches anywhere in s, as
// Python's re.search does.
func (p pattern) MatchString(s string) bool {
	ok, err := p.re.MatchString(s)
	return err == nil && ok
}

func (p pattern) String() string { return p.re.String() }

// compilePattern compiles a gold pattern, written for Python's re,
// refusing the syntax Python and regexp2 accept with different meanings.
func compilePattern(p string) (*pattern, error) {
	if i := strings.Index(p, "{,"); i >= 0 && (i == 0 || p[i-1] != '\\') {
		return nil, fmt.Errorf("pattern %q: {,n} is a repetition in Python but literal text in regexp2; write {0,n}", p)
	}
	re, err := regexp2.Compile(p, regexp2.None)
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", p, err)
	}
	re.MatchTimeout = time.Second
	return &pattern{re: re}, nil
}
