//go:build unix

package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kg-dev/kg/graph/sqlite"
)

// ingestedRe reads the summary line of an ingest.
var ingestedRe = regexp.MustCompile(`ingested (\d+) articles? \((\d+) unchanged, (\d+) failed\)`)

func summaryOf(t *testing.T, stderr string) (total, unchanged int) {
	t.Helper()
	m := ingestedRe.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no summary line in:\n%s", stderr)
	}
	total, _ = strconv.Atoi(m[1])
	unchanged, _ = strconv.Atoi(m[2])
	return total, unchanged
}

// generated writes a JSON Lines corpus of n generated articles.
func generated(t *testing.T, n int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "corpus.jsonl")
	if r := kgRun(t, context.Background(), "generate", "--n", strconv.Itoa(n), "--seed", "7", "--format", "jsonl", "--out", p); r.code != ExitOK {
		t.Fatalf("generate: exit %d: %s", r.code, r.stderr)
	}
	return p
}

// TestResumeAfterKill kills (SIGKILL) kg ingest as soon as the store has
// committed 80 % of a corpus (polled every 10 ms, so the kill comes right
// after the commit that crossed 80 %: the share committed at the kill is
// logged), runs it again and checks that the re-run only extracts what
// was not committed and ends with exactly the graph of an uninterrupted
// ingest. KG_RESUME_N sets the corpus size (default 1200) and
// KG_RESUME_BATCH the --batch flag (default 100; "auto" for kg's own
// batching); KG_RESUME_KILL=time kills at 80 % of the full ingest's time
// instead, wherever the batches are, and KG_RESUME_KILL=cpu at 80 % of its
// CPU time (Linux: read from /proc): both are guesses of where 80 % of the
// work is (at load 0-1, 80 % of the CPU time came with 67-91 % of the
// articles committed), kept to measure the work a kill between two
// commits loses. It logs the measurement docs/PERFORMANCE.md reports: the
// full ingest's time, when the kill came, how long after the last commit
// and with what share committed, the re-run's time and the ratio, in wall
// time and in CPU time (user+system of the process, which the machine's
// load disturbs less), and the articles extracted again.
func TestResumeAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests a corpus three times")
	}
	kg, err := exec.LookPath("kg")
	if err != nil {
		t.Skipf("kg is not on PATH (testscript.Main installs it): %v", err)
	}
	n := 1200
	if v := os.Getenv("KG_RESUME_N"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	batch := []string{"--batch", "100"}
	if v := os.Getenv("KG_RESUME_BATCH"); v == "auto" {
		batch = nil
	} else if v != "" {
		batch = []string{"--batch", v}
	}
	corpus := generated(t, n)
	dir := t.TempDir()
	ingestCmd := func(store string) *exec.Cmd {
		cmd := exec.Command(kg, append(append([]string{"ingest", "--store", store}, batch...), corpus)...)
		cmd.Env = append(os.Environ(), "NEO4J_URI=", "KG_STORE=")
		return cmd
	}
	runIngest := func(store string) (out string, wall, cpu time.Duration) {
		t.Helper()
		cmd := ingestCmd(store)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			t.Fatalf("ingest: %v\n%s", err, stderr.String())
		}
		return stderr.String(), time.Since(start), cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}

	full := filepath.Join(dir, "full.db")
	_, tFull, cpuFull := runIngest(full)

	part := filepath.Join(dir, "part.db")
	cmd := ingestCmd(part)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// The store is polled while kg runs: kept is the last committed count
	// seen, lastCommit when it was first seen.
	var kept int64
	var lastCommit time.Time
	deadline := time.After(5 * time.Minute)
	killBy := os.Getenv("KG_RESUME_KILL")
	byTime := killBy == "time" || killBy == "cpu"
	if killBy == "cpu" {
		if _, err := processCPU(cmd.Process.Pid); err != nil {
			t.Skipf("no CPU time of a process here: %v", err)
		}
	}
	killAt := start.Add(tFull * 8 / 10)
