package termtext

import (
	"bufio"
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Hà Nội — Toulouse, 1996", "Hà Nội — Toulouse, 1996"},
		{"tab\tand\nnewline", "tab\tand\nnewline"},
		{"\x1b]0;owned\x07", "^[]0;owned^G"},                                                               // OSC: set the window title
		{"\x1b[2Jcleared", "^[[2Jcleared"},                                                                 // CSI: clear the screen
		{"\x1b]8;;https://x.example/\x1b\\link\x1b]8;;\x1b\\", `^[]8;;https://x.example/^[\link^[]8;;^[\`}, // OSC 8 hyperlink
		{"a\rb", "a^Mb"},
		{"nul\x00del\x7f", "nul^@del^?"},
		{"c1 \u009b2J \u009d0;t\u009c", "c1 ^[[2J ^[]0;t^[\\"}, // 8-bit CSI, OSC, ST
		{"\u202egnp.exe", "<U+202E>gnp.exe"},                   // right-to-left override
		{"\u2066x\u2069 \u200f \u061c", "<U+2066>x<U+2069> <U+200F> <U+061C>"},
		{"bad \xff\x9b byte", `bad \xff\x9b byte`},
		{"\u00a0 \u200b é", "\u00a0 \u200b é"}, // not controls: kept
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := String(String(tt.in)); again != String(tt.in) {
			t.Errorf("String is not idempotent on %q: %q", tt.in, again)
		}
	}
}

func TestStringDoesNotAllocateOnSafeText(t *testing.T) {
	s := strings.Repeat("Hanoi and Toulouse, Hà Nội và Toulouse. ", 50)
	if n := testing.AllocsPerRun(100, func() { _ = String(s) }); n != 0 {
		t.Errorf("String allocates %v times on safe text", n)
	}
}

// TestWriterKeepsSplitCharacters writes through a small bufio.Writer,
// which splits multi-byte characters across writes.
func TestWriterKeepsSplitCharacters(t *testing.T) {
	in := strings.Repeat("Hà Nội \u202e\x1b[2J ", 100)
	var out strings.Builder
	bw := bufio.NewWriterSize(NewWriter(&out), 16)
	if _, err := bw.WriteString(in); err != nil {
		t.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := String(in); out.String() != want {
		t.Errorf("through a Writer:\n%q\nwant\n%q", out.String(), want)
	}
}
