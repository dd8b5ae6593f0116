// Command querytimes times every canned query on the Neo4j of NEO4J_URI
// (NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE) from the Go driver, as
// kg runs them: after warm-up runs, it runs each query -n times and prints
// a Markdown table of the median and 95th percentile. The parameters suit
// a graph loaded from `kg generate` (docs/PERFORMANCE.md):
//
//	go run ./tools/neo4j/querytimes -n 50
//
// With -pid (the server's process id, .neo4j/run/kg-neo4j.pid) it also
// prints the CPU time (user+system) the server spent per timed run: on a
// shared machine the wall times grow with the load, the CPU time much
// less.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
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
	pid := flag.Int("pid", 0, "the Neo4j server's process id: print its CPU time per run too")
	flag.Parse()
	if err := run(*n, *warm, *pid); err != nil {
		fmt.Fprintln(os.Stderr, "querytimes:", err)
		os.Exit(1)
	}
}

func run(n, warm, pid int) error {
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
	if pid > 0 {
		fmt.Println("| query | parameters | rows | median | p95 | server CPU per run |")
		fmt.Println("|---|---|---|---|---|---|")
	} else {
		fmt.Println("| query | parameters | rows | median | p95 |")
		fmt.Println("|---|---|---|---|---|")
	}
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
		var cpu0 time.Duration
		for i := range warm + n {
			if i == warm && pid > 0 {
				if cpu0, err = cpuTime(pid); err != nil {
					return err
				}
			}
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
		fmt.Printf("| %s | %s | %d | %.1f ms | %.1f ms |", r.query, strings.Join(ps, " "), rows,
			ms(times[len(times)/2]), ms(times[min(len(times)-1, len(times)*95/100)]))
		if pid > 0 {
			cpu1, err := cpuTime(pid)
			if err != nil {
				return err
			}
			fmt.Printf(" %.1f ms |", ms((cpu1-cpu0)/time.Duration(n)))
		}
		fmt.Println()
	}
	return nil
}

// cpuTime returns the user+system CPU time of process pid so far, from
// /proc/PID/stat (Linux; clock ticks of 1/100 s, the kernel's USER_HZ).
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0, fmt.Errorf("reading the server's CPU time: %w", err)
	}
	// Fields after the command name, which is in parentheses.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("reading the server's CPU time: short /proc/%d/stat", pid)
	}
	var ticks int64
	for _, x := range f[11:13] { // utime, stime: fields 14 and 15 of stat
		v, err := strconv.ParseInt(x, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("reading the server's CPU time: %w", err)
		}
		ticks += v
	}
	return time.Duration(ticks) * 10 * time.Millisecond, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
