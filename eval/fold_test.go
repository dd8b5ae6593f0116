package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	kgfold "github.com/kg-dev/kg/extract/fold"
)

func TestFold(t *testing.T) {
	tests := []struct {
		in, fold, key string
		sameAsFoldPkg bool // extract/fold agrees
	}{
		{"", "", "", true},
		{"Hà Nội", "ha noi", "hanoi", true},
		{"  Việt Nam – France ", "viet nam france", "vietnamfrance", true},
		{"Đà Nẵng", "da nang", "danang", true},
		{"đinh Tiến Dũng", "dinh tien dung", "dinhtiendung", true},
		{"Ðà Nẵng", "a nang", "anang", true}, // Ð (eth) is not Đ
		{"Park Won-soon", "park won soon", "parkwonsoon", true},
		{"People’s Committee", "people s committee", "peoplescommittee", true},
		{"Ha\u0300 No\u0323\u0302i", "ha noi", "hanoi", true},
		{"14ᵉ Congrès", "14e congres", "14econgres", true},
		{"İstanbul", "istanbul", "istanbul", true},
		{"W\u034fCS", "w cs", "wcs", false},     // CGJ has combining class 0: a separator
		{"Straße", "stra e", "strae", false},    // ß has no decomposition
		{"Œuvre", "uvre", "uvre", false},        // nor œ, æ, ø, ł
		{"Ærø Łódź", "r odz", "rodz", false},    // ó and ź decompose, the others do not
		{"ﬁnance", "finance", "finance", false}, // compatibility ligature
		{"Ｈａｎｏｉ ２０１６", "hanoi 2016", "hanoi2016", false},
		{"①②", "12", "12", false},
		{"ǅemal", "dzemal", "dzemal", true},
		{"Kelvin \u212a", "kelvin k", "kelvink", true},
		{"서울", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := fold(tt.in); got != tt.fold {
				t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.fold)
			}
			if got := key(tt.in); got != tt.key {
				t.Errorf("key(%q) = %q, want %q", tt.in, got, tt.key)
			}
			if got := kgfold.Fold(tt.in) == tt.fold; got != tt.sameAsFoldPkg {
				t.Errorf("extract/fold.Fold(%q) = %q: agreement %v, want %v", tt.in, kgfold.Fold(tt.in), got, tt.sameAsFoldPkg)
			}
		})
	}
}

// foldProbe is the Python side of TestFoldMatchesPython: for every code
// point c, fold("a" + c + "b") unless it is the plain separator case, and
// the code points Python does not know (its Unicode may be older).
const foldProbe = `
import re, sys, unicodedata
sys.path.insert(0, "testdata")
from score import fold
out = sys.stdout
for cp in range(0x110000):
    if 0xD800 <= cp <= 0xDFFF:
        continue
    c = chr(cp)
    if unicodedata.category(c) == "Cn":
        out.write("%x ?\n" % cp)
        continue
    f = fold("a" + c + "b")
    if f != "a b":
        out.write("%x %s\n" % (cp, f))
`

// TestFoldMatchesPython compares fold with score.py's fold() on every
// code point Python's Unicode database knows, between two letters.
func TestFoldMatchesPython(t *testing.T) {
	py := python(t)
	if py == "" {
		t.Skip("python3 not found")
	}
	out, err := exec.Command(py, "-c", foldProbe).Output()
	if err != nil {
		t.Fatalf("running the Python probe: %v", err)
	}
	want := map[rune]string{}
	unknown := map[rune]bool{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		hexcp, f, _ := strings.Cut(sc.Text(), " ")
		cp, err := strconv.ParseInt(hexcp, 16, 32)
		if err != nil {
			t.Fatalf("bad probe line %q", sc.Text())
		}
		if f == "?" {
			unknown[rune(cp)] = true
			continue
		}
		want[rune(cp)] = f
	}
	if len(want) < 1000 {
		t.Fatalf("got %d probe results from Python, want more than 1000", len(want))
	}
	bad := 0
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) || unknown[r] {
			continue
		}
		w, ok := want[r]
		if !ok {
			w = "a b"
		}
		if got := fold("a" + string(r) + "b"); got != w {
			bad++
			if bad <= 20 {
				t.Errorf("fold(a+U+%04X+b) = %q, want %q", r, got, w)
			}
		}
	}
	if bad > 20 {
		t.Errorf("%d code points fold differently", bad)
	}
}

// TestPatternsMatchPython checks that every gold pattern finds the same
// folded names with regexp2 as with Python's re: the samples' gold, the
// edge cases, and the dev set's gold (lookaheads) when ../shared is there.
func TestPatternsMatchPython(t *testing.T) {
	var patterns []string
	var probes []string
	paths := []string{"testdata/seeds.gold.json", "testdata/edge.gold.json"}
	if _, err := os.Stat(devGold); err == nil {
		paths = append(paths, devGold)
	}
	for _, path := range paths {
		g := loadGoldFile(t, path)
		for _, e := range g.Entities {
			if e.Pattern != "" {
				patterns = append(patterns, e.Pattern)
			}
			probes = append(probes, fold(e.Name))
			for _, a := range e.Aliases {
				probes = append(probes, fold(a))
			}
		}
	}
	probes = append(probes, "", "12", "12e", "la 12e conference de cooperation decentralisee",
		"decentralised cooperation conference 12th", "112th decentrali", "decentrali 120", "13 congres",
		"congres 130", "le 14eme congres", "50e anniversaire", "150th anniversary", "20 ans du jumelage",
		"reunion restreinte des ministres", "80 ans", "wcs", "swcs", "wcs 2016", "conf 7", "conference 7",
		"conference 77", "the conf 7", "summit", "summits", "forum")
	if len(patterns) < 13 {
		t.Fatalf("got %d patterns, want at least 13", len(patterns))
	}
	py := python(t)
	if py == "" {
		t.Skip("python3 not found")
	}
	in, err := json.Marshal(map[string][]string{"patterns": patterns, "probes": probes})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, "-c", `
import json, re, sys
d = json.load(sys.stdin)
print(json.dumps([[bool(re.search(p, s)) for s in d["probes"]] for p in d["patterns"]]))`)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running Python: %v", err)
	}
	var want [][]bool
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	hits := 0
	for i, p := range patterns {
		re, err := compilePattern(p)
		if err != nil {
			t.Fatalf("compilePattern(%q): %v", p, err)
		}
		for j, s := range probes {
			got := re.MatchString(s)
			if got {
				hits++
			}
			if got != want[i][j] {
				t.Errorf("pattern %q on %q: got %v, want %v (Python)", p, s, got, want[i][j])
			}
		}
	}
	if hits < len(patterns) {
		t.Errorf("got %d matches over all probes, want at least one per pattern", hits)
	}
}

// devGold is the dev set's gold, beside the repository as CI lays it out.
const devGold = "../../shared/eval/dev/dev.gold.json"
