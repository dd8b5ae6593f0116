package eval

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

var dBar = strings.NewReplacer("đ", "d", "Đ", "D")

// fold returns score.py's fold(s): đ/Đ mapped to d, NFKD, combining
// characters dropped, ASCII lowercased, every run of characters other than
// [0-9a-z] replaced by one space, trimmed.
func fold(s string) string { return join(s, ' ') }

// key returns score.py's key(s): fold(s) without spaces.
func key(s string) string { return join(s, 0) }

func join(s string, sep byte) string {
	s = norm.NFKD.String(dBar.Replace(s))
	b := make([]byte, 0, len(s))
	pending := false
	for _, r := range s {
		if r >= 0x80 && norm.NFKD.PropertiesString(string(r)).CCC() != 0 {
			continue // unicodedata.combining(c) != 0
		}
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if pending && len(b) > 0 && sep != 0 {
				b = append(b, sep)
			}
			pending = false
			b = append(b, byte(r))
			continue
		}
		pending = true
	}
	return string(b)
}
