package eval

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteText writes the report as score.py prints it (without --json):
// one line per category, then, when verbose, the missed and false-positive
// items, then the overall line last.
func (r Report) WriteText(w io.Writer, verbose bool) error {
	bw := bufio.NewWriter(w)
	e, rl, q := r.Entities, r.Relations, r.Quantities
	fmt.Fprintf(bw, "entities   P=%.3f R=%.3f F1=%.3f  (tp=%d fp=%d dup=%d gold=%d)\n", e.P, e.R, e.F1, e.TP, e.FP, r.Duplicates, e.Gold)
	types := make([]string, len(r.ByType))
	for i, t := range r.ByType {
		types[i] = fmt.Sprintf("%s %d/%d", t.Type, t.Found, t.All)
	}
	fmt.Fprintf(bw, "  by type: %s\n", strings.Join(types, ", "))
	fmt.Fprintf(bw, "relations  P=%.3f R=%.3f F1=%.3f  (tp=%d fp=%d gold=%d other-types=%d)\n", rl.P, rl.R, rl.F1, rl.TP, rl.FP, rl.Gold, r.OtherTypes)
	fmt.Fprintf(bw, "quantities P=%.3f R=%.3f F1=%.3f  (tp=%d fp=%d gold=%d)\n", q.P, q.R, q.F1, q.TP, q.FP, q.Gold)
	fmt.Fprintf(bw, "event dates %d/%d   doc mentions %d/%d\n", r.DatesOK, r.Dates, r.MentionsOK, r.Mentions)
	if verbose {
		r.writeLists(bw)
	}
	fmt.Fprintf(bw, "overall F1=%.3f (entities %.3f, relations %.3f, quantities %.3f)\n", r.Overall, e.F1, rl.F1, q.F1)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	return nil
}

func (r Report) writeLists(w io.Writer) {
	fmt.Fprint(w, "\n-- missed entities:\n")
	for _, g := range r.MissedEntities {
		fmt.Fprintf(w, "   %-12s %s\n", pyText(g.Types[0]), pyText(g.Name))
	}
	fmt.Fprint(w, "-- false-positive entities:\n")
	for _, p := range r.FalseEntities {
		fmt.Fprintf(w, "   %-12s %s\n", pyText(p.Type), pyText(p.Name))
	}
	fmt.Fprint(w, "-- duplicate entities (one real thing, several nodes):\n")
	for _, d := range r.DuplicateEntities {
		fmt.Fprintf(w, "   %-12s %s  ~ %s\n", pyText(d.Entity.Type), pyText(d.Entity.Name), pyText(d.Gold))
	}
	fmt.Fprint(w, "-- missed relations:\n")
	for _, g := range r.MissedRelations {
		fmt.Fprintf(w, "   %-16s %s -> %s\n", pyText(g.Type), pyText(g.From.String()), pyText(g.To.String()))
	}
	fmt.Fprint(w, "-- false-positive relations:\n")
	for _, f := range r.FalseRelations {
		fmt.Fprintf(w, "   %-16s %s -> %s   (gold: %s -> %s)\n", pyText(f.Relation.Type), pyText(f.Relation.From), pyText(f.Relation.To), pyOpt(f.GoldFrom), pyOpt(f.GoldTo))
	}
	fmt.Fprint(w, "-- missed quantities:\n")
	for _, g := range r.MissedQuantities {
		of := "None"
		if g.Of != nil {
			of = pyText(*g.Of)
		}
		fmt.Fprintf(w, "   %s %s %s of %s\n", pyText(g.Subject), pyNumber(string(g.Count)), pyText(g.Units[0]), of)
	}
	fmt.Fprint(w, "-- false-positive quantities:\n")
	for _, f := range r.FalseQuantities {
		q := f.Quantity
		fmt.Fprintf(w, "   %s %s %s of %s   (gold: %s, %s)\n", pyText(q.Subject), pyFloatJSON(q.Count), pyText(q.Unit), pyOpt(q.Of), pyOpt(f.GoldSubject), pyOpt(f.GoldOf))
	}
	fmt.Fprint(w, "\n")
}

// JSON returns the line score.py prints with --json (without the final
// newline): json.dumps of the main figures, keys in score.py's order.
func (r Report) JSON() []byte {
	var b strings.Builder
	b.WriteString("{")
	fields := []struct {
		k string
		v string
	}{
		{"entity_f1", pyFloatRepr(r.Entities.F1)},
		{"entity_p", pyFloatRepr(r.Entities.P)},
		{"entity_r", pyFloatRepr(r.Entities.R)},
		{"dup", fmt.Sprint(r.Duplicates)},
		{"relation_f1", pyFloatRepr(r.Relations.F1)},
		{"relation_p", pyFloatRepr(r.Relations.P)},
		{"relation_r", pyFloatRepr(r.Relations.R)},
		{"quantity_f1", pyFloatRepr(r.Quantities.F1)},
		{"dates_ok", fmt.Sprint(r.DatesOK)},
		{"dates", fmt.Sprint(r.Dates)},
		{"mentions_ok", fmt.Sprint(r.MentionsOK)},
		{"mentions", fmt.Sprint(r.Mentions)},
		{"overall", pyFloatRepr(r.Overall)},
	}
	for i, f := range fields {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q: %s", f.k, f.v)
	}
	b.WriteString("}")
	return []byte(b.String())
}
