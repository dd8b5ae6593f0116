package cli

import (
	"fmt"
	"math"
	"os"

	"github.com/kg-dev/kg/eval"
	"github.com/kg-dev/kg/internal/termtext"
	ucli "github.com/urfave/cli/v2"
)

func evalCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "eval",
		Usage:     "score the extraction of articles against a gold file",
		ArgsUsage: "PATH...",
		Description: "Extracts PATH... as `kg extract` does and scores the result against --gold with the rules\n" +
			"of the reference scorer shared/eval/score.py, printing the same report: precision, recall and\n" +
			"F1 per category, then the overall F1 (the mean of the entity, relation and quantity F1).\n" +
			"--verbose lists missed, false-positive and duplicate items; --json adds score.py's JSON line.\n" +
			"With --min-f1 X, kg eval exits 1 when the overall F1 is below X (after printing the report).\n" +
			"Exit 1 also when some inputs could not be read; 2 for bad flags or an unreadable gold file.",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "gold", Aliases: []string{"g"}, Usage: "gold `FILE` (the format of eval/testdata/seeds.gold.json)"},
			&ucli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list missed, false-positive and duplicate items"},
			&ucli.BoolFlag{Name: "json", Usage: "also print the scores as one JSON line, as score.py --json"},
			&ucli.Float64Flag{Name: "min-f1", Usage: "exit 1 when the overall F1 is below `X` (0 to 1)"},
			workersFlag(),
		},
		Action: func(c *ucli.Context) error {
			goldPath := c.String("gold")
			if goldPath == "" {
				return fmt.Errorf("%w: eval needs --gold FILE", ErrUsage)
			}
			minF1 := c.Float64("min-f1")
			if c.IsSet("min-f1") && (math.IsNaN(minF1) || minF1 < 0 || minF1 > 1) {
				return fmt.Errorf("%w: --min-f1 must be between 0 and 1, not %v", ErrUsage, minF1)
			}
			if c.NArg() == 0 {
				return fmt.Errorf("%w: eval needs at least one PATH", ErrUsage)
			}
			gold, err := loadGoldFile(goldPath)
			if err != nil {
				return fmt.Errorf("%w: %v", ErrUsage, err)
			}
			res, failed, err := extractArgs(c)
			if err != nil {
				return err
			}
			rep := eval.Score(gold, res)
			w := c.App.Writer
			if err := rep.WriteText(termtext.NewWriter(w), c.Bool("verbose")); err != nil {
				return err
			}
			if c.Bool("json") {
				if _, err := fmt.Fprintf(w, "%s\n", rep.JSON()); err != nil {
					return fmt.Errorf("writing report: %w", err)
				}
			}
			if err := inputsError(failed); err != nil {
				return err
			}
			if c.IsSet("min-f1") && rep.Overall < minF1 {
				return ucli.Exit(fmt.Sprintf("overall F1 %.3f is below --min-f1 %v", rep.Overall, minF1), 1)
			}
			return nil
		},
	}
}

func loadGoldFile(path string) (*eval.Gold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening gold: %w", err)
	}
	defer f.Close()
	g, err := eval.LoadGold(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return g, nil
}
