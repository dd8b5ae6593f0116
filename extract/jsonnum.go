package extract

import "strconv"

func jsonNumber(f float64) (string, error) {
	return strconv.FormatFloat(f, 'f', -1, 64), nil
}
