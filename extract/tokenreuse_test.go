package extract

import (
	"reflect"
	"testing"
	"unsafe"
)

// dirty sets every field of the token *t to a non-zero value, whatever
// fields the struct has, so that a field the tokenizer forgets to write
// shows.
func dirty(t *token) {
	v := reflect.ValueOf(t).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		f = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem() // unexported
		switch f.Kind() {
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Int, reflect.Int32, reflect.Int64:
			f.SetInt(7)
		case reflect.Uint64:
			f.SetUint(7)
		case reflect.String:
			f.SetString("stale")
		default:
			panic("dirty: a token field of kind " + f.Kind().String() + ": add it here")
		}
	}
}

// TestTokenizeReusedSlice: tokenizing into a slice whose spare capacity
// holds another document's tokens gives the same tokens as into a fresh
// one. tokenizeKeys writes each token field by field in place (see
// grow), so a field it does not write would keep the old token's value.
func TestTokenizeReusedSlice(t *testing.T) {
	x := testExtractor(t)
	text := "Le maire de Hà Nội, M. NGUYEN Van A, a reçu 50 délégués — CommitteeSecretary (2024)."
	var kc keyCache
	for _, keys := range []bool{false, true} {
		fresh := func(out []token) []token {
			if !keys {
				return tokenize(text, 0, len(text), 3, out)
			}
			kc.reset(x.vocab)
			return tokenizeKeys(&kc, text, 0, len(text), 3, out)
		}
		want := fresh(nil)
		used := make([]token, len(want)+8)
		for i := range used {
			dirty(&used[i])
		}
		got := fresh(used[:0])
		if !reflect.DeepEqual(got, want) {
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("keys %v: token %d into a used slice %+v, into a fresh one %+v", keys, i, got[i], want[i])
				}
			}
		}
	}
}
