package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kg-dev/kg/internal/corpus"
	ucli "github.com/urfave/cli/v2"
)

func generateCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "generate",
		Usage: "write a synthetic corpus of articles, for speed and scale tests",
		Description: "Writes N English and French articles about Vietnam–France city diplomacy, recombining sentence\n" +
			"patterns with places from the gazetteer and generated people, offices and events, so that the\n" +
			"number of distinct entities grows with N. The same --seed and --n give the same bytes on every run.\n" +
			"--format txt writes one file per article (000042_fr.txt) into the directory --out, which must be\n" +
			"new or empty unless --force (files of the same names are then overwritten, others left alone);\n" +
			"--format jsonl writes one JSON object per line (id, title, date, lang, url, text) to the file\n" +
			"--out, or to standard output with --out -.",
		Flags: []ucli.Flag{
			&ucli.IntFlag{Name: "n", Value: 100, Usage: "write `N` articles"},
			&ucli.Int64Flag{Name: "seed", Value: 1, Usage: "random `SEED`: the same seed gives the same corpus"},
			&ucli.Float64Flag{Name: "french", Value: 0.5, Usage: "share of French articles, `F` in (0, 1]"},
			&ucli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "write to `PATH`: a directory (txt) or a file (jsonl, - for standard output)"},
			&ucli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "txt", Usage: "output `FORMAT`: txt or jsonl"},
			&ucli.BoolFlag{Name: "force", Usage: "write into a non-empty directory or over an existing file"},
		},
		Action: func(c *ucli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("%w: generate takes no arguments, got %q", ErrUsage, c.Args().First())
			}
			opts := corpus.Options{Seed: c.Int64("seed"), N: c.Int("n"), FrenchShare: c.Float64("french")}
			if opts.N < 0 {
				return fmt.Errorf("%w: --n must not be negative", ErrUsage)
			}
			if opts.FrenchShare <= 0 || opts.FrenchShare > 1 {
				return fmt.Errorf("%w: --french must be greater than 0 and at most 1, not %g", ErrUsage, opts.FrenchShare)
			}
			out := c.String("out")
			if out == "" {
				return fmt.Errorf("%w: generate needs --out", ErrUsage)
			}
			start := time.Now()
			var n, size int64
			count := func(a corpus.Article) error {
				if err := c.Context.Err(); err != nil {
					return err
				}
				n++
				size += int64(len(a.Text))
				return nil
			}
			var err error
			switch f := c.String("format"); f {
			case "txt":
				err = generateTxt(opts, out, c.Bool("force"), count)
			case "jsonl":
				err = generateJSONL(opts, out, c.Bool("force"), c.App.Writer, count)
			default:
				return fmt.Errorf("%w: --format must be txt or jsonl, not %q", ErrUsage, f)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "generated %d articles (%.1f MB of text) in %.1f s\n",
				n, float64(size)/1e6, time.Since(start).Seconds())
			return nil
		},
	}
}

// generateTxt writes one file per article into dir, which must be missing
// or empty unless force.
func generateTxt(opts corpus.Options, dir string, force bool, count func(corpus.Article) error) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("creating %s: %w", dir, err)
		}
	case err != nil:
		return fmt.Errorf("%w: --out %s: %v", ErrUsage, dir, err)
	case len(entries) > 0 && !force:
		return fmt.Errorf("%w: --out %s is not empty (use --force to write into it anyway)", ErrUsage, dir)
	}
	return corpus.Generate(opts, func(a corpus.Article) error {
		if err := count(a); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, a.Name), []byte(a.Text), 0o644)
	})
}

// generateJSONL writes one JSON object per article to path, or to stdout
// when path is "-".
func generateJSONL(opts corpus.Options, path string, force bool, stdout io.Writer, count func(corpus.Article) error) (err error) {
	w := stdout
	if path != "-" {
		flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		if !force {
			flags |= os.O_EXCL
		}
		f, err := os.OpenFile(path, flags, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%w: --out %s exists (use --force to overwrite it)", ErrUsage, path)
		}
		if err != nil {
			return fmt.Errorf("creating output: %w", err)
		}
		defer func() {
			if cerr := f.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("writing %s: %w", path, cerr)
			}
		}()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err = corpus.Generate(opts, func(a corpus.Article) error {
		if err := count(a); err != nil {
			return err
		}
		return enc.Encode(jsonlRecord(opts.Seed, a))
	})
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// generatedRecord is a line of a generated JSON Lines corpus, in the
// fields reader/jsonl.go reads.
type generatedRecord struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Date  string `json:"date,omitempty"`
	Lang  string `json:"lang"`
	URL   string `json:"url"`
	Text  string `json:"text"`
}

// jsonlRecord moves an article's first line (" date 2023-04-14 Title", or
// the title alone) into the record's date and title; the text is the rest.
func jsonlRecord(seed int64, a corpus.Article) generatedRecord {
	id := strings.TrimSuffix(a.Name, filepath.Ext(a.Name))
	first, text, _ := strings.Cut(a.Text, "\n")
	rec := generatedRecord{ID: id, Lang: a.Lang, Title: first,
		URL:  fmt.Sprintf("https://corpus.invalid/seed-%d/%s", seed, id),
		Text: strings.TrimLeft(text, "\n")}
	if rest, ok := strings.CutPrefix(first, " date "); ok {
		rec.Date, rec.Title, _ = strings.Cut(rest, " ")
	}
	return rec
}
