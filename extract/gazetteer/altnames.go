package gazetteer

import (
	"bufio"
	"strings"
)

// AltNames returns every spelling the embedded data gives for each place
// for which want(id) is true (the canonical name, aliases, the hand-made
// aliases of extra.tsv), without loading the gazetteer: kg's lookups by
// name (kg search, show) use it to find a place by a spelling no article
// of the store used ("Saigon", "TP.HCM" for Ho Chi Minh City). It reads
// the files line by line and splits only the lines of wanted ids.
//
// It also returns the ISO 3166-1 code of every place's country (for a
// country, its own), for the places wanted and for every country.
func AltNames(want func(id string) bool) (names map[string][]string, iso map[string]string, err error) {
	out := map[string][]string{}
	iso = map[string]string{}
	// file, id column, name columns (|-separated lists)
	files := []struct {
		name  string
		id    int
		names []int
		kind  string // extra.tsv: only lines of this first field
		iso   int    // the ISO code's column, or -1
	}{
		{"data/places.tsv", 0, []int{1, 6}, "", 2},
		{"data/countries.tsv", 0, []int{2, 4}, "", 1},
		{"data/extra.tsv", 1, []int{2}, "alias", -1},
	}
	for _, f := range files {
		r, err := dataFS.Open(f.name)
		if err != nil {
			return nil, nil, err
		}
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if line == "" || line[0] == '#' {
				continue
			}
			if f.kind != "" && !strings.HasPrefix(line, f.kind+"\t") {
				continue
			}
			id := field(line, f.id)
			if f.iso >= 0 && (want(id) || f.name == "data/countries.tsv") {
				iso[id] = field(line, f.iso)
			}
			if !want(id) {
				continue
			}
			cols := strings.Split(line, "\t")
			for _, c := range f.names {
				if c < len(cols) && cols[c] != "" {
					out[id] = append(out[id], strings.Split(cols[c], "|")...)
				}
			}
		}
		r.Close()
		if err := sc.Err(); err != nil {
			return nil, nil, err
		}
	}
	return out, iso, nil
}

// field returns the i-th tab-separated field of line.
func field(line string, i int) string {
	for ; i > 0; i-- {
		j := strings.IndexByte(line, '\t')
		if j < 0 {
			return ""
		}
		line = line[j+1:]
	}
	if j := strings.IndexByte(line, '\t'); j >= 0 {
		return line[:j]
	}
	return line
}
