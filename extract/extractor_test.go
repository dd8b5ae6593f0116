package extract

import (
	"strings"
	"testing"

	"github.com/kg-dev/kg/extract/fold"
)

// TestSlugID checks slugID against the plain form it replaces: the name
// without apostrophes, folded with hyphens, after the prefix.
func TestSlugID(t *testing.T) {
	for _, name := range []string{"Hà Nội", "Côte d'Ivoire", "Côte d\u2019Ivoire", "People's Committee of Đà Nẵng", "", "'", "A Very Long Name Of A Body That Goes On And On Beyond Ninety-Six Bytes Of Buffer, Really"} {
		want := "org:" + fold.Slug(strings.NewReplacer("'", "", "\u2019", "").Replace(name))
		if got := slugID("org", name); got != want {
			t.Errorf("slugID(org, %q) = %q, want %q", name, got, want)
		}
	}
}
