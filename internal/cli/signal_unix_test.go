//go:build unix

package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalEndsBlockedIngest runs kg as a process blocked on its input
// (a FIFO nobody writes to, one whose writer is silent, a silent pipe as
// stdin, a silent pipe as stdin while a FIFO is pending), sends it SIGTERM
// or SIGINT and checks it exits within a second with code 130, leaving no
// journal.
func TestSignalEndsBlockedIngest(t *testing.T) {
	kg, err := exec.LookPath("kg") // the test binary, installed by testscript.Main
	if err != nil {
		t.Skipf("kg is not on PATH (testscript.Main installs it): %v", err)
	}
	tests := []struct {
		name  string
		sig   syscall.Signal
		setup func(t *testing.T, dir string, cmd *exec.Cmd)
	}{
		{"FIFO without a writer, SIGTERM", syscall.SIGTERM, func(t *testing.T, dir string, cmd *exec.Cmd) {
			mkfifo(t, filepath.Join(dir, "ff.txt"))
			cmd.Args = append(cmd.Args, "ff.txt")
		}},
		{"FIFO without a writer, SIGINT", syscall.SIGINT, func(t *testing.T, dir string, cmd *exec.Cmd) {
			mkfifo(t, filepath.Join(dir, "ff"))
			cmd.Args = append(cmd.Args, "ff")
		}},
		{"FIFO whose writer is silent, SIGTERM", syscall.SIGTERM, func(t *testing.T, dir string, cmd *exec.Cmd) {
			p := filepath.Join(dir, "ff.jsonl")
			mkfifo(t, p)
			go func() {
				if f, err := os.OpenFile(p, os.O_WRONLY, 0); err == nil {
					t.Cleanup(func() { f.Close() })
				}
			}()
			cmd.Args = append(cmd.Args, "ff.jsonl")
		}},
		{"stdin pipe whose writer is silent, SIGTERM", syscall.SIGTERM, func(t *testing.T, dir string, cmd *exec.Cmd) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { r.Close(); w.Close() })
			cmd.Stdin = r
			cmd.Args = append(cmd.Args, "-")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(kg, "ingest", "--store", "kg.db")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "NEO4J_URI=", "KG_STORE=")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			tt.setup(t, dir, cmd)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Once the store exists kg handles signals and is on its way
			// to the input, where it blocks.
			for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
				if _, err := os.Stat(filepath.Join(dir, "kg.db")); err == nil {
					break
				}
				if time.Since(start) > 30*time.Second {
					cmd.Process.Kill()
					t.Fatalf("kg did not open its store in 30 s; stderr:\n%s", stderr.String())
				}
			}
			time.Sleep(300 * time.Millisecond) // the input pending
			sent := time.Now()
			if err := cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err = <-done:
			case <-time.After(time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatalf("kg still running 1 s after %v; stderr:\n%s", tt.sig, stderr.String())
			}
			took := time.Since(sent)
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != ExitInterrupted {
				t.Fatalf("exit: %v, want code %d; stderr:\n%s", err, ExitInterrupted, stderr.String())
			}
			if !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("stderr does not say interrupted:\n%s", stderr.String())
			}
			noJournal(t, filepath.Join(dir, "kg.db"))
			t.Logf("exited %v after the signal", took.Round(time.Millisecond))
		})
	}
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}

// TestStdinIngest pipes JSON Lines and plain text into kg ingest - and kg
// extract -, as a producer in a shell pipeline would.
func TestStdinIngest(t *testing.T) {
	kg, err := exec.LookPath("kg")
	if err != nil {
		t.Skipf("kg is not on PATH (testscript.Main installs it): %v", err)
	}
	dir := t.TempDir()
	jsonl := `{"id":"p1","text":"The mayor of Lyon, Anne Martin, welcomed a delegation from Hue on 3 May 2024."}` + "\n" +
		`{"id":"p2","text":"Hanoi and Toulouse signed a cooperation agreement in Hanoi."}` + "\n"
	run := func(stdin string, args ...string) (string, string) {
		t.Helper()
		cmd := exec.Command(kg, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "NEO4J_URI=", "KG_STORE=")
		cmd.Stdin = strings.NewReader(stdin) // exec copies it through a pipe
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Fatalf("kg %s: %v\n%s", strings.Join(args, " "), err, errb.String())
		}
		return out.String(), errb.String()
	}
	if _, errs := run(jsonl, "ingest", "-"); !strings.Contains(errs, "ingested 2 articles (0 unchanged, 0 failed)") {
		t.Errorf("ingest - (JSON Lines): %s", errs)
	}
	if _, errs := run(jsonl, "ingest", "-"); !strings.Contains(errs, "ingested 2 articles (2 unchanged, 0 failed)") {
		t.Errorf("ingest - again: %s", errs)
	}
	if out, _ := run("Hanoi and Toulouse signed a cooperation agreement.\n", "extract", "--format", "json", "-"); !strings.Contains(out, `"stdin"`) {
		t.Errorf("extract - (text): the article is not named stdin:\n%s", out)
	}
	// A text is article stdin: a second one replaces the first, and says so.
	const replaces = "this text replaces article stdin"
	if _, errs := run("Hanoi and Toulouse signed a cooperation agreement.\n", "ingest", "-"); strings.Contains(errs, replaces) {
		t.Errorf("ingest - (first text): %s", errs)
	}
	if _, errs := run("Hanoi and Toulouse signed a cooperation agreement.\n", "ingest", "-"); strings.Contains(errs, replaces) || !strings.Contains(errs, "(1 unchanged") {
		t.Errorf("ingest - (the same text again): %s", errs)
	}
	if _, errs := run("Hue and Blois signed a twinning agreement.\n", "ingest", "-"); !strings.Contains(errs, "warning: -: "+replaces) {
		t.Errorf("ingest - (another text): no warning that it replaces the first:\n%s", errs)
	}
}
