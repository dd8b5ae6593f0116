package dates

import "github.com/kg-dev/kg/extract/internal/scan"

// ParseISO validates an ISO 8601 date prefix: "2023", "2023-04" or
// "2023-04-14" (surrounding spaces allowed). It returns the prefix and
// whether it is a real date: "2023-02-29" and "2023-13" are rejected.
func ParseISO(s string) (string, bool) {
	s = scan.TrimSpace(s)
	y, m, d, ok := dateParseISO(s)
	if !ok {
		return "", false
	}
	return dateFormat(y, m, d), true
}

// dateParseISO parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" exactly.
func dateParseISO(s string) (y, m, d int, ok bool) {
	digits := func(t string) (int, bool) {
		v := 0
		for i := 0; i < len(t); i++ {
			if !scan.IsDigit(t[i]) {
				return 0, false
			}
			v = v*10 + int(t[i]-'0')
		}
		return v, true
	}
	switch len(s) {
	case 4, 7, 10:
	default:
		return 0, 0, 0, false
	}
	if y, ok = digits(s[:4]); !ok || y < 1000 {
		return 0, 0, 0, false
	}
	if len(s) >= 7 {
		if s[4] != '-' {
			return 0, 0, 0, false
		}
		if m, ok = digits(s[5:7]); !ok || m < 1 || m > 12 {
			return 0, 0, 0, false
		}
	}
	if len(s) == 10 {
		if s[7] != '-' {
			return 0, 0, 0, false
		}
		if d, ok = digits(s[8:10]); !ok || d < 1 || d > dateDaysIn(y, m) {
			return 0, 0, 0, false
		}
	}
	return y, m, d, true
}

// dateDaysIn returns the number of days of month m in year y.
func dateDaysIn(y, m int) int {
	switch m {
	case 1, 3, 5, 7, 8, 10, 12:
		return 31
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 0
}

// dateFormat writes y, y-m or y-m-d (m, d zero when absent).
func dateFormat(y, m, d int) string {
	var b [10]byte
	b[0] = byte('0' + y/1000%10)
	b[1] = byte('0' + y/100%10)
	b[2] = byte('0' + y/10%10)
	b[3] = byte('0' + y%10)
	if m == 0 {
		return string(b[:4])
	}
	b[4], b[5], b[6] = '-', byte('0'+m/10), byte('0'+m%10)
	if d == 0 {
		return string(b[:7])
	}
	b[7], b[8], b[9] = '-', byte('0'+d/10), byte('0'+d%10)
	return string(b[:])
}

// ParseNumeric reads a date written in digits, as archives and feeds give
// an article's date: an ISO 8601 prefix ("2023", "2023-04",
// "2023-04-14", also with "/" or "." between the parts, and a time after
// "T" or a space: "2023-04-14T10:00:00Z"), or day first with the year
// last ("16/05/2024", "16-05-2024", "16.05.2024", "5/6/2024"; month first
// only when day first cannot be: "04/14/2023"), or month and year
// ("05/2024"). It returns the ISO 8601 prefix, keeping the precision
// written, and whether s is a real date ("31/04/2024" and "2023-02-29"
// are not).
func ParseNumeric(s string) (string, bool) {
	s = scan.TrimSpace(s)
	if k := indexAny(s, "T "); k > 0 {
		s = s[:k] // a time follows
	}
	var parts [3]int
	var ndig [3]int
	n := 0
	sep := byte(0)
	for i := 0; i < len(s); {
		if n == 3 {
			return "", false
		}
		j := i
		v := 0
		for j < len(s) && scan.IsDigit(s[j]) && j-i < 4 {
			v = v*10 + int(s[j]-'0')
			j++
		}
		if j == i || j < len(s) && scan.IsDigit(s[j]) {
			return "", false
		}
		parts[n], ndig[n] = v, j-i
		n++
		if j == len(s) {
			break
		}
		c := s[j]
		if c != '-' && c != '/' && c != '.' || sep != 0 && c != sep || j+1 == len(s) {
			return "", false
		}
		sep = c
		i = j + 1
	}
	y, m, d := 0, 0, 0
	switch {
	case ndig[0] == 4: // year first
		if n > 1 && ndig[1] > 2 || n > 2 && ndig[2] > 2 {
			return "", false
		}
		y, m, d = parts[0], parts[1], parts[2]
		if n > 1 && m == 0 || n > 2 && d == 0 {
			return "", false
		}
	case n == 3 && ndig[2] == 4 && ndig[0] <= 2 && ndig[1] <= 2: // day first
		y, m, d = parts[2], parts[1], parts[0]
		if m > 12 && d <= 12 {
			m, d = d, m // "04/14/2023"
		}
		if d == 0 {
			return "", false
		}
	case n == 2 && ndig[1] == 4 && ndig[0] <= 2 && sep != '-': // "05/2024"
		y, m = parts[1], parts[0]
		if m == 0 {
			return "", false
		}
	default:
		return "", false
	}
	if y < 1000 || m > 12 || d > 0 && d > dateDaysIn(y, m) {
		return "", false
	}
	return dateFormat(y, m, d), true
}

func indexAny(s, chars string) int {
	for i := 0; i < len(s); i++ {
		for j := 0; j < len(chars); j++ {
			if s[i] == chars[j] {
				return i
			}
		}
	}
	return -1
}

// Parse reads s as one date, as a feed or page gives an article's date:
// the numeric forms of ParseNumeric, or a written date in any language of
// w with its year ("16 mai 2024", "May 16, 2024", "mardi 14 mai 2024",
// "avril 2023"). It returns the ISO 8601 prefix and whether s held one.
func (w *Words) Parse(s string) (string, bool) {
	if v, ok := ParseNumeric(s); ok {
		return v, true
	}
	for _, sp := range w.Find(s, Options{}) {
		return sp.Value, true
	}
	return "", false
}
