package sqlite

import (
	"reflect"
	"testing"
)

// TestDecodeList checks decodeList (with its fast path) against
// encoding/json on what SQLite writes and on what takes the slow path.
func TestDecodeList(t *testing.T) {
	for _, s := range []string{
		`[]`, `["a"]`, `["Hà Nội and Toulouse signed.","b"]`, `[1,-2,30000000000]`, `[null,true,false]`,
		`["he said \"twin\"","tab\there","\u00e9\u2028"]`, `["fx-001",null,3,"x"]`, `[1.5,2]`, `[1e3]`,
		`[ "spaced" ]`, `[["nested"]]`, `[{"a":1}]`, `["a",]`, `[`, `["unterminated]`, `[1,2`, `[nul]`,
		`[99999999999999999999]`, "[\"\xff\"]", `["a"]x`,
	} {
		want, werr := jsonList(s)
		got, gerr := decodeList(s)
		if (werr != nil) != (gerr != nil) {
			t.Errorf("decodeList(%q): error %v, encoding/json: %v", s, gerr, werr)
			continue
		}
		if werr == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("decodeList(%q) = %#v, encoding/json gives %#v", s, got, want)
		}
	}
}
