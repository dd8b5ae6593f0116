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
