package fold

import (
	"testing"
	"unicode"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, fold, key, slug string }{
		{"Hà Nội", "ha noi", "hanoi", "ha-noi"},
		{"Hanoï", "hanoi", "hanoi", "hanoi"},
		{"Đà Nẵng", "da nang", "danang", "da-nang"},
		{"đinh Tiến Dũng", "dinh tien dung", "dinhtiendung", "dinh-tien-dung"},
		{"Park Won-soon", "park won soon", "parkwonsoon", "park-won-soon"},
		{"People’s Committee", "people s committee", "peoplescommittee", "people-s-committee"},
		{"Séoul", "seoul", "seoul", "seoul"},
		{"Île-de-France", "ile de france", "iledefrance", "ile-de-france"},
		{"  Việt Nam – France ", "viet nam france", "vietnamfrance", "viet-nam-france"},
		{"14ᵉ Congrès", "14e congres", "14econgres", "14e-congres"},
		{"Œuvre", "oeuvre", "oeuvre", "oeuvre"},
		{"Việt Nam–France", "viet nam france", "vietnamfrance", "viet-nam-france"},
		{"«Balade en France»", "balade en france", "baladeenfrance", "balade-en-france"},
		{"", "", "", ""},
		// ASCII (Key's fast path)
		{"hanoi", "hanoi", "hanoi", "hanoi"},
		{"Hanoi", "hanoi", "hanoi", "hanoi"},
		{"U.S. 2023", "u s 2023", "us2023", "u-s-2023"},
		{"ABC-def_x", "abc def x", "abcdefx", "abc-def-x"},
		{"a very long ascii phrase beyond thirty-two bytes", "a very long ascii phrase beyond thirty two bytes", "averylongasciiphrasebeyondthirtytwobytes", "a-very-long-ascii-phrase-beyond-thirty-two-bytes"},
		{"!?", "", "", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.fold {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.fold)
		}
		if got := Key(tt.in); got != tt.key {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.key)
		}
		if got := Slug(tt.in); got != tt.slug {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.slug)
		}
	}
}

// refJoin is join as first written: Letters, then the filter.
func refJoin(s string, sep byte) string {
	l := Letters(s)
	b := make([]byte, 0, len(l))
	pending := false
	for i := 0; i < len(l); i++ {
		c := l[i]
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			if pending && len(b) > 0 && sep != 0 {
				b = append(b, sep)
			}
			pending = false
			b = append(b, c)
			continue
		}
		pending = true
	}
	return string(b)
}

// FuzzKey checks Key's ASCII fast path and join's one-pass folding
// against Letters and the filter.
func FuzzKey(f *testing.F) {
	f.Add("Hanoi")
	f.Add("Hà Nội-2023")
	f.Add("\u212a\u0130\u00df\u1ec7 x\xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Key(s), refJoin(s, 0); got != want {
			t.Errorf("Key(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(AppendKey([]byte("x-"), s)), "x-"+refJoin(s, 0); got != want {
			t.Errorf("AppendKey(x-, %q) = %q, want %q", s, got, want)
		}
		if got, want := Fold(s), refJoin(s, ' '); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
		if got, want := Slug(s), refJoin(s, '-'); got != want {
			t.Errorf("Slug(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(AppendSlug([]byte("x:"), s)), "x:"+refJoin(s, '-'); got != want {
			t.Errorf("AppendSlug(x:, %q) = %q, want %q", s, got, want)
		}
	})
}

func BenchmarkKey(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Key("Chủ tịch Ủy ban nhân dân thành phố Hà Nội Trần Sỹ Thanh")
	}
}

// TestJoinEveryRune compares join with refJoin on every rune between
// letters.
func TestJoinEveryRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r += 1 {
		if r == 0xD800 {
			r = 0xE000 // surrogates are no runes
		}
		s := "a" + string(r) + "b"
		for _, sep := range []byte{0, ' ', '-'} {
			if got, want := join(s, sep), refJoin(s, sep); got != want {
				t.Fatalf("join(%q, %q) = %q, want %q", s, sep, got, want)
			}
		}
	}
}
