package eval

import (
	"math"
	"testing"
)

func TestPyFloatRepr(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0.0"},
		{math.Copysign(0, -1), "-0.0"},
		{1, "1.0"},
		{0.5, "0.5"},
		{1.0 / 3, "0.3333333333333333"},
		{4.0 / 7, "0.5714285714285714"},
		{0.0001, "0.0001"},
		{0.00001, "1e-05"},
		{1.5e-7, "1.5e-07"},
		{1000.5, "1000.5"},
		{1e15, "1000000000000000.0"},
		{1e16, "1e+16"},
		{1.2345678901234568e+17, "1.2345678901234568e+17"},
		{1e21, "1e+21"},
		{-2.5e100, "-2.5e+100"},
		{math.Inf(1), "inf"},
		{math.NaN(), "nan"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := pyFloatRepr(tt.in); got != tt.want {
				t.Errorf("pyFloatRepr(%v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPyNumber(t *testing.T) {
	tests := []struct{ lit, want string }{
		{"50", "50"},
		{"-0", "0"},
		{"123456789012345678901234567890", "123456789012345678901234567890"},
		{"1e3", "1000.0"},
		{"2.50", "2.5"},
		{"1E-7", "1e-07"},
		{"0.00001", "1e-05"},
		{"1e400", "inf"},
	}
	for _, tt := range tests {
		t.Run(tt.lit, func(t *testing.T) {
			if got := pyNumber(tt.lit); got != tt.want {
				t.Errorf("pyNumber(%q) = %q, want %q", tt.lit, got, tt.want)
			}
		})
	}
}

func TestPyStrRepr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"hanoi", `'hanoi'`},
		{"", `''`},
		{"o'brien", `"o'brien"`},
		{`a'b"c`, `'a\'b"c'`},
		{`back\slash`, `'back\\slash'`},
		{"tab\tnl\ncr\r", `'tab\tnl\ncr\r'`},
		{"\x00\x1f\x7f", `'\x00\x1f\x7f'`},
		{"Hà Nội", `'Hà Nội'`},
		{"nb\u00a0sp", `'nb\xa0sp'`},
		{"zw\u200bsp", `'zw\u200bsp'`},
		{"tag\U000e0001", `'tag\U000e0001'`},
		{"🙂", `'🙂'`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := pyStrRepr(tt.in); got != tt.want {
				t.Errorf("pyStrRepr(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestPropString(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"string", "2023-04", "2023-04"},
		{"empty string", "", ""},
		{"nil", nil, ""},
		{"int", 2023, "2023"},
		{"integral float", float64(2023), "2023"},
		{"float", 2023.5, "2023.5"},
		{"zero", 0, ""},
		{"true", true, "True"},
		{"false", false, ""},
		{"list", []any{"2023", 4.0}, "['2023', 4]"},
		{"empty list", []any{}, ""},
		{"map", map[string]any{"y": 2023, "m": "04"}, "{'m': '04', 'y': 2023}"},
		{"unmarshalable", func() {}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := propString(tt.in); got != tt.want {
				t.Errorf("propString(%v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPyText(t *testing.T) {
	if got, want := pyText("a\xffb\xc3"), "a\uFFFDb\uFFFD"; got != want {
		t.Errorf("pyText = %q, want %q", got, want)
	}
	if got, want := pyOpt(""), "None"; got != want {
		t.Errorf("pyOpt(\"\") = %q, want %q", got, want)
	}
}
