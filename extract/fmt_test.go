package extract

import "strconv"

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) }
func itoa(i int) string     { return strconv.Itoa(i) }
