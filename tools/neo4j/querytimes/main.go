// Command querytimes times every canned query on the Neo4j of NEO4J_URI
// (NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE) from the Go driver, as
// kg runs them: after warm-up runs, it runs each query -n times and prints
// a Markdown table of the median and 95th percentile. The parameters suit
// a graph loaded from `kg generate` (docs/PERFORMANCE.md):
//
//	go run ./tools/neo4j/querytimes -n 50
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/kg-dev/kg/graph/neo4j"
	"github.com/kg-dev/kg/queries"
)

// runs are the queries and parameters timed, those of
// tools/perf/query-times.sh for the embedded store.
var runs = []struct {
	query  string
	params map[string]string
}{
	{"partners", map[string]string{"city": "Hanoi"}},
	{"partners", map[string]string{"city": "Toulouse"}},
	{"city-events", map[string]string{"city": "Hanoi"}},
	{"edge-articles", map[string]string{"rel": "partner-of", "source": "Hanoi", "target": "Toulouse"}},
	{"event-counts", map[string]string{"event": "conference"}},
	{"met", map[string]string{"person": "nguyen"}},
	{"neighbours", map[string]string{"entity": "Vietnam"}},
	{"neighbours", map[string]string{"entity": "Hanoi"}},
	{"participants", map[string]string{"event": "conference"}},
	{"path", map[string]string{"source": "Hanoi", "target": "Toulouse"}},
	{"roles", map[string]string{"person": "nguyen"}},
	{"roles-in", map[string]string{"place": "Hanoi"}},
	{"top-cities", map[string]string{"limit": "10"}},
}

func main() {
	n := flag.Int("n", 30, "timed runs per query")
	warm := flag.Int("warm", 3, "untimed warm-up runs per query")
	flag.Parse()
	if err := run(*n, *warm); err != nil {
		fmt.Fprintln(os.Stderr, "querytimes:", err)
		os.Exit(1)
	}
}

func run(n, warm int) error {
	ctx := context.Background()
	st, err := neo4j.Open(ctx, neo4j.Config{
		URI: os.Getenv("NEO4J_URI"), Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE"),
	})
	if err != nil {
		return err
	}
	defer st.Close(ctx)
	eng := st.Engine()
	fmt.Println("| query | parameters | rows | median | p95 |")
	fmt.Println("|---|---|---|---|---|")
	for _, r := range runs {
		q, ok := queries.Get(r.query)
		if !ok {
			return fmt.Errorf("no query %s", r.query)
		}
		b, err := q.Bind(r.params)
		if err != nil {
			return err
		}
		var rows int
		times := make([]time.Duration, 0, n)
		for i := range warm + n {
			start := time.Now()
			res, err := eng.Run(ctx, q, b)
			if err != nil {
				return err
			}
			if i >= warm {
				times = append(times, time.Since(start))
			}
			rows = len(res.Rows)
		}
		slices.Sort(times)
		var ps []string
		for _, p := range q.Params {
			ps = append(ps, p.Name+"="+r.params[p.Name])
		}
		fmt.Printf("| %s | %s | %d | %.1f ms | %.1f ms |\n", r.query, strings.Join(ps, " "), rows,
			ms(times[len(times)/2]), ms(times[min(len(times)-1, len(times)*95/100)]))
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