poll:
	for {
		select {
		case err := <-done:
			t.Fatalf("the ingest ended before it was killed (%v):\n%s", err, stderr.String())
		case <-deadline:
			cmd.Process.Kill()
			t.Fatal("80 % not committed in 5 minutes")
		case <-time.After(10 * time.Millisecond):
		}
		if c := articlesNow(part); c > kept {
			kept, lastCommit = c, time.Now()
		}
		// Killed once 80 % is committed, or at 80 % of the full ingest's
		// time, wherever its batches are: the work since the last commit
		// is lost.
		switch killBy {
		case "time":
			if !time.Now().Before(killAt) {
				break poll
			}
		case "cpu":
			if c, err := processCPU(cmd.Process.Pid); err == nil && c >= cpuFull*8/10 {
				break poll
			}
		default:
			if kept >= int64(n)*8/10 {
				break poll
			}
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	<-done
	cpuKilled := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	// What the re-run finds, unless the hot journal the kill left keeps a
	// read-only open out (0): then the last commit seen.
	if c := articlesNow(part); c > 0 {
		kept = c
	}

	out, tResume, cpuResume := runIngest(part)
	total, unchanged := summaryOf(t, out)
	if total != n || unchanged < int(kept) {
		t.Errorf("re-run: %d articles, %d unchanged; want %d and at least the %d committed before the kill", total, unchanged, n, kept)
	}
	if redone := n - unchanged; redone > n/4 && !byTime {
		t.Errorf("the re-run extracted %d of %d articles, more than a quarter", redone, n)
	}
	if got, want := fmt.Sprint(storeCounts(t, part)), fmt.Sprint(storeCounts(t, full)); got != want {
		t.Errorf("after the re-run the store holds %s, an uninterrupted ingest %s", got, want)
	}
	noJournal(t, part)
	sinceCommit := "no commit seen"
	if !lastCommit.IsZero() {
		sinceCommit = fmt.Sprintf("%.2f s after the last commit", killed.Sub(lastCommit).Seconds())
	}
	t.Logf("%d articles: full ingest %.2f s (CPU %.2f s); killed at %.2f s (%.0f %%; CPU %.2f s, %.0f %%), %s, %d committed (%.1f %%); "+
		"re-run %.2f s (CPU %.2f s): %.0f %% of the full ingest (CPU %.0f %%), %d articles extracted again (%.0f %%)",
		n, tFull.Seconds(), cpuFull.Seconds(), killed.Sub(start).Seconds(), 100*killed.Sub(start).Seconds()/tFull.Seconds(),
		cpuKilled.Seconds(), 100*cpuKilled.Seconds()/cpuFull.Seconds(), sinceCommit, kept, 100*float64(kept)/float64(n), tResume.Seconds(), cpuResume.Seconds(), 100*tResume.Seconds()/tFull.Seconds(),
		100*cpuResume.Seconds()/cpuFull.Seconds(), n-unchanged, 100*float64(n-unchanged)/float64(n))
}

// TestIngestDiskFull ingests into a 3 MB tmpfs: kg stops with exit 3 and
// says "disk full", what to do and how many articles were kept; once
// there is room the same command does only the rest, and the store ends
// as an uninterrupted ingest leaves it. Skips where a tmpfs cannot be
// mounted (root on Linux is needed).
func TestIngestDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests a corpus three times")
	}
	for _, k := range []string{"NEO4J_URI", "NEO4J_PASSWORD", "KG_STORE"} {
		t.Setenv(k, "")
	}
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", mnt).CombinedOutput(); err != nil {
			t.Errorf("umount: %v %s", err, out)
		}
	})
	corpus := generated(t, 1500)
	ctx := context.Background()
	full := filepath.Join(t.TempDir(), "full.db")
	if r := kgRun(t, ctx, "ingest", "--store", full, corpus); r.code != ExitOK {
		t.Fatalf("full ingest: exit %d\n%s", r.code, r.stderr)
	}

	store := filepath.Join(mnt, "kg.db")
	r := kgRun(t, ctx, "ingest", "--batch", "50", "--store", store, corpus)
	if r.code != ExitUnavailable {
		t.Fatalf("into a full disk: exit %d, want %d\n%s", r.code, ExitUnavailable, r.stderr)
	}
	for _, want := range []string{
		"disk full: free some space on the disk holding the store (or ingest into another one with --store), then run the same command again",
		"kg.db", "committed before it stay in the store (a re-run skips them and does the rest)",
	} {
		if !bytes.Contains([]byte(r.stderr), []byte(want)) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	m := regexp.MustCompile(`the (\d+) articles committed before it`).FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("stderr does not say how many articles were kept:\n%s", r.stderr)
	}
	kept, _ := strconv.Atoi(m[1])
	if got := storeCounts(t, store).Nodes["Article"]; got != int64(kept) {
		t.Errorf("the store holds %d articles, the message says %d", got, kept)
	}
	// The session ran in WAL mode after its first commit: without room,
	// the -wal file (committed batches) cannot be folded back into the
	// store, so it may stay until the next ingest; no rollback journal.
	if _, err := os.Stat(store + "-journal"); err == nil {
		t.Error("kg.db-journal left behind")
	}

	if out, err := exec.Command("mount", "-o", "remount,size=256m", mnt).CombinedOutput(); err != nil {
		t.Fatalf("growing the tmpfs: %v %s", err, out)
	}
	r = kgRun(t, ctx, "ingest", "--store", store, corpus)
	if r.code != ExitOK {
		t.Fatalf("re-run with room: exit %d\n%s", r.code, r.stderr)
	}
	if total, unchanged := summaryOf(t, r.stderr); total != 1500 || unchanged != kept {
		t.Errorf("re-run: %d articles, %d unchanged; want 1500 and %d", total, unchanged, kept)
	}
	if got, want := fmt.Sprint(storeCounts(t, store)), fmt.Sprint(storeCounts(t, full)); got != want {
		t.Errorf("after the re-run the store holds %s, an uninterrupted ingest %s", got, want)
	}
	noJournal(t, store)
	t.Logf("%d of 1500 articles kept when the disk filled", kept)
}

// articlesNow is how many articles the store at path holds now, 0 while it
// cannot be read yet (not created, no schema yet, locked).
func articlesNow(path string) int64 {
	s, err := sqlite.Open(context.Background(), path, sqlite.Options{ReadOnly: true})
	if err != nil {
		return 0
	}
	defer s.Close()
	c, err := s.Counts(context.Background())
	if err != nil {
		return 0
	}
	return c.Nodes["Article"]
}

// processCPU is the user+system CPU time process pid has used so far, from
// /proc/PID/stat (Linux; clock ticks of 1/100 s, the kernel's USER_HZ).
func processCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) is in parentheses and may hold spaces:
	// utime and stime are fields 14 and 15, the 12th and 13th after it.
	i := bytes.LastIndexByte(b, ')')
	f := strings.Fields(string(b[i+1:]))
	if i < 0 || len(f) < 13 {
		return 0, fmt.Errorf("unexpected /proc/%d/stat: %q", pid, b)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("unexpected /proc/%d/stat: %q", pid, b)
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}
